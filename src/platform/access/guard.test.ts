import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { getChildResource } from '../../children/index.ts'
import { appendAuditEvents, fromRow, selectAuditRecords } from '../audit/log.ts'
import { verifyAuditChain } from '../audit/verify.ts'
import { RequestError } from '../http/errors.ts'
import type { Actor } from './actor.ts'
import { type Access, audited, authorize, authorizeAsking, authorizeGate, consult } from './guard.ts'
import type { Sensitivity } from './policy.ts'

const SCREENER_ID = '5f0c7a9e-0d8b-4d5e-9b7a-1e2f3a4b5c6d'
const TEACHER_ID = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'

const screener: Actor = {
  kind: 'user',
  id: SCREENER_ID,
  displayName: 'Sam Screener',
  agencyId: 'leicester-city-council',
  agencyKind: 'local-authority',
  agencyLaId: 'leicester',
  grants: [{ role: 'front-door-screener', laId: 'leicester' }],
}
const teacher: Actor = {
  kind: 'user',
  id: TEACHER_ID,
  displayName: 'Tia Teacher',
  agencyId: 'leicester-schools',
  agencyKind: 'education',
  grants: [{ role: 'referrer', laId: null }],
}
const origin = { ip: '192.0.2.1', requestId: 'req-guard' }
const ADDED = { kind: 'added-by-la', reason: 'added by the LA' } as const

