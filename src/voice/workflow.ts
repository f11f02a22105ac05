// The voice of children and families' use cases, each one audited transaction decided by the policy:
// sending a family its survey after a conference (an expiring single-use link), the family opening
// and answering it without an account, the counted results by theme, and what the partnership changed.

import { createHash, randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { getChildResource } from '../children/index.ts'
import type { DB } from '../database.ts'
import { emailOfPerson } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { audited, authorize, type Caller, consult } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import {
  AUDIENCES,
  type Audience,
  LINK_LIFETIME_MS,
  LINK_LIFETIME_WORDS,
  MEETING_KINDS,
  PRACTITIONER_QUESTIONS,
  questionsFor,
  resultsByTheme,
  SMALL_NUMBER,
  type SurveyFor,
  shownCount,
  type ThemeResult,
  themeText,
} from './rules.ts'
import {
  changeCheck,
  childAnswersCheck,
  familyAnswersCheck,
  issueCheck,
  practitionerAnswersCheck,
} from './schemas.ts'
import * as store from './store.ts'
import type { MeetingKind } from './tables.ts'

export interface VoiceContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

const PARTNERSHIP = { kind: 'partnership' } as const
const notFound = () => new RequestError(404, 'Not found')
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')
export const LINK_SPENT = 'This link has expired or has already been used.'

// ---------------------------------------------------------------------------
// Sending the survey

/** The conference, and the policy asked about its child: a conference of a hidden child is not found. */
async function conferenceFor(trx: Transaction<DB>, caller: Caller, conferenceId: string) {
  if (!isUuid(conferenceId)) throw notFound()
  const conference = await store.findConference(trx, conferenceId)
  if (!conference) throw notFound()
  const child = await getChildResource(trx, conference.child_id)
  authorize(trx, { ...caller, action: 'voice.issue', resource: child, detail: { conferenceId } })
  return conference
}

/** The conference's day and the surveys already sent for it, for the page that sends one. */
export const surveysForConference = (ctx: VoiceContext, caller: Caller, conferenceId: string) =>
  audited(ctx.db, async (trx) => {
    const conference = await conferenceFor(trx, caller, conferenceId)
    const sent = await store.linksFor(trx, conferenceId)
    const now = ctx.now()
    return {
      conference: {
        id: conference.id,
        meetingDate: conference.meeting_date,
        held: conference.status === 'decided',
      },
      surveysSent: sent.map((link) => ({
        sentAt: link.issued_at,
        state: link.used_at ? 'Answered' : link.expires_at <= now ? 'Expired' : 'Not answered yet',
      })),
    }
  })

/**
 * Business support or the chair sends a parent the survey after the conference: an email with a link
 * that works once, for 14 days. The address is kept only in the email's outbox; the link only as the
 * SHA-256 of its token. The email names no child.
 */
export async function issueSurvey(
  ctx: VoiceContext,
  caller: Caller,
  conferenceId: string,
  input: unknown,
): Promise<void> {
  const { email, for: audience = 'family' } = checkedInput(issueCheck, input)
  await audited(ctx.db, async (trx) => {
    const conference = await conferenceFor(trx, caller, conferenceId)
    if (conference.status !== 'decided')
      throw new RequestError(
        409,
        'The survey is sent once the conference has been held and its decision recorded',
      )
    const token = randomBytes(32).toString('base64url')
    const at = ctx.now()
    await store.insertLink(trx, {
      conferenceId,
      audience,
      meetingDate: conference.meeting_date,
      tokenHash: hashOf(token),
      by: caller.actor.id,
      at,
      expiresAt: new Date(at.getTime() + LINK_LIFETIME_MS),
    })
    await queueEmail(trx, {
      to: email.trim().toLowerCase(),
      templateId: `voice-${audience}-survey`,
      personalisation: { link: `/voice/survey/${token}`, expires_in: LINK_LIFETIME_WORDS },
      reference: `voice-${audience}-survey`,
    })
  })
}

// ---------------------------------------------------------------------------
// The family's link

const usable = (link: { used_at: Date | null; expires_at: Date } | undefined, at: Date) =>
  link !== undefined && link.used_at === null && link.expires_at > at

/**
 * What the family's (or the child's) page shows: the conference's day, and whose survey it is, nothing
 * else. 410 once the link may not be used.
 */
export async function openSurvey(
  ctx: VoiceContext,
  token: string,
): Promise<{ meetingDate: string; audience: SurveyFor }> {
  const link = await store.findLink(ctx.db, hashOf(token))
  if (!link || !usable(link, ctx.now())) throw new RequestError(410, LINK_SPENT)
  return { meetingDate: link.meeting_date, audience: link.audience }
}

/**
 * The family's answers, once: the link is locked, checked and spent with the answers in one
 * transaction, so a second answer (or two at once) is refused with 410. The answers keep no name,
 * no child and no conference: only that a family answered, the day and what they said.
 */
export async function answerSurvey(ctx: VoiceContext, token: string, input: unknown): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const link = await store.lockLink(trx, hashOf(token))
    if (!link || !usable(link, ctx.now())) throw new RequestError(410, LINK_SPENT)
    const answers: Record<string, string | undefined> =
      link.audience === 'child'
        ? checkedInput(childAnswersCheck, input)
        : checkedInput(familyAnswersCheck, input)
    const at = ctx.now()
    await store.insertResponse(trx, {
      audience: link.audience,
      linkId: link.id,
      answeredOn: toIsoDate(at),
      answers: Object.fromEntries(questionsFor(link.audience).map((q) => [q.key, answers[q.key] as string])),
      suggestion: answers.suggestion?.trim() || null,
    })
    await store.spendLink(trx, link.id, at)
  })
}

