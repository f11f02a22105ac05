// The self-assessment's use cases, each one audited transaction decided by the policy: the partnership
// opens a round; each agency's safeguarding manager starts, rates and submits its own return; the
// partnership challenges a submitted return standard by standard and the agency answers; the
// partnership's view of every rating, an agency's ratings year on year, and the reminders before the
// due date (the job's run, no person's access to decide).

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { peopleWithRoles } from '../identity/index.ts'
import type { Agency, PartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'
import { audited, authorize, type Caller, consult } from '../platform/access/guard.ts'
import { type Action, type AgencyResource, decide, POLICY } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import {
  checkedInput,
  type FieldProblem,
  InvalidInput,
  isCalendarDate,
  isUuid,
} from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import {
  type Change,
  changeFrom,
  type Framework,
  frameworkOf,
  historyOf,
  type ReturnStatus,
  reminderDue,
  type Standard,
  standardSummary,
  standardsFor,
  unrated,
} from './rules.ts'
import { challengeCheck, ratingCheck, responseCheck, roundCheck } from './schemas.ts'
import * as store from './store.ts'

export interface SelfAssessmentContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

type SelfAssessmentAction = Extract<Action, `self-assessment.${string}`>
const PARTNERSHIP = { kind: 'partnership' } as const
const agency = (agencyId: string): AgencyResource => ({ kind: 'agency', agencyId })
const today = (ctx: SelfAssessmentContext): IsoDate => toIsoDate(ctx.now())
const notFound = () => new RequestError(404, 'Not found')

const allow = (
  trx: Transaction<DB>,
  caller: Caller,
  action: SelfAssessmentAction,
  resource: AgencyResource | typeof PARTNERSHIP,
  detail?: Record<string, unknown>,
) => authorize(trx, { ...caller, action, resource, ...(detail ? { detail } : {}) })

/**
 * An agency's return as the caller may take this step on it: a return the caller may not even read
 * is not found (no oracle of other agencies' returns); one they read but may not change is refused.
 */
function onReturn(
  trx: Transaction<DB>,
  caller: Caller,
  action: SelfAssessmentAction,
  agencyId: string,
  detail: Record<string, unknown>,
) {
  const decision = consult(trx, { ...caller, action, resource: agency(agencyId), detail })
  if (decision.allowed) return
  if (!may(caller, 'self-assessment.view', agency(agencyId))) throw notFound()
  throw new RequestError(403, decision.reason)
}

/** Whether the policy would let the caller take this step (a page's buttons); the step itself is decided again. */
const may = (caller: Caller, action: SelfAssessmentAction, resource: AgencyResource | typeof PARTNERSHIP) =>
  decide(caller.actor, action, resource).allowed

export const agencyOf = (partnership: PartnershipConfig, agencyId: string): Agency | undefined =>
  partnership.agencies.find((candidate) => candidate.id === agencyId)

// ---------------------------------------------------------------------------
// The landing page: the rounds, and the caller's own agency's returns

export interface OwnReturn {
  round: store.RoundRow
  status: ReturnStatus
  returnId?: string
}

export const overview = (ctx: SelfAssessmentContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    const seesAll = may(caller, 'self-assessment.view', PARTNERSHIP)
    const ownAgency = caller.actor.agencyId
    if (seesAll) allow(trx, caller, 'self-assessment.view', PARTNERSHIP)
    else allow(trx, caller, 'self-assessment.view', agency(ownAgency))
    const rounds = await store.rounds(trx)
    const completes = may(caller, 'self-assessment.complete', agency(ownAgency))
    const own: OwnReturn[] = []
    if (completes) {
      const returns = await store.returnsOfAgency(trx, ownAgency)
      for (const round of rounds) {
        const found = returns.find((row) => row.round_id === round.id)
        own.push(
          found ? { round, status: found.status, returnId: found.id } : { round, status: 'not-started' },
        )
      }
    }
    return {
      rounds,
      seesAll,
      manages: may(caller, 'self-assessment.manage', PARTNERSHIP),
      completes,
      own,
      ownAgencyId: ownAgency,
      today: today(ctx),
    }
  })

