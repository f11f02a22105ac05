// Alerts' use cases: a person's alerts page, marking them seen, choosing email, and the email loop.
// Every alert is asked of the policy as the child is when it is read, never when it was raised.
import type { Kysely, Transaction } from 'kysely'
import { getChildResources } from '../children/index.ts'
import { readableOn } from '../chronology/index.ts'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type Access, audited, authorize } from '../platform/access/guard.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { queueEmail } from '../platform/notify/email.ts'
import { alertKind, daysBefore, WORKED_WITH_DAYS } from './rules.ts'
import * as store from './store.ts'

type Db = Kysely<DB> | Transaction<DB>
export type Caller = Pick<Access, 'actor' | 'origin'> & { actor: Actor }

export interface Alert {
  occurredAt: Date
  kind: string
  summary: string
  childId: string
  childName: string
  agencyId: string
  isNew: boolean
}

export interface AlertsPage {
  alerts: Alert[]
  newCount: number
  /** The position to mark seen up to: the newest alert shown. */
  upTo: number
  email: boolean
}

const PAGE_SIZE = 100

/** The children this person works with that the policy lets them read now, grouped by markings. */
async function readableChildren(db: Db, actor: Actor, now: Date) {
  const person = { userId: actor.id, agencyId: actor.agencyId }
  const ids = await store.childrenWorkedWith(db, person, daysBefore(now, WORKED_WITH_DAYS))
  const children = await getChildResources(db as Kysely<DB>, ids)
  const groups = new Map<string, store.ReadableGroup>()
  for (const child of children.values()) {
    if (!decide(actor, 'child.view', child).allowed) continue
    const markings = readableOn(actor, child)
    const key = markings.join(',')
    const group = groups.get(key) ?? { childIds: [], markings }
    group.childIds.push(child.childId)
    groups.set(key, group)
  }
  return { children, groups: [...groups.values()] }
}

/** The latest of what others recorded about the children this person works with, newest first. */
export async function viewAlerts(db: Kysely<DB>, caller: Caller, now: Date): Promise<AlertsPage> {
  const { actor } = caller
  return audited(db, async (trx) => {
    const { children, groups } = await readableChildren(trx, actor, now)
    const rows = await store.alertEvents(trx, groups, { actorId: actor.id, limit: PAGE_SIZE })
    const shown = [...new Set(rows.map((row) => row.child_id))]
    for (const childId of shown) auditRead(trx, caller, children.get(childId) as ChildResource)
    const [names, reader] = await Promise.all([store.childNames(trx, shown), store.findReader(trx, actor.id)])
    const alerts = rows.map((row) => ({
      occurredAt: row.occurred_at,
      kind: alertKind(row.type) ?? row.type,
      summary: row.summary,
      childId: row.child_id,
      childName: names.get(row.child_id) ?? '',
      agencyId: row.agency_id,
      isNew: row.seq > reader.seen_up_to,
    }))
    return {
      alerts,
      newCount: alerts.filter((alert) => alert.isNew).length,
      upTo: rows[0]?.seq ?? reader.seen_up_to,
      email: reader.email,
    }
  })
}

const auditRead = (trx: Transaction<DB>, caller: Caller, child: ChildResource) =>
  authorize(trx, { ...caller, action: 'chronology.view', resource: child, detail: { alerts: true } })

/** The alerts up to this position are seen: they are no longer marked new. */
export async function markSeen(db: Kysely<DB>, actor: Actor, upTo: number): Promise<void> {
  const reader = await store.findReader(db, actor.id)
  if (upTo > reader.seen_up_to) await store.saveReader(db, actor.id, { seen_up_to: upTo })
}

/** Whether new alerts also come by email. Choosing email starts from now, not from old alerts. */
export async function chooseEmail(db: Kysely<DB>, actor: Actor, email: boolean): Promise<void> {
  const latest = await db
    .selectFrom('domain_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  await store.saveReader(db, actor.id, { email, emailed_up_to: Number(latest?.seq ?? 0) })
}

export const ALERTS_EMAIL_TEMPLATE = 'alerts-new'

/**
 * For each person who chose email: when others recorded something new they may read about a child
 * they work with, one email saying how many, with a link. The email names no child.
 */
export async function emailNewAlerts(
  db: Kysely<DB>,
  actorOf: (reader: { agencyId: string; email: string }) => Promise<Actor | null>,
  now: Date,
): Promise<number> {
  let sent = 0
  for (const reader of await store.emailReaders(db)) {
    const actor = await actorOf({ agencyId: reader.agency_id, email: reader.email })
    if (!actor) continue
    const { groups } = await readableChildren(db, actor, now)
    const after = reader.emailed_up_to
    const rows = await store.alertEvents(db, groups, { actorId: actor.id, after, limit: PAGE_SIZE })
    const newest = rows[0]
    if (!newest) continue
    await db.transaction().execute(async (trx) => {
      await queueEmail(trx, {
        to: reader.email,
        templateId: ALERTS_EMAIL_TEMPLATE,
        personalisation: { count: String(rows.length), alerts_link: '/alerts' },
        reference: `alerts-${reader.user_id}-${newest.seq}`,
      })
      await store.saveReader(trx, reader.user_id, { emailed_up_to: newest.seq })
    })
    sent += 1
  }
  return sent
}
