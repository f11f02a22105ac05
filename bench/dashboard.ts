// Performance dashboard latency (issue 16): an analyst of the whole partnership opening /intelligence
// over demo children with five years of history grown at about England's published rates (referrals,
// section 47 enquiries, initial conferences, plans and core groups, with delays). Prints p50/p95 for
// the default 12 months and for 5 years, each the median of the runs. Target: p95 < 200 ms.
//
//   node --import tsx bench/dashboard.ts [--engine pglite|postgres] [--children 20000]
//     [--requests 30] [--runs 3]

import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { buildApp } from '../src/app.ts'
import type { Database } from '../src/database.ts'
import { loadDemoData } from '../src/demo/load-demo.ts'
import { demoUserPlan } from '../src/identity/demo-users.ts'
import { type DemoUser, seedDemoUsers } from '../src/identity/index.ts'
import { signIn } from '../src/identity/testing.ts'
import { loadPartnershipConfig } from '../src/partnership/config.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { type ScratchDatabase, scratchPglite, scratchPostgres } from './support/scratch-database.ts'

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    children: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
  },
})
const CHILDREN = Number(args.children)
const REQUESTS = Number(args.requests)
const RUNS = Number(args.runs)
if (args.engine !== 'pglite' && args.engine !== 'postgres') throw new Error('--engine is pglite or postgres')

const fresh = (): Promise<ScratchDatabase> =>
  args.engine === 'pglite'
    ? scratchPglite('masa-bench-dashboard')
    : scratchPostgres(`masa_bench_dashboard_${process.pid}`)

/** Per child over five years: 540 referrals, 175 s47 enquiries per 10,000 children a year. */
const REFERRALS_PER_CHILD = (540 / 10_000) * 5
const S47_PER_CHILD = (175 / 10_000) * 5

/** Five years of referrals (decided 0 to 4 days later), a second pass giving re-referrals. */
async function growReferrals(database: Database, pass: number): Promise<void> {
  await sql`
    WITH picked AS (
      SELECT id AS child_id, la_id, now() - random() * interval '1800 days' AS received_at
      FROM child WHERE random() < ${REFERRALS_PER_CHILD / 2}
    ), r AS (
      INSERT INTO referral (la_id, child_id, child_first_name, child_last_name, what_happened, worries,
        family_knows, consent, urgency, referral_source, referrer_user_id, referrer_name, referrer_agency_id,
        referrer_role, referrer_email, route, queue, priority, had_live_cp_plan, received_at, decision_due_by,
        status, client_id, idempotency_key, request_hash)
      SELECT la_id, child_id, 'Bench', 'Child', 'Bench', 'Bench', 'Yes', 'given', 'standard', '2A', 'bench',
        'Bench', 'leicester-schools', 'Teacher', 'bench@school.example', 'la-screening', 'la-screening', 3, false,
        received_at, received_at::date, 'decided', 'bench', ${`pass-${pass}-`} || child_id, 'x'
      FROM picked RETURNING id, received_at
    )
    INSERT INTO threshold_decision (referral_id, outcome, reasons, level_of_need, decided_by, decided_by_name,
      decided_by_agency_id, decided_at, working_days_taken, within_timescale, feedback_to_referrer)
    SELECT id, 'early-help', 'Bench', 2, 'bench', 'Bench', 'leicester-city-council',
      least(now(), received_at + random() * interval '4 days'), 1, true, 'Bench'
    FROM r`.execute(database.db)
}

