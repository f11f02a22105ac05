import assert from 'node:assert/strict'
import { test } from 'node:test'
import { planMaintenance, staleStatistics, type TableStatistics } from './rules.ts'

const table = (values: Partial<TableStatistics>): TableStatistics => ({
  table: 'child',
  rows: 1000,
  plannerRows: 1000,
  deadRows: 0,
  changedSinceAnalysed: 0,
  pages: 20,
  plannerPages: 20,
  lastAnalysed: new Date('2026-12-05T07:00:00Z'),
  ...values,
})

test('autovacuum’s analyse rule: stale past 50 rows plus a tenth of the table', () => {
  assert.equal(staleStatistics(table({ changedSinceAnalysed: 150 })), undefined)
  assert.match(
    staleStatistics(table({ changedSinceAnalysed: 151 })) ?? '',
    /151 rows changed since last analysed \(more than 150\)/,
  )
  assert.equal(staleStatistics(table({ plannerRows: 200_000, changedSinceAnalysed: 20_000 })), undefined)
  assert.ok(staleStatistics(table({ plannerRows: 200_000, changedSinceAnalysed: 20_051 })))
})

test('a table never analysed is stale past one page (as autovacuum, it leaves a few rows alone)', () => {
  const never = { plannerRows: null, plannerPages: 0, lastAnalysed: null }
  assert.equal(staleStatistics(table({ ...never, pages: 2 })), 'never analysed (2 pages)')
  assert.equal(staleStatistics(table({ ...never, pages: 1, rows: 14 })), undefined)
  assert.equal(staleStatistics(table({ ...never, pages: 0, rows: 0 })), undefined)
})

test('growth on disk since the last ANALYZE counts when the change counts were lost (embedded restart)', () => {
  const restarted = { lastAnalysed: null, changedSinceAnalysed: 0, plannerPages: 100 }
  assert.equal(staleStatistics(table({ ...restarted, pages: 111 })), undefined)
  assert.match(staleStatistics(table({ ...restarted, pages: 112 })) ?? '', /grown from 100 to 112 pages/)
})

test('vacuum past 50 dead rows plus a fifth of the table (which analyses too); others only analysed', () => {
  const plan = planMaintenance([
    table({ table: 'referral', deadRows: 251 }),
    table({ table: 'relationship', deadRows: 250, changedSinceAnalysed: 400 }),
    table({ table: 'school' }),
  ])
  assert.deepEqual(plan, { vacuum: ['referral'], analyse: ['relationship'] })
})
