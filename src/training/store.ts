// Training's SQL: the catalogue, sessions, places (booked, waiting, cancelled) with their register,
// evaluation and follow-up, and the rows the take-up report counts.

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { AskedFor, AskedForKind, Attendance, PlaceStatus } from './rules.ts'
import type { CourseInput, SessionInput } from './schemas.ts'
import type { TrainingTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type CourseRow = Selectable<TrainingTables['training_course']>
export type SessionRow = Selectable<TrainingTables['training_session']>
export type PlaceRow = Selectable<TrainingTables['training_booking']>
/** A session with its course's title and how many places are booked and waiting. */
export type SessionListing = SessionRow & { title: string; level: number; booked: number; waiting: number }
/** A place with its session and course, as the practitioner's own list shows it. */
export type PlaceListing = PlaceRow &
  Pick<SessionRow, 'held_on' | 'starts_at' | 'ends_at'> & { title: string }

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)

// ---------------------------------------------------------------------------
// The catalogue

const courseColumns = (input: CourseInput, link: AskedFor | null) => ({
  title: input.title.trim(),
  level: Number(input.level),
  audience: input.audience.trim(),
  description: input.description.trim(),
  priorities: lines(input.priorities),
  asked_for_kind: link?.kind ?? null,
  asked_for_id: link?.id ?? null,
  asked_for_reference: link?.reference ?? null,
})

export const insertCourse = (
  trx: Transaction<DB>,
  input: CourseInput,
  link: AskedFor | null,
  at: Date,
  byName: string,
) =>
  trx
    .insertInto('training_course')
    .values({ ...courseColumns(input, link), created_at: at, created_by_name: byName })
    .returningAll()
    .executeTakeFirstOrThrow()

/** An edit replaces the course's words and its link; a link by reference replaces any old free text. */
export const updateCourse = (
  trx: Transaction<DB>,
  id: string,
  input: CourseInput,
  link: AskedFor | null,
  at: Date,
  byName: string,
) =>
  trx
    .updateTable('training_course')
    .set({
      ...courseColumns(input, link),
      ...(link ? { asked_for_by: null } : {}),
      updated_at: at,
      updated_by_name: byName,
    })
    .where('id', '=', id)
    .execute()

export const coursesAskedFor = (db: Db, kind: AskedForKind, id: string) =>
  db
    .selectFrom('training_course')
    .select(['id', 'title'])
    .where('asked_for_kind', '=', kind)
    .where('asked_for_id', '=', id)
    .orderBy('title')
    .execute()

export const courses = (db: Db): Promise<CourseRow[]> =>
  db.selectFrom('training_course').selectAll().orderBy('level').orderBy('title').execute()

export const findCourse = (db: Db, id: string): Promise<CourseRow | undefined> =>
  db.selectFrom('training_course').selectAll().where('id', '=', id).executeTakeFirst()

// ---------------------------------------------------------------------------
// Sessions