/** Section 47 enquiries with their initial conferences (7 to 30 days on), plans and first core groups. */
async function growProtection(database: Database, pass: number): Promise<void> {
  await sql`
    WITH picked AS (
      SELECT id AS child_id, la_id, current_date - 30 - (random() * 1770)::int - ${pass * 500}::int AS started_on
      FROM child WHERE random() < ${S47_PER_CHILD / 2}
    ), sd AS (
      INSERT INTO strategy_discussion (child_id, la_id, origin, concerns, requested_by, due_by, status, meeting_date)
      SELECT child_id, la_id, 'urgent', 'Bench', 'bench', started_on, 'signed-off', started_on FROM picked
      RETURNING id, child_id, la_id, meeting_date
    ), s AS (
      INSERT INTO section47_enquiry (child_id, la_id, strategy_discussion_id, joint_with_police, started_on,
        icpc_due_by, outcome)
      SELECT child_id, la_id, id, true, meeting_date, meeting_date + 21, 'icpc' FROM sd
      RETURNING id, child_id, la_id, started_on
    ), pl AS (
      INSERT INTO child_protection_plan (child_id, la_id, category, start_date, end_date)
      SELECT child_id, la_id, 'NEG', started_on + 7 + (random() * 23)::int, started_on + 400 FROM s
      WHERE random() < 0.4 RETURNING id, child_id, la_id, start_date
    ), cf AS (
      INSERT INTO conference (child_id, la_id, kind, section47_id, plan_id, due_by, meeting_date, meeting_time,
        location, reports_to_parents_by, status, booked_by, quorate, cp_plan, category)
      SELECT pl.child_id, pl.la_id, 'initial', s.id, pl.id, s.started_on + 21, pl.start_date, '10:00', 'Bench',
        pl.start_date, 'decided', 'bench', true, true, 'NEG'
      FROM pl JOIN s ON s.child_id = pl.child_id RETURNING plan_id, meeting_date
    )
    INSERT INTO core_group_meeting (plan_id, held_on, attending_agency_ids, recorded_by, recorded_by_name)
    SELECT plan_id, meeting_date + 5 + (random() * 12)::int, ARRAY['leicester-city-council'], 'bench', 'Bench'
    FROM cf`.execute(database.db)
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function measure(base: string, cookie: string, path: string): Promise<{ p50: number; p95: number }> {
  const latencies: number[] = []
  for (let i = 0; i < REQUESTS; i++) {
    const sent = performance.now()
    const response = await fetch(`${base}${path}`, { headers: { cookie, accept: 'text/html' } })
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
    latencies.push(performance.now() - sent)
  }
  latencies.sort((a, b) => a - b)
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) }
}

async function main() {
  const partnership = await loadPartnershipConfig(
    new URL('../config/partnerships/llr.yaml', import.meta.url).pathname,
  )
  const scratch = await fresh()
  const { database } = scratch
  try {
    await migrate(database)
    await loadDemoData(database, partnership, { children: CHILDREN, seed: 1, analyse: true })
    for (const pass of [1, 2]) {
      await growReferrals(database, pass)
      await growProtection(database, pass)
    }
    await sql`ANALYZE`.execute(database.db)
    const counts = await sql<{ referrals: number; enquiries: number; plans: number }>`
      SELECT (SELECT count(*)::int FROM referral) AS referrals, (SELECT count(*)::int FROM section47_enquiry) AS enquiries,
        (SELECT count(*)::int FROM child_protection_plan) AS plans`.execute(database.db)
    const grown = counts.rows[0]
    console.log(
      `${CHILDREN.toLocaleString('en-GB')} children, ${grown?.referrals} referrals, ${grown?.enquiries} s47 enquiries, ${grown?.plans} plans over 5 years (${args.engine})`,
    )
    await seedDemoUsers(database, partnership)
    const analyst = demoUserPlan(partnership).find((u) =>
      u.grants.some((g) => g.role === 'analyst'),
    ) as DemoUser
    const app = await buildApp({ database, partnership, logLevel: 'warn' })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const cookie = (await signIn(app, analyst)).jar.header()
      const thisMonth = new Date().toISOString().slice(0, 7)
      const [year, month] = thisMonth.split('-').map(Number) as [number, number]
      const first = year * 12 + month - 1 - 59
      const fiveYearsAgo = `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}`
      for (const [label, path] of [
        ['the last 12 months', '/intelligence'],
        ['5 years', `/intelligence?from=${fiveYearsAgo}&to=${thisMonth}`],
      ] as const) {
        const runs: { p50: number; p95: number }[] = []
        for (let run = 1; run <= RUNS; run++) {
          runs.push(await measure(base, cookie, path))
          const last = runs.at(-1)
          console.log(
            `  ${label}, run ${run}: p50 ${last?.p50.toFixed(0)} ms, p95 ${last?.p95.toFixed(0)} ms`,
          )
        }
        console.log(
          `${args.engine} dashboard, ${label}, median of ${RUNS}: p50 ${median(runs.map((r) => r.p50)).toFixed(0)} ms, ` +
            `p95 ${median(runs.map((r) => r.p95)).toFixed(0)} ms`,
        )
      }
    } finally {
      await app.close()
    }
  } finally {
    await scratch.discard()
  }
}

await main()
