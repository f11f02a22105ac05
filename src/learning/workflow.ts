// Learning briefings' use cases, each one audited transaction decided by the policy: the reviews lead
// writes a 7-minute briefing and sends it to chosen agencies and roles; each person it reached reads
// and acknowledges it (once); the lead, the administrator and the scrutineer see every briefing, its
// reach and the themes across the years. The reminder run is the service's own (no caller).

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { holdersOfRoles } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { ROLES, type Role } from '../platform/access/actor.ts'
import { audited, authorize, type Caller, consult } from '../platform/access/guard.ts'
import type { Action } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import { incidentsToLearnFrom, incidentThemes } from '../reviews/index.ts'
import {
  childIdentifierIn,
  reachBy,
  recipientsOf,
  reminderDue,
  reminderWorkingDays,
  resendTo,
  SECTIONS,
  themesByYear,
  themesOf,
} from './rules.ts'
import { type BriefingInput, briefingCheck, publishCheck, resendCheck } from './schemas.ts'
import * as store from './store.ts'

export interface LearningContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

const PARTNERSHIP = { kind: 'partnership' } as const
type LearningAction = Extract<Action, `learning.${string}`>

/** The policy's answer on the partnership's learning, recorded in the audit with the transaction. */
const allow = (
  trx: Transaction<DB>,
  caller: Caller,
  action: LearningAction,
  detail?: Record<string, unknown>,
) => authorize(trx, { ...caller, action, resource: PARTNERSHIP, ...(detail ? { detail } : {}) })

const may = (trx: Transaction<DB>, caller: Caller, action: LearningAction) =>
  consult(trx, { ...caller, action, resource: PARTNERSHIP }).allowed

const notFound = () => new RequestError(404, 'Not found')

// ---------------------------------------------------------------------------
// Writing and sending

/** What the form offers: the themes and the serious incidents, by reference only. */
export const briefingForm = (ctx: LearningContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'learning.write', { step: 'form' })
    const incidents = await incidentsToLearnFrom(trx)
    return {
      themes: themesOf(ctx.partnership),
      incidents: incidents.map(({ id, reference, learnedOn }) => ({ id, reference, learnedOn })),
    }
  })

/** Problems the schema cannot see: themes off the list, an unknown incident, a child identified. */
function briefingProblems(
  input: Partial<BriefingInput>,
  partnership: PartnershipConfig,
  incident: { givenName: string; familyName: string } | undefined,
): FieldProblem[] {
  const problems: FieldProblem[] = []
  const known = themesOf(partnership).map((theme) => theme.id)
  if (input.themes?.some((theme) => !known.includes(theme)))
    problems.push({ field: 'themes', text: 'Select themes from the list' })
  if (input.incidentId && !incident)
    problems.push({ field: 'incidentId', text: 'Select a serious incident from the list' })
  for (const field of ['title', ...SECTIONS.map((section) => section.field)] as const) {
    const text = input[field]
    const found = typeof text === 'string' ? childIdentifierIn(text, incident) : undefined
    if (found)
      problems.push({
        field,
        text: `Remove ${found}: a learning briefing must not identify the child`,
      })
  }
  return problems
}

export const writeBriefing = (ctx: LearningContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'learning.write', { step: 'write' })
    const typed = (input ?? {}) as Partial<BriefingInput>
    const incidents = await incidentsToLearnFrom(trx)
    const incident = incidents.find((each) => each.id === typed.incidentId)
    const briefing = checkedInput(briefingCheck, input, briefingProblems(typed, ctx.partnership, incident))
    return store.insertBriefing(
      trx,
      briefing,
      { id: caller.actor.id, name: caller.actor.displayName },
      ctx.now(),
    )
  })

/** A draft rewritten by the lead; once sent, a briefing is not changed (409). */
export const editBriefing = (ctx: LearningContext, caller: Caller, id: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'learning.write', { step: 'edit', briefingId: id })
    const briefing = isUuid(id) ? await store.lockBriefing(trx, id) : undefined
    if (!briefing) throw notFound()
    if (briefing.published_at)
      throw new RequestError(409, 'This briefing has been sent and cannot be changed')
    const typed = (input ?? {}) as Partial<BriefingInput>
    const incident = (await incidentsToLearnFrom(trx)).find((each) => each.id === typed.incidentId)
    const checked = checkedInput(briefingCheck, input, briefingProblems(typed, ctx.partnership, incident))
    await store.updateBriefing(trx, briefing.id, checked)
    return briefing.id
  })

/**
 * Sends the briefing, once: to every active person holding one of the chosen roles in one of the
 * chosen agencies, each emailed a link; they are reminded after the partnership's working days.
 */