// ---------------------------------------------------------------------------
// Rounds

export const openRound = (ctx: SelfAssessmentContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'self-assessment.manage', PARTNERSHIP, { step: 'open-round' })
    const on = today(ctx)
    const dueOn = (input as { dueOn?: unknown })?.dueOn
    const more: FieldProblem[] =
      typeof dueOn === 'string' && isCalendarDate(dueOn) && dueOn < on
        ? [{ field: 'dueOn', text: 'Enter a due date that is today or in the future' }]
        : []
    const round = checkedInput(roundCheck, input, more)
    const row = await store.insertRound(trx, {
      year: round.year,
      dueOn: round.dueOn,
      at: ctx.now(),
      byName: caller.actor.displayName,
    })
    if (!row) throw new InvalidInput([{ field: 'year', text: `There is already a round for ${round.year}` }])
    return row
  })

export interface AgencyRow {
  agency: Agency
  status: ReturnStatus
  returnId?: string
  /** This year's rating of each standard (by id), and its change from last year. */
  ratings: Record<string, { rating: number; change: Change } | undefined>
  openChallenges: number
}

/** The partnership's view of a round: every agency's status and ratings, table by table (one per framework). */
export const readRound = (ctx: SelfAssessmentContext, caller: Caller, roundId: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'self-assessment.view', PARTNERSHIP, { roundId })
    const round = isUuid(roundId) ? await store.findRound(trx, roundId) : undefined
    if (!round) throw notFound()
    const returns = await store.returnsOfRound(trx, round.id)
    const rated = await store.submittedRatings(trx)
    const tables = await Promise.all(
      (['section-11', 'section-175'] as const).map(async (framework) => {
        const standards = standardsFor(ctx.partnership, framework)
        const rows: AgencyRow[] = []
        for (const each of ctx.partnership.agencies.filter((a) => frameworkOf(a.kind) === framework)) {
          const found = returns.find((row) => row.agency_id === each.id)
          const ratings: AgencyRow['ratings'] = {}
          let openChallenges = 0
          if (found?.status === 'submitted') {
            for (const rating of await store.ratingsOf(trx, found.id)) {
              const before = rated.find(
                (r) =>
                  r.year === round.year - 1 && r.agencyId === each.id && r.standardId === rating.standard_id,
              )?.rating
              ratings[rating.standard_id] = {
                rating: rating.rating,
                change: changeFrom(before, rating.rating),
              }
            }
            openChallenges = (await store.challengesOf(trx, found.id)).filter((c) => !c.response).length
          }
          rows.push({
            agency: each,
            status: found ? found.status : 'not-started',
            ...(found ? { returnId: found.id } : {}),
            ratings,
            openChallenges,
          })
        }
        const summaries = standards.map((standard) => ({
          standard,
          ...standardSummary(
            rated.filter((r) => rows.some((row) => row.agency.id === r.agencyId)),
            standard.id,
            round.year,
          ),
        }))
        return { framework, standards, rows, summaries }
      }),
    )
    return { round, tables: tables.filter((table) => table.rows.length > 0), today: today(ctx) }
  })

/** One submitted rating of a round, as the download lists it. */
export interface ExportedRating {
  agency: string
  framework: Framework
  standard: string
  rating: number
  previous?: number
  change: Change
  evidence: string
  actions: string | null
  actionsDueOn: IsoDate | null
  openChallenges: number
}

