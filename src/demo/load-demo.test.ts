import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { DECLARED_REASON, isValidNhsNumber, isValidUpn } from '../children/index.ts'
import { monthlyFigures, performanceFigures } from '../intelligence/index.ts'
import { countMonthlyThemes } from '../intelligence/store.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../partnership/config.ts'
import type { Sensitivity } from '../platform/events/event.ts'
import { agencyMayRead, recipientsOf } from '../sharing/rules.ts'
import type { SharedSensitivity } from '../sharing/schemas.ts'
import { type DemoHistoryResult, growDemoHistory } from './history.ts'
import { DemoDataError, type DemoLoadResult, loadDemoData } from './load-demo.ts'

const REFERENCE_DATE = '2026-11-15'

let database: TestDatabase
let partnership: PartnershipConfig
let loaded: DemoLoadResult

before(async () => {
  database = await openTestDatabase()
  partnership = await loadPartnershipConfig(
    new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname,
  )
  loaded = await loadDemoData(database, partnership, {
    children: 2000,
    seed: 7,
    referenceDate: REFERENCE_DATE,
  })
})

after(() => database.dispose())

const count = async (table: 'child' | 'household' | 'person' | 'school' | 'professional') => {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('loading demo data', () => {
  it('writes what it reports', async () => {
    assert.equal(loaded.children, 2000)
    assert.equal(await count('child'), 2000)
    assert.equal(await count('household'), loaded.households)
    assert.equal(await count('person'), loaded.adults)
    assert.equal(await count('school'), loaded.schools)
    assert.equal(await count('professional'), loaded.professionals)
    assert.ok(loaded.households > 800 && loaded.households < 2000, `${loaded.households} households`)
    assert.ok(loaded.rows > loaded.children * 4, `${loaded.rows} rows`)
  })

  it("gives every child a household in the child's LA", async () => {
    const orphans = await database.db
      .selectFrom('child')
      .leftJoin('household', 'household.id', 'child.household_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) =>
        eb.or([eb('household.id', 'is', null), eb('household.la_id', '!=', eb.ref('child.la_id'))]),
      )
      .executeTakeFirstOrThrow()
    assert.equal(Number(orphans.n), 0)
  })

  it('stores valid identifiers and calendar dates', async () => {
    const children = await database.db
      .selectFrom('child')
      .select(['nhs_number', 'upn', 'date_of_birth', 'sensitivity'])
      .execute()
    for (const child of children) {
      if (child.nhs_number) assert.ok(isValidNhsNumber(child.nhs_number), child.nhs_number)
      if (child.upn) assert.ok(isValidUpn(child.upn), child.upn)
      if (child.date_of_birth) assert.match(child.date_of_birth, /^\d{4}-\d{2}-\d{2}$/)
      assert.equal(child.sensitivity, 'standard')
    }
  })

  it('records involvements the access policy can read', async () => {
    const byReason = await database.db
      .selectFrom('child_involvement')
      .select(['reason', (eb) => eb.fn.countAll().as('n')])
      .groupBy('reason')
      .execute()
    const reasons = new Map(byReason.map((r) => [r.reason, Number(r.n)]))
    assert.ok((reasons.get(DECLARED_REASON.roll) ?? 0) > 1000)
    assert.ok((reasons.get(DECLARED_REASON.caseload) ?? 0) > 100)
    const declared = await database.db
      .selectFrom('agency_declaration')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('child_id', 'is not', null)
      .executeTakeFirstOrThrow()
    assert.equal(
      Number(declared.n),
      (reasons.get(DECLARED_REASON.roll) ?? 0) + (reasons.get(DECLARED_REASON.caseload) ?? 0),
      'each declared roll or caseload entry is loaded with its involvement',
    )
  })

  it('refuses to load into a database that already has children', async () => {
    await assert.rejects(
      loadDemoData(database, partnership, { children: 10, seed: 7 }),
      (error: unknown) => error instanceof DemoDataError && /already has 2000 children/.test(error.message),
    )
  })

  it('appends when asked, carrying on the numbering', async () => {
    const appended = await loadDemoData(database, partnership, {
      children: 300,
      seed: 7,
      append: true,
      referenceDate: REFERENCE_DATE,
    })
    assert.equal(appended.children, 300)
    assert.equal(await count('child'), 2300)
    const duplicates = await sql<{ n: number }>`
      SELECT (SELECT count(*) - count(DISTINCT la_child_id) FROM child)
           + (SELECT count(nhs_number) - count(DISTINCT nhs_number) FROM child)
           + (SELECT count(upn) - count(DISTINCT upn) FROM child)
           + (SELECT count(*) - count(DISTINCT establishment_number || la_id) FROM school) AS n`.execute(
      database.db,
    )
    assert.equal(Number(duplicates.rows[0]?.n), 0)
    const last = await database.db
      .selectFrom('child')
      .select((eb) => eb.fn.max('la_child_id').as('id'))
      .executeTakeFirstOrThrow()
    assert.equal(last.id, 'D00002300')
  })
})

describe('growing years of history', () => {
  const NOW = new Date('2026-11-15T12:00:00Z')
  let grown: DemoHistoryResult

  before(async () => {
    grown = await growDemoHistory(database, partnership, { years: 5, seed: 7, now: NOW })
  })

  it('at about England’s rates per 10,000 children a year, and about 41 on a plan at any time', async () => {
    const perTenThousandAYear = (n: number) => (n / 2300 / 5) * 10_000
    const referrals = perTenThousandAYear(grown.referrals)
    assert.ok(referrals > 420 && referrals < 660, `${referrals} referrals`)
    const enquiries = perTenThousandAYear(grown.enquiries)
    assert.ok(enquiries > 90 && enquiries < 260, `${enquiries} enquiries`)
    const initial = perTenThousandAYear(grown.initialConferences)
    assert.ok(initial > 30 && initial < 110, `${initial} initial conferences`)
    const { rows } = await sql<{ referrals: number; open: number }>`
      SELECT (SELECT count(*)::int FROM referral) AS referrals,
        (SELECT count(*)::int FROM child_protection_plan WHERE end_date IS NULL) AS open`.execute(database.db)
    assert.equal(rows[0]?.referrals, grown.referrals)
    const open = ((rows[0]?.open ?? 0) / 2300) * 10_000
    assert.ok(open > 15 && open < 75, `${open} on a plan now`)
    assert.ok(grown.rows > grown.referrals * 3, `${grown.rows} rows`)
  })

  it('with delays, late bookings and their reasons, inquorate meetings met again and re-referrals, so every standard of its records varies month to month', async () => {
    const { rows } = await sql<{ late: number; reasons: number; inquorate: number; replaced: number }>`
      SELECT (SELECT count(*)::int FROM conference WHERE meeting_date > due_by) AS late,
        (SELECT count(*)::int FROM conference WHERE late_reason IS NOT NULL) AS reasons,
        (SELECT count(*)::int FROM conference WHERE status = 'inquorate') AS inquorate,
        (SELECT count(*)::int FROM conference c WHERE status = 'inquorate'
          AND EXISTS (SELECT 1 FROM conference r WHERE r.replaces_id = c.id)) AS replaced`.execute(
      database.db,
    )
    const shown = rows[0]
    assert.ok(shown && shown.late > 0 && shown.reasons > 0 && shown.reasons <= shown.late)
    assert.ok(shown.inquorate > 0 && shown.replaced === shown.inquorate)
    const figures = await performanceFigures(database.db, partnership, '2021-12', '2026-10', NOW)
    for (const figure of figures) assert.ok(figure.value.total > 0, `${figure.title}: measured`)
    const monthly = await sql<{ percent: number }>`
      SELECT 100.0 * count(*) FILTER (WHERE d.decided_at - r.received_at <= interval '1 day') / count(*) AS percent
      FROM referral r JOIN threshold_decision d ON d.referral_id = r.id
      WHERE r.la_id = 'leicestershire' GROUP BY date_trunc('month', r.received_at)`.execute(database.db)
    const percents = monthly.rows.map((row) => Number(row.percent))
    assert.ok(Math.max(...percents) - Math.min(...percents) > 10, 'decisions vary month to month')
    const again = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM referral r WHERE EXISTS (SELECT 1 FROM referral e WHERE e.child_id = r.child_id
        AND e.received_at < r.received_at AND e.received_at >= r.received_at - interval '12 months')`.execute(
      database.db,
    )
    const share = (again.rows[0]?.n ?? 0) / grown.referrals
    assert.ok(share > 0.08 && share < 0.35, `${share} re-referred within 12 months`)
  })

  it('gives each child with history a chronology, as the service would have written it, reports marked by agency', async () => {
    const { rows } = await sql<{ type: string; n: number; marked: number }>`
      SELECT type, count(*)::int AS n, count(*) FILTER (WHERE sensitivity <> 'standard')::int AS marked
      FROM domain_event GROUP BY type`.execute(database.db)
    const count = Object.fromEntries(rows.map((row) => [row.type, row]))
    assert.equal(count['referral.received']?.n, grown.referrals, 'every referral received')
    for (const type of [
      'threshold.decided',
      'strategy.scheduled',
      'section47.started',
      'conference.booked',
      'conference.decided',
      'cp-plan.started',
      'cp-plan.core-group-met',
      'sharing.event-shared',
      'sharing.event-acknowledged',
      'disagreement.raised',
      'disagreement.resolved',
    ])
      assert.ok((count[type]?.n ?? 0) > 0, `${type} written`)
    assert.ok((count['conference.report-submitted']?.marked ?? 0) > 0, 'police and health reports are marked')
    const unreferred = await sql<{ n: number }>`
      SELECT e.type, e.occurred_at FROM domain_event e
      WHERE NOT EXISTS (SELECT 1 FROM referral r WHERE r.child_id = e.child_id AND r.received_at <= e.occurred_at)`.execute(
      database.db,
    )
    assert.deepEqual(unreferred.rows, [], 'nothing on a chronology before the child’s first referral')
  })

  it('shares a few events a referred child, told to the child’s LA and its agencies, acknowledged mostly in time, so the measure varies month to month', async () => {
    const { rows } = await sql<{
      children: number
      events: number
      told: number
      late: number
      never: number
    }>`
      SELECT (SELECT count(DISTINCT child_id)::int FROM referral) AS children,
        (SELECT count(*)::int FROM shared_event) AS events, (SELECT count(*)::int FROM sharing_notification) AS told,
        (SELECT count(*)::int FROM sharing_notification WHERE acknowledged_at > due_at) AS late,
        (SELECT count(*)::int FROM sharing_notification WHERE acknowledged_at IS NULL AND due_at < ${NOW}) AS never
    `.execute(database.db)
    const shown = rows[0]
    assert.ok(shown)
    const perChild = shown.events / shown.children
    assert.ok(perChild > 1.5 && perChild < 4.5, `${perChild} events a referred child`)
    assert.ok(shown.told > shown.events, `${shown.told} told of ${shown.events} events`)
    assert.ok(
      shown.late > 0 && shown.never > 0 && shown.never < shown.late,
      `${shown.late} late, ${shown.never} never`,
    )
    const monthly = await monthlyFigures(database.db, partnership, '2021-12', '2026-10', NOW)
    const percents = monthly
      .filter((row) => row.definition === 'acknowledgement-within-sharing-target' && row.total >= 5)
      .map((row) => (100 * row.counted) / row.total)
    assert.ok(percents.length > 100, `${percents.length} LA-months measured`)
    const overall = percents.reduce((sum, percent) => sum + percent, 0) / percents.length
    assert.ok(overall > 65 && overall < 95, `${overall}% acknowledged in time`)
    assert.ok(Math.max(...percents) - Math.min(...percents) > 20, 'acknowledgements vary month to month')
  })

  it('tells each shared event to exactly the agencies the intake’s fan-out names, the restricted part only to the marking’s owner', async () => {
    const { rows } = await sql<{
      id: string
      sender: string
      sensitivity: SharedSensitivity
      la_id: string
      child_sensitivity: Sensitivity
      involved: string[]
      told: string[]
      restricted: string[]
    }>`
      SELECT e.id, e.sender_agency_id AS sender, e.sensitivity, c.la_id, k.sensitivity AS child_sensitivity,
        coalesce((SELECT array_agg(DISTINCT i.agency_id) FROM child_involvement i
          WHERE i.child_id = c.child_id AND i.ended_at IS NULL), '{}') AS involved,
        coalesce((SELECT array_agg(n.agency_id ORDER BY n.agency_id) FROM sharing_notification n
          WHERE n.event_id = e.id), '{}') AS told,
        coalesce((SELECT array_agg(n.agency_id ORDER BY n.agency_id) FROM sharing_notification n
          WHERE n.event_id = e.id AND n.sees_restricted), '{}') AS restricted
      FROM shared_event e JOIN shared_event_child c ON c.event_id = e.id JOIN child k ON k.id = c.child_id`.execute(
      database.db,
    )
    assert.ok(rows.some((row) => row.sensitivity !== 'standard'))
    for (const row of rows) {
      const recipients = recipientsOf({
        senderAgencyId: row.sender,
        sensitivity: row.sensitivity,
        children: [{ laId: row.la_id, sensitivity: row.child_sensitivity, involvedAgencyIds: row.involved }],
        agencies: partnership.agencies,
        mayReceive: agencyMayRead,
      })
      assert.deepEqual(
        row.told,
        recipients.map((r) => r.agencyId),
        `told of ${row.id}`,
      )
      assert.deepEqual(
        row.restricted,
        recipients.filter((r) => r.seesRestricted).map((r) => r.agencyId),
        `may read the restricted part of ${row.id}`,
      )
    }
  })

  it('raises a few disagreements, most resolved at stage 1, fewer further, so the escalation theme varies', async () => {
    const { rows } = await sql<{ stage: number; n: number; open: number; records: number }>`
      SELECT d.stage, count(*)::int AS n, count(*) FILTER (WHERE d.resolved_at IS NULL)::int AS open,
        sum((SELECT count(*) FROM disagreement_stage s WHERE s.disagreement_id = d.id))::int AS records
      FROM disagreement d GROUP BY d.stage ORDER BY d.stage`.execute(database.db)
    const raised = rows.reduce((n, row) => n + row.n, 0)
    const perThousand = (1000 * raised) / grown.referrals
    assert.ok(perThousand > 3 && perThousand < 25, `${perThousand} disagreements per 1,000 referrals`)
    const atStage = (stage: number) => rows.find((row) => row.stage === stage)?.n ?? 0
    assert.ok(
      atStage(1) >= Math.max(atStage(2), atStage(3), atStage(4)) && atStage(2) + atStage(3) + atStage(4) > 0,
      `most stop at stage 1, some go further: ${JSON.stringify(rows)}`,
    )
    for (const row of rows)
      assert.equal(row.records, (row.n - row.open) * row.stage + row.open * (row.stage - 1))
    const themes = await countMonthlyThemes(database.db, {
      laIds: partnership.local_authorities.map((la) => la.id),
      from: '2021-12-01',
      until: '2026-11-01',
      now: NOW,
    })
    const escalation = themes.filter((theme) => theme.theme === 'escalation')
    assert.ok(new Set(escalation.map((theme) => theme.key)).size > 1, 'more than one stage reached')
    assert.ok(
      new Set(escalation.map((theme) => `${theme.laId} ${theme.month}`)).size > 3,
      'across months and LAs',
    )
  })

  it('grows 1 to 5 years only', async () => {
    await assert.rejects(growDemoHistory(database, partnership, { years: 6, seed: 7 }), RangeError)
  })
})

describe('the same history for the same seed', () => {
  const NOW = new Date('2026-11-15T12:00:00Z')

  /** What a history wrote about shared events and disagreements, by child and day, not by random ids. */
  async function grownWith(seed: number) {
    const fresh = await openTestDatabase()
    try {
      await loadDemoData(fresh, partnership, { children: 600, seed: 5, referenceDate: REFERENCE_DATE })
      await growDemoHistory(fresh, partnership, { years: 5, seed, now: NOW })
      const { rows } = await sql<{ line: string }>`
        SELECT k.la_child_id || ' ' || e.sender_agency_id || ' ' || e.type || ' ' || e.risk || ' ' || e.sensitivity
          || ' ' || e.received_at || ' ' || n.agency_id || ' ' || n.due_at || ' ' || coalesce(n.acknowledged_at::text, '-') AS line
        FROM shared_event e JOIN shared_event_child c ON c.event_id = e.id JOIN child k ON k.id = c.child_id
        JOIN sharing_notification n ON n.event_id = e.id
        UNION ALL
        SELECT k.la_child_id || ' ' || d.raiser_agency_id || ' ' || d.about_kind || ' ' || d.stage || ' ' || d.raised_at
          || ' ' || coalesce(d.resolved_at::text, '-') || ' ' || d.stage_due_by
        FROM disagreement d JOIN child k ON k.id = d.child_id
        ORDER BY 1`.execute(fresh.db)
      return rows.map((row) => row.line)
    } finally {
      await fresh.dispose()
    }
  }

  it('writes the same shared events, acknowledgements and disagreements, and others for another seed', async () => {
    const first = await grownWith(11)
    assert.ok(first.length > 100, `${first.length} lines`)
    assert.deepEqual(await grownWith(11), first)
    assert.notDeepEqual(await grownWith(12), first)
  })
})
