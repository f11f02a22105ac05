// SQL for checked CIN census returns: a run's counts, its findings, and the runs of some LAs.

import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { CensusHeader } from './census.ts'
import type { Difference, PlanOnRecord } from './reconcile.ts'
import type { ValidationSummary } from './validate.ts'

type Db = Kysely<DB> | Transaction<DB>

export interface KeptFinding {
  child: string
  code: string
  records: number
}

export interface NewRun {
  laId: string
  summary: ValidationSummary
  findings: readonly KeptFinding[]
  findingsTotal: number
  uploadedBy: string
  uploadedByName: string
}

const BATCH = 1_000

export async function insertRun(trx: Transaction<DB>, run: NewRun): Promise<string> {
  const { summary } = run
  const { id } = await trx
    .insertInto('cin_census_run')
    .values({
      la_id: run.laId,
      census_year: summary.header.year ?? null,
      reference_date: isDate(summary.header) ? (summary.header.referenceDate as string) : null,
      children: summary.children,
      errors: summary.errors,
      queries: summary.queries,
      rules: JSON.stringify(summary.rules),
      findings_total: run.findingsTotal,
      findings_kept: run.findings.length,
      uploaded_by: run.uploadedBy,
      uploaded_by_name: run.uploadedByName,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (let start = 0; start < run.findings.length; start += BATCH) {
    const rows = run.findings.slice(start, start + BATCH).map((f, i) => ({
      run_id: id,
      position: start + i,
      child: f.child,
      code: f.code,
      records: f.records,
    }))
    await trx.insertInto('cin_census_finding').values(rows).execute()
  }
  return id
}

/** masa's CP plans of the LA open at some time in the period, sealed children aside. */
export function masaPlans(db: Db, laId: string, from: string, to: string): Promise<PlanOnRecord[]> {
  return db
    .selectFrom('child_protection_plan as p')
    .innerJoin('child as c', 'c.id', 'p.child_id')
    .select(['c.la_child_id as child', sql<string>`p.start_date::text`.as('start')])
    .where('p.la_id', '=', laId)
    .where('c.sensitivity', '<>', 'sealed')
    .where('p.start_date', '<=', to)
    .where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', from)]))
    .execute()
}

export async function insertDifferences(
  trx: Transaction<DB>,
  runId: string,
  differences: readonly Difference[],
) {
  for (let start = 0; start < differences.length; start += BATCH) {
    const rows = differences.slice(start, start + BATCH).map((d, i) => ({
      run_id: runId,
      position: start + i,
      child: d.child,
      kind: d.kind,
      masa_start: d.masaStart,
      return_start: d.returnStart,
    }))
    await trx.insertInto('cin_census_difference').values(rows).execute()
  }
}

export function differencesOf(db: Db, runId: string) {
  return db
    .selectFrom('cin_census_difference')
    .select([
      'child',
      'kind',
      sql<string | null>`masa_start::text`.as('masa_start'),
      sql<string | null>`return_start::text`.as('return_start'),
    ])
    .where('run_id', '=', runId)
    .orderBy('position')
    .execute()
}

const isDate = (header: CensusHeader) => /^\d{4}-\d{2}-\d{2}$/.test(header.referenceDate ?? '')

const RUN_COLUMNS = [
  'id',
  'la_id',
  'census_year',
  'reference_date',
  'children',
  'errors',
  'queries',
  'findings_total',
  'findings_kept',
  'uploaded_by_name',
  'uploaded_at',
] as const

/** The runs of these LAs, newest first. */
export function runsOf(db: Db, laIds: readonly string[]) {
  if (laIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('cin_census_run')
    .select(RUN_COLUMNS)
    .where('la_id', 'in', laIds)
    .orderBy('uploaded_at', 'desc')
    .limit(100)
    .execute()
}

export function runById(db: Db, id: string) {
  return db
    .selectFrom('cin_census_run')
    .select([...RUN_COLUMNS, 'rules'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The run's findings in the order found: one row per child and rule. */
export function findingsOf(db: Db, runId: string): Promise<KeptFinding[]> {
  return db
    .selectFrom('cin_census_finding')
    .select(['child', 'code', 'records'])
    .where('run_id', '=', runId)
    .orderBy('position')
    .execute()
}
