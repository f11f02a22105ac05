// Actions' use cases, each one audited transaction: an agency's list of its actions (each child asked
// of the policy), one action to close, closing it with evidence (an event on the child's
// chronology), and the loop that tells owner agencies of their overdue actions once.

import type { Kysely } from 'kysely'
import { getChildResource, getChildResources } from '../children/index.ts'
import type { DB } from '../database.ts'
import { peopleWithRoles } from '../identity/index.ts'
import type { Role } from '../platform/access/actor.ts'
import { audited, authorize, authorizeGate, type Caller, consult } from '../platform/access/guard.ts'
import { type ChildResource, POLICY } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput, isUuid, mergeProblems } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import { actionStatus, completionProblems, SOURCES, workingDaysLeft } from './rules.ts'
import { type ActionCompletion, type ActionView, actionCompletionCheck } from './schemas.ts'
import * as store from './store.ts'

export interface ActionsContext {
  db: Kysely<DB>
  now: () => Date
}

const today = (ctx: ActionsContext): IsoDate => toIsoDate(ctx.now())

/** An action as its owner reads it: its row, the child's name and where it stands today. */
export interface ActionItem extends store.AgencyAction {
  status: ReturnType<typeof actionStatus>
  workingDaysRemaining: number
}

const itemOf = (row: store.AgencyAction, on: IsoDate): ActionItem => ({
  ...row,
  status: actionStatus(row, on),
  workingDaysRemaining: workingDaysLeft(row, on),
})

/**
 * The actions the caller's agency owns, soonest due first, done last: each child asked of the policy
 * (audited), so a child the caller may no longer open (sealed, marked, involvement ended) is left out.
 */
export async function listOwnActions(ctx: ActionsContext, caller: Caller): Promise<ActionItem[]> {
  authorizeGate(caller.actor, 'actions')
  const on = today(ctx)
  return audited(ctx.db, async (trx) => {
    const rows = await store.actionsOwnedBy(trx, caller.actor.agencyId)
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const opens = new Map<string, boolean>()
    for (const [childId, resource] of children)
      opens.set(childId, consult(trx, { ...caller, action: 'action.view', resource }).allowed)
    return rows.filter((row) => opens.get(row.child_id)).map((row) => itemOf(row, on))
  })
}

/** The owner agency's own part: the step on the child's record, then only the agency owning it. */
const ownAction = (child: ChildResource, action: store.ActionRow) =>
  ({
    kind: 'own-part',
    of: { action: 'action.complete', resource: child },
    for: 'action',
    askedAgencyIds: [action.owner_agency_id],
  }) as const

/** One action, for its owner agency to read and close (audited). */
export async function readAction(ctx: ActionsContext, caller: Caller, id: string): Promise<ActionItem> {
  return audited(ctx.db, async (trx) => {
    const action = isUuid(id) ? await store.findActionWithChild(trx, id) : undefined
    if (!action) throw new RequestError(404, 'Not found')
    const child = await getChildResource(trx, action.child_id)
    authorize(trx, { ...caller, action: 'part.write', resource: ownAction(child, action) })
    return itemOf(action, today(ctx))
  })
}

/** The owner closes an action with evidence of what was done: once, recorded on the child's chronology. */
export async function completeAction(
  ctx: ActionsContext,
  caller: Caller,
  id: string,
  input: ActionCompletion,
): Promise<void> {
  const { actor } = caller
  await audited(ctx.db, async (trx) => {
    const action = isUuid(id) ? await store.lockAction(trx, id) : undefined
    if (!action) throw new RequestError(404, 'Not found')
    const child = await getChildResource(trx, action.child_id)
    authorize(trx, {
      ...caller,
      action: 'part.write',
      resource: ownAction(child, action),
      detail: { actionId: id },
    })
    if (action.completed_at) throw new RequestError(409, 'This action is already done')
    const problems = mergeProblems(
      ['evidence'],
      actionCompletionCheck.problems(input),
      completionProblems(input?.evidence ?? ''),
    )
    if (problems.length > 0) throw new InvalidInput(problems)
    const at = ctx.now()
    const evidence = input.evidence.trim()
    await store.writeCompletion(trx, id, {
      at,
      by: `${actor.kind}:${actor.id}`,
      byName: actor.displayName,
      evidence,
    })
    const late = action.due_by < toIsoDate(at)
    await recordEvent(trx, {
      type: 'action.completed',
      childId: action.child_id,
      laId: child.laId,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `${SOURCES[action.source_kind].name} action ${action.position} done${late ? ' after its due date' : ''}, by ${actor.displayName}`,
      payload: {
        actionId: id,
        sourceKind: action.source_kind,
        sourceId: action.source_id,
        position: action.position,
        dueBy: action.due_by,
      },
      occurredAt: at,
    })
  })
}

/** An action as the API gives it to its owner agency's system. */
export const actionView = (item: ActionItem): ActionView => ({
  id: item.id,
  childId: item.child_id,
  agreedAt: { kind: item.source_kind, id: item.source_id },
  description: item.description,
  ownerAgencyId: item.owner_agency_id,
  ownerName: item.owner_name,
  dueBy: item.due_by,
  status: item.status,
  workingDaysRemaining: item.workingDaysRemaining,
  completedAt: item.completed_at?.toISOString() ?? null,
  completedBy: item.completed_by_name,
  evidence: item.evidence,
})

// ---------------------------------------------------------------------------
// Overdue alerts

/** Who in the owner agency is told: its people in the roles the policy lets complete an action. */
const ALERTED_ROLES = Object.keys(POLICY['action.complete'].roles) as Role[]

/**
 * Tells each owner agency, once, of its actions past their due date: one email per person (a count
 * and a link to the agency's actions, nothing about the child), queued in the transaction that marks
 * the actions told, so a crash neither loses nor repeats an alert. Returns how many actions were told of.
 */
export async function alertOverdue(db: Kysely<DB>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await store.claimOverdue(trx, toIsoDate(now), now)
    const counts = new Map<string, number>()
    for (const row of claimed) counts.set(row.owner_agency_id, (counts.get(row.owner_agency_id) ?? 0) + 1)
    const people = await peopleWithRoles(trx, { roles: ALERTED_ROLES, agencyIds: [...counts.keys()] })
    for (const [agencyId, count] of counts)
      for (const { email: to } of people.filter((person) => person.agencyId === agencyId))
        await queueEmail(trx, {
          to,
          templateId: 'actions-overdue',
          personalisation: { count: String(count), actions_link: '/actions' },
          reference: `actions-overdue-${agencyId}-${now.toISOString()}`,
        })
    return claimed.length
  })
}