describe('the access guard', () => {
  let database: TestDatabase
  const children: Record<string, string> = {}

  async function addChild(name: string, laId: string, sensitivity: Sensitivity = 'standard') {
    const row = await database.db
      .insertInto('child')
      .values({
        la_id: laId,
        la_child_id: name,
        given_name: name,
        family_name: 'Test',
        sex: 'U',
        sensitivity,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    children[name] = row.id
    return row.id
  }

  const auditRows = async () => (await selectAuditRecords(database.db).orderBy('seq').execute()).map(fromRow)
  const settingExists = async (key: string) =>
    Boolean(
      await database.db.selectFrom('masa_setting').select('key').where('key', '=', key).executeTakeFirst(),
    )
  const access = (actor: Actor | null, childId: string, more: Partial<Access<'child.view'>> = {}) =>
    audited(database.db, async (trx) => {
      const resource = await getChildResource(trx, childId)
      return authorize(trx, { actor, action: 'child.view', resource, origin, ...more })
    })

  before(async () => {
    database = await openTestDatabase()
    const amy = await addChild('amy', 'leicester')
    const ben = await addChild('ben', 'rutland')
    await addChild('cal', 'leicester', 'police-restricted')
    await database.db
      .insertInto('child_involvement')
      .values([
        { child_id: amy, agency_id: 'leicester-schools', user_id: TEACHER_ID, ...ADDED },
        { child_id: amy, agency_id: 'llr-community-health', user_id: null, ...ADDED },
        {
          child_id: ben,
          agency_id: 'leicester-schools',
          user_id: TEACHER_ID,
          ...ADDED,
          since: new Date('2025-09-01'),
          ended_at: new Date('2026-07-20'),
          end_reason: 'Left the school',
        },
      ])
      .execute()
  })
  after(() => database.dispose())

  test('loads a child as the policy sees it, with current involvement only', async () => {
    const amy = await getChildResource(database.db, children.amy as string)
    assert.deepEqual(amy, {
      kind: 'child',
      childId: children.amy,
      laId: 'leicester',
      sensitivity: 'standard',
      involvement: { agencyIds: ['leicester-schools', 'llr-community-health'], userIds: [TEACHER_ID] },
    })
    const ben = await getChildResource(database.db, children.ben as string)
    assert.deepEqual(ben.involvement, { agencyIds: [], userIds: [] })
  })

  test('every kind of current involvement opens a child to the agency; an ended one opens nothing', async () => {
    const nurse: Actor = {
      kind: 'user',
      id: '3c1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      displayName: 'Nia Nurse',
      agencyId: 'llr-hospitals',
      agencyKind: 'health',
      grants: [{ role: 'safeguarding-manager', laId: null }],
    }
    const kinds = [
      'meeting',
      'action',
      'shared-event',
      'roll',
      'caseload',
      'added-by-la',
      'created-record',
    ] as const
    for (const kind of kinds) {
      const childId = await addChild(`kind-${kind}`, 'leicester')
      const lawful_basis = kind === 'roll' || kind === 'caseload' ? 'UK GDPR Art 6(1)(e)' : null
      const { id } = await database.db
        .insertInto('child_involvement')
        .values({ child_id: childId, agency_id: 'llr-hospitals', kind, reason: kind, lawful_basis })
        .returning('id')
        .executeTakeFirstOrThrow()
      const open = await access(nurse, childId)
      assert.deepEqual([kind, open.basis], [kind, 'agency-involvement'])
      await database.db
        .updateTable('child_involvement')
        .set({ ended_at: new Date(), end_reason: 'Discharged' })
        .where('id', '=', id)
        .execute()
      await assert.rejects(access(nurse, childId), { statusCode: 404 }, `${kind} ended`)
    }
  })

  test('the database keeps referral involvements as history only, and a roll or caseload with its basis', async () => {
    const childId = children.amy as string
    const insert = (values: { kind: 'referral' | 'roll'; lawful_basis?: string }) =>
      database.db
        .insertInto('child_involvement')
        .values({ child_id: childId, agency_id: 'leicester-schools', reason: 'constraint check', ...values })
        .execute()
    await assert.rejects(insert({ kind: 'referral' }), /child_involvement_referral_history/)
    await assert.rejects(insert({ kind: 'roll' }), /child_involvement_declared/)
  })

  test('an unknown or malformed child id is 404', async () => {
    for (const id of ['9d1f7a9e-0d8b-4d5e-9b7a-1e2f3a4b5c6d', 'not-a-uuid', "'; DROP TABLE child; --"])
      await assert.rejects(getChildResource(database.db, id), { statusCode: 404, message: 'Not found' })
  })

  test('an allowed read is audited in the same transaction as the work', async () => {
    const permit = await access(screener, children.amy as string, { lawfulBasis: 'Children Act 1989 s17' })
    assert.deepEqual(permit, { allowed: true, basis: 'area', reason: 'Within the area your role covers' })
    const last = (await auditRows()).at(-1)
    assert.deepEqual(
      {
        ...last,
        seq: undefined,
        at: undefined,
        hash: undefined,
        prevHash: undefined,
      },
      {
        seq: undefined,
        at: undefined,
        hash: undefined,
        prevHash: undefined,
        actorKind: 'user',
        actorId: SCREENER_ID,
        agencyId: 'leicester-city-council',
        action: 'child.view',
        resourceKind: 'child',
        resourceId: children.amy,
        childId: children.amy,
        outcome: 'allowed',
        basis: 'area',
        reason: 'Within the area your role covers',
        lawfulBasis: 'Children Act 1989 s17',
        breakGlassReason: null,
        ip: '192.0.2.1',
        requestId: 'req-guard',
        detail: {},
      },
    )
  })

  test('a refusal rolls the work back but stays on record, as 403 with the reason', async () => {
    const before = (await auditRows()).length
    await assert.rejects(
      audited(database.db, async (trx) => {
        await trx.insertInto('masa_setting').values({ key: 'refused-work', value: 'x' }).execute()
        const resource = await getChildResource(trx, children.ben as string)
        authorize(trx, { actor: screener, action: 'child.merge', resource, origin })
      }),
      (error) =>
        error instanceof RequestError &&
        error.statusCode === 403 &&
        error.message === 'Outside the area your roles cover',
    )
    assert.equal(await settingExists('refused-work'), false)
    const rows = await auditRows()
    assert.equal(rows.length, before + 1)
    assert.deepEqual(
      [rows.at(-1)?.outcome, rows.at(-1)?.action, rows.at(-1)?.basis, rows.at(-1)?.reason],
      ['denied', 'child.merge', null, 'Outside the area your roles cover'],
    )
  })

  test('a refusal that must not reveal the record answers 404, and is audited', async () => {
    await assert.rejects(access(teacher, children.ben as string), { statusCode: 404, message: 'Not found' })
    await assert.rejects(access(screener, children.cal as string), { statusCode: 404, message: 'Not found' })
    const [teacherRow, screenerRow] = (await auditRows()).slice(-2)
    assert.equal(teacherRow?.reason, 'Need to know: only records you are involved with')
    assert.equal(screenerRow?.reason, 'Police-restricted intelligence: police only')
  })

  test('break-glass opens a read outside scope and keeps the reason', async () => {
    const reason = 'Child presented at A&E out of hours with injuries'
    const permit = await access(screener, children.ben as string, { breakGlassReason: `  ${reason} ` })
    assert.equal(permit.basis, 'break-glass')
    const last = (await auditRows()).at(-1)
    assert.deepEqual([last?.basis, last?.breakGlassReason], ['break-glass', reason])
  })

  test('a refused break-glass is on record with its reason', async () => {
    await assert.rejects(access(screener, children.ben as string, { breakGlassReason: 'urgent' }), {
      statusCode: 403,
    })
    const last = (await auditRows()).at(-1)
    assert.deepEqual([last?.outcome, last?.breakGlassReason], ['denied', 'urgent'])
  })

  test('nothing is recorded for work that fails after it was allowed', async () => {
    const before = (await auditRows()).length
    const failure = new Error('the page failed to render')
    await assert.rejects(
      audited(database.db, async (trx) => {
        authorize(trx, {
          actor: screener,
          action: 'child.view',
          resource: await getChildResource(trx, children.amy as string),
          origin,
        })
        throw failure
      }),
      (error) => error === failure,
    )
    assert.equal((await auditRows()).length, before)
  })

  test('an allowed then a refused decision in one transaction: the refusal alone is kept, without deadlock', async () => {
    const before = (await auditRows()).length
    await assert.rejects(
      audited(database.db, async (trx) => {
        const amy = await getChildResource(trx, children.amy as string)
        const ben = await getChildResource(trx, children.ben as string)
        authorize(trx, { actor: screener, action: 'child.merge', resource: amy, origin })
        authorize(trx, { actor: screener, action: 'child.merge', resource: ben, origin })
      }),
      { statusCode: 403 },
    )
    const rows = await auditRows()
    assert.equal(rows.length, before + 1)
    assert.equal(rows.at(-1)?.childId, children.ben)
  })

  test('without a signed-in actor: 401, and nothing to record', async () => {
    const before = (await auditRows()).length
    await assert.rejects(access(null, children.amy as string), { statusCode: 401 })
    assert.equal((await auditRows()).length, before)
  })

  test('authorize refuses a transaction it did not open', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        authorize(trx, { actor: screener, action: 'child.search', resource: { kind: 'partnership' }, origin })
      }),
      /needs a transaction opened by audited/,
    )
  })

  test('consult answers a refusal without throwing, and records it with the work it goes on with', async () => {
    const before = (await auditRows()).length
    const cal = await getChildResource(database.db, children.cal as string)
    const decision = await audited(database.db, async (trx) => {
      const answer = consult(trx, { actor: teacher, action: 'event.post', resource: cal, origin })
      await trx.insertInto('masa_setting').values({ key: 'consulted-work', value: 'x' }).execute()
      return answer
    })
    assert.equal(decision.allowed, false)
    assert.equal(await settingExists('consulted-work'), true)
    const rows = await auditRows()
    assert.equal(rows.length, before + 1)
    assert.deepEqual([rows.at(-1)?.outcome, rows.at(-1)?.childId], ['denied', children.cal])
  })

  test('a refusal consult answered stays on record when the work then fails', async () => {
    const before = (await auditRows()).length
    const cal = await getChildResource(database.db, children.cal as string)
    await assert.rejects(
      audited(database.db, async (trx) => {
        consult(trx, { actor: teacher, action: 'event.post', resource: cal, origin })
        throw new Error('the work failed')
      }),
      /the work failed/,
    )
    const rows = await auditRows()
    assert.equal(rows.length, before + 1)
    assert.equal(rows.at(-1)?.outcome, 'denied')
  })

  test('an append of no entries, when asked for, still takes an audit chain’s head (uniformTiming)', async () => {
    const before = (await auditRows()).length
    const chain = await database.db.transaction().execute(async (trx) => {
      await appendAuditEvents(trx, [], { evenIfNone: true })
      const { rows } = await sql<{ chain: string }>`
        SELECT current_setting('masa.audit_chain', true) AS chain`.execute(trx)
      return rows[0]?.chain
    })
    assert.match(String(chain), /^\d+$/)
    assert.equal((await auditRows()).length, before, 'and appends nothing')
  })

  test('asking for a step (its form) records only a refusal: the step records itself when taken', async () => {
    const amy = await getChildResource(database.db, children.amy as string)
    const ask = (actor: Actor) =>
      audited(database.db, async (trx) =>
        authorizeAsking(trx, { actor, action: 'child.merge', resource: amy, origin }),
      )
    const before = (await auditRows()).length
    assert.equal((await ask(screener)).basis, 'area')
    assert.equal((await auditRows()).length, before, 'a permit is not recorded')
    await assert.rejects(ask(teacher), {
      statusCode: 403,
      message: 'Only front-door screeners in the child’s area may merge records',
    })
    const rows = await auditRows()
    assert.equal(rows.length, before + 1)
    assert.deepEqual([rows.at(-1)?.action, rows.at(-1)?.outcome], ['child.merge', 'denied'])
  })

  test('a role-only gate answers from the policy: 401 without an actor, else its words', () => {
    assert.throws(() => authorizeGate(null, 'referral-queue'), { statusCode: 401 })
    assert.equal(authorizeGate(screener, 'referral-queue'), screener)
    assert.throws(() => authorizeGate(teacher, 'referral-queue'), {
      statusCode: 403,
      message: 'Only front-door screeners and MAT practitioners have a queue',
    })
  })

  test('everything the guard wrote is one intact chain', async () => {
    const report = await verifyAuditChain(database.db)
    assert.ok(report.intact, JSON.stringify(report))
  })
})
