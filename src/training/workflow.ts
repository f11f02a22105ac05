// Training's use cases, each one audited transaction decided by the policy: the catalogue and its
// sessions (the partnership's administrator), booking, the waiting list and cancelling (every
// practitioner, for themselves), the register, the evaluation and its follow-up, and the take-up report.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { audited, authorize, type Caller, consult } from '../platform/access/guard.ts'
import type { Action } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import {
  type AskedFor,
  type AskedForKind,
  askedForOf,
  askedForValue,
  firstWaiting,
  followUpDue,
  owed,
  placeFor,
  takeUpBy,
  waitingPosition,
} from './rules.ts'
import {
  attendanceCheck,
  bookingCheck,
  courseCheck,
  evaluationCheck,
  followUpCheck,
  type SessionInput,
  sessionCheck,
} from './schemas.ts'
import * as store from './store.ts'

export interface TrainingContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
  /** Where the reviews and audits a course may be linked to come from (wired by the root); none: no links offered. */
  askedFor?: readonly AskedForSource[]
}

/**
 * The reviews or audits of one kind the caller may read, by reference: the owning capability asks the
 * policy about each and audits the reads, in the caller's transaction.
 */
export interface AskedForSource {
  kind: AskedForKind
  choices: (trx: Transaction<DB>, caller: Caller) => Promise<Omit<AskedFor, 'kind'>[]>
}

const PARTNERSHIP = { kind: 'partnership' } as const
type TrainingAction = Extract<Action, `training.${string}`>

/** The policy's answer for the whole partnership's training, recorded in the audit with the transaction. */
const allow = (
  trx: Transaction<DB>,
  caller: Caller,
  action: TrainingAction,
  detail?: Record<string, unknown>,
) => authorize(trx, { ...caller, action, resource: PARTNERSHIP, ...(detail ? { detail } : {}) })

const manages = (trx: Transaction<DB>, caller: Caller) =>
  consult(trx, { ...caller, action: 'training.manage', resource: PARTNERSHIP }).allowed

const today = (ctx: TrainingContext): IsoDate => toIsoDate(ctx.now())
const notFound = () => new RequestError(404, 'Not found')

// ---------------------------------------------------------------------------
// The catalogue and its sessions

async function askedForChoices(ctx: TrainingContext, trx: Transaction<DB>, caller: Caller) {
  const choices: AskedFor[] = []
  for (const source of ctx.askedFor ?? [])
    for (const choice of await source.choices(trx, caller)) choices.push({ ...choice, kind: source.kind })
  return choices
}

/** The course form (new, or a course to edit): the reviews and audits the caller may link it to. */
export const courseForm = (ctx: TrainingContext, caller: Caller, id?: string) =>
  audited(ctx.db, async (trx) => {
    if (!manages(trx, caller)) return { manages: false, choices: [] }
    const course = id === undefined ? undefined : await courseOf(trx, id)
    const choices = await askedForChoices(ctx, trx, caller)
    return { manages: true, choices: withCurrent(choices, course), ...(course ? { course } : {}) }
  })

const courseOf = async (trx: Transaction<DB>, id: string) => {
  const course = isUuid(id) ? await store.findCourse(trx, id) : undefined
  if (!course) throw notFound()
  return course
}

/** A course's own link stays offered when edited, even where its editor may not read that review. */
const withCurrent = (choices: AskedFor[], course?: store.CourseRow): AskedFor[] => {
  const current = course && askedForOf(course)
  return current && !choices.some((c) => askedForValue(c) === askedForValue(current))
    ? [current, ...choices]
    : choices
}

/** The course as typed, with the review or audit it links to, one of the choices or none. */
function courseInput(input: unknown, choices: readonly AskedFor[]) {
  const asked = (input as { askedFor?: unknown } | null)?.askedFor
  const link =
    typeof asked === 'string' && asked !== '' ? choices.find((c) => askedForValue(c) === asked) : null
  const problems: FieldProblem[] =
    link === undefined ? [{ field: 'askedFor', text: 'Select a review or audit from the list' }] : []
  return { course: checkedInput(courseCheck, input, problems), link: link ?? null }
}

export const addCourse = (ctx: TrainingContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.manage', { step: 'course' })
    const { course, link } = courseInput(input, await askedForChoices(ctx, trx, caller))
    return store.insertCourse(trx, course, link, ctx.now(), caller.actor.displayName)
  })

export const editCourse = (ctx: TrainingContext, caller: Caller, id: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.manage', { step: 'course', courseId: id })
    const current = await courseOf(trx, id)
    const choices = withCurrent(await askedForChoices(ctx, trx, caller), current)
    const { course, link } = courseInput(input, choices)
    await store.updateCourse(trx, current.id, course, link, ctx.now(), caller.actor.displayName)
  })

