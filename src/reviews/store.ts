// Serious incidents' SQL: the incidents, the agencies' parts of their rapid reviews, the practice
// reviews commissioned, and who is told of them.

import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { CommissionInput, IncidentInput, PartInput } from './schemas.ts'
import type { ReviewTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type IncidentRow = Selectable<ReviewTables['serious_incident']>
export type PartRow = Selectable<ReviewTables['rapid_review_part']>
export type PracticeReviewRow = Selectable<ReviewTables['practice_review']>

export interface NewIncident {
  childId: string
  laId: string
  input: IncidentInput
  notifyBy: IsoDate
  at: Date
  by: string
  byName: string
}

export const insertIncident = (trx: Transaction<DB>, n: NewIncident): Promise<IncidentRow> =>
  trx
    .insertInto('serious_incident')
    .values({
      child_id: n.childId,
      la_id: n.laId,
      learned_on: n.input.learnedOn,
      abuse_or_neglect: n.input.abuseOrNeglect,
      harm: n.input.harm,
      what_happened: n.input.whatHappened.trim(),
      notify_by: n.notifyBy,
      recorded_at: n.at,
      recorded_by: n.by,
      recorded_by_name: n.byName,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

export const findIncident = (db: Db, id: string): Promise<IncidentRow | undefined> =>
  db.selectFrom('serious_incident').selectAll().where('id', '=', id).executeTakeFirst()

export const lockIncident = (trx: Transaction<DB>, id: string): Promise<IncidentRow | undefined> =>
  trx.selectFrom('serious_incident').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const updateIncident = (
  trx: Transaction<DB>,
  id: string,
  set: Updateable<ReviewTables['serious_incident']>,
) => trx.updateTable('serious_incident').set(set).where('id', '=', id).execute()

/** Incidents of these LAs (all with null), and those the agency is invited to review. */
export function incidentsFor(
  db: Db,
  laIds: readonly string[] | null,
  agencyId: string,
): Promise<IncidentRow[]> {
  return db
    .selectFrom('serious_incident')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(laIds === null ? [eb.lit(true)] : laIds.length > 0 ? [eb('la_id', 'in', laIds)] : []),
        eb(
          'id',
          'in',
          eb.selectFrom('rapid_review_part').select('incident_id').where('agency_id', '=', agencyId),
        ),
      ]),
    )
    .orderBy('learned_on', 'desc')
    .execute()
}

/** The agencies invited to each incident's rapid review, by incident id. */
export async function invitedAgencies(
  db: Db,
  incidentIds: readonly string[],
): Promise<Map<string, string[]>> {
  const invited = new Map<string, string[]>(incidentIds.map((id) => [id, []]))
  if (incidentIds.length === 0) return invited
  const rows = await db
    .selectFrom('rapid_review_part')
    .select(['incident_id', 'agency_id'])
    .where('incident_id', 'in', incidentIds)
    .orderBy('agency_id')
    .execute()
  for (const row of rows) invited.get(row.incident_id)?.push(row.agency_id)
  return invited
}

export const partsOf = (db: Db, incidentId: string): Promise<PartRow[]> =>
  db
    .selectFrom('rapid_review_part')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('agency_id')
    .execute()

export async function invite(
  trx: Transaction<DB>,
  incidentId: string,
  agencyIds: readonly string[],
  at: Date,
  dueOn: IsoDate,
) {
  await trx
    .insertInto('rapid_review_part')
    .values(
      agencyIds.map((agencyId) => ({
        incident_id: incidentId,
        agency_id: agencyId,
        invited_at: at,
        due_on: dueOn,
      })),
    )
    .onConflict((oc) => oc.columns(['incident_id', 'agency_id', 'partnership_id']).doNothing())
    .execute()
}

/** Another day an agency's part not yet given is due by; its reminders start again. */
export const changePartDue = (trx: Transaction<DB>, incidentId: string, agencyId: string, dueOn: IsoDate) =>
  trx
    .updateTable('rapid_review_part')
    .set({ due_on: dueOn, due_soon_reminded_at: null, overdue_reminded_at: null })
    .where('incident_id', '=', incidentId)
    .where('agency_id', '=', agencyId)
    .where('submitted_at', 'is', null)
    .execute()

/** The agencies late with their parts (not given, their day passed, the rapid review not yet sent), by incident id. */
export async function lateParts(
  db: Db,
  incidentIds: readonly string[],
  today: IsoDate,
): Promise<Map<string, string[]>> {
  const late = new Map<string, string[]>()
  if (incidentIds.length === 0) return late
  const rows = await db
    .selectFrom('rapid_review_part')
    .select(['incident_id', 'agency_id'])
    .where('incident_id', 'in', incidentIds)
    .where('submitted_at', 'is', null)
    .where('due_on', '<', today)
    .where('incident_id', 'in', (eb) =>
      eb.selectFrom('serious_incident').select('id').where('record_sent_on', 'is', null),
    )
    .orderBy('agency_id')
    .execute()
  for (const row of rows) late.set(row.incident_id, [...(late.get(row.incident_id) ?? []), row.agency_id])
  return late
}

