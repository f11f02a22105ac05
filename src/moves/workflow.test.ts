// Moves across borders against a real database: the placing LA records a move (refusals naming the
// field), the move is kept before anyone is told (the outbox), the host reads and acknowledges it,
// everyone else is answered 404, a hidden child is 404, an LA outside the partnership reads and
// acknowledges through an expiring link, overdue acknowledgements escalate once across the bank
// holidays, and every step is audited and on the chronology.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { AgencyKind, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { createSubscription } from '../platform/webhooks/store.ts'
import {
  acknowledgeByLink,
  acknowledgeMove,
  escalateOverdue,
  type MovesContext,
  moveList,
  notifyHosts,
  readMove,
  readMoveByLink,
  recordMove,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
// Thursday 24 December 2026, before Christmas Day, Boxing Day (substitute Monday 28) and a weekend.
let clock = new Date('2026-12-24T10:00:00Z')
const ORIGIN = { ip: '127.0.0.1', requestId: 'moves-test' }

const MOVE = {
  whoMoved: 'child',
  hostDfeCode: '855',
  movedOn: '2026-12-23',
  reason: 'Placed with foster carers away from the people exploiting him',
  riskLevel: 'high',
  riskSummary: 'RISK-SUMMARY: county lines; known to older males at the bus station',
}

describe('children who move across borders', () => {
  let database: TestDatabase
  let ctx: MovesContext
  let childId: string
  let serial = 0
  const people: Record<string, Caller> = {}

  const person = async (
    name: string,
    agencyId: string,
    kind: AgencyKind,
    role: Role,
    laId: string | null,
  ) => {
    const laOf = ctx.partnership.agencies.find((a) => a.id === agencyId && a.kind === 'local-authority')
    const agencyLaId = laOf?.kind === 'local-authority' ? laOf.la : undefined
    people[name] = await enrolledCaller(database.db, {
      name,
      agencyId,
      agencyKind: kind,
      role,
      laId,
      agencyLaId,
    })
  }
  const as = (name: string) => people[name] as Caller

  const newChild = async () => {
    serial += 1
    const row = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `MOVE-${serial}`,
        given_name: 'Jordan',
        family_name: `Mover${serial}`,
        date_of_birth: '2010-05-06',
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }
  const outbox = (to: string) =>
    database.db
      .selectFrom('notification_outbox')
      .select(['template_id', 'personalisation'])
      .where('recipient', '=', to)
      .execute()

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => clock }
    await person('placer', 'leicester-city-council', 'local-authority', 'front-door-screener', 'leicester')
    await person(
      'host',
      'leicestershire-county-council',
      'local-authority',
      'mace-coordinator',
      'leicestershire',
    )
    await person(
      'hostmanager',
      'leicestershire-county-council',
      'local-authority',
      'safeguarding-manager',
      null,
    )
    await person('rutland', 'rutland-county-council', 'local-authority', 'mace-coordinator', 'rutland')
    await person('police', 'leicestershire-police', 'police', 'mace-coordinator', null)
    await person('analyst', 'leicester-city-council', 'local-authority', 'analyst', null)
    childId = await newChild()
  })
  after(() => database.dispose())

  it('refuses a move without what the host needs, naming each field; and an LA without a contact, or the child’s own', async () => {
    const refused = await recordMove(ctx, as('placer'), childId, { whoMoved: 'child' }).catch((e) => e)
    assert.ok(refused instanceof InvalidInput)
    assert.deepEqual(refused.problems.map((p: { field: string }) => p.field).sort(), [
      'hostDfeCode',
      'movedOn',
      'reason',
      'riskLevel',
      'riskSummary',
    ])
    for (const hostDfeCode of ['202', '856']) {
      const wrong = await recordMove(ctx, as('placer'), childId, { ...MOVE, hostDfeCode }).catch((e) => e)
      assert.ok(wrong instanceof InvalidInput)
      assert.equal(wrong.problems[0].field, 'hostDfeCode')
    }
    await assert.rejects(recordMove(ctx, as('host'), childId, MOVE), { statusCode: 403 })
    await assert.rejects(recordMove(ctx, as('analyst'), childId, MOVE), { statusCode: 404 })
  })

  let moveId: string
  it('keeps the move first, on the chronology without the assessment, and involves the host LA; the host is told after', async () => {
    const move = await recordMove(ctx, as('placer'), childId, MOVE)
    moveId = move.id
    assert.equal(
      move.acknowledge_by,
      '2026-12-29',
      'Christmas, Boxing Day (Monday 28) and the weekend skipped',
    )
    assert.equal(move.host_la_id, 'leicestershire')
    assert.equal(move.notified_at, null)
    assert.deepEqual(
      await outbox('exploitation@leicestershire.example'),
      [],
      'nobody told inside the transaction',
    )
    const event = await database.db
      .selectFrom('domain_event')
      .select(['summary', 'payload'])
      .where('child_id', '=', childId)
      .where('type', '=', 'move.recorded')
      .executeTakeFirstOrThrow()
    assert.equal(event.summary, 'Moved to Leicestershire: the child was placed')
    assert.ok(!JSON.stringify(event).includes('RISK-SUMMARY'))
    const involved = await database.db
      .selectFrom('child_involvement')
      .select('agency_id')
      .where('child_id', '=', childId)
      .where('kind', '=', 'move')
      .execute()
    assert.deepEqual(involved, [{ agency_id: 'leicestershire-county-council' }])

    assert.equal(await notifyHosts(ctx), 1)
    assert.equal(await notifyHosts(ctx), 0, 'told once')
    const [email] = await outbox('exploitation@leicestershire.example')
    assert.equal(email?.template_id, 'move-into-area')
    const fields = email?.personalisation as unknown as Record<string, string>
    assert.equal(fields.link, `/moves/${moveId}`)
    assert.ok(!JSON.stringify(fields).includes('Jordan'), 'the email names no child')
  })

  it('opens the move to the placing and host LAs only; the host acknowledges it once', async () => {
    const seenByHost = await readMove(ctx, as('host'), moveId)
    assert.equal(seenByHost.childName, 'Jordan Mover1')
    assert.equal(seenByHost.move.risk_summary, MOVE.riskSummary)
    assert.equal(seenByHost.mayAcknowledge, true)
    const seenByPlacer = await readMove(ctx, as('placer'), moveId)
    assert.equal(seenByPlacer.mayAcknowledge, false)
    for (const who of ['rutland', 'police', 'analyst'])
      await assert.rejects(readMove(ctx, as(who), moveId), { statusCode: 404 }, who)
    await assert.rejects(acknowledgeMove(ctx, as('placer'), moveId, {}), { statusCode: 404 })
    await assert.rejects(readMove(ctx, as('host'), 'not-an-id'), { statusCode: 404 })

    const lists = await moveList(ctx, as('host'))
    assert.deepEqual(
      lists.toAcknowledge.map((m) => m.id),
      [moveId],
    )
    assert.deepEqual(
      (await moveList(ctx, as('placer'))).movedOut.map((m) => m.id),
      [moveId],
    )
    assert.deepEqual((await moveList(ctx, as('rutland'))).toAcknowledge, [])

    await acknowledgeMove(ctx, as('host'), moveId, { note: 'Allocated to our exploitation team' })
    await assert.rejects(acknowledgeMove(ctx, as('host'), moveId, {}), { statusCode: 409 })
    const read = await readMove(ctx, as('placer'), moveId)
    assert.equal(read.move.acknowledged_by_name, 'host')
    const events = await database.db
      .selectFrom('domain_event')
      .select('summary')
      .where('child_id', '=', childId)
      .where('type', '=', 'move.acknowledged')
      .execute()
    assert.deepEqual(events, [{ summary: 'Move acknowledged by Leicestershire' }])
  })

  it('hides the move of a child hidden from the reader (404)', async () => {
    const hidden = await newChild()
    const move = await recordMove(ctx, as('placer'), hidden, MOVE)
    await database.db.updateTable('child').set({ sensitivity: 'sealed' }).where('id', '=', hidden).execute()
    await assert.rejects(readMove(ctx, as('host'), move.id), { statusCode: 404 })
    await assert.rejects(readMove(ctx, as('placer'), move.id), { statusCode: 404 })
    assert.ok(!(await moveList(ctx, as('host'))).toAcknowledge.some((m) => m.id === move.id))
  })

  it('tells an LA outside the partnership through an expiring link, which reads and acknowledges the move', async () => {
    const other = await newChild()
    await createSubscription(database.db, {
      agencyId: 'dfe-la-891',
      url: 'https://nottinghamshire.example/masa-hooks',
      secretRef: 'env:NOTTS_HOOK_SECRET',
      eventTypes: ['move.recorded'],
    })
    const move = await recordMove(ctx, as('placer'), other, {
      ...MOVE,
      hostDfeCode: '891',
      whoMoved: 'family',
    })
    assert.equal(move.host_la_id, null)
    await notifyHosts(ctx)
    const hooks = await database.db
      .selectFrom('webhook_delivery')
      .select(['event_type', 'body'])
      .where('event_id', '=', move.id)
      .execute()
    assert.equal(hooks.length, 1, 'the webhook where one is configured')
    assert.equal(hooks[0]?.event_type, 'move.recorded')
    assert.match(hooks[0]?.body ?? '', /"hostLaDfeCode":"891"/)
    assert.doesNotMatch(hooks[0]?.body ?? '', /Jordan|Mover|RISK-SUMMARY/, 'no child, no assessment')
    const [email] = await outbox('exploitation@nottinghamshire.example')
    const link = (email?.personalisation as unknown as Record<string, string> | undefined)?.link ?? ''
    const token = /^\/moves\/shared\/([\w-]{43})$/.exec(link)?.[1] ?? ''
    assert.ok(token, link)
    const stored = await database.db.selectFrom('child_move_link').select('token_hash').execute()
    assert.ok(!stored.some((row) => row.token_hash.includes(token)), 'only the hash is kept')

    const file = await readMoveByLink(ctx, ORIGIN, token)
    assert.equal(file.move.id, move.id)
    assert.equal(file.mayAcknowledge, true)
    await assert.rejects(readMoveByLink(ctx, ORIGIN, `${token.slice(0, -1)}x`), { statusCode: 410 })
    await acknowledgeByLink(ctx, ORIGIN, token, { note: 'Known to our MACE' })
    await assert.rejects(acknowledgeByLink(ctx, ORIGIN, token, {}), { statusCode: 409 })
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'action', 'outcome'])
      .where('child_id', '=', other)
      .where('action', '=', 'move.acknowledge')
      .where('outcome', '=', 'allowed')
      .execute()
    assert.ok(audit.length > 0)
    for (const row of audit) assert.match(row.actor_id, /^move-link:/)

    const saved = clock
    clock = new Date(clock.getTime() + 7 * 24 * 60 * 60_000 + 1000)
    await assert.rejects(readMoveByLink(ctx, ORIGIN, token), { statusCode: 410 }, 'expired after 7 days')
    clock = saved
  })

  it('escalates an acknowledgement once its working day has ended: the managers and whoever recorded it', async () => {
    const late = await newChild()
    const move = await recordMove(ctx, as('placer'), late, { ...MOVE, hostDfeCode: '855' })
    await notifyHosts(ctx)
    clock = new Date('2026-12-29T17:00:00Z')
    assert.equal(await escalateOverdue(ctx), 0, 'still due today')
    clock = new Date('2026-12-30T00:30:00Z')
    assert.ok((await escalateOverdue(ctx)) >= 1)
    assert.equal(await escalateOverdue(ctx), 0, 'escalated once')
    const managers = await outbox('hostmanager@leicestershire-county-council.example')
    assert.ok(
      managers.some(
        (e) => (e.personalisation as unknown as Record<string, string>).link === `/moves/${move.id}`,
      ),
    )
    const placer = await outbox('placer@leicester-city-council.example')
    assert.ok(placer.some((e) => e.template_id === 'move-acknowledgement-overdue'))
    assert.ok((await readMove(ctx, as('host'), move.id)).overdue)
  })

  it('audits every step, and every refusal', async () => {
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'like', 'move.%')
      .execute()
    const seen = new Set(rows.map((row) => `${row.action} ${row.outcome}`))
    for (const expected of [
      'move.record allowed',
      'move.record denied',
      'move.view allowed',
      'move.view denied',
      'move.acknowledge allowed',
      'move.acknowledge denied',
    ])
      assert.ok(seen.has(expected), expected)
  })
})