/** The courses a review or audit asked for, for its own page (no child's data: the catalogue is everyone's). */
export const coursesAskedFor = (db: Kysely<DB>, kind: AskedForKind, id: string) =>
  store.coursesAskedFor(db, kind, id)

export const catalogue = (ctx: TrainingContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book')
    return { courses: await store.courses(trx), manages: manages(trx, caller) }
  })

export const readCourse = (ctx: TrainingContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book', { courseId: id })
    const course = await courseOf(trx, id)
    return { course, sessions: await store.sessionsOfCourse(trx, id), manages: manages(trx, caller) }
  })

function sessionProblems(input: Partial<SessionInput>, on: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (input.heldOn && input.heldOn < on)
    problems.push({ field: 'heldOn', text: 'Enter a date that is today or in the future' })
  if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt)
    problems.push({ field: 'endsAt', text: 'Enter an end time after the start time' })
  if (!input.venue?.trim() && !input.onlineLink?.trim())
    problems.push({ field: 'venue', text: 'Enter the venue or the link to join online' })
  return problems
}

export const addSession = (ctx: TrainingContext, caller: Caller, courseId: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.manage', { step: 'session', courseId })
    const course = isUuid(courseId) ? await store.findCourse(trx, courseId) : undefined
    if (!course) throw notFound()
    const session = checkedInput(sessionCheck, input, sessionProblems(input as SessionInput, today(ctx)))
    return store.insertSession(trx, course.id, session, ctx.now())
  })

/** The sessions from today on, for anyone to browse and book. */
export const upcoming = (ctx: TrainingContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book')
    return { sessions: await store.upcomingSessions(trx, today(ctx)), manages: manages(trx, caller) }
  })

export interface SessionFile {
  session: store.SessionListing
  course: store.CourseRow
  /** The caller's own live place, and where it stands on the waiting list. */
  mine?: store.PlaceRow & { position: number }
  manages: boolean
  /** For the administrator: the register (places booked) and the waiting list, in order. */
  register: store.PlaceRow[]
  waiting: store.PlaceRow[]
  started: boolean
}

export const readSession = (ctx: TrainingContext, caller: Caller, id: string): Promise<SessionFile> =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book', { sessionId: id })
    const session = isUuid(id) ? await store.findSession(trx, id) : undefined
    if (!session) throw notFound()
    const course = (await store.findCourse(trx, session.course_id)) as store.CourseRow
    const places = await store.placesOf(trx, id)
    const own = places.find((place) => place.user_id === caller.actor.id && place.status !== 'cancelled')
    const managing = manages(trx, caller)
    return {
      session,
      course,
      ...(own ? { mine: { ...own, position: waitingPosition(places, own.id) } } : {}),
      manages: managing,
      register: managing ? places.filter((place) => place.status === 'booked') : [],
      waiting: managing ? places.filter((place) => place.status === 'waiting') : [],
      started: session.held_on <= today(ctx),
    }
  })

// ---------------------------------------------------------------------------
// Places

/**
 * A practitioner asks for a place: booked while there is room, else on the waiting list. The
 * session's row is locked first, so two people asking for the last place at once are answered one
 * after the other: one gets it, the other waits.
 */
export const book = (ctx: TrainingContext, caller: Caller, sessionId: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book', { step: 'book', sessionId })
    const { confidenceBefore } = checkedInput(bookingCheck, input)
    const session = isUuid(sessionId) ? await store.lockSession(trx, sessionId) : undefined
    if (!session) throw notFound()
    if (session.held_on < today(ctx)) throw new RequestError(409, 'This session has already taken place')
    const places = await store.placesOf(trx, session.id)
    if (places.some((place) => place.user_id === caller.actor.id && place.status !== 'cancelled'))
      throw new RequestError(409, 'You already have a place on this session, or are on its waiting list')
    const booked = places.filter((place) => place.status === 'booked').length
    return store.insertPlace(trx, {
      sessionId: session.id,
      userId: caller.actor.id,
      userName: caller.actor.displayName,
      userEmail: await store.userEmail(trx, caller.actor.id),
      agencyId: caller.actor.agencyId,
      role: caller.actor.grants[0]?.role ?? 'none',
      status: placeFor(booked, session.capacity),
      confidenceBefore: Number(confidenceBefore),
      at: ctx.now(),
    })
  })

/** A place as its practitioner (or the administrator) may change it: a place of someone else is not found. */
async function ownPlace(trx: Transaction<DB>, caller: Caller, id: string, { orManager = false } = {}) {
  const place = isUuid(id) ? await store.findPlace(trx, id) : undefined
  if (!place || place.status === 'cancelled') throw notFound()
  if (place.user_id !== caller.actor.id && !(orManager && manages(trx, caller))) throw notFound()
  return place
}

/**
 * A place is given up: if it was booked, the first on the waiting list moves into it and is emailed.
 * Its practitioner cancels their own; the administrator any.
 */
