// The MASA plan's use cases, each one audited transaction decided by the policy: reading the plan
// (its sections, registers, review points and published versions), writing a section (a new version
// each save, with the guiding questions it answers), keeping the registers and review points,
// publishing a version, exporting and importing the plan file, and importing the feedback a regional
// forum in another installation sent back. The regional forum's own use cases are in forum.ts.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { type Action, decide } from '../platform/access/policy.ts'
import { timeLeft } from '../platform/calendar/time-left.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, InvalidInput, isUuid } from '../platform/http/schemas.ts'
import { LEAD_PARTNERS, partnerOf, partnersSigning } from '../yearly-report/index.ts'
import {
  financialYear,
  instantOf,
  partnerKindOf,
  penceOf,
  poundsOf,
  readFeedbackFile,
  readPlanFile,
} from './rules.ts'
import {
  contributionCheck,
  FILE_FORMAT,
  GUIDANCE,
  type PlanFile,
  partnerCheck,
  reviewPointCheck,
  sectionCheck,
} from './schemas.ts'
import { PARTNER_KINDS, questionIdsOf, SECTIONS, sectionOf } from './sections.ts'
import * as store from './store.ts'

export interface MasaPlanContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

const PARTNERSHIP = { kind: 'partnership' } as const
type PlanAction = Extract<Action, `masa-plan.${string}`>

/** The policy's answer for the partnership's plan, recorded in the audit with the transaction. */
export const allow = (
  trx: Transaction<DB>,
  caller: Caller,
  action: PlanAction,
  detail?: Record<string, unknown>,
) => authorize(trx, { ...caller, action, resource: PARTNERSHIP, ...(detail ? { detail } : {}) })

/** What the caller may do, for the page's links and buttons (each step asks the policy again). */
export const may = (caller: Caller, action: PlanAction) => decide(caller.actor, action, PARTNERSHIP).allowed

const notFound = (what = 'That part of the MASA plan does not exist') => new RequestError(404, what)

/** Starts the plan the first time it is opened: the partners register from the configuration's agencies. */
async function ensurePlan(trx: Transaction<DB>, ctx: MasaPlanContext) {
  if (!(await store.startPlan(trx, ctx.now()))) return
  await store.insertPartners(
    trx,
    ctx.partnership.agencies.map((agency) => ({
      name: agency.name,
      kind: partnerKindOf(agency),
      role: agency.description ?? null,
      agency_id: agency.id,
    })),
    ctx.now(),
  )
}

/** Each section's latest version. */
const latestOf = (rows: readonly store.SectionVersionRow[]) => {
  const latest = new Map<string, store.SectionVersionRow>()
  for (const row of rows) latest.set(row.section, row)
  return latest
}

/** The plan as it stands, in the one file format. */
export async function planFileOf(trx: Kysely<DB>, ctx: MasaPlanContext): Promise<PlanFile> {
  const latest = latestOf(await store.sectionVersions(trx))
  return {
    format: FILE_FORMAT,
    guidance: GUIDANCE,
    partnership: { id: ctx.partnership.partnership.id, name: ctx.partnership.partnership.name },
    exportedAt: ctx.now().toISOString(),
    sections: SECTIONS.flatMap((section) => {
      const row = latest.get(section.key)
      return row ? [{ key: section.key, text: row.body, answers: row.answers }] : []
    }),
    partners: (await store.partners(trx)).map((row) => ({
      name: row.name,
      kind: row.kind,
      ...(row.role ? { role: row.role } : {}),
    })),
    contributions: (await store.contributions(trx)).map((row) => ({
      partner: row.partner,
      year: row.year,
      ...(row.amount_pence === null ? {} : { amountPence: row.amount_pence }),
      ...(row.in_kind ? { inKind: row.in_kind } : {}),
    })),
    reviewPoints: (await store.reviewPoints(trx)).map((row) => ({ due: row.due_on, what: row.what })),
  }
}

/**
 * The regional forums' feedback on this partnership's plan, the newest first: what this
 * installation's own forum recorded to it, and what forums elsewhere sent back as feedback files.
 */
