// Each standard measured on seeded events on PGlite, across the late May bank holiday (Monday 25 May
// 2026) and London's summer time, per LA and month; the list behind a number; who may see which LA.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import {
  london,
  seedAcknowledgement,
  seedChild,
  seedPlan,
  seedReferral,
  seedSection47,
} from '../../test/support/intelligence.ts'
import { addPerson } from '../../test/support/people.ts'
import { actorForColleague } from '../identity/index.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { dashboard, type IntelligenceContext, measureList } from './workflow.ts'

const NOW = london('2026-07-15T12:00')
const MAY_JUNE = { laId: null, from: '2026-05', to: '2026-06' }

describe('the performance dashboard', () => {
  let t: TestApp
  let ctx: IntelligenceContext
  let analyst: Caller

  async function caller(agencyId: string, role: Role, laId: string | null): Promise<Caller> {
    const { email } = await addPerson(t.database, agencyId, role, laId)
    const actor = await actorForColleague(
      { db: t.database.db, partnership: ctx.partnership },
      agencyId,
      email,
    )
    assert.ok(actor)
    return { actor, origin: { ip: '127.0.0.1', requestId: `test-${email}` } }
  }

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    ctx = {
      db: t.database.db,
      partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
      now: () => NOW,
    }
    analyst = await caller('llr-probation', 'analyst', null)
    const db = t.database.db

    // Referral decisions (Leicester, Rutland): the bank holiday moves Friday's due day to Tuesday.
    await seedReferral(db, {
      laId: 'leicester',
      receivedAt: london('2026-05-22T16:00'),
      decidedAt: london('2026-05-26T10:00'),
    })
    await seedReferral(db, {
      laId: 'leicester',
      receivedAt: london('2026-05-22T16:00'),
      decidedAt: london('2026-05-27T09:00'),
    })
    // Received just after midnight in London (still Sunday in UTC): its day is Monday 1 June.
    await seedReferral(db, {
      laId: 'leicester',
      receivedAt: london('2026-06-01T00:30'),
      decidedAt: london('2026-06-02T17:00'),
    })
    await seedReferral(db, { laId: 'rutland', receivedAt: london('2026-06-03T09:00') })

    // Initial conferences (Leicester): 15 working days from Thursday 14 May is Friday 5 June.
    const leicesterChild = () => seedChild(db, 'leicester')
    await seedSection47(db, {
      laId: 'leicester',
      childId: await leicesterChild(),
      startedOn: '2026-05-14',
      icpcOn: '2026-06-05',
    })
    await seedSection47(db, {
      laId: 'leicester',
      childId: await leicesterChild(),
      startedOn: '2026-05-14',
      icpcOn: '2026-06-08',
    })
    await seedSection47(db, {
      laId: 'leicester',
      childId: await leicesterChild(),
      startedOn: '2026-05-14',
      icpcOn: '2026-06-04',
      icpcStatus: 'inquorate',
    })
    const notNeeded = await seedSection47(db, {
      laId: 'leicester',
      childId: await leicesterChild(),
      startedOn: '2026-05-14',
    })
    await sql`UPDATE section47_enquiry SET outcome = 'icpc-not-required'
      WHERE strategy_discussion_id = (SELECT id FROM strategy_discussion WHERE number = ${notNeeded})`.execute(
      db,
    )

    // Plans and first core groups (Leicestershire): 10 working days from Friday 15 May is Monday 1 June (not Friday 29 May).
    const shire = () => seedChild(db, 'leicestershire')
    await seedPlan(db, {
      laId: 'leicestershire',
      childId: await shire(),
      icpcOn: '2026-05-15',
      coreGroupOn: '2026-05-29',
    })
    await seedPlan(db, {
      laId: 'leicestershire',
      childId: await shire(),
      icpcOn: '2026-05-15',
      coreGroupOn: '2026-06-02',
    })
    const again = await shire()
    await seedPlan(db, {
      laId: 'leicestershire',
      childId: again,
      icpcOn: '2024-01-10',
      coreGroupOn: '2024-01-17',
      endedOn: '2025-01-10',
    })
    await seedPlan(db, {
      laId: 'leicestershire',
      childId: again,
      icpcOn: '2026-05-15',
      coreGroupOn: '2026-05-20',
    })
    await seedPlan(db, {
      laId: 'leicestershire',
      childId: await shire(),
      icpcOn: '2026-05-15',
      coreGroupOn: '2026-05-28',
    })

    // Re-referrals (Leicestershire): one within 12 months of the last, one after more than 12.
    const a = await shire()
    const b = await shire()
    await seedReferral(db, { laId: 'leicestershire', childId: a, receivedAt: london('2025-07-01T10:00') })
    await seedReferral(db, {
      laId: 'leicestershire',
      childId: a,
      receivedAt: london('2026-06-02T10:00'),
      decidedAt: london('2026-06-02T15:00'),
    })
    await seedReferral(db, { laId: 'leicestershire', childId: b, receivedAt: london('2025-05-01T10:00') })
    await seedReferral(db, {
      laId: 'leicestershire',
      childId: b,
      receivedAt: london('2026-06-03T10:00'),
      decidedAt: london('2026-06-03T15:00'),
    })
    // At the boundary: exactly 12 months before counts, a minute more does not.
    for (const [earlier, later] of [
      ['2025-06-10T10:00', '2026-06-10T10:00'],
      ['2025-06-10T09:59', '2026-06-10T10:00'],
    ]) {
      const child = await shire()
      await seedReferral(db, { laId: 'leicestershire', childId: child, receivedAt: london(earlier) })
      await seedReferral(db, {
        laId: 'leicestershire',
        childId: child,
        receivedAt: london(later),
        decidedAt: london(later),
      })
    }

    // Acknowledgements (Rutland): in time, late, overdue and unanswered, still running.
    const r = await seedChild(db, 'rutland')
    const told = (toldAt: string, dueAt: string, acknowledgedAt?: string) =>
      seedAcknowledgement(db, {
        laId: 'rutland',
        childId: r,
        agencyId: 'llr-icb',
        toldAt: london(toldAt),
        dueAt: london(dueAt),
        ...(acknowledgedAt ? { acknowledgedAt: london(acknowledgedAt) } : {}),
      })
    await told('2026-06-10T09:00', '2026-06-11T09:00', '2026-06-10T15:00')
    await told('2026-06-10T09:00', '2026-06-11T09:00', '2026-06-12T09:00')
    await told('2026-06-10T09:00', '2026-06-11T09:00')
    await told('2026-06-10T09:00', '2026-08-11T09:00')
  })
  after(() => t.close())

  const list = (measure: string, laId: string, month?: string) =>
    measureList(ctx, analyst, measure, { ...MAY_JUNE, laId, ...(month ? { from: month, to: month } : {}) })
  const answers = async (measure: string, laId: string, month?: string) =>
    (await list(measure, laId, month)).items.map((item) => [item.startedOn, item.endedOn, item.counted])

  it('referral decisions within 1 working day, the bank holiday and London’s day counted', async () => {
    assert.deepEqual(await answers('referral-decisions', 'leicester', '2026-05'), [
      ['2026-05-22', '2026-05-26', true],
      ['2026-05-22', '2026-05-27', false],
    ])
    const june = await list('referral-decisions', 'leicester', '2026-06')
    assert.deepEqual(
      june.items.map((item) => [item.startedOn, item.dueOn, item.counted]),
      [['2026-06-01', '2026-06-02', true]],
    )
    assert.match(june.items[0]?.reference ?? '', /^FD-\d{6}$/)
    assert.deepEqual(
      await answers('referral-decisions', 'rutland'),
      [['2026-06-03', null, false]],
      'overdue, never decided',
    )
  })

  it('initial conferences within 15 working days of the strategy discussion', async () => {
    const items = (await list('icpc-timeliness', 'leicester')).items
    assert.deepEqual(
      items.map((i) => [i.dueOn, i.endedOn, i.counted]),
      [
        ['2026-06-05', '2026-06-05', true],
        ['2026-06-05', '2026-06-08', false],
        ['2026-06-05', null, false],
      ],
      'an inquorate conference is not held; one found not needed is left out',
    )
  })

  it('first core groups within 10 working days of the conference', async () => {
    const items = (await list('first-core-group', 'leicestershire', '2026-05')).items
    assert.deepEqual(items.map((i) => [i.dueOn, i.endedOn, i.counted]).sort(), [
      ['2026-06-01', '2026-05-20', true],
      ['2026-06-01', '2026-05-28', true],
      ['2026-06-01', '2026-05-29', true],
      ['2026-06-01', '2026-06-02', false],
    ])
  })

  it('acknowledgements within the sharing target, those still running left out', async () => {
    const shown = await list('acknowledgements', 'rutland', '2026-06')
    assert.deepEqual(
      shown.items.map((i) => i.counted),
      [true, false, false],
    )
    assert.ok(!shown.items.some((i) => /llr-icb/.test(i.reference)), 'the agency by its name')
  })

  it('re-referrals within 12 months and repeat plans, lower is better', async () => {
    assert.deepEqual(await answers('re-referrals', 'leicestershire', '2026-06'), [
      ['2026-06-02', '2025-07-01', true],
      ['2026-06-03', null, false],
      ['2026-06-10', '2025-06-10', true],
      ['2026-06-10', null, false],
    ])
    const plans = await list('repeat-plans', 'leicestershire', '2026-05')
    assert.deepEqual(plans.value, { counted: 1, total: 4, percent: 25, rag: 'amber' })
  })

  it('the dashboard: each standard per LA and month, rated in words, with its trend chart', async () => {
    const shown = await dashboard(ctx, analyst, MAY_JUNE)
    assert.deepEqual(
      shown.areas.map((area) => area.id),
      ['leicester', 'leicestershire', 'rutland'],
    )
    const decisions = shown.measures.find((m) => m.standard.id === 'referral-decisions')
    assert.ok(decisions)
    const leicester = decisions.byArea.find((row) => row.area.id === 'leicester')?.value
    assert.deepEqual(leicester, { counted: 2, total: 3, percent: 66.7, rag: 'red' })
    assert.deepEqual(
      decisions.months.map((m) => m.byArea[0]?.percent),
      [50, 100],
    )
    assert.match(
      decisions.chart,
      /^<svg role="img" aria-label="Referral decisions within 1 working day[^"]*"/,
    )
    assert.match(decisions.chart, /<title>/)
    const reReferrals = shown.measures.find((m) => m.standard.id === 're-referrals')
    assert.equal(reReferrals?.byArea[1]?.value.rag, 'red', '50% re-referred is above the 27% amber line')
  })

  it('an analyst of one LA sees that LA only, and is refused another', async () => {
    const rutlandAnalyst = await caller('rutland-county-council', 'analyst', 'rutland')
    const shown = await dashboard(ctx, rutlandAnalyst, MAY_JUNE)
    assert.deepEqual(
      shown.areas.map((area) => area.id),
      ['rutland'],
    )
    await assert.rejects(list2(rutlandAnalyst, 'leicester'), { statusCode: 403 })
    const screener = await caller('leicester-city-council', 'front-door-screener', 'leicester')
    await assert.rejects(dashboard(ctx, screener, MAY_JUNE), { statusCode: 403 })
  })

  const list2 = (who: Caller, laId: string) =>
    measureList(ctx, who, 'referral-decisions', { ...MAY_JUNE, laId })

  it('audits each look like a read, LA by LA', async () => {
    await list('referral-decisions', 'leicester', '2026-05')
    const rows = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'detail'])
      .where('actor_id', '=', analyst.actor.id)
      .where('action', '=', 'statistics.view')
      .execute()
    assert.ok(
      rows.some((row) => row.outcome === 'allowed' && (row.detail as { view?: string }).view === 'list'),
    )
    assert.ok(rows.some((row) => (row.detail as { view?: string }).view === 'dashboard'))
  })
})