export const cancel = (ctx: TrainingContext, caller: Caller, placeId: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book', { step: 'cancel', placeId })
    const found = await ownPlace(trx, caller, placeId, { orManager: true })
    const session = (await store.lockSession(trx, found.session_id)) as store.SessionRow
    const places = await store.placesOf(trx, session.id)
    const place = places.find((each) => each.id === found.id)
    if (!place || place.status === 'cancelled') throw notFound()
    if (place.attendance) throw new RequestError(409, 'The register for this place is already taken')
    const at = ctx.now()
    await store.cancelPlace(trx, place.id, at)
    const next = place.status === 'booked' ? firstWaiting(places) : undefined
    if (!next) return { sessionId: session.id, promoted: undefined }
    await store.promotePlace(trx, next.id, at)
    const course = (await store.findCourse(trx, session.course_id)) as store.CourseRow
    await queueEmail(trx, {
      to: next.user_email,
      templateId: 'training-place-offered',
      personalisation: {
        course: course.title,
        held_on: session.held_on,
        times: `${session.starts_at} to ${session.ends_at}`,
        link: `/training/sessions/${session.id}`,
      },
      reference: `training-${session.id}`,
    })
    return { sessionId: session.id, promoted: next }
  })

/** The register: the administrator records whether a booked practitioner came, once the session has begun. */
export const recordAttendance = (ctx: TrainingContext, caller: Caller, placeId: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.manage', { step: 'register', placeId })
    const { attendance } = checkedInput(attendanceCheck, input)
    const place = isUuid(placeId) ? await store.findPlace(trx, placeId) : undefined
    if (place?.status !== 'booked') throw notFound()
    const session = (await store.lockSession(trx, place.session_id)) as store.SessionRow
    if (session.held_on > today(ctx))
      throw new RequestError(409, 'The register opens on the day of the session')
    const due = attendance === 'attended' ? followUpDue(session.held_on) : null
    await store.writeAttendance(trx, place.id, attendance, due)
    return place.session_id
  })

/** A practitioner who attended says how confident they feel now and what they will do differently. */
export const evaluate = (ctx: TrainingContext, caller: Caller, placeId: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book', { step: 'evaluate', placeId })
    const place = await ownPlace(trx, caller, placeId)
    if (owed(place, today(ctx)) !== 'evaluation')
      throw new RequestError(409, 'This place has no evaluation to give')
    const evaluation = checkedInput(evaluationCheck, input)
    await store.writeEvaluation(trx, place.id, {
      confidenceAfter: Number(evaluation.confidenceAfter),
      willDoDifferently: evaluation.willDoDifferently,
      at: ctx.now(),
    })
  })

/** Three months on, what has changed in the practitioner's work. */
export const followUp = (ctx: TrainingContext, caller: Caller, placeId: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book', { step: 'follow-up', placeId })
    const place = await ownPlace(trx, caller, placeId)
    if (owed(place, today(ctx)) !== 'follow-up')
      throw new RequestError(409, 'No follow-up is due for this place')
    const { followUp: words } = checkedInput(followUpCheck, input)
    await store.writeFollowUp(trx, place.id, words, ctx.now())
  })

/** A place the caller may give an evaluation or follow-up on, with its session and course. */
export const readOwnPlace = (ctx: TrainingContext, caller: Caller, placeId: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book', { placeId })
    const place = await ownPlace(trx, caller, placeId)
    const session = (await store.findSession(trx, place.session_id)) as store.SessionListing
    return { place, session, owes: owed(place, today(ctx)) }
  })

/** The caller's own training: places booked, places waited for, evaluations and follow-ups due. */
export const myTraining = (ctx: TrainingContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.book')
    const on = today(ctx)
    const places = await store.placesOfUser(trx, caller.actor.id)
    const owing = places.map((place) => ({ ...place, owes: owed(place, on) }))
    return {
      booked: owing.filter((place) => place.status === 'booked' && place.held_on >= on && !place.attendance),
      waiting: owing.filter((place) => place.status === 'waiting' && place.held_on >= on),
      evaluations: owing.filter((place) => place.owes === 'evaluation'),
      followUps: owing.filter((place) => place.owes === 'follow-up'),
      followUpsLater: owing.filter(
        (place) => place.evaluated_at && !place.followed_up_at && place.owes === undefined,
      ),
    }
  })

// ---------------------------------------------------------------------------
// The take-up report

export const takeUpReport = (ctx: TrainingContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'training.report')
    const counted = (await store.countedPlaces(trx)).map((row) => ({
      agencyId: row.agency_id,
      role: row.role,
      courseTitle: row.title,
      status: row.status,
      attendance: row.attendance,
      confidenceBefore: row.confidence_before,
      confidenceAfter: row.confidence_after,
    }))
    return {
      byAgency: takeUpBy(counted, (place) => place.agencyId),
      byRole: takeUpBy(counted, (place) => place.role),
      byCourse: takeUpBy(counted, (place) => place.courseTitle),
    }
  })