export const publish = (ctx: LearningContext, caller: Caller, id: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'learning.write', { step: 'publish', briefingId: id })
    const briefing = isUuid(id) ? await store.lockBriefing(trx, id) : undefined
    if (!briefing) throw notFound()
    if (briefing.published_at) throw new RequestError(409, 'This briefing has already been sent')
    const typed = (input ?? {}) as { agencyIds?: string[]; roles?: string[] }
    const problems: FieldProblem[] = []
    const agencies = ctx.partnership.agencies.map((agency) => agency.id)
    if (typed.agencyIds?.some((agency) => !agencies.includes(agency)))
      problems.push({ field: 'agencyIds', text: 'Select agencies from the list' })
    if (typed.roles?.some((role) => !(ROLES as readonly string[]).includes(role)))
      problems.push({ field: 'roles', text: 'Select roles from the list' })
    const { agencyIds, roles } = checkedInput(publishCheck, input, problems)
    const holders = await holdersOfRoles(trx, { roles: roles as Role[], agencyIds })
    const people = recipientsOf(holders, agencyIds, roles)
    if (people.length === 0)
      throw new RequestError(409, 'No one holds those roles in those agencies: choose others')
    const at = ctx.now()
    await store.markPublished(trx, briefing.id, {
      agencyIds,
      roles,
      remindAfter: reminderWorkingDays(ctx.partnership),
      byName: caller.actor.displayName,
      at,
    })
    await store.insertRecipients(trx, briefing.id, people, at)
    for (const person of people)
      await queueEmail(trx, {
        to: person.email,
        templateId: 'learning-briefing-sent',
        personalisation: { title: briefing.title, link: `/learning/briefings/${briefing.id}` },
        reference: `learning-${briefing.id}-${person.userId}`,
      })
    return { sent: people.length }
  })

/**
 * Sends a sent briefing again (rules.ts `resendTo`): to those it reached who have not said they have
 * read it and still hold a chosen role in a chosen agency, and, for the first time, to anyone who has
 * come to hold one since; with the lead's message, if any. Once a day at most (409), so a second
 * press does not email everyone twice.
 */
export const resend = (ctx: LearningContext, caller: Caller, id: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'learning.write', { step: 'resend', briefingId: id })
    const briefing = isUuid(id) ? await store.lockBriefing(trx, id) : undefined
    if (!briefing) throw notFound()
    if (!briefing.published_at) throw new RequestError(409, 'This briefing has not been sent yet')
    const at = ctx.now()
    if (briefing.resent_at && toIsoDate(briefing.resent_at) === toIsoDate(at))
      throw new RequestError(409, 'This briefing was already sent again today')
    const typed = (input ?? {}) as { note?: unknown }
    const incident = briefing.incident_id
      ? (await incidentsToLearnFrom(trx)).find((each) => each.id === briefing.incident_id)
      : undefined
    const named = typeof typed.note === 'string' ? childIdentifierIn(typed.note, incident) : undefined
    const { note } = checkedInput(
      resendCheck,
      input,
      named
        ? [{ field: 'note', text: `Remove ${named}: a learning briefing must not identify the child` }]
        : [],
    )
    const { sent_to_agencies: agencyIds, sent_to_roles: roles } = briefing
    const holders = await holdersOfRoles(trx, { roles: roles as Role[], agencyIds })
    const { again, added } = resendTo(
      recipientsOf(holders, agencyIds, roles),
      await store.recipientsOf(trx, briefing.id),
    )
    await store.markSentAgain(
      trx,
      again.map((person) => person.recipientId),
      at,
    )
    await store.insertRecipients(trx, briefing.id, added, at)
    await store.markResent(trx, briefing.id, at, caller.actor.displayName)
    const personalisation = {
      title: briefing.title,
      link: `/learning/briefings/${briefing.id}`,
      note: note?.trim() ?? '',
    }
    for (const [people, templateId] of [
      [again, 'learning-briefing-sent-again'],
      [added, 'learning-briefing-sent'],
    ] as const)
      for (const person of people)
        await queueEmail(trx, {
          to: person.email,
          templateId,
          personalisation,
          reference: `learning-${briefing.id}-${person.userId}-${at.toISOString()}`,
        })
    return { again: again.length, added: added.length }
  })

/**
 * Who a sent briefing reached, for whoever oversees the partnership's learning, as rows for a
 * download: each person's name, agency and role, when sent (first, last, how often), reminded and
 * read. No child (a briefing names none). Audited with how many rows went out.
 */
export const reachExport = (ctx: LearningContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    const briefing = isUuid(id) ? await store.findBriefing(trx, id) : undefined
    const recipients = briefing?.published_at ? await store.recipientsOf(trx, briefing.id) : []
    allow(trx, caller, 'learning.oversee', { step: 'export', briefingId: id, rows: recipients.length })
    if (!briefing?.published_at) throw notFound()
    return { briefing, recipients }
  })

