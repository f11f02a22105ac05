// The measures of meetings, plans and bookings on seeded events on PGlite, across the late May bank
// holiday (Monday 25 May 2026) and London's summer time; the comparison by operating model; the
// themes; and that the dashboard's counts (made in the database) agree with the lists behind them.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import {
  london,
  seedBarePlan,
  seedChild,
  seedDisagreement,
  seedDiscussion,
  seedReferral,
  seedReview,
  seedThemeLink,
} from '../../test/support/intelligence.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Caller } from '../platform/access/guard.ts'
import { dashboardAsPdf } from './pdf.ts'
import { agencyComparison, dashboard, type IntelligenceContext, measureList, themeList } from './workflow.ts'

const NOW = london('2026-07-15T12:00')
const MAY_JUNE = { laId: null, from: '2026-05', to: '2026-06' }

describe('the measures of meetings, plans and bookings', () => {
  let t: TestApp
  let ctx: IntelligenceContext
  let analyst: Caller

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    ctx = {
      db: t.database.db,
      partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
      now: () => NOW,
    }
    analyst = await enrolledCaller(t.database.db, {
      name: 'Ana Lyst',
      agencyId: 'llr-probation',
      role: 'analyst',
    })
    const db = t.database.db

    // Records circulated (Leicester): 1 working day after Friday 22 May is Tuesday 26 May.
    const city = await seedChild(db, 'leicester')
    await seedDiscussion(db, {
      laId: 'leicester',
      childId: city,
      heldOn: '2026-05-22',
      circulatedAt: london('2026-05-26T10:00'),
    })
    await seedDiscussion(db, {
      laId: 'leicester',
      childId: city,
      heldOn: '2026-05-22',
      circulatedAt: london('2026-05-27T09:00'),
    })
    // Held on Thursday 4 June, circulated at half past midnight on Saturday in London (Friday in UTC).
    const cityPlan = await seedBarePlan(db, { laId: 'leicester', childId: city, startedOn: '2026-03-01' })
    await seedReview(db, {
      laId: 'leicester',
      childId: city,
      planId: cityPlan,
      dueBy: '2026-06-04',
      meetingOn: '2026-06-04',
      status: 'decided',
      minutesCirculatedAt: london('2026-06-06T00:30'),
    })
    // Booked for 10 June and never recorded: missed once 11 June has passed.
    await seedDiscussion(db, {
      laId: 'leicester',
      childId: city,
      heldOn: '2026-06-10',
      dueBy: '2026-06-08',
      lateReason: 'The police officer was on leave',
    })

    // Review conferences, quoracy, attendance, reports and bookings (Leicestershire).
    const shire = await seedChild(db, 'leicestershire')
    const plan = await seedBarePlan(db, { laId: 'leicestershire', childId: shire, startedOn: '2026-01-10' })
    const review = (r: Omit<Parameters<typeof seedReview>[1], 'laId' | 'childId' | 'planId'>) =>
      seedReview(db, { laId: 'leicestershire', childId: shire, planId: plan, ...r })
    await review({ dueBy: '2026-05-29', meetingOn: '2026-05-28', status: 'decided' })
    await review({
      dueBy: '2026-06-10',
      meetingOn: '2026-06-12',
      status: 'decided',
      lateReason: 'The chair was ill',
      reportsBy: '2026-06-05',
      invited: [
        { agencyId: 'leicestershire-police', attended: true, reportAt: london('2026-06-04T16:00') },
        { agencyId: 'llr-icb', attended: false, reportAt: london('2026-06-08T09:00') },
        { agencyId: 'leicestershire-schools', attended: true },
      ],
    })
    const inquorate = await review({ dueBy: '2026-06-15', meetingOn: '2026-06-15', status: 'inquorate' })
    await review({
      dueBy: '2026-06-15',
      meetingOn: '2026-06-19',
      status: 'decided',
      replacesNumber: inquorate,
    })
    await review({ dueBy: '2026-06-30', meetingOn: '2026-07-20', status: 'booked' })
    await review({ dueBy: '2026-06-30', meetingOn: '2026-06-30', status: 'cancelled' })

    // Plans ended (Rutland): exactly 2 years counts; a day short does not.
    const small = await seedChild(db, 'rutland')
    const ended = (startedOn: string, endedOn: string, category: string) =>
      seedBarePlan(db, { laId: 'rutland', childId: small, startedOn, endedOn, category })
    await ended('2024-05-01', '2026-05-01', 'PHY')
    await ended('2024-06-10', '2026-06-09', 'EMO')
    await ended('2025-01-01', '2026-06-20', 'EMO')
    await seedBarePlan(db, { laId: 'rutland', childId: small, startedOn: '2026-06-21', category: 'SAB' })

    // Themes: referral sources, exploitation themes (a police-only link never counts), disagreements.
    await seedReferral(db, { laId: 'leicester', receivedAt: london('2026-06-03T09:00') })
    await seedThemeLink(db, { childId: city, theme: 'cce', seenOn: '2026-06-01' })
    await seedThemeLink(db, { childId: city, theme: 'county-lines', seenOn: '2026-06-01', policeOnly: true })
    await seedThemeLink(db, { childId: small, theme: 'cce', seenOn: '2026-04-30' })
    await seedDisagreement(db, {
      laId: 'leicester',
      childId: city,
      raisedAt: london('2026-05-12T10:00'),
      stage: 2,
    })
    await seedDisagreement(db, {
      laId: 'rutland',
      childId: small,
      raisedAt: london('2026-06-12T10:00'),
      stage: 1,
    })
    // Resolved at stage 1 (raised by the ICB), resolved at stage 3, and open at stage 3: missed already.
    const disagreement = (stage: 1 | 3, resolvedOn?: string, raisedBy?: string) =>
      seedDisagreement(db, {
        laId: 'leicester',
        childId: city,
        raisedAt: london('2026-06-01T10:00'),
        stage,
        raisedBy,
        resolvedAt: resolvedOn ? london(`${resolvedOn}T10:00`) : undefined,
      })
    await disagreement(1, '2026-06-03', 'llr-icb')
    await disagreement(3, '2026-06-20')
    await disagreement(3)
  })
  after(() => t.close())

  const list = (measure: string, laId: string) => measureList(ctx, analyst, measure, { ...MAY_JUNE, laId })
  const rows = async (measure: string, laId: string) =>
    (await list(measure, laId)).items
      .map((i) => [i.reference.slice(0, 3), i.startedOn, i.endedOn, i.dueOn, i.note ?? null, i.counted])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0])))

  it('records circulated within 1 working day of the meeting, in London’s days, across the bank holiday', async () => {
    assert.deepEqual(await rows('records-circulated', 'leicester'), [
      ['SD-', '2026-05-22', '2026-05-26', '2026-05-26', null, true],
      ['SD-', '2026-05-22', '2026-05-27', '2026-05-26', null, false],
      ['CP-', '2026-06-04', '2026-06-06', '2026-06-05', null, false],
      ['SD-', '2026-06-10', null, '2026-06-11', null, false],
    ])
  })

  it('review conferences held by their due day; a replaced inquorate one gives way, a cancelled one is left out', async () => {
    assert.deepEqual(
      (await rows('reviews-on-time', 'leicestershire')).map((r) => [r[1], r[2], r[5]]),
      [
        ['2026-05-29', '2026-05-28', true],
        ['2026-06-10', '2026-06-12', false],
        ['2026-06-15', '2026-06-19', false],
        ['2026-06-30', null, false],
      ],
    )
    const { value } = await list('reviews-on-time', 'leicestershire')
    assert.deepEqual(value, { counted: 1, total: 4, percent: 25, rag: 'red' })
  })

  it('quoracy: every conference that met, inquorate ones counted against', async () => {
    assert.deepEqual((await list('quoracy', 'leicestershire')).value, {
      counted: 3,
      total: 4,
      percent: 75,
      rag: 'red',
    })
  })

  it('agencies’ attendance and reports in time for the parents, each agency by its name', async () => {
    assert.deepEqual((await rows('attendance', 'leicestershire')).map((r) => [r[4], r[5]]).sort(), [
      ['Leicester, Leicestershire and Rutland Integrated Care Board', false],
      ['Leicestershire Police', true],
      ['Leicestershire schools', true],
    ])
    assert.deepEqual(
      (await rows('reports-before-conference', 'leicestershire')).map((r) => [r[4], r[2], r[3], r[5]]).sort(),
      [
        ['Leicester, Leicestershire and Rutland Integrated Care Board', '2026-06-08', '2026-06-05', false],
        ['Leicestershire Police', '2026-06-04', '2026-06-05', true],
        ['Leicestershire schools', null, '2026-06-05', false],
      ],
    )
  })

  it('plans ended that lasted 2 years or more, lower is better', async () => {
    assert.deepEqual(
      (await rows('long-plans', 'rutland')).map((r) => [r[1], r[2], r[5]]),
      [
        ['2026-05-01', '2024-05-01', true],
        ['2026-06-09', '2024-06-10', false],
        ['2026-06-20', '2025-01-01', false],
      ],
    )
    assert.equal((await list('long-plans', 'rutland')).value.rag, 'red')
  })

  it('late bookings with the reasons given', async () => {
    assert.deepEqual(
      (await rows('bookings-on-time', 'leicestershire')).map((r) => [r[1], r[2], r[4], r[5]]),
      [
        ['2026-05-29', '2026-05-28', null, true],
        ['2026-06-10', '2026-06-12', 'The chair was ill', false],
        ['2026-06-15', '2026-06-15', null, true],
        ['2026-06-30', '2026-07-20', null, false],
      ],
    )
    const city = await rows('bookings-on-time', 'leicester')
    assert.ok(city.some((r) => r[4] === 'The police officer was on leave' && r[5] === false))
  })

  it('professional disagreements resolved at stage 1 or 2: one open at stage 3 has missed, one open at stage 1 or 2 is running', async () => {
    assert.deepEqual(
      (await rows('disagreements-resolved-early', 'leicester')).map((r) => [r[2], r[4], r[5]]).sort(),
      [
        ['2026-06-03', 'Stage 1: practitioners', true],
        ['2026-06-20', 'Stage 3: senior managers', false],
        [null, 'Stage 3: senior managers', false],
      ].sort(),
    )
    const shown = await list('disagreements-resolved-early', 'leicester')
    assert.deepEqual(shown.items.map((i) => i.reference).sort(), [
      'Leicester, Leicestershire and Rutland Integrated Care Board',
      'Leicestershire Police',
      'Leicestershire Police',
    ])
    assert.equal(shown.value.rag, 'red')
  })

  it('the dashboard’s counts, made in the database, agree with the lists behind every measure and area, for all agencies and for one', async () => {
    for (const agencyId of [null, 'llr-icb']) {
      const shown = await dashboard(ctx, analyst, { ...MAY_JUNE, agencyId })
      for (const measure of shown.measures)
        for (const { area, value } of measure.byArea) {
          const behind = await measureList(ctx, analyst, measure.standard.id, {
            ...MAY_JUNE,
            laId: area.id,
            agencyId,
          })
          assert.deepEqual(value, behind.value, `${measure.standard.id} in ${area.id} for ${agencyId}`)
        }
    }
  })

  it('one agency’s part: only the measures counted per agency, its items alone, no themes', async () => {
    const shown = await dashboard(ctx, analyst, { ...MAY_JUNE, agencyId: 'llr-icb' })
    assert.equal(shown.agency?.name, 'Leicester, Leicestershire and Rutland Integrated Care Board')
    assert.deepEqual(
      shown.measures.map((m) => m.standard.id),
      ['acknowledgements', 'attendance', 'reports-before-conference', 'disagreements-resolved-early'],
    )
    const value = (id: string, laId: string) =>
      shown.measures.find((m) => m.standard.id === id)?.byArea.find((row) => row.area.id === laId)?.value
    assert.deepEqual(value('attendance', 'leicestershire'), { counted: 0, total: 1, percent: 0, rag: 'red' })
    assert.deepEqual(value('disagreements-resolved-early', 'leicester'), {
      counted: 1,
      total: 1,
      percent: 100,
      rag: 'green',
    })
    assert.deepEqual(shown.themes, [])
    await assert.rejects(
      measureList(ctx, analyst, 'quoracy', { ...MAY_JUNE, agencyId: 'llr-icb' }),
      /no such measure/,
    )
    await assert.rejects(dashboard(ctx, analyst, { ...MAY_JUNE, agencyId: 'nobody' }), /no such agency/)
  })

  it('every agency side by side for one measure: each value the one its own filter gives, both parties to a disagreement, audited', async () => {
    for (const id of [
      'attendance',
      'reports-before-conference',
      'disagreements-resolved-early',
      'acknowledgements',
    ]) {
      const compared = await agencyComparison(ctx, analyst, id, MAY_JUNE)
      assert.equal(compared.rows.length, ctx.partnership.agencies.length, 'every agency serving the areas')
      for (const { agency, value } of compared.rows) {
        const own = await dashboard(ctx, analyst, { ...MAY_JUNE, agencyId: agency.id })
        assert.deepEqual(
          value,
          own.measures.find((m) => m.standard.id === id)?.overall,
          `${id} for ${agency.id}`,
        )
      }
    }
    const attendance = await agencyComparison(ctx, analyst, 'attendance', { ...MAY_JUNE, laId: 'rutland' })
    assert.ok(!attendance.rows.some((row) => row.agency.id === 'leicester-city-council'), 'of the LA only')
    const parties = await agencyComparison(ctx, analyst, 'disagreements-resolved-early', MAY_JUNE)
    const of = (id: string) => parties.rows.find((row) => row.agency.id === id)?.value.total
    assert.equal(of('leicestershire-police'), 2)
    assert.equal(of('leicester-city-council'), 3, 'the other party counts it too')
    assert.match(
      parties.chart,
      /^<svg role="img" aria-label="Professional disagreements resolved at stage 1 or 2: each agency’s value/,
    )
    await assert.rejects(agencyComparison(ctx, analyst, 'quoracy', MAY_JUNE), /no such measure/)
    const audits = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('actor_id', '=', analyst.actor.id)
      .where('action', '=', 'statistics.view')
      .execute()
    assert.ok(audits.some((row) => (row.detail as { view?: string }).view === 'agencies'))
  })

  it('the lists behind the exploitation themes and disagreements: no child, the agencies by name, police-only links left out', async () => {
    const linked = await themeList(ctx, analyst, 'exploitation', 'cce', MAY_JUNE)
    assert.deepEqual(
      linked.items.map((i) => [i.areaName, i.reference, i.on, i.note]),
      [['Leicester', 'Child 1', '2026-06-01', 'Leicestershire Police']],
    )
    assert.deepEqual((await themeList(ctx, analyst, 'exploitation', 'county-lines', MAY_JUNE)).items, [])
    const stage3 = await themeList(ctx, analyst, 'escalation', '3', MAY_JUNE)
    assert.deepEqual(
      stage3.items.map((i) => [i.areaName, i.reference, i.note, i.on]),
      [
        ['Leicester', 'Leicestershire Police', "Leicester City Council Children's Social Care", '2026-06-01'],
        ['Leicester', 'Leicestershire Police', "Leicester City Council Children's Social Care", '2026-06-01'],
      ],
    )
  })

  it('compares the areas with their operating model, and shows the themes as charts with tables', async () => {
    const shown = await dashboard(ctx, analyst, MAY_JUNE)
    assert.equal(shown.model, '2')
    const reviews = shown.measures.find((m) => m.standard.id === 'reviews-on-time')
    // Model 2's areas together: Leicester's review on time beside Leicestershire's 1 of 4.
    assert.deepEqual(reviews?.byModel[0]?.value, { counted: 2, total: 5, percent: 40, rag: 'red' })
    assert.match(reviews?.byModel[0]?.words ?? '', /^Model 2/)
    assert.match(shown.comparison, /^<svg role="img" aria-label="Each measure’s value/)

    const theme = (id: string) => {
      const found = shown.themes.find((th) => th.id === id)
      assert.ok(found)
      return found.rows.map((row) => [row.label, ...row.byArea])
    }
    assert.deepEqual(theme('category'), [['Sexual abuse', 0, 0, 1]])
    assert.deepEqual(theme('source'), [['Schools', 1, 0, 0]])
    assert.deepEqual(
      theme('exploitation'),
      [['Child criminal exploitation', 1, 0, 0]],
      'the police-only link is not counted',
    )
    assert.deepEqual(theme('escalation'), [
      ['Stage 1: practitioners', 1, 0, 1],
      ['Stage 2: managers', 1, 0, 0],
      ['Stage 3: senior managers', 2, 0, 0],
    ])
    assert.match(shown.themes[0]?.chart ?? '', /<title>Plans begun by category of abuse, by area<\/title>/)
  })

  it('the dashboard as a PDF', async () => {
    const shown = await dashboard(ctx, analyst, MAY_JUNE, 'pdf')
    const pdf = await dashboardAsPdf(shown, {
      partnershipName: 'LLR',
      period: 'May 2026 to June 2026',
      areas: 'All',
    })
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    const audits = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('actor_id', '=', analyst.actor.id)
      .where('action', '=', 'statistics.view')
      .execute()
    assert.ok(audits.some((row) => (row.detail as { view?: string }).view === 'pdf'))
  })
})
