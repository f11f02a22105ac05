// The MASA plan's SQL: the plan's one row, section versions, the registers, review points, published
// versions, the regional forum's plans, feedback and wider-footprint choices, and the feedback other
// installations' forums sent back.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { PlanFile } from './schemas.ts'
import type { PartnerKind } from './sections.ts'
import type { MasaPlanTables } from './tables.ts'

type Db = Kysely<DB>
type Trx = Transaction<DB>
type T = MasaPlanTables
export type SectionVersionRow = Selectable<T['masa_plan_section_version']>
export type PartnerRow = Selectable<T['masa_plan_partner']>
export type ContributionRow = Selectable<T['masa_plan_contribution']>
export type ReviewPointRow = Selectable<T['masa_plan_review_point']>
export type ForumPlanRow = Selectable<T['masa_plan_forum_plan']>
export type FeedbackRow = Selectable<T['masa_plan_forum_feedback']>
export type ReceivedFeedbackRow = Selectable<T['masa_plan_received_feedback']>
export type ChoiceRow = Selectable<T['masa_plan_forum_choice']>
export type SignoffRow = Selectable<T['masa_plan_signoff']>

/** Starts the plan once (true the first time), taking the row lock every change holds. */
export async function startPlan(trx: Trx, at: Date): Promise<boolean> {
  const started = await trx
    .insertInto('masa_plan')
    .values({ id: 1, started_at: at })
    .onConflict((oc) => oc.columns(['id', 'partnership_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  await trx.selectFrom('masa_plan').select('id').where('id', '=', 1).forUpdate().execute()
  return started !== undefined
}

/** Every version of every section, oldest first. */
export const sectionVersions = (db: Db): Promise<SectionVersionRow[]> =>
  db.selectFrom('masa_plan_section_version').selectAll().orderBy('section').orderBy('version').execute()

export async function insertSectionVersion(
  trx: Trx,
  section: string,
  body: string,
  answers: readonly string[],
  at: Date,
  by: { id: string; name: string },
): Promise<number> {
  const last = await trx
    .selectFrom('masa_plan_section_version')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('section', '=', section)
    .executeTakeFirst()
  const version = Number(last?.version ?? 0) + 1
  await trx
    .insertInto('masa_plan_section_version')
    .values({
      section,
      version,
      body,
      answers: JSON.stringify(answers),
      written_at: at,
      written_by: by.id,
      written_by_name: by.name,
    })
    .execute()
  return version
}

// ---- The registers

export const partners = (db: Db): Promise<PartnerRow[]> =>
  db.selectFrom('masa_plan_partner').selectAll().orderBy('kind').orderBy('name').orderBy('id').execute()

export const findPartner = (db: Db, id: string) =>
  db.selectFrom('masa_plan_partner').selectAll().where('id', '=', id).executeTakeFirst()

export const insertPartners = (
  trx: Trx,
  rows: { name: string; kind: PartnerKind; role: string | null; agency_id: string | null }[],
  at: Date,
) =>
  rows.length === 0
    ? Promise.resolve()
    : trx
        .insertInto('masa_plan_partner')
        .values(rows.map((row) => ({ ...row, added_at: at })))
        .execute()
        .then(() => undefined)

export const updatePartner = (
  trx: Trx,
  id: string,
  change: { name: string; kind: PartnerKind; role: string | null },
) => trx.updateTable('masa_plan_partner').set(change).where('id', '=', id).executeTakeFirst()

export const deletePartner = (trx: Trx, id: string) =>
  trx.deleteFrom('masa_plan_partner').where('id', '=', id).executeTakeFirst()

export const contributions = async (db: Db): Promise<ContributionRow[]> =>
  (
    await db
      .selectFrom('masa_plan_contribution')
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('partner')
      .orderBy('id')
      .execute()
  ).map((row) => ({ ...row, amount_pence: row.amount_pence === null ? null : Number(row.amount_pence) }))

export const insertContributions = (
  trx: Trx,
  rows: { partner: string; year: number; amount_pence: number | null; in_kind: string | null }[],
  at: Date,
  byName: string,
) =>
  rows.length === 0
    ? Promise.resolve()
    : trx
        .insertInto('masa_plan_contribution')
        .values(rows.map((row) => ({ ...row, added_at: at, added_by_name: byName })))
        .execute()
        .then(() => undefined)

export const deleteContribution = (trx: Trx, id: string) =>
  trx.deleteFrom('masa_plan_contribution').where('id', '=', id).executeTakeFirst()

export const reviewPoints = (db: Db): Promise<ReviewPointRow[]> =>
  db.selectFrom('masa_plan_review_point').selectAll().orderBy('due_on').orderBy('id').execute()

export const insertReviewPoints = (
  trx: Trx,
  rows: { due_on: string; what: string }[],
  at: Date,
  byName: string,
) =>
  rows.length === 0
    ? Promise.resolve()
    : trx
        .insertInto('masa_plan_review_point')
        .values(rows.map((row) => ({ ...row, added_at: at, added_by_name: byName })))
        .execute()
        .then(() => undefined)

export const deleteReviewPoint = (trx: Trx, id: string) =>
  trx.deleteFrom('masa_plan_review_point').where('id', '=', id).executeTakeFirst()

/** Empties both registers and the review points (an imported plan replaces them). */
export async function clearRegisters(trx: Trx) {
  await trx.deleteFrom('masa_plan_partner').execute()
  await trx.deleteFrom('masa_plan_contribution').execute()
  await trx.deleteFrom('masa_plan_review_point').execute()
}

// ---- Published versions

export const publishedVersions = (db: Db) =>
  db
    .selectFrom('masa_plan_published')
    .select(['version', 'published_at', 'published_by_name'])
    .orderBy('version', 'desc')
    .execute()

export const findPublished = (db: Db, version: number) =>
  db.selectFrom('masa_plan_published').selectAll().where('version', '=', version).executeTakeFirst()

/** Who signed off a published version, for which lead partner, in the order they signed. */
export const signoffsOf = (db: Db, version: number): Promise<SignoffRow[]> =>
  db.selectFrom('masa_plan_signoff').selectAll().where('version', '=', version).orderBy('signed_at').execute()

/** Records a partner's sign-off of a version; a second for the same partner changes nothing. */
export const insertSignoff = (trx: Trx, signoff: SignoffRow) =>
  trx
    .insertInto('masa_plan_signoff')
    .values(signoff)
    .onConflict((oc) => oc.columns(['version', 'partner', 'partnership_id']).doNothing())
    .execute()

export async function insertPublished(trx: Trx, file: PlanFile, at: Date, byName: string): Promise<number> {
  const last = await trx
    .selectFrom('masa_plan_published')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst()
  const version = Number(last?.version ?? 0) + 1
  await trx
    .insertInto('masa_plan_published')
    .values({
      version,
      file: JSON.stringify({ ...file, publishedVersion: version }),
      published_at: at,
      published_by_name: byName,
    })
    .execute()
  return version
}

// ---- The regional forum

export const forumPlans = (db: Db): Promise<ForumPlanRow[]> =>
  db.selectFrom('masa_plan_forum_plan').selectAll().orderBy('partnership_name').execute()

/** Keeps a partnership's plan for the forum; a later file from the same partnership replaces it. */
export const upsertForumPlan = (trx: Trx, file: PlanFile, at: Date, byName: string) =>
  trx
    .insertInto('masa_plan_forum_plan')
    .values({
      plan_partnership_id: file.partnership.id,
      partnership_name: file.partnership.name,
      file: JSON.stringify(file),
      imported_at: at,
      imported_by_name: byName,
    })
    .onConflict((oc) =>
      oc.columns(['plan_partnership_id', 'partnership_id']).doUpdateSet({
        partnership_name: file.partnership.name,
        file: JSON.stringify(file),
        imported_at: at,
        imported_by_name: byName,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow()

export const feedback = (db: Db): Promise<FeedbackRow[]> =>
  db.selectFrom('masa_plan_forum_feedback').selectAll().orderBy('written_at').orderBy('id').execute()

export const insertFeedback = (
  trx: Trx,
  feedback: { planId: string | null; about: { exportedAt: Date; version: number | null } | null },
  body: string,
  at: Date,
  byName: string,
) =>
  trx
    .insertInto('masa_plan_forum_feedback')
    .values({
      plan_id: feedback.planId,
      plan_exported_at: feedback.about?.exportedAt ?? null,
      plan_version: feedback.about?.version ?? null,
      body,
      written_at: at,
      written_by_name: byName,
    })
    .execute()

// ---- Feedback sent back by other installations' forums

/** Every piece of feedback received, the newest first. */
export const receivedFeedback = (db: Db): Promise<ReceivedFeedbackRow[]> =>
  db.selectFrom('masa_plan_received_feedback').selectAll().orderBy('written_at', 'desc').execute()

/** Keeps the feedback not already received from that forum; returns how many were new. */
export async function insertReceivedFeedback(
  trx: Trx,
  rows: Omit<ReceivedFeedbackRow, 'id'>[],
): Promise<number> {
  if (rows.length === 0) return 0
  const added = await trx
    .insertInto('masa_plan_received_feedback')
    .values(rows)
    .onConflict((oc) => oc.columns(['forum_id', 'feedback_id', 'partnership_id']).doNothing())
    .returning('id')
    .execute()
  return added.length
}

export const choices = (db: Db): Promise<ChoiceRow[]> =>
  db.selectFrom('masa_plan_forum_choice').selectAll().execute()

export const upsertChoice = (
  trx: Trx,
  choice: { section: string; from_name: string; body: string; answers: readonly string[] },
  at: Date,
  byName: string,
) => {
  const row = { ...choice, answers: JSON.stringify(choice.answers), chosen_at: at, chosen_by_name: byName }
  return trx
    .insertInto('masa_plan_forum_choice')
    .values(row)
    .onConflict((oc) => oc.columns(['section', 'partnership_id']).doUpdateSet(row))
    .execute()
}
