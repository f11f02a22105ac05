// Case audits' use cases against a real database: the sample drawn by its rule (only children whose
// plan meets it, never a marked record, the same seed the same sample, spread across the LAs), each
// agency's part its own, the audit grant expiring, a child hidden after sampling, moderation, actions
// on the actions block, the re-audit and the change, refusals, and the audit of every step.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { insertCpPlan } from '../../test/support/plans.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { AgencyKind, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { AUDIT_GRANT_DAYS, drawSample as drawPure } from './rules.ts'
import * as store from './store.ts'
import {
  addAction,
  type CaseAuditsContext,
  createProgramme,
  drawSample,
  moderate,
  overview,
  readCase,
  readProgramme,
  readRecord,
  revokeGrant,
  startReAudit,
  submitPart,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const HEALTH = 'llr-icb'
const POLICE = 'leicestershire-police'
const SCHOOLS = 'leicester-schools'
const DAY = 86_400_000
let clock = new Date('2026-12-05T10:00:00Z')

const statusOf = async (work: Promise<unknown>) => {
  try {
    await work
    return 200
  } catch (error) {
    if (error instanceof InvalidInput) return 400
    if (error instanceof RequestError) return error.statusCode
    throw error
  }
}

describe('multi-agency case audits', () => {
  let database: TestDatabase
  let ctx: CaseAuditsContext
  const callers: Record<string, Caller> = {}
  const childIds: Record<string, string> = {}

  const person = (name: string, agencyId: string, kind: AgencyKind, role: Role) =>
    enrolledCaller(database.db, { name, agencyId, agencyKind: kind, role })

  const child = async (
    key: string,
    laId: string,
    category: 'NEG' | 'PHY',
    startDate: string,
    sensitivity = 'standard',
  ) => {
    const row = await database.db
      .insertInto('child')
      .values({
        la_id: laId,
        la_child_id: key,
        given_name: `Child${key.replace(/\W/g, '')}`,
        family_name: 'Audit',
        sex: 'F',
        sensitivity: sensitivity as 'standard',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await insertCpPlan(database.db, { child_id: row.id, la_id: laId, category, start_date: startDate })
    childIds[key] = row.id
    return row.id
  }

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => clock }
    callers.lead = await person('Lee Lead', 'leicester-city-council', 'local-authority', 'review-lead')
    callers.health = await person('Hana Health', HEALTH, 'health', 'safeguarding-manager')
    callers.police = await person('Pete Police', POLICE, 'police', 'safeguarding-manager')
    callers.school = await person('Sam School', SCHOOLS, 'education', 'safeguarding-manager')
    callers.screener = await person(
      'Sid Screener',
      'leicester-city-council',
      'local-authority',
      'front-door-screener',
    )
    // Neglect plans started in the last 6 months: 5 in Leicester, 3 in Leicestershire, 1 in Rutland.
    for (let i = 0; i < 5; i += 1) await child(`lc-${i}`, 'leicester', 'NEG', `2026-09-0${i + 1}`)
    for (let i = 0; i < 3; i += 1) await child(`ls-${i}`, 'leicestershire', 'NEG', `2026-10-1${i}`)
    await child('ru-0', 'rutland', 'NEG', '2026-11-20')
    // Not to be sampled: another category, too long ago, a sealed record, a police-restricted one.
    await child('phy', 'leicester', 'PHY', '2026-10-01')
    await child('old', 'leicester', 'NEG', '2026-05-01')
    await child('sealed', 'leicester', 'NEG', '2026-10-01', 'sealed')
    await child('police', 'rutland', 'NEG', '2026-10-01', 'police-restricted')
  })
  after(async () => database?.dispose())

  const PROGRAMME = {
    title: 'Neglect: winter audit',
    themes: ['Neglect', 'The voice of the child'],
    startsOn: '2026-12-01',
    endsOn: '2027-02-28',
    questions: ['Was the child seen and heard?', 'Was information shared?'],
    agencyIds: [HEALTH, POLICE],
  }
  let programmeId = ''
  let caseId = ''

  it('only the partnership’s leads set up a programme; a bad one is refused naming the field', async () => {
    assert.equal(await statusOf(createProgramme(ctx, callers.health as Caller, PROGRAMME)), 403)
    await assert.rejects(
      createProgramme(ctx, callers.lead as Caller, {
        ...PROGRAMME,
        endsOn: '2026-11-01',
        agencyIds: ['nowhere'],
      }),
      (error: InvalidInput) =>
        error.problems.some((p) => p.field === 'endsOn') &&
        error.problems.some((p) => p.field === 'agencyIds'),
    )
    programmeId = (await createProgramme(ctx, callers.lead as Caller, PROGRAMME)).id
  })

  it('draws the sample by its rule: neglect within 6 months, never a marked record, spread across the LAs', async () => {
    assert.equal(
      await statusOf(
        drawSample(ctx, callers.health as Caller, programmeId, {
          category: 'NEG',
          months: 6,
          size: 6,
          seed: 'x',
        }),
      ),
      403,
    )
    const drawn = await drawSample(ctx, callers.lead as Caller, programmeId, {
      category: 'NEG',
      months: 6,
      size: 6,
      seed: 'winter-2026',
    })
    assert.deepEqual(drawn, { drawn: 6, pool: 9 })
    const { programme, cases } = await readProgramme(ctx, callers.lead as Caller, programmeId)
    assert.deepEqual(programme.sample_rule, { category: 'NEG', months: 6, size: 6, asOf: '2026-12-05' })
    assert.equal(programme.sample_seed, 'winter-2026')
    const las = cases.map((c) => c.row.la_id)
    assert.equal(las.filter((la) => la === 'leicester').length, 3)
    assert.equal(las.filter((la) => la === 'leicestershire').length, 2)
    assert.equal(las.filter((la) => la === 'rutland').length, 1)
    const excluded = ['phy', 'old', 'sealed', 'police'].map((key) => childIds[key])
    assert.ok(cases.every((c) => !excluded.includes(c.row.child_id)))
    assert.equal(
      await statusOf(
        drawSample(ctx, callers.lead as Caller, programmeId, {
          category: 'NEG',
          months: 6,
          size: 6,
          seed: 'y',
        }),
      ),
      409,
      'a sample is drawn once',
    )
    caseId = (cases[0] as (typeof cases)[number]).row.id
  })

  it('the same rule and seed draw the same sample again from the same records', async () => {
    const { programme, cases } = await readProgramme(ctx, callers.lead as Caller, programmeId)
    const rule = programme.sample_rule as NonNullable<typeof programme.sample_rule>
    const pool = await store.candidates(database.db, rule, '2026-06-05')
    assert.deepEqual(
      drawPure(pool, rule.size, programme.sample_seed as string).map((c) => c.childId),
      cases.map((c) => c.row.child_id),
    )
  })

  it('each auditing agency sees only its own part; others are answered 404', async () => {
    const health = await readCase(ctx, callers.health as Caller, caseId)
    assert.equal(health.whole, false)
    assert.deepEqual(
      health.parts.map((p) => p.agency_id),
      [HEALTH],
    )
    assert.equal(health.mayContribute, true)
    assert.equal(health.mayOpenRecord, true)
    assert.deepEqual(health.moderations, [])
    assert.equal(await statusOf(readCase(ctx, callers.school as Caller, caseId)), 404)
    assert.equal(await statusOf(readCase(ctx, callers.screener as Caller, caseId)), 404)
    assert.equal(await statusOf(readCase(ctx, callers.lead as Caller, 'not-an-id')), 404)
    const list = await overview(ctx, callers.police as Caller)
    assert.equal(list.cases.length, 6)
    assert.equal(list.programmes, undefined)
  })

  it('an agency audits its part: every question graded, else refused naming the question', async () => {
    await assert.rejects(
      submitPart(ctx, callers.health as Caller, caseId, {
        answers: { q1: { grade: 'good', comment: '' } },
        overallGrade: 'good',
        summary: 'Seen',
      }),
      (error: InvalidInput) => error.problems.some((p) => p.field === 'grade-q2'),
    )
    await submitPart(ctx, callers.health as Caller, caseId, {
      answers: {
        q1: { grade: 'inadequate', comment: 'Not seen alone' },
        q2: { grade: 'requires-improvement', comment: '' },
      },
      overallGrade: 'inadequate',
      summary: 'The child was not seen alone at the last three visits.',
    })
    assert.equal(await statusOf(submitPart(ctx, callers.school as Caller, caseId, {})), 404)
    const police = await readCase(ctx, callers.police as Caller, caseId)
    assert.ok(
      police.parts.every((p) => p.agency_id === POLICE && p.submitted_at === null),
      'police do not see health’s part',
    )
  })

  it('the child’s record opens for the audit through the grant, and closes when it expires', async () => {
    const record = await readRecord(ctx, callers.police as Caller, caseId)
    assert.equal(record.plans.length, 1)
    assert.equal(
      await statusOf(readRecord(ctx, callers.lead as Caller, caseId)),
      403,
      'the leads do not hold a grant',
    )
    assert.equal(await statusOf(readRecord(ctx, callers.school as Caller, caseId)), 404)
    const saved = clock
    clock = new Date(saved.getTime() + (AUDIT_GRANT_DAYS + 1) * DAY)
    try {
      assert.equal(await statusOf(readRecord(ctx, callers.police as Caller, caseId)), 403)
      assert.equal(await statusOf(submitPart(ctx, callers.police as Caller, caseId, {})), 403)
      const police = await readCase(ctx, callers.police as Caller, caseId)
      assert.equal(police.mayOpenRecord, false)
      assert.equal(police.mayContribute, false)
    } finally {
      clock = saved
    }
  })

  it('a child whose record is marked after sampling is hidden from the audit (404)', async () => {
    const { cases } = await readProgramme(ctx, callers.lead as Caller, programmeId)
    const last = cases.at(-1) as (typeof cases)[number]
    await database.db
      .updateTable('child')
      .set({ sensitivity: 'sealed' })
      .where('id', '=', last.row.child_id)
      .execute()
    try {
      assert.equal(await statusOf(readCase(ctx, callers.lead as Caller, last.row.id)), 404)
      assert.equal(await statusOf(readCase(ctx, callers.health as Caller, last.row.id)), 404)
      assert.equal(await statusOf(readRecord(ctx, callers.health as Caller, last.row.id)), 404)
      const after = await readProgramme(ctx, callers.lead as Caller, programmeId)
      assert.equal(after.cases.length, cases.length - 1)
    } finally {
      await database.db
        .updateTable('child')
        .set({ sensitivity: 'standard' })
        .where('id', '=', last.row.child_id)
        .execute()
    }
  })

  it('a lead ends an agency’s grant early, with the reason: its next look is 404, as for anyone else', async () => {
    const { cases } = await readProgramme(ctx, callers.lead as Caller, programmeId)
    const other = (cases[1] as (typeof cases)[number]).row.id
    const police = callers.police as Caller
    assert.equal((await readRecord(ctx, police, other)).plans.length, 1)
    const reason = 'The police part of this case is audited elsewhere'
    assert.equal(await statusOf(revokeGrant(ctx, police, other, { agencyId: POLICE, reason })), 403)
    await assert.rejects(
      revokeGrant(ctx, callers.lead as Caller, other, { agencyId: POLICE }),
      (error: InvalidInput) => error.problems.some((p) => p.field === 'reason'),
    )
    await revokeGrant(ctx, callers.lead as Caller, other, { agencyId: POLICE, reason })
    assert.equal(await statusOf(readRecord(ctx, police, other)), 404)
    assert.equal(await statusOf(submitPart(ctx, police, other, {})), 404)
    const file = await readCase(ctx, police, other)
    assert.equal(file.mayOpenRecord, false)
    assert.equal(file.grants.find((g) => g.agency_id === POLICE)?.revoked_reason, reason)
    assert.equal((await readRecord(ctx, callers.health as Caller, other)).plans.length, 1, 'health’s stands')
    await assert.rejects(
      revokeGrant(ctx, callers.lead as Caller, other, { agencyId: POLICE, reason }),
      (error: InvalidInput) => error.problems.some((p) => p.field === 'agencyId'),
    )
    const audited = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'detail', 'child_id'])
      .where('action', 'in', ['case-audit.manage', 'case-audit.record'])
      .orderBy('seq', 'desc')
      .limit(6)
      .execute()
    assert.ok(
      audited.some((e) => e.outcome === 'allowed' && e.detail.step === 'revoke-grant' && e.child_id),
      'the revocation is audited against the child',
    )
    assert.ok(audited.some((e) => e.action === 'case-audit.record' && e.outcome === 'denied'))
  })

  it('moderation, then actions on the actions block, then the re-audit and the change', async () => {
    const MODERATION = {
      metOn: '2026-12-04',
      attendees: 'Lee Lead (chair), Hana Health, Pete Police',
      agreedGrade: 'inadequate',
      findings: 'The child was not seen alone.',
      learning: 'See the child alone at every visit.',
    }
    assert.equal(await statusOf(addAction(ctx, callers.lead as Caller, caseId, {})), 409, 'moderate first')
    assert.equal(await statusOf(moderate(ctx, callers.health as Caller, caseId, MODERATION)), 403)
    await assert.rejects(
      moderate(ctx, callers.lead as Caller, caseId, { ...MODERATION, metOn: '2027-01-01' }),
      (error: InvalidInput) => error.problems.some((p) => p.field === 'metOn'),
    )
    await moderate(ctx, callers.lead as Caller, caseId, MODERATION)
    assert.equal(
      await statusOf(submitPart(ctx, callers.police as Caller, caseId, {})),
      409,
      'moderated parts are closed',
    )
    await addAction(ctx, callers.lead as Caller, caseId, {
      description: 'Brief health visitors on seeing the child alone',
      ownerAgencyId: HEALTH,
      dueBy: '2027-01-29',
    })
    const actions = await database.db
      .selectFrom('action')
      .selectAll()
      .where('source_kind', '=', 'case-audit')
      .execute()
    assert.equal(actions.length, 1)
    assert.equal(actions[0]?.owner_agency_id, HEALTH)

    assert.equal(await statusOf(startReAudit(ctx, callers.health as Caller, caseId)), 403)
    clock = new Date(clock.getTime() + 60 * DAY)
    await startReAudit(ctx, callers.lead as Caller, caseId)
    assert.equal(await statusOf(startReAudit(ctx, callers.lead as Caller, caseId)), 409)
    const reopened = await readCase(ctx, callers.health as Caller, caseId)
    assert.equal(reopened.row.round, 2)
    assert.equal(reopened.mayOpenRecord, true, 'a new grant for the re-audit')
    await submitPart(ctx, callers.health as Caller, caseId, {
      answers: { q1: { grade: 'good', comment: 'Seen alone' }, q2: { grade: 'good', comment: '' } },
      overallGrade: 'good',
      summary: 'Seen alone at each visit now.',
    })
    const file = await readCase(ctx, callers.lead as Caller, caseId)
    const health = file.parts.filter((p) => p.agency_id === HEALTH)
    assert.deepEqual(
      health.map((p) => [p.round, p.overall_grade]),
      [
        [1, 'inadequate'],
        [2, 'good'],
      ],
    )
  })

  it('every step and refusal is in the audit, against the child', async () => {
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'child_id'])
      .where('action', 'like', 'case-audit.%')
      .execute()
    const seen = new Set(rows.map((row) => `${row.action} ${row.outcome}`))
    for (const expected of [
      'case-audit.manage allowed',
      'case-audit.manage denied',
      'case-audit.view allowed',
      'case-audit.view denied',
      'case-audit.contribute allowed',
      'case-audit.record allowed',
      'case-audit.record denied',
    ])
      assert.ok(seen.has(expected), expected)
    assert.ok(rows.some((row) => row.action === 'case-audit.record' && row.child_id !== null))
  })
})