export const writePart = (
  trx: Transaction<DB>,
  incidentId: string,
  agencyId: string,
  part: PartInput & { at: Date; byName: string },
) =>
  trx
    .updateTable('rapid_review_part')
    .set({
      chronology: part.chronology.trim(),
      immediate_learning: part.immediateLearning.trim(),
      submitted_at: part.at,
      submitted_by_name: part.byName,
    })
    .where('incident_id', '=', incidentId)
    .where('agency_id', '=', agencyId)
    .execute()

export const practiceReviewOf = (db: Db, incidentId: string): Promise<PracticeReviewRow | undefined> =>
  db.selectFrom('practice_review').selectAll().where('incident_id', '=', incidentId).executeTakeFirst()

export const insertPracticeReview = (
  trx: Transaction<DB>,
  incidentId: string,
  input: CommissionInput & { publishBy: IsoDate; at: Date },
) =>
  trx
    .insertInto('practice_review')
    .values({
      incident_id: incidentId,
      decided_on: input.decidedOn,
      publish_by: input.publishBy,
      reviewer: input.reviewer.trim(),
      terms_of_reference: input.termsOfReference.trim(),
      methodology: input.methodology.trim(),
      family_involvement: input.familyInvolvement.trim(),
      milestones: input.milestones?.trim() || null,
      recorded_at: input.at,
    })
    .execute()

export const updatePracticeReview = (
  trx: Transaction<DB>,
  incidentId: string,
  set: Updateable<ReviewTables['practice_review']>,
) => trx.updateTable('practice_review').set(set).where('incident_id', '=', incidentId).execute()

/** The practice review, locked for a step that changes it. */
export const lockPracticeReview = (trx: Transaction<DB>, incidentId: string) =>
  trx
    .selectFrom('practice_review')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .forUpdate()
    .executeTakeFirst()

/** The child's name, for those who may know who the child is. */
export async function childName(db: Db, childId: string): Promise<string> {
  const row = await db
    .selectFrom('child')
    .select(['given_name', 'family_name'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  return `${row.given_name} ${row.family_name}`
}

/** Incidents with a deadline of the LA's still ahead: the Panel not yet notified, or the record not yet sent. */
export const incidentsAwaitingTheLa = (db: Db): Promise<IncidentRow[]> =>
  db
    .selectFrom('serious_incident')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('decision', 'is', null),
        eb.and([eb('decision', '=', 'notify'), eb('notified_on', 'is', null)]),
        eb.and([eb('notified_on', 'is not', null), eb('record_sent_on', 'is', null)]),
      ]),
    )
    .execute()

/**
 * Every serious incident by its reference and the day its LA learned of it, for learning briefings to
 * draw on (never the child), with the child's names so a briefing can be checked not to name them.
 */
export const incidentsToLearnFrom = (
  db: Db,
): Promise<{ id: string; reference: string; learnedOn: string; givenName: string; familyName: string }[]> =>
  db
    .selectFrom('serious_incident as i')
    .innerJoin('child as c', 'c.id', 'i.child_id')
    .select([
      'i.id',
      'i.reference',
      'i.learned_on as learnedOn',
      'c.given_name as givenName',
      'c.family_name as familyName',
    ])
    .orderBy('i.learned_on', 'desc')
    .execute()

/** A serious incident by the reference people quote (SI-…), with its child: for a grant naming its review (src/scrutiny). */
export const incidentOfReference = (db: Db, reference: string) =>
  db
    .selectFrom('serious_incident')
    .select(['id', 'reference', 'child_id', 'la_id'])
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst()

/** The serious incidents about a child, the latest first (a scrutiny grant's page links to their reviews). */
export const incidentsAbout = (db: Db, childId: string) =>
  db
    .selectFrom('serious_incident')
    .select(['id', 'reference'])
    .where('child_id', '=', childId)
    .orderBy('learned_on', 'desc')
    .execute()
// ---------------------------------------------------------------------------
// A practice review after commissioning: milestones, drafts, sign-offs (migration 0047)

export type MilestoneRow = Selectable<ReviewTables['practice_review_milestone']>
export type DraftRow = Omit<Selectable<ReviewTables['practice_review_draft']>, 'file_content'>
export type SignoffRow = Selectable<ReviewTables['practice_review_signoff']>
export type ImpactRow = Selectable<ReviewTables['recommendation_impact']>