// ---------------------------------------------------------------------------
// What you told us and what we changed

export interface VoiceResults {
  audiences: { audience: Audience; answered: string; themes: ThemeResult[]; suggestions: string[] | null }[]
  changes: { theme: string; whatWeChanged: string; changedOn: string }[]
  manages: boolean
}

/** The answers counted by theme (small numbers hidden), and what was changed, for the policy's readers. */
export const results = (ctx: VoiceContext, caller: Caller): Promise<VoiceResults> =>
  audited(ctx.db, async (trx) => {
    authorize(trx, { ...caller, action: 'voice.results', resource: PARTNERSHIP })
    const manages = consult(trx, { ...caller, action: 'voice.manage', resource: PARTNERSHIP }).allowed
    const audiences = []
    for (const audience of AUDIENCES) {
      const responses = await store.responsesOf(trx, audience)
      const words = responses.map((r) => r.suggestion?.trim() ?? '').filter((text) => text !== '')
      audiences.push({
        audience,
        answered: shownCount(responses.length),
        themes: resultsByTheme(audience, responses),
        // Their own words, for the business unit only, and only once 5 or more have answered.
        suggestions: manages && responses.length >= SMALL_NUMBER ? words : null,
      })
    }
    return {
      audiences,
      changes: (await store.changes(trx)).map((change) => ({
        theme: themeText(change.theme),
        whatWeChanged: change.what_we_changed,
        changedOn: change.changed_on,
      })),
      manages,
    }
  })

/** The partnership's administrator records what was changed because of what it was told, against a theme. */
export async function recordChange(ctx: VoiceContext, caller: Caller, input: unknown): Promise<void> {
  const change = checkedInput(changeCheck, input)
  await audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...caller,
      action: 'voice.manage',
      resource: PARTNERSHIP,
      detail: { theme: change.theme },
    })
    await store.insertChange(trx, {
      theme: change.theme,
      whatWeChanged: change.whatWeChanged.trim(),
      changedOn: toIsoDate(ctx.now()),
      by: caller.actor.id,
    })
  })
}

// ---------------------------------------------------------------------------
// The practitioners' survey after a meeting

/**
 * The meeting as the practitioner's survey shows it (its kind and day), for someone who was at it:
 * invited by their own address, or its chair. Anyone else, and a meeting that does not exist, is 404.
 */
async function meetingFor(trx: Transaction<DB>, caller: Caller, kind: MeetingKind, meetingId: string) {
  authorize(trx, {
    ...caller,
    action: 'voice.answer',
    resource: PARTNERSHIP,
    detail: { meetingKind: kind, meetingId },
  })
  if (!isUuid(meetingId) || !(kind in MEETING_KINDS)) throw notFound()
  const email = (await emailOfPerson(trx, `user:${caller.actor.id}`)) ?? ''
  const meeting = await store.findMeeting(trx, kind, meetingId, caller.actor.id, email)
  if (!meeting?.attended) throw notFound()
  return meeting
}

export const practitionerSurvey = (ctx: VoiceContext, caller: Caller, kind: MeetingKind, meetingId: string) =>
  audited(ctx.db, async (trx) => {
    const meeting = await meetingFor(trx, caller, kind, meetingId)
    return {
      kindText: MEETING_KINDS[kind],
      meetingDate: meeting.meetingDate,
      held: meeting.held,
      answered: await store.hasAnswered(trx, kind, meetingId, caller.actor.id),
    }
  })

/** A practitioner who was at a meeting answers its survey, once; the answers name no one. */
export async function answerPractitionerSurvey(
  ctx: VoiceContext,
  caller: Caller,
  kind: MeetingKind,
  meetingId: string,
  input: unknown,
): Promise<void> {
  await audited(ctx.db, async (trx) => {
    const meeting = await meetingFor(trx, caller, kind, meetingId)
    if (!meeting.held) throw new RequestError(409, 'The survey opens once the meeting has been held')
    const answers = checkedInput(practitionerAnswersCheck, input)
    if (!(await store.markAnswered(trx, kind, meetingId, caller.actor.id)))
      throw new RequestError(409, 'You have already answered the survey for this meeting')
    await store.insertResponse(trx, {
      audience: 'practitioner',
      linkId: null,
      answeredOn: toIsoDate(ctx.now()),
      answers: Object.fromEntries(
        PRACTITIONER_QUESTIONS.map((q) => [q.key, answers[q.key as keyof typeof answers] as string]),
      ),
      suggestion: answers.suggestion?.trim() || null,
    })
  })
}