/** Every submitted rating of a round with its evidence and actions, for the partnership to download. */
export const exportRound = (ctx: SelfAssessmentContext, caller: Caller, roundId: string, format: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'self-assessment.view', PARTNERSHIP, { roundId, export: format })
    const round = isUuid(roundId) ? await store.findRound(trx, roundId) : undefined
    if (!round) throw notFound()
    const rated = await store.submittedRatings(trx)
    const rows: ExportedRating[] = []
    for (const ret of await store.returnsOfRound(trx, round.id)) {
      if (ret.status !== 'submitted') continue
      const challenges = await store.challengesOf(trx, ret.id)
      const order = standardsFor(ctx.partnership, ret.framework).map((standard) => standard.id)
      const ratings = (await store.ratingsOf(trx, ret.id)).sort(
        (a, b) => order.indexOf(a.standard_id) - order.indexOf(b.standard_id),
      )
      for (const rating of ratings) {
        const previous = rated.find(
          (r) =>
            r.year === round.year - 1 && r.agencyId === ret.agency_id && r.standardId === rating.standard_id,
        )?.rating
        rows.push({
          agency: agencyOf(ctx.partnership, ret.agency_id)?.name ?? ret.agency_id,
          framework: ret.framework,
          standard: rating.standard_title,
          rating: rating.rating,
          ...(previous ? { previous } : {}),
          change: changeFrom(previous, rating.rating),
          evidence: rating.evidence,
          actions: rating.actions,
          actionsDueOn: rating.actions_due_on,
          openChallenges: challenges.filter((c) => c.standard_id === rating.standard_id && !c.response)
            .length,
        })
      }
    }
    rows.sort((a, b) => a.agency.localeCompare(b.agency))
    return { round, rows }
  })

// ---------------------------------------------------------------------------
// An agency's return

/** The caller's agency starts its return for a round (or finds the one it started). */
export const startReturn = (ctx: SelfAssessmentContext, caller: Caller, roundId: string) =>
  audited(ctx.db, async (trx) => {
    const agencyId = caller.actor.agencyId
    allow(trx, caller, 'self-assessment.complete', agency(agencyId), { step: 'start', roundId })
    const round = isUuid(roundId) ? await store.findRound(trx, roundId) : undefined
    const own = agencyOf(ctx.partnership, agencyId)
    if (!round || !own) throw notFound()
    const row =
      (await store.insertReturn(trx, {
        roundId: round.id,
        agencyId,
        framework: frameworkOf(own.kind),
        at: ctx.now(),
        byName: caller.actor.displayName,
      })) ?? ((await store.returnOf(trx, round.id, agencyId)) as store.ReturnRow)
    return row
  })

export interface StandardView {
  standard: Standard
  rating?: store.RatingRow
  previous?: number
  change?: Change
  challenges: store.ChallengeRow[]
}

async function returnFile(ctx: SelfAssessmentContext, trx: Transaction<DB>, ret: store.ReturnRow) {
  const round = (await store.findRound(trx, ret.round_id)) as store.RoundRow
  const standards = standardsFor(ctx.partnership, ret.framework)
  const ratings = await store.ratingsOf(trx, ret.id)
  const challenges = await store.challengesOf(trx, ret.id)
  const history = await store.submittedRatings(trx, ret.agency_id)
  const views: StandardView[] = standards.map((standard) => {
    const rating = ratings.find((r) => r.standard_id === standard.id)
    const previous = history.find((r) => r.year === round.year - 1 && r.standardId === standard.id)?.rating
    return {
      standard,
      ...(rating ? { rating } : {}),
      ...(previous ? { previous } : {}),
      ...(rating ? { change: changeFrom(previous, rating.rating) } : {}),
      challenges: challenges.filter((c) => c.standard_id === standard.id),
    }
  })
  return { ret, round, standards: views, agency: agencyOf(ctx.partnership, ret.agency_id) }
}

export const readReturn = (ctx: SelfAssessmentContext, caller: Caller, returnId: string) =>
  audited(ctx.db, async (trx) => {
    const ret = isUuid(returnId) ? await store.findReturn(trx, returnId) : undefined
    if (!ret) throw notFound()
    onReturn(trx, caller, 'self-assessment.view', ret.agency_id, { returnId })
    const file = await returnFile(ctx, trx, ret)
    const completes = may(caller, 'self-assessment.complete', agency(ret.agency_id))
    return {
      ...file,
      mayEdit: completes && ret.status === 'draft',
      mayRespond: completes && ret.status === 'submitted',
      mayChallenge:
        may(caller, 'self-assessment.manage', agency(ret.agency_id)) && ret.status === 'submitted',
      today: today(ctx),
    }
  })

/** One standard of a return the caller may read, for its form. */
export const readStandard = async (
  ctx: SelfAssessmentContext,
  caller: Caller,
  returnId: string,
  standardId: string,
) => {
  const file = await readReturn(ctx, caller, returnId)
  const view = file.standards.find((each) => each.standard.id === standardId)
  if (!view) throw notFound()
  return { ...file, view }
}