export const milestonesOf = (db: Db, incidentId: string): Promise<MilestoneRow[]> =>
  db
    .selectFrom('practice_review_milestone')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('due_on')
    .orderBy('recorded_at')
    .execute()

export const insertMilestone = (trx: Transaction<DB>, row: Omit<MilestoneRow, 'id' | 'met_on'>) =>
  trx.insertInto('practice_review_milestone').values(row).execute()

/** Marks a milestone of this review met; how many were (0 when it is not this review's, or already met). */
export async function meetMilestone(
  trx: Transaction<DB>,
  incidentId: string,
  milestoneId: string,
  metOn: IsoDate,
): Promise<number> {
  const result = await trx
    .updateTable('practice_review_milestone')
    .set({ met_on: metOn })
    .where('id', '=', milestoneId)
    .where('incident_id', '=', incidentId)
    .where('met_on', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Every draft, newest first; an uploaded file's name, type and size, not its bytes. */
export const draftsOf = (db: Db, incidentId: string): Promise<DraftRow[]> =>
  db
    .selectFrom('practice_review_draft')
    .select([
      'incident_id',
      'version',
      'body',
      'note',
      'written_at',
      'written_by_name',
      'file_name',
      'file_type',
      'file_size',
      'file_scanned_at',
    ])
    .where('incident_id', '=', incidentId)
    .orderBy('version', 'desc')
    .execute()

export const insertDraft = (trx: Transaction<DB>, row: Insertable<ReviewTables['practice_review_draft']>) =>
  trx.insertInto('practice_review_draft').values(row).execute()

/** A draft version's uploaded file, with its bytes (none for a draft written on the page). */
export async function draftFileOf(db: Db, incidentId: string, version: number) {
  const row = await db
    .selectFrom('practice_review_draft')
    .select(['file_name', 'file_type', 'file_content'])
    .where('incident_id', '=', incidentId)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row?.file_name || !row.file_type || !row.file_content) return undefined
  return { name: row.file_name, type: row.file_type, content: Buffer.from(row.file_content) }
}

/** The sign-offs of one draft version. */
export const signoffsOf = (db: Db, incidentId: string, version: number): Promise<SignoffRow[]> =>
  db
    .selectFrom('practice_review_signoff')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('version', '=', version)
    .orderBy('signed_at')
    .execute()

/** A partner's sign-off of a draft, once: false when that partner had already signed it. */
export async function insertSignoff(trx: Transaction<DB>, row: SignoffRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('practice_review_signoff')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'partner', 'version', 'partnership_id']).doNothing())
    .returning('partner')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Practice reviews not yet published with a draft, for the lead partners to sign off. */
export const practiceReviewsAwaitingSignoff = (db: Db) =>
  db
    .selectFrom('practice_review as p')
    .innerJoin('serious_incident as i', 'i.id', 'p.incident_id')
    .select(['i.id', 'i.reference', 'i.la_id', 'i.child_id', 'p.draft_version', 'p.publish_by'])
    .where('p.published_on', 'is', null)
    .where('p.draft_version', '>', 0)
    .orderBy('p.publish_by')
    .execute()

/** Practice reviews not published whose target is near or past, for the warning loop. */
export const practiceReviewsUnpublished = (db: Db) =>
  db
    .selectFrom('practice_review as p')
    .innerJoin('serious_incident as i', 'i.id', 'p.incident_id')
    .select(['i.id', 'i.reference', 'i.la_id', 'p.publish_by', 'p.warned_for'])
    .where('p.published_on', 'is', null)
    .execute()

// ---------------------------------------------------------------------------
// Evidence of impact, and themes

export const impactsOf = (db: Db, incidentIds: readonly string[]): Promise<ImpactRow[]> =>
  incidentIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('recommendation_impact').selectAll().where('incident_id', 'in', incidentIds).execute()