async function feedbackToPlan(trx: Kysely<DB>, ctx: MasaPlanContext) {
  const own = (await store.feedback(trx))
    .filter((row) => row.plan_id === null)
    .map((row) => ({
      forumName: ctx.partnership.partnership.name,
      body: row.body,
      writtenAt: row.written_at,
      writtenByName: row.written_by_name,
      planExportedAt: null,
      planVersion: null,
    }))
  const received = (await store.receivedFeedback(trx)).map((row) => ({
    forumName: row.forum_name,
    body: row.body,
    writtenAt: row.written_at,
    writtenByName: row.written_by_name,
    planExportedAt: row.plan_exported_at,
    planVersion: row.plan_version,
  }))
  return [...own, ...received].sort((a, b) => b.writtenAt.getTime() - a.writtenAt.getTime())
}

// ---------------------------------------------------------------------------
// Reading

/** The plan: each section's state, the registers, the review points with time left, the published versions. */
export const readPlan = (ctx: MasaPlanContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.read')
    await ensurePlan(trx, ctx)
    const latest = latestOf(await store.sectionVersions(trx))
    const now = ctx.now()
    const published = await store.publishedVersions(trx)
    return {
      sections: SECTIONS.map((section, index) => {
        const row = latest.get(section.key)
        return {
          number: index + 1,
          key: section.key,
          title: section.title,
          summary: section.summary,
          questions: section.questions.length,
          answered: row?.answers.length ?? 0,
          version: row?.version ?? 0,
          writtenAt: row?.written_at ?? null,
          writtenByName: row?.written_by_name ?? null,
        }
      }),
      partners: (await store.partners(trx)).map((row) => ({ ...row, kindName: PARTNER_KINDS[row.kind] })),
      contributions: (await store.contributions(trx)).map((row) => ({
        ...row,
        yearName: financialYear(row.year),
        amount: row.amount_pence === null ? null : poundsOf(row.amount_pence),
      })),
      reviewPoints: (await store.reviewPoints(trx)).map((row) => ({
        ...row,
        left: timeLeft(row.due_on, now),
      })),
      published,
      feedback: await feedbackToPlan(trx, ctx),
      latestSigning: published[0] ? partnersSigning(await store.signoffsOf(trx, published[0].version)) : [],
      writes: may(caller, 'masa-plan.write'),
      forum: may(caller, 'masa-plan.forum'),
    }
  })

/** One section: its guidance, guiding questions and every version, newest first. */
export const readSection = (ctx: MasaPlanContext, caller: Caller, key: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.read', { section: key })
    const section = sectionOf(key)
    if (!section) throw notFound()
    const ids = questionIdsOf(section)
    const versions = (await store.sectionVersions(trx))
      .filter((row) => row.section === key)
      .reverse()
      .map((row) => ({
        ...row,
        answered: section.questions.filter((_q, i) => row.answers.includes(ids[i] as string)),
      }))
    return {
      section: {
        ...section,
        number: SECTIONS.findIndex((s) => s.key === key) + 1,
        questions: section.questions.map((text, i) => ({ id: ids[i] as string, text })),
      },
      versions,
      writes: may(caller, 'masa-plan.write'),
    }
  })

// ---------------------------------------------------------------------------
// Writing

/** Saves a new version of a section's text and the guiding questions it answers; earlier versions are kept. */
export const writeSection = (ctx: MasaPlanContext, caller: Caller, key: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.write', { section: key })
    const section = sectionOf(key)
    if (!section) throw notFound()
    const ids = questionIdsOf(section)
    const value = (input ?? {}) as { answers?: unknown }
    const unknown = Array.isArray(value.answers) && value.answers.some((id) => !ids.includes(String(id)))
    const { text, answers = [] } = checkedInput(
      sectionCheck,
      input,
      unknown ? [{ field: 'answers', text: 'Select only this section’s guiding questions' }] : [],
    )
    await ensurePlan(trx, ctx)
    const ordered = ids.filter((id) => answers.includes(id))
    return store.insertSectionVersion(trx, key, text.trim(), ordered, ctx.now(), {
      id: caller.actor.id,
      name: caller.actor.displayName,
    })
  })

const optional = (text: string | undefined) => (text?.trim() ? text.trim() : null)

/** Adds a partner or relevant agency (a school, say) to the register. */
export const addPartner = (ctx: MasaPlanContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.write', { step: 'add-partner' })
    const { name, kind, role } = checkedInput(partnerCheck, input)
    await ensurePlan(trx, ctx)
    await store.insertPartners(
      trx,
      [{ name: name.trim(), kind, role: optional(role), agency_id: null }],
      ctx.now(),
    )
  })

