// Professional disagreements' SQL: a disagreement and its stages, the ones a person or agency is
// party to, those whose stage ran out of time (claimed once per stage), and the people each stage tells.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { AboutKind, StageOutcome } from './schemas.ts'

type Db = Kysely<DB> | Transaction<DB>
type Row = Selectable<DB['disagreement']>

export interface NewDisagreement {
  childId: string
  laId: string
  raisedBy: string
  raisedByName: string
  raiserAgencyId: string
  otherAgencyId: string
  about: AboutKind
  aboutId: string | null
  reasonId: string
  reasonLabel: string
  detail: string
  stageStartedOn: IsoDate
  stageDueBy: IsoDate
  raisedAt: Date
}

export interface Disagreement extends NewDisagreement {
  id: string
  stage: number
  promptedAt: Date | null
  resolvedAt: Date | null
}

export interface StageRecord {
  stage: number
  who: string
  discussed: string
  outcome: StageOutcome
  recordedByName: string
  recordedAt: Date
}

export async function insertDisagreement(trx: Transaction<DB>, d: NewDisagreement): Promise<Disagreement> {
  const row = await trx
    .insertInto('disagreement')
    .values({
      child_id: d.childId,
      la_id: d.laId,
      raised_by: d.raisedBy,
      raised_by_name: d.raisedByName,
      raiser_agency_id: d.raiserAgencyId,
      other_agency_id: d.otherAgencyId,
      about_kind: d.about,
      about_id: d.aboutId,
      reason_id: d.reasonId,
      reason_label: d.reasonLabel,
      detail: d.detail,
      stage: 1,
      stage_started_on: d.stageStartedOn,
      stage_due_by: d.stageDueBy,
      raised_at: d.raisedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toDisagreement(row)
}

/** One disagreement; `forUpdate` locks it for a stage's record. */
export async function findDisagreement(
  db: Db,
  id: string,
  forUpdate = false,
): Promise<Disagreement | undefined> {
  let query = db.selectFrom('disagreement').selectAll().where('id', '=', id)
  if (forUpdate) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  return row && toDisagreement(row)
}

export async function stagesOf(db: Db, id: string): Promise<StageRecord[]> {
  const rows = await db
    .selectFrom('disagreement_stage')
    .selectAll()
    .where('disagreement_id', '=', id)
    .orderBy('stage')
    .execute()
  return rows.map((row) => ({
    stage: row.stage,
    who: row.who,
    discussed: row.discussed,
    outcome: row.outcome,
    recordedByName: row.recorded_by_name,
    recordedAt: row.recorded_at,
  }))
}

export async function insertStage(
  trx: Transaction<DB>,
  id: string,
  stage: number,
  record: { who: string; discussed: string; outcome: StageOutcome; by: string; byName: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('disagreement_stage')
    .values({
      disagreement_id: id,
      stage,
      who: record.who,
      discussed: record.discussed,
      outcome: record.outcome,
      recorded_by: record.by,
      recorded_by_name: record.byName,
      recorded_at: record.at,
    })
    .execute()
}

/** On to the next stage, its clock started and no prompt yet. */
export async function moveToStage(
  trx: Transaction<DB>,
  id: string,
  stage: number,
  startedOn: IsoDate,
  dueBy: IsoDate,
): Promise<void> {
  await trx
    .updateTable('disagreement')
    .set({ stage, stage_started_on: startedOn, stage_due_by: dueBy, prompted_at: null })
    .where('id', '=', id)
    .execute()
}

export async function markResolved(trx: Transaction<DB>, id: string, at: Date): Promise<void> {
  await trx.updateTable('disagreement').set({ resolved_at: at }).where('id', '=', id).execute()
}

/**
 * The disagreements a person may be party to, newest first: raised by them or their agency, or with
 * their agency; every one when `all` (the partnership's leads). The policy still decides each.
 */
export async function disagreementsFor(
  db: Db,
  party: { by: string; agencyId: string; all: boolean },
): Promise<(Disagreement & { childName: string })[]> {
  let query = db
    .selectFrom('disagreement as d')
    .innerJoin('child as c', 'c.id', 'd.child_id')
    .selectAll('d')
    .select(['c.given_name', 'c.family_name'])
  if (!party.all)
    query = query.where((eb) =>
      eb.or([
        eb('d.raised_by', '=', party.by),
        eb('d.raiser_agency_id', '=', party.agencyId),
        eb('d.other_agency_id', '=', party.agencyId),
      ]),
    )
  const rows = await query.orderBy('d.raised_at', 'desc').orderBy('d.id').limit(500).execute()
  return rows.map(({ given_name, family_name, ...row }) => ({
    ...toDisagreement(row),
    childName: `${given_name} ${family_name}`,
  }))
}

/** Every disagreement about the children of these LAs, for the report. */
export async function disagreementsIn(db: Db, laIds: readonly string[]): Promise<Disagreement[]> {
  if (laIds.length === 0) return []
  const rows = await db
    .selectFrom('disagreement')
    .selectAll()
    .where('la_id', 'in', [...laIds])
    .execute()
  return rows.map(toDisagreement)
}

/**
 * Claims the unresolved disagreements whose stage ran out of time (due before today) and whose
 * raiser has not been prompted at this stage (FOR UPDATE SKIP LOCKED, so servers share the work),
 * marking them prompted in the caller's transaction.
 */
export async function claimOutOfTime(trx: Transaction<DB>, today: IsoDate, now: Date, limit = 500) {
  const rows = await trx
    .updateTable('disagreement')
    .set({ prompted_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('disagreement')
        .select('id')
        .where('resolved_at', 'is', null)
        .where('prompted_at', 'is', null)
        .where('stage_due_by', '<', today)
        .orderBy('stage_due_by')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute()
  return rows.map(toDisagreement)
}

function toDisagreement(row: Row): Disagreement {
  return {
    id: row.id,
    childId: row.child_id,
    laId: row.la_id,
    raisedBy: row.raised_by,
    raisedByName: row.raised_by_name,
    raiserAgencyId: row.raiser_agency_id,
    otherAgencyId: row.other_agency_id,
    about: row.about_kind,
    aboutId: row.about_id,
    reasonId: row.reason_id,
    reasonLabel: row.reason_label,
    detail: row.detail,
    stage: row.stage,
    stageStartedOn: row.stage_started_on,
    stageDueBy: row.stage_due_by,
    promptedAt: row.prompted_at,
    raisedAt: row.raised_at,
    resolvedAt: row.resolved_at,
  }
}