/** Evidence of impact, once per action: false when it was already recorded. */
export async function insertImpact(trx: Transaction<DB>, row: ImpactRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('recommendation_impact')
    .values(row)
    .onConflict((oc) => oc.columns(['action_id', 'partnership_id']).doNothing())
    .returning('action_id')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Each incident's themes, by incident id. */
export async function themesOf(db: Db, incidentIds: readonly string[]): Promise<Map<string, string[]>> {
  const themes = new Map<string, string[]>(incidentIds.map((id) => [id, []]))
  if (incidentIds.length === 0) return themes
  const rows = await db
    .selectFrom('serious_incident_theme')
    .select(['incident_id', 'theme'])
    .where('incident_id', 'in', incidentIds)
    .orderBy('theme')
    .execute()
  for (const row of rows) themes.get(row.incident_id)?.push(row.theme)
  return themes
}

/** Every serious incident's own themes with the day it was learned of (no child): for counting by year. */
export async function incidentThemes(db: Db): Promise<{ learnedOn: IsoDate; themes: string[] }[]> {
  const rows = await db
    .selectFrom('serious_incident as i')
    .leftJoin('serious_incident_theme as t', 't.incident_id', 'i.id')
    .select(['i.id', 'i.learned_on', 't.theme'])
    .orderBy('i.id')
    .execute()
  const incidents = new Map<string, { learnedOn: IsoDate; themes: string[] }>()
  for (const row of rows) {
    const incident = incidents.get(row.id) ?? { learnedOn: row.learned_on, themes: [] }
    if (row.theme) incident.themes.push(row.theme)
    incidents.set(row.id, incident)
  }
  return [...incidents.values()]
}

export async function replaceThemes(trx: Transaction<DB>, incidentId: string, themes: readonly string[]) {
  await trx.deleteFrom('serious_incident_theme').where('incident_id', '=', incidentId).execute()
  if (themes.length > 0)
    await trx
      .insertInto('serious_incident_theme')
      .values(themes.map((theme) => ({ incident_id: incidentId, theme })))
      .execute()
}

// ---------------------------------------------------------------------------
// Reminders of agencies' parts, and recommendations overdue (migration 0063)

/**
 * Claims the parts not given, of rapid reviews not yet sent to the Panel, owed a reminder today: due
 * by `eve` or sooner but not yet passed ('due-soon'), or passed ('overdue'), and not yet reminded of
 * it. Each is marked as it is claimed (FOR UPDATE SKIP LOCKED), so it is reminded once whichever
 * server asks.
 */
export function claimPartReminders(
  trx: Transaction<DB>,
  stage: 'due-soon' | 'overdue',
  today: IsoDate,
  eve: IsoDate,
  now: Date,
  limit = 500,
) {
  const column = stage === 'overdue' ? 'overdue_reminded_at' : 'due_soon_reminded_at'
  return trx
    .updateTable('rapid_review_part')
    .set({ [column]: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('rapid_review_part')
        .select('id')
        .where('submitted_at', 'is', null)
        .where(column, 'is', null)
        .where((w) =>
          stage === 'overdue'
            ? w('due_on', '<', today)
            : w.and([w('due_on', '>=', today), w('due_on', '<=', eve)]),
        )
        .where('incident_id', 'in', (sub) =>
          sub.selectFrom('serious_incident').select('id').where('record_sent_on', 'is', null),
        )
        .orderBy('due_on')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['incident_id', 'agency_id', 'due_on'])
    .execute()
}

/** The reference of each incident, by id (for the reminders' emails). */
export async function referencesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('serious_incident')
    .select(['id', 'reference'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, row.reference]))
}

/** The recommendations (rapid reviews' actions) past their due date and not done. */
const overdueRecommendations = (db: Db, today: IsoDate) =>
  db
    .selectFrom('action')
    .where('source_kind', '=', 'rapid-review')
    .where('completed_at', 'is', null)
    .where('due_by', '<', today)

/** How many of each incident's recommendations are overdue, by incident id. */
export async function overdueRecommendationCounts(
  db: Db,
  incidentIds: readonly string[],
  today: IsoDate,
): Promise<Map<string, number>> {
  if (incidentIds.length === 0) return new Map()
  const rows = await overdueRecommendations(db, today)
    .select(['source_id', (eb) => eb.fn.countAll<string>().as('overdue')])
    .where('source_id', 'in', incidentIds)
    .groupBy('source_id')
    .execute()
  return new Map(rows.map((row) => [row.source_id, Number(row.overdue)]))
}

/**
 * Claims the recommendations overdue whose reviews leads have not been told of this due date: the
 * alert's row is the claim (a second server's insert of the same key does nothing), so each is told once.
 */
export async function claimOverdueRecommendations(trx: Transaction<DB>, today: IsoDate, now: Date) {
  const overdue = await overdueRecommendations(trx, today)
    .select(['id', 'source_id', 'position', 'owner_agency_id', 'due_by'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('recommendation_overdue_alert as alert')
            .select('alert.action_id')
            .whereRef('alert.action_id', '=', 'action.id')
            .whereRef('alert.due_by', '=', 'action.due_by'),
        ),
      ),
    )
    .orderBy('due_by')
    .limit(500)
    .execute()
  if (overdue.length === 0) return []
  const claimed = await trx
    .insertInto('recommendation_overdue_alert')
    .values(
      overdue.map((row) => ({
        action_id: row.id,
        due_by: row.due_by,
        incident_id: row.source_id,
        alerted_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['action_id', 'due_by', 'partnership_id']).doNothing())
    .returning('action_id')
    .execute()
  const ours = new Set(claimed.map((row) => row.action_id))
  return overdue.filter((row) => ours.has(row.id))
}