/** A partner of the register, for its form. */
export const readPartner = (ctx: MasaPlanContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.write', { step: 'read-partner' })
    const row = isUuid(id) ? await store.findPartner(trx, id) : undefined
    if (!row) throw notFound('That partner is not in the register')
    return row
  })

export const changePartner = (ctx: MasaPlanContext, caller: Caller, id: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.write', { step: 'change-partner' })
    if (!isUuid(id) || !(await store.findPartner(trx, id)))
      throw notFound('That partner is not in the register')
    const { name, kind, role } = checkedInput(partnerCheck, input)
    await store.updatePartner(trx, id, { name: name.trim(), kind, role: optional(role) })
  })

/** Takes a partner off the register; removing one already gone is not found. */
const removal =
  (
    step: string,
    remove: (trx: Transaction<DB>, id: string) => Promise<{ numDeletedRows: bigint }>,
    what: string,
  ) =>
  (ctx: MasaPlanContext, caller: Caller, id: string) =>
    audited(ctx.db, async (trx) => {
      allow(trx, caller, 'masa-plan.write', { step })
      const removed = isUuid(id) ? await remove(trx, id) : { numDeletedRows: 0n }
      if (removed.numDeletedRows === 0n) throw notFound(what)
    })

export const removePartner = removal(
  'remove-partner',
  store.deletePartner,
  'That partner is not in the register',
)
export const removeContribution = removal(
  'remove-contribution',
  store.deleteContribution,
  'That contribution is not in the register',
)
export const removeReviewPoint = removal(
  'remove-review-point',
  store.deleteReviewPoint,
  'That review point does not exist',
)

/** Adds a funding or in-kind contribution: an amount in pounds, a description of what is given in kind, or both. */
export const addContribution = (ctx: MasaPlanContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.write', { step: 'add-contribution' })
    const value = (input ?? {}) as { amount?: unknown; inKind?: unknown }
    const neither = !String(value.amount ?? '').trim() && !String(value.inKind ?? '').trim()
    const { partner, year, amount, inKind } = checkedInput(
      contributionCheck,
      input,
      neither ? [{ field: 'amount', text: 'Enter the amount in pounds, or what is given in kind' }] : [],
    )
    await ensurePlan(trx, ctx)
    await store.insertContributions(
      trx,
      [
        {
          partner: partner.trim(),
          year: Number(year),
          amount_pence: amount?.trim() ? penceOf(amount) : null,
          in_kind: optional(inKind),
        },
      ],
      ctx.now(),
      caller.actor.displayName,
    )
  })

/** Adds a review point: a date and what is to be reviewed then. */
export const addReviewPoint = (ctx: MasaPlanContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.write', { step: 'add-review-point' })
    const { due, what } = checkedInput(reviewPointCheck, input)
    await ensurePlan(trx, ctx)
    await store.insertReviewPoints(
      trx,
      [{ due_on: due, what: what.trim() }],
      ctx.now(),
      caller.actor.displayName,
    )
  })

// ---------------------------------------------------------------------------
// Versions, export and import

/** Publishes the plan as it stands as its next version; earlier versions are kept unchanged. */
export const publishPlan = (ctx: MasaPlanContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.write', { step: 'publish' })
    await ensurePlan(trx, ctx)
    const file = await planFileOf(trx, ctx)
    if (file.sections.length === 0)
      throw new RequestError(409, 'Write at least one section before publishing the plan')
    return store.insertPublished(trx, file, ctx.now(), caller.actor.displayName)
  })

/**
 * A published version of the plan, as it was published, with who of the three lead safeguarding
 * partners signed it off, and which partner the caller may still sign it for.
 */
export const readPublished = (ctx: MasaPlanContext, caller: Caller, version: number) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.read', { version })
    const row = await store.findPublished(trx, version)
    if (!row) throw notFound('There is no published version of the plan with that number')
    const partners = partnersSigning(await store.signoffsOf(trx, version))
    const partner = partnerOf(caller.actor.agencyKind)
    const unsigned = partners.some((p) => p.key === partner && !p.signoff)
    return {
      ...row,
      partners,
      signsFor: partner && unsigned && may(caller, 'masa-plan.sign') ? LEAD_PARTNERS[partner] : null,
    }
  })

