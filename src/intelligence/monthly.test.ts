// The monthly counts the dashboard reads equal counting every month live: over five years of demo
// history and seeded events across the late May bank holiday (Monday 25 May 2026), London's midnight
// at a month's end and clocks still running when a month is counted; and a change to a counted
// month's records shows on the dashboard once the job has run, or counted live if it has not run
// within 2 minutes.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { DEMO_PARTNERSHIPS } from '../../test/support/app.ts'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import {
  london,
  seedAcknowledgement,
  seedChild,
  seedDisagreement,
  seedReferral,
  seedSection47,
  seedThemeLink,
} from '../../test/support/intelligence.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { growDemoHistory } from '../demo/history.ts'
import { loadDemoData } from '../demo/load-demo.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { MEASURE_DEFINITIONS } from '../partnership/measure-definitions.ts'
import type { Caller } from '../platform/access/guard.ts'
import {
  COUNTED_WITHIN,
  countChangedMonths,
  countedBy,
  countFigureByAgency,
  countFigures,
} from './monthly.ts'
import { heldCounts } from './monthly-store.ts'
import { DEFINITIONS } from './rules.ts'
import {
  type Counted,
  type CountedForAgency,
  countByAgency,
  countExploitationThemes,
  countMeasured,
  countMonthlyThemes,
  type Period,
} from './store.ts'
import { dashboard } from './workflow.ts'

/** The morning after the last day of June: June is closed, a referral of its last afternoon is not yet due. */
const JULY_1 = london('2026-07-01T09:00')
const FIVE_YEARS = { laId: null, from: '2021-07', to: '2026-07' }

const byMonth = (rows: Counted[]) =>
  rows
    .map(({ laId, month, counted, total }) => ({ laId, month, counted, total }))
    .sort((a, b) => `${a.laId} ${a.month}`.localeCompare(`${b.laId} ${b.month}`))