/** The agency rates itself against one standard, with its evidence and actions; again until submitted. */
export const rateStandard = (
  ctx: SelfAssessmentContext,
  caller: Caller,
  returnId: string,
  standardId: string,
  input: unknown,
) =>
  audited(ctx.db, async (trx) => {
    const ret = isUuid(returnId) ? await store.lockReturn(trx, returnId) : undefined
    if (!ret) throw notFound()
    onReturn(trx, caller, 'self-assessment.complete', ret.agency_id, { step: 'rate', returnId, standardId })
    const standard = standardsFor(ctx.partnership, ret.framework).find((s) => s.id === standardId)
    if (!standard) throw notFound()
    if (ret.status !== 'draft') throw new RequestError(409, 'This return is already submitted')
    const rating = checkedInput(ratingCheck, input)
    await store.writeRating(trx, {
      return_id: ret.id,
      standard_id: standard.id,
      standard_title: standard.title,
      rating: Number(rating.rating),
      evidence: rating.evidence.trim(),
      actions: rating.actions?.trim() || null,
      actions_due_on: rating.actionsDueOn ?? null,
      at: ctx.now(),
      byName: caller.actor.displayName,
    })
  })

/** The agency submits its return once every standard is rated; then the partnership may challenge it. */
export const submitReturn = (ctx: SelfAssessmentContext, caller: Caller, returnId: string) =>
  audited(ctx.db, async (trx) => {
    const ret = isUuid(returnId) ? await store.lockReturn(trx, returnId) : undefined
    if (!ret) throw notFound()
    onReturn(trx, caller, 'self-assessment.complete', ret.agency_id, { step: 'submit', returnId })
    if (ret.status !== 'draft') throw new RequestError(409, 'This return is already submitted')
    const rated = (await store.ratingsOf(trx, ret.id)).map((r) => r.standard_id)
    const missing = unrated(standardsFor(ctx.partnership, ret.framework), rated)
    if (missing.length > 0)
      throw new InvalidInput(
        missing.map((standard) => ({
          field: `standard-${standard.id}`,
          text: `Rate the standard “${standard.title}” before you submit`,
        })),
      )
    await store.markSubmitted(trx, ret.id, ctx.now(), caller.actor.displayName)
  })

// ---------------------------------------------------------------------------
// Challenge and response

const TOLD_ROLES = Object.keys(POLICY['self-assessment.complete'].roles) as Role[]

async function tellAgency(
  trx: Transaction<DB>,
  agencyId: string,
  message: { templateId: string; personalisation: Record<string, string>; reference: string },
) {
  for (const { email } of await peopleWithRoles(trx, { roles: TOLD_ROLES, agencyIds: [agencyId] }))
    await queueEmail(trx, { to: email, ...message })
}

/** The partnership challenges one standard of a submitted return; the agency's managers are emailed. */
export const challengeStandard = (
  ctx: SelfAssessmentContext,
  caller: Caller,
  returnId: string,
  standardId: string,
  input: unknown,
) =>
  audited(ctx.db, async (trx) => {
    const ret = isUuid(returnId) ? await store.lockReturn(trx, returnId) : undefined
    if (!ret) throw notFound()
    onReturn(trx, caller, 'self-assessment.manage', ret.agency_id, {
      step: 'challenge',
      returnId,
      standardId,
    })
    if (ret.status !== 'submitted') throw new RequestError(409, 'Only a submitted return can be challenged')
    const rated = (await store.ratingsOf(trx, ret.id)).find((r) => r.standard_id === standardId)
    if (!rated) throw notFound()
    const { challenge } = checkedInput(challengeCheck, input)
    const row = await store.insertChallenge(trx, {
      returnId: ret.id,
      standardId,
      challenge: challenge.trim(),
      at: ctx.now(),
      byName: caller.actor.displayName,
    })
    const round = (await store.findRound(trx, ret.round_id)) as store.RoundRow
    await tellAgency(trx, ret.agency_id, {
      templateId: 'self-assessment-challenged',
      personalisation: { year: String(round.year), link: `/self-assessment/returns/${ret.id}` },
      reference: `self-assessment-challenge-${row.id}`,
    })
    return row
  })