// ---------------------------------------------------------------------------
// Reading and acknowledging

export interface BriefingFile {
  briefing: store.BriefingRow
  incidentReference?: string
  /** The caller's own row, when it was sent to them. */
  mine?: store.RecipientRow
  oversees: boolean
  writes: boolean
  /** For whoever oversees: everyone it was sent to. */
  recipients: store.RecipientRow[]
}

/**
 * A briefing, for a person it was sent to, or for whoever oversees the partnership's learning (every
 * briefing, drafts too). Anyone else is answered 404, whether or not it exists.
 */
export const readBriefing = (ctx: LearningContext, caller: Caller, id: string): Promise<BriefingFile> =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'learning.read', { briefingId: id })
    const briefing = isUuid(id) ? await store.findBriefing(trx, id) : undefined
    if (!briefing) throw notFound()
    const oversees = may(trx, caller, 'learning.oversee')
    const mine = briefing.published_at
      ? await store.recipientOf(trx, briefing.id, caller.actor.id)
      : undefined
    if (!oversees && !mine) throw notFound()
    if (oversees) allow(trx, caller, 'learning.oversee', { briefingId: id })
    const incident = briefing.incident_id
      ? (await incidentsToLearnFrom(trx)).find((each) => each.id === briefing.incident_id)
      : undefined
    return {
      briefing,
      ...(incident ? { incidentReference: incident.reference } : {}),
      ...(mine ? { mine } : {}),
      oversees,
      writes: may(trx, caller, 'learning.write'),
      recipients: oversees ? await store.recipientsOf(trx, briefing.id) : [],
    }
  })

/** "I have read this": recorded once; a second time changes nothing. Only a person it was sent to. */
export const acknowledgeBriefing = (ctx: LearningContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'learning.read', { step: 'acknowledge', briefingId: id })
    const mine = isUuid(id) ? await store.recipientOf(trx, id, caller.actor.id) : undefined
    if (!mine) throw notFound()
    return { first: await store.acknowledge(trx, mine.id, ctx.now()) }
  })

/** The caller's briefings; for whoever oversees, every briefing with its reach in figures. */
export const learningHome = (ctx: LearningContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'learning.read')
    const mine = await store.briefingsSentTo(trx, caller.actor.id)
    const oversees = may(trx, caller, 'learning.oversee')
    const all = oversees ? await store.allBriefings(trx) : []
    const reaches = await Promise.all(
      all.map(async (briefing) => {
        const [reach] = reachBy(await store.recipientsOf(trx, briefing.id), () => 'all')
        return { ...briefing, sent: reach?.sent ?? 0, acknowledged: reach?.acknowledged ?? 0 }
      }),
    )
    return { mine, all: reaches, oversees, writes: may(trx, caller, 'learning.write') }
  })

/** Themes across the years: serious incidents, reviews and briefings by theme and year (counts only). */
export const themesAcrossYears = (ctx: LearningContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'learning.oversee', { step: 'themes' })
    const incidents = await incidentsToLearnFrom(trx)
    const learnedOn = new Map(incidents.map((incident) => [incident.id, incident.learnedOn]))
    const counts = themesByYear(
      (await store.publishedThemes(trx)).map((row) => ({
        themes: row.themes,
        publishedOn: toIsoDate(row.published_at as Date),
        incidentId: row.incident_id,
        incidentLearnedOn: row.incident_id ? (learnedOn.get(row.incident_id) ?? null) : null,
      })),
      await incidentThemes(trx),
    )
    return { counts, themes: themesOf(ctx.partnership) }
  })

// ---------------------------------------------------------------------------
// Reminders (the service's own run)

/**
 * Emails each person who has not acknowledged a briefing once its working days have passed since it
 * was sent (bank holidays skipped); once only. Returns how many were reminded.
 */
export async function sendReminders(db: Kysely<DB>, now: Date): Promise<number> {
  const today = toIsoDate(now)
  let reminded = 0
  for (const recipient of await store.awaitingReminder(db)) {
    if (!reminderDue(recipient, recipient.remind_after_working_days ?? 5, today)) continue
    const sent = await db.transaction().execute(async (trx) => {
      if (!(await store.markReminded(trx, recipient.id, now))) return false
      await queueEmail(trx, {
        to: recipient.email,
        templateId: 'learning-briefing-reminder',
        personalisation: { title: recipient.title, link: `/learning/briefings/${recipient.briefing_id}` },
        reference: `learning-reminder-${recipient.id}`,
      })
      return true
    })
    if (sent) reminded += 1
  }
  return reminded
}
