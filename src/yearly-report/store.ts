// The yearly report's SQL: the reports, each section's narrative versions, and the sign-offs.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { LeadPartner, Published, SectionKey } from './rules.ts'
import type { YearlyReportTables } from './tables.ts'

type Db = Kysely<DB>
export type ReportRow = Selectable<YearlyReportTables['yearly_report']>
export type NarrativeRow = Selectable<YearlyReportTables['yearly_report_narrative']>
export type SignoffRow = Selectable<YearlyReportTables['yearly_report_signoff']>

export const reports = (db: Db): Promise<ReportRow[]> =>
  db.selectFrom('yearly_report').selectAll().orderBy('start_year', 'desc').execute()

export const findReport = (db: Db, startYear: number): Promise<ReportRow | undefined> =>
  db.selectFrom('yearly_report').selectAll().where('start_year', '=', startYear).executeTakeFirst()

export const lockReport = (trx: Transaction<DB>, startYear: number): Promise<ReportRow | undefined> =>
  trx
    .selectFrom('yearly_report')
    .selectAll()
    .where('start_year', '=', startYear)
    .forUpdate()
    .executeTakeFirst()

/** Starts the year's report; none when it was already started. */
export const insertReport = (trx: Transaction<DB>, startYear: number, at: Date, byName: string) =>
  trx
    .insertInto('yearly_report')
    .values({ start_year: startYear, started_at: at, started_by_name: byName })
    .onConflict((oc) => oc.columns(['start_year', 'partnership_id']).doNothing())
    .returningAll()
    .executeTakeFirst()

/** Every version of every section's narrative, oldest first. */
export const narrativesOf = (db: Db, reportId: string): Promise<NarrativeRow[]> =>
  db
    .selectFrom('yearly_report_narrative')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('section')
    .orderBy('version')
    .execute()

/** Saves a new version of a section's narrative and raises the report's revision. */
export async function insertNarrative(
  trx: Transaction<DB>,
  report: ReportRow,
  section: SectionKey,
  body: string,
  at: Date,
  by: { id: string; name: string },
): Promise<number> {
  const last = await trx
    .selectFrom('yearly_report_narrative')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('report_id', '=', report.id)
    .where('section', '=', section)
    .executeTakeFirst()
  const version = Number(last?.version ?? 0) + 1
  await trx
    .insertInto('yearly_report_narrative')
    .values({
      report_id: report.id,
      section,
      version,
      body,
      written_at: at,
      written_by: by.id,
      written_by_name: by.name,
    })
    .execute()
  await trx
    .updateTable('yearly_report')
    .set({ revision: report.revision + 1 })
    .where('id', '=', report.id)
    .execute()
  return version
}

export const signoffsOf = (db: Db, reportId: string, revision: number): Promise<SignoffRow[]> =>
  db
    .selectFrom('yearly_report_signoff')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('revision', '=', revision)
    .orderBy('signed_at')
    .execute()

export const insertSignoff = (
  trx: Transaction<DB>,
  signoff: Omit<SignoffRow, 'partner'> & { partner: LeadPartner },
) =>
  trx
    .insertInto('yearly_report_signoff')
    .values(signoff)
    .onConflict((oc) => oc.columns(['report_id', 'partner', 'revision', 'partnership_id']).doNothing())
    .execute()

export const writePublished = (
  trx: Transaction<DB>,
  id: string,
  published: Published,
  at: Date,
  byName: string,
) =>
  trx
    .updateTable('yearly_report')
    .set({ published: JSON.stringify(published), published_at: at, published_by_name: byName })
    .where('id', '=', id)
    .execute()

/**
 * Where a year's report stands, for whoever follows it from elsewhere (the scrutineer's workspace):
 * started or not, published or not, and which lead partners have signed the current draft. No text.
 */
export async function yearlyReportStatus(db: Db, startYear: number) {
  const report = await findReport(db, startYear)
  if (!report) return { started: false as const }
  const signed = await signoffsOf(db, report.id, report.revision)
  return {
    started: true as const,
    publishedAt: report.published_at,
    signedBy: signed.map((row) => row.partner),
  }
}