/** Signs off a published version for the lead safeguarding partner the caller's agency is. */
export const signVersion = (ctx: MasaPlanContext, caller: Caller, version: number) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.sign', { version })
    const partner = partnerOf(caller.actor.agencyKind)
    if (!partner)
      throw new RequestError(403, 'Only the local authority, the police and health sign the MASA plan')
    if (!(await store.findPublished(trx, version)))
      throw notFound('There is no published version of the plan with that number')
    await store.insertSignoff(trx, {
      version,
      partner,
      agency_id: caller.actor.agencyId,
      signed_at: ctx.now(),
      signed_by: caller.actor.id,
      signed_by_name: caller.actor.displayName,
    })
    return partner
  })

/** The plan as it stands (the working draft), as a file in the one format, to download or to print as a PDF. */
export const exportPlan = (ctx: MasaPlanContext, caller: Caller, step: 'export' | 'draft-pdf' = 'export') =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.read', { step })
    await ensurePlan(trx, ctx)
    return planFileOf(trx, ctx)
  })

/**
 * Imports a plan file as this partnership's plan: each section whose text or answers differ is saved
 * as a new version (none lost), and the registers and review points become the file's.
 */
export const importPlan = (ctx: MasaPlanContext, caller: Caller, text: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.write', { step: 'import' })
    const file = readPlanFile(text)
    await ensurePlan(trx, ctx)
    const latest = latestOf(await store.sectionVersions(trx))
    const by = { id: caller.actor.id, name: caller.actor.displayName }
    let changed = 0
    for (const section of file.sections) {
      const ids = questionIdsOf(sectionOf(section.key) as (typeof SECTIONS)[number])
      const answers = ids.filter((id) => section.answers.includes(id))
      const row = latest.get(section.key)
      if (row && row.body === section.text && JSON.stringify(row.answers) === JSON.stringify(answers))
        continue
      await store.insertSectionVersion(trx, section.key, section.text, answers, ctx.now(), by)
      changed++
    }
    await store.clearRegisters(trx)
    await store.insertPartners(
      trx,
      file.partners.map((p) => ({ name: p.name, kind: p.kind, role: p.role ?? null, agency_id: null })),
      ctx.now(),
    )
    await store.insertContributions(
      trx,
      file.contributions.map((c) => ({
        partner: c.partner,
        year: c.year,
        amount_pence: c.amountPence ?? null,
        in_kind: c.inKind?.trim() ? c.inKind : null,
      })),
      ctx.now(),
      by.name,
    )
    await store.insertReviewPoints(
      trx,
      file.reviewPoints.map((p) => ({ due_on: p.due, what: p.what })),
      ctx.now(),
      by.name,
    )
    return { sections: changed }
  })

/**
 * Imports a regional forum's feedback file, sent back by a forum in another installation that
 * compared this partnership's plan: each piece of feedback is kept once (by the forum and the
 * feedback's id there), so importing the same or a fuller file again adds only what is new.
 */
export const importForumFeedback = (ctx: MasaPlanContext, caller: Caller, text: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.write', { step: 'import-feedback' })
    const file = readFeedbackFile(text)
    const own = ctx.partnership.partnership
    const refuse = (words: string) => new InvalidInput([{ field: 'file', text: words }])
    if (file.partnership.id !== own.id)
      throw refuse(
        `This feedback is for ${file.partnership.name}, not this partnership: field "partnership.id" is "${file.partnership.id}", this partnership’s id is "${own.id}"`,
      )
    if (file.forum.id === own.id)
      throw refuse(
        'This feedback comes from this installation’s own forum (field "forum.id"): it is already on the plan’s page',
      )
    const at = ctx.now()
    const added = await store.insertReceivedFeedback(
      trx,
      file.feedback.map((item) => ({
        forum_id: file.forum.id,
        forum_name: file.forum.name,
        feedback_id: item.id,
        plan_exported_at: item.plan ? instantOf(item.plan.exportedAt) : null,
        plan_version: item.plan?.publishedVersion ?? null,
        body: item.text,
        written_at: new Date(item.writtenAt),
        written_by_name: item.writtenBy,
        imported_at: at,
        imported_by_name: caller.actor.displayName,
      })),
    )
    return { forum: file.forum.name, added, already: file.feedback.length - added }
  })