describe('the monthly counts', () => {
  let database: TestDatabase
  let partnership: PartnershipConfig
  let analyst: Caller
  let laIds: string[]
  let lateJuneReferral: number

  const periodAt = (now: Date): Period => ({ laIds, from: '2021-07-01', until: '2026-08-01', now })

  /** Every figure read through the monthly counts equals the same counted live; returns the months read stored. */
  async function assertSameAsLive(now: Date): Promise<number> {
    const db = database.db
    const p = periodAt(now)
    for (const definition of MEASURE_DEFINITIONS) {
      const { judge, byAgency } = DEFINITIONS[definition]
      const { counts } = await countFigures(db, partnership, [definition], p)
      assert.deepEqual(
        byMonth(counts[0] ?? []),
        byMonth(await countMeasured(db, definition, judge, p)),
        definition,
      )
      if (!byAgency) continue
      const sorted = (rows: CountedForAgency[]) =>
        rows
          .map(({ agencyId, counted, total }) => ({ agencyId, counted, total }))
          .sort((a, b) => a.agencyId.localeCompare(b.agencyId))
      assert.deepEqual(
        sorted(await countFigureByAgency(db, partnership, definition, p)),
        sorted((await countByAgency(db, definition, judge, p)).filter((row) => row.total > 0)),
        `${definition} per agency`,
      )
      for (const agency of partnership.agencies) {
        const one = { ...p, agencyId: agency.id }
        const { counts: ofAgency } = await countFigures(db, partnership, [definition], one)
        assert.deepEqual(
          byMonth(ofAgency[0] ?? []),
          byMonth(await countMeasured(db, definition, judge, one)),
          `${definition}, ${agency.id}`,
        )
      }
    }
    const themeOrder = (rows: { theme: string; key: string; laId: string; month: string }[]) =>
      rows.map((row) => JSON.stringify(row)).sort()
    const { themes } = await countFigures(db, partnership, [], p)
    assert.deepEqual(
      themeOrder(themes),
      themeOrder([...(await countMonthlyThemes(db, p)), ...(await countExploitationThemes(db, p))]),
    )
    const held = await heldCounts(db, p, '', {
      now,
      lag: COUNTED_WITHIN,
      by: countedBy(partnership),
    })
    return held.months.size
  }

  /** What the dashboard shows of every measure and theme over five years, for one moment. */
  async function shown(now: Date) {
    const seen = await dashboard({ db: database.db, partnership, now: () => now }, analyst, FIVE_YEARS)
    return {
      measures: seen.measures.map((m) => ({ id: m.standard.id, overall: m.overall, months: m.months })),
      themes: seen.themes.map((theme) => ({ id: theme.id, rows: theme.rows })),
    }
  }

  before(async () => {
    database = await openTestDatabase()
    partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    laIds = partnership.local_authorities.map((la) => la.id)
    // The demo draws its children relative to a day: a fixed one keeps the expected figures true on any day.
    await loadDemoData(database, partnership, { children: 1500, seed: 3, referenceDate: '2026-12-06' })
    await growDemoHistory(database, partnership, { years: 5, seed: 3, now: JULY_1 })
    analyst = await enrolledCaller(database.db, {
      name: 'Ana Lyst',
      agencyId: 'llr-probation',
      role: 'analyst',
    })
    const db = database.db

    const city = await seedChild(db, 'leicester')
    // Friday 22 May 16:00: due Tuesday 26 May, the bank holiday between; decided then, in time.
    await seedReferral(db, {
      laId: 'leicester',
      childId: city,
      receivedAt: london('2026-05-22T16:00'),
      decidedAt: london('2026-05-26T10:00'),
    })
    // Half past midnight on 1 June in London (31 May in UTC): June's, due Tuesday 2 June.
    await seedReferral(db, {
      laId: 'leicester',
      childId: city,
      receivedAt: london('2026-06-01T00:30'),
      decidedAt: london('2026-06-02T17:00'),
    })
    // The last afternoon of June, not yet decided on the morning of 1 July: still running.
    lateJuneReferral = await seedReferral(db, { laId: 'leicester', receivedAt: london('2026-06-30T15:00') })
    // An enquiry begun on 26 June: its conference is due 15 working days on, in July.
    const shire = await seedChild(db, 'leicestershire')
    await seedSection47(db, { laId: 'leicestershire', childId: shire, startedOn: '2026-06-26' })
    // Acknowledgements: one in time, one late, one due after 1 July and not yet acknowledged.
    await seedAcknowledgement(db, {
      laId: 'leicester',
      childId: city,
      agencyId: 'leicestershire-police',
      toldAt: london('2026-05-29T17:00'),
      dueAt: london('2026-06-01T17:00'),
      acknowledgedAt: london('2026-06-01T09:00'),
    })
    await seedAcknowledgement(db, {
      laId: 'leicester',
      childId: city,
      agencyId: 'llr-icb',
      toldAt: london('2026-05-29T17:00'),
      dueAt: london('2026-06-01T17:00'),
      acknowledgedAt: london('2026-06-03T09:00'),
    })
    await seedAcknowledgement(db, {
      laId: 'leicestershire',
      childId: shire,
      agencyId: 'llr-icb',
      toldAt: london('2026-06-30T16:00'),
      dueAt: london('2026-07-02T16:00'),
    })
    await seedDisagreement(db, {
      laId: 'leicester',
      childId: city,
      raisedAt: london('2026-04-30T23:30'),
      stage: 2,
      resolvedAt: london('2026-05-12T10:00'),
    })
    await seedDisagreement(db, {
      laId: 'leicestershire',
      childId: shire,
      raisedAt: london('2026-06-03T10:00'),
      stage: 3,
    })
    await seedThemeLink(db, { childId: city, theme: 'county-lines', seenOn: '2026-03-02' })
    await seedThemeLink(db, { childId: city, theme: 'county-lines', seenOn: '2026-05-02' })
  })
  after(() => database.dispose())

  it('equal counting every month live, over five years, per LA, month and agency, and the themes', async () => {
    const live = await shown(JULY_1)
    assert.equal(await assertSameAsLive(JULY_1), 0, 'nothing stored before the job')
    const { months } = await countChangedMonths(database.db, partnership, JULY_1)
    assert.equal(months, 73, 'six years of closed months and the open month')
    // Every month of the five years and the open month, July, is read stored.
    assert.equal(await assertSameAsLive(JULY_1), 61)
    assert.deepEqual(await shown(JULY_1), live)
    assert.deepEqual(await countChangedMonths(database.db, partnership, JULY_1), { months: 0 })
  })

  it('shows a decision within a run of the job, or at once counted live if the job has not run for 2 minutes', async () => {
    const db = database.db
    const now = london('2026-07-01T10:30')
    const decisions = async (month: string) =>
      (await shown(now)).measures
        .find((m) => m.id === 'referral-decisions')
        ?.months.find((m) => m.month === month)?.overall
    const [june, july] = [await decisions('2026-06'), await decisions('2026-07')]
    // As the front door records it (src/front-door), the next morning: June's last referral, in time.
    await sql`INSERT INTO threshold_decision (referral_id, outcome, reasons, level_of_need, decided_by,
        decided_by_name, decided_by_agency_id, decided_at, working_days_taken, within_timescale, feedback_to_referrer)
      SELECT id, 'early-help', 'Seeded', 2, 'seed', 'Seed Screener', 'leicester-city-council',
        ${london('2026-07-01T10:00')}, 1, true, 'Seeded'
      FROM referral WHERE number = ${lateJuneReferral}`.execute(db)
    // And one of the open month, received and decided this morning.
    await seedReferral(db, {
      laId: 'rutland',
      receivedAt: london('2026-07-01T08:00'),
      decidedAt: london('2026-07-01T10:15'),
    })
    assert.deepEqual(await decisions('2026-06'), june, 'not yet: the job has not run')
    assert.deepEqual(await decisions('2026-07'), july)

    // Changes the job has left uncounted for over 2 minutes: their months are counted live.
    await sql`UPDATE intelligence_month_touched SET marked_at = marked_at - interval '3 minutes'`.execute(db)
    const [juneLive, julyLive] = [await decisions('2026-06'), await decisions('2026-07')]
    assert.ok(june && july && juneLive && julyLive)
    assert.deepEqual(
      [juneLive.counted, juneLive.total],
      [june.counted + 1, june.total + 1],
      'in time: due by 1 July',
    )
    assert.deepEqual([julyLive.counted, julyLive.total], [july.counted + 1, july.total + 1])
    assert.equal(await assertSameAsLive(now), 59, 'June and July counted live')

    // The job counts the two months again; the same figures, stored.
    assert.deepEqual(await countChangedMonths(db, partnership, now), { months: 2 })
    assert.equal(await assertSameAsLive(now), 61)
    assert.deepEqual([await decisions('2026-06'), await decisions('2026-07')], [juneLive, julyLive])
  })

  it('counts a month again once a clock running when it was counted has run out', async () => {
    // 15 working days from Friday 26 June is Friday 17 July: the enquiry's conference is then late.
    const later = london('2026-07-20T09:00')
    assert.equal(
      await assertSameAsLive(later),
      59,
      'June and July are counted live once their clocks ran out',
    )
    assert.deepEqual(await countChangedMonths(database.db, partnership, later), { months: 2 })
    assert.equal(await assertSameAsLive(later), 61)
  })

  it('counts again a month counted by other code, bank holidays or LAs than today’s', async () => {
    const later = london('2026-07-20T09:00')
    await sql`UPDATE intelligence_month SET counted_by = 'an earlier release' WHERE month = '2024-02-01'`.execute(
      database.db,
    )
    assert.equal(await assertSameAsLive(later), 60, 'February 2024 counted live')
    assert.deepEqual(await countChangedMonths(database.db, partnership, later), { months: 1 })
    assert.equal(await assertSameAsLive(later), 61)
  })

  it('holds a month whose clock ran out after its count for 2 minutes, as long as a change waits for the job', async () => {
    // Counted a minute before the enquiry's conference is late (the day after Friday 17 July).
    await countChangedMonths(database.db, partnership, london('2026-07-17T23:59'))
    const { rows } = await sql<{ staleFrom: string }>`
      SELECT to_char(stale_from, 'YYYY-MM-DD') AS "staleFrom" FROM intelligence_month WHERE month = '2026-06-01'`.execute(
      database.db,
    )
    assert.deepEqual(rows, [{ staleFrom: '2026-07-18' }], "June's first clock runs out at midnight")
    const juneHolds = async (now: Date) =>
      (
        await heldCounts(database.db, periodAt(now), '', {
          now,
          lag: COUNTED_WITHIN,
          by: countedBy(partnership),
        })
      ).months.has('2026-06')
    assert.equal(await juneHolds(london('2026-07-18T00:00')), true, 'read stored until the job runs again')
    assert.equal(
      await juneHolds(london('2026-07-18T00:02')),
      false,
      'counted live once it has waited too long',
    )
  })
})