/** A challenge with its return, for the response form. */
export const readChallenge = (ctx: SelfAssessmentContext, caller: Caller, challengeId: string) =>
  audited(ctx.db, async (trx) => {
    const challenge = isUuid(challengeId) ? await store.findChallenge(trx, challengeId) : undefined
    if (!challenge) throw notFound()
    const ret = (await store.findReturn(trx, challenge.return_id)) as store.ReturnRow
    onReturn(trx, caller, 'self-assessment.view', ret.agency_id, { challengeId })
    const file = await returnFile(ctx, trx, ret)
    const view = file.standards.find((each) => each.standard.id === challenge.standard_id)
    return {
      ...file,
      challenge,
      view,
      mayRespond: may(caller, 'self-assessment.complete', agency(ret.agency_id)) && !challenge.response,
    }
  })

/** The agency answers a challenge to its return, once. */
export const respondToChallenge = (
  ctx: SelfAssessmentContext,
  caller: Caller,
  challengeId: string,
  input: unknown,
) =>
  audited(ctx.db, async (trx) => {
    const challenge = isUuid(challengeId) ? await store.findChallenge(trx, challengeId) : undefined
    if (!challenge) throw notFound()
    const ret = (await store.lockReturn(trx, challenge.return_id)) as store.ReturnRow
    onReturn(trx, caller, 'self-assessment.complete', ret.agency_id, { step: 'respond', challengeId })
    const { response } = checkedInput(responseCheck, input)
    const written = await store.writeResponse(
      trx,
      challenge.id,
      response.trim(),
      ctx.now(),
      caller.actor.displayName,
    )
    if (Number(written.numUpdatedRows) === 0)
      throw new RequestError(409, 'This challenge is already answered')
    return ret.id
  })

// ---------------------------------------------------------------------------
// Year on year

/** An agency's submitted ratings year by year, standard by standard. */
export const agencyHistory = (ctx: SelfAssessmentContext, caller: Caller, agencyId: string) =>
  audited(ctx.db, async (trx) => {
    const found = agencyOf(ctx.partnership, agencyId)
    if (!found) throw notFound()
    onReturn(trx, caller, 'self-assessment.view', agencyId, { step: 'history' })
    const framework: Framework = frameworkOf(found.kind)
    const ratings = await store.submittedRatings(trx, agencyId)
    return {
      agency: found,
      framework,
      ...historyOf(ratings, agencyId, standardsFor(ctx.partnership, framework)),
    }
  })

// ---------------------------------------------------------------------------
// Reminders (the job's run)

/**
 * Emails each agency that has not submitted its return for an open round, at each reminder point
 * before the due date (rules.ts reminderDue), once: the reminder's row is written with its emails.
 */
export async function sendReminders(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  now: Date,
): Promise<number> {
  const on = toIsoDate(now)
  let sent = 0
  for (const round of await store.openRounds(db, on)) {
    const returns = await store.returnsOfRound(db, round.id)
    const already = await store.remindersSent(db, round.id)
    for (const each of partnership.agencies) {
      if (returns.some((row) => row.agency_id === each.id && row.status === 'submitted')) continue
      const points = already.filter((r) => r.agency_id === each.id).map((r) => r.working_days_before)
      const due = reminderDue(round.due_on, on, points)
      if (due === undefined) continue
      const recorded = await db.transaction().execute(async (trx) => {
        if (
          !(await store.recordReminder(trx, {
            roundId: round.id,
            agencyId: each.id,
            workingDaysBefore: due,
            at: now,
          }))
        )
          return false
        await tellAgency(trx, each.id, {
          templateId: 'self-assessment-reminder',
          personalisation: { year: String(round.year), due_on: round.due_on, link: '/self-assessment' },
          reference: `self-assessment-reminder-${round.id}-${each.id}-${due}`,
        })
        return true
      })
      if (recorded) sent += 1
    }
  }
  return sent
}