export const insertSession = (trx: Transaction<DB>, courseId: string, input: SessionInput, at: Date) =>
  trx
    .insertInto('training_session')
    .values({
      course_id: courseId,
      held_on: input.heldOn,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      venue: input.venue?.trim() || null,
      online_link: input.onlineLink?.trim() || null,
      capacity: input.capacity,
      created_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

function listings(db: Db) {
  return db
    .selectFrom('training_session as s')
    .innerJoin('training_course as c', 'c.id', 's.course_id')
    .selectAll('s')
    .select(['c.title', 'c.level'])
    .select((eb) => [
      eb
        .selectFrom('training_booking as b')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('b.session_id', '=', 's.id')
        .where('b.status', '=', 'booked')
        .as('booked'),
      eb
        .selectFrom('training_booking as b')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('b.session_id', '=', 's.id')
        .where('b.status', '=', 'waiting')
        .as('waiting'),
    ])
    .orderBy('s.held_on')
    .orderBy('s.starts_at')
}

/** Sessions from today on, soonest first. */
export const upcomingSessions = (db: Db, today: IsoDate) =>
  listings(db).where('s.held_on', '>=', today).execute() as Promise<SessionListing[]>

export const sessionsOfCourse = (db: Db, courseId: string) =>
  listings(db).where('s.course_id', '=', courseId).execute() as Promise<SessionListing[]>

export const findSession = (db: Db, id: string) =>
  listings(db).where('s.id', '=', id).executeTakeFirst() as Promise<SessionListing | undefined>

/** The session's row, locked: every change to its places takes this lock first, one at a time. */
export const lockSession = (trx: Transaction<DB>, id: string): Promise<SessionRow | undefined> =>
  trx.selectFrom('training_session').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

// ---------------------------------------------------------------------------
// Places

export const placesOf = (db: Db, sessionId: string): Promise<PlaceRow[]> =>
  db
    .selectFrom('training_booking')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('asked_at')
    .execute()

export const findPlace = (db: Db, id: string): Promise<PlaceRow | undefined> =>
  db.selectFrom('training_booking').selectAll().where('id', '=', id).executeTakeFirst()

export interface NewPlace {
  sessionId: string
  userId: string
  userName: string
  userEmail: string
  agencyId: string
  role: string
  status: Exclude<PlaceStatus, 'cancelled'>
  confidenceBefore: number
  at: Date
}

export const insertPlace = (trx: Transaction<DB>, place: NewPlace) =>
  trx
    .insertInto('training_booking')
    .values({
      session_id: place.sessionId,
      user_id: place.userId,
      user_name: place.userName,
      user_email: place.userEmail,
      agency_id: place.agencyId,
      role: place.role,
      status: place.status,
      asked_at: place.at,
      confidence_before: place.confidenceBefore,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

export const cancelPlace = (trx: Transaction<DB>, id: string, at: Date) =>
  trx
    .updateTable('training_booking')
    .set({ status: 'cancelled', cancelled_at: at })
    .where('id', '=', id)
    .execute()

export const promotePlace = (trx: Transaction<DB>, id: string, at: Date) =>
  trx
    .updateTable('training_booking')
    .set({ status: 'booked', promoted_at: at })
    .where('id', '=', id)
    .execute()

export const writeAttendance = (
  trx: Transaction<DB>,
  id: string,
  attendance: Attendance,
  followUpDue: IsoDate | null,
) =>
  trx
    .updateTable('training_booking')
    .set({ attendance, follow_up_due: followUpDue })
    .where('id', '=', id)
    .execute()

export const writeEvaluation = (
  trx: Transaction<DB>,
  id: string,
  evaluation: { confidenceAfter: number; willDoDifferently: string; at: Date },
) =>
  trx
    .updateTable('training_booking')
    .set({
      confidence_after: evaluation.confidenceAfter,
      will_do_differently: evaluation.willDoDifferently.trim(),
      evaluated_at: evaluation.at,
    })
    .where('id', '=', id)
    .execute()

export const writeFollowUp = (trx: Transaction<DB>, id: string, followUp: string, at: Date) =>
  trx
    .updateTable('training_booking')
    .set({ follow_up: followUp.trim(), followed_up_at: at })
    .where('id', '=', id)
    .execute()

/** A practitioner's places not cancelled, soonest session first. */
export const placesOfUser = (db: Db, userId: string): Promise<PlaceListing[]> =>
  db
    .selectFrom('training_booking as b')
    .innerJoin('training_session as s', 's.id', 'b.session_id')
    .innerJoin('training_course as c', 'c.id', 's.course_id')
    .selectAll('b')
    .select(['s.held_on', 's.starts_at', 's.ends_at', 'c.title'])
    .where('b.user_id', '=', userId)
    .where('b.status', '<>', 'cancelled')
    .orderBy('s.held_on')
    .orderBy('s.starts_at')
    .execute()

/** Every place booked (as the report counts), with its course's title; only sessions held in `heldIn` if given. */
export const countedPlaces = (db: Db, heldIn?: { from: IsoDate; to: IsoDate }) =>
  db
    .selectFrom('training_booking as b')
    .innerJoin('training_session as s', 's.id', 'b.session_id')
    .innerJoin('training_course as c', 'c.id', 's.course_id')
    .select([
      'b.agency_id',
      'b.role',
      'b.status',
      'b.attendance',
      'b.confidence_before',
      'b.confidence_after',
      'c.title',
    ])
    .$if(heldIn !== undefined, (q) =>
      q.where('s.held_on', '>=', heldIn?.from as IsoDate).where('s.held_on', '<=', heldIn?.to as IsoDate),
    )
    .execute()

export async function userEmail(db: Db, userId: string): Promise<string> {
  const row = await db.selectFrom('app_user').select('email').where('id', '=', userId).executeTakeFirst()
  return row?.email ?? ''
}
