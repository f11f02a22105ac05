// A local child safeguarding practice review after commissioning, as use cases (each one audited
// transaction through the guard): reading it (its managers whole; the lead partners' signers its
// drafts and sign-offs only), milestones, drafts as versions, the lead safeguarding partners'
// sign-off of the current draft, publication (refused until all three signed it, naming who has
// not), the Panel's copy, and the warning before the 6-month publication target.

import type { Insertable, Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { peopleWithRoles } from '../identity/index.ts'
import { audited, authorize, authorizeAsking, type Caller } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import {
  DRAFT_FILE_TYPES,
  draftFileType,
  fileSizeInWords,
  LARGEST_DRAFT_FILE,
  type LeadPartner,
  publicationProblem,
  publicationStatus,
  signerOf,
  unsignedPartners,
} from './rules.ts'
import { draftCheck, milestoneCheck, milestoneMetCheck, panelCopyCheck, publicationCheck } from './schemas.ts'
import * as store from './store.ts'
import type { ReviewTables } from './tables.ts'
import {
  conflict,
  dateProblems,
  field,
  laAgencyId,
  notFound,
  type ReviewsContext,
  recordStep,
  reviewResource,
  reviewsPeople,
} from './workflow.ts'

/** Publication refused: the lead partners still to sign the current draft are named. */
export class PublishRefused extends RequestError {
  constructor(message: string) {
    super(409, message)
  }
}

export interface PracticeReviewFile {
  incident: store.IncidentRow
  review: store.PracticeReviewRow
  milestones: store.MilestoneRow[]
  /** Every draft, newest first: the first is the current one. */
  drafts: store.DraftRow[]
  /** The sign-offs of the current draft. */
  signoffs: store.SignoffRow[]
  unsigned: LeadPartner[]
  /** The caller takes its steps (the child's LA's safeguarding managers, the reviews lead). */
  manages: boolean
  /** The partner the caller signs for, when they may sign the current draft now. */
  signsFor?: LeadPartner
}

/**
 * Who reads the practice review: whoever reads the incident whole, and the lead partners' signers
 * (the police's and health's safeguarding managers, the child's LA's), who read its drafts to sign
 * them. Anyone else is answered 404 (audited), whether or not it exists.
 */
async function openReview(
  trx: Transaction<DB>,
  caller: Caller,
  row: store.IncidentRow,
  detail: Record<string, unknown> = {},
) {
  const resource = await reviewResource(trx, row)
  const { actor } = caller
  const view = decide(actor, 'review.view', resource)
  if (view.allowed && view.basis !== 'invited') {
    authorize(trx, {
      ...caller,
      action: 'review.view',
      resource,
      detail: { practiceReview: true, ...detail },
    })
  } else {
    if (!signerOf(actor, row.la_id)) authorize(trx, { ...caller, action: 'review.view', resource })
    authorize(trx, { ...caller, action: 'review.sign', resource, detail: { read: true, ...detail } })
  }
  return {
    manages: decide(actor, 'review.manage', resource).allowed,
    partner: decide(actor, 'review.sign', resource).allowed ? signerOf(actor, row.la_id) : null,
  }
}

/** The practice review of an incident as the caller may read it (audited). */
export async function readPracticeReview(
  ctx: ReviewsContext,
  caller: Caller,
  id: string,
): Promise<PracticeReviewFile> {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findIncident(trx, id) : undefined
    if (!row) throw notFound()
    const { manages, partner } = await openReview(trx, caller, row)
    const review = await store.practiceReviewOf(trx, row.id)
    if (!review) throw notFound()
    const signoffs = await store.signoffsOf(trx, row.id, review.draft_version)
    const unsigned = unsignedPartners(signoffs.map((s) => s.partner))
    const open = review.published_on === null && review.draft_version > 0
    return {
      incident: row,
      review,
      milestones: await store.milestonesOf(trx, row.id),
      drafts: await store.draftsOf(trx, row.id),
      signoffs,
      unsigned,
      manages,
      ...(partner && open && unsigned.includes(partner) ? { signsFor: partner } : {}),
    }
  })
}

/** The practice reviews with a draft the caller's partner has still to sign (each audited). */
export async function reviewsToSign(ctx: ReviewsContext, caller: Caller) {
  const { actor } = caller
  return audited(ctx.db, async (trx) => {
    const due: { id: string; reference: string; publishBy: IsoDate; version: number }[] = []
    for (const row of await store.practiceReviewsAwaitingSignoff(trx)) {
      const partner = signerOf(actor, row.la_id)
      if (!partner) continue
      const incident = await store.findIncident(trx, row.id)
      if (!incident) continue
      const resource = await reviewResource(trx, incident)
      if (!decide(actor, 'review.sign', resource).allowed) continue
      const signed = await store.signoffsOf(trx, row.id, row.draft_version)
      if (signed.some((s) => s.partner === partner)) continue
      authorize(trx, { ...caller, action: 'review.sign', resource, detail: { listed: true } })
      due.push({
        id: row.id,
        reference: row.reference,
        publishBy: row.publish_by,
        version: row.draft_version,
      })
    }
    return due
  })
}

/** A step on a commissioned practice review not yet published, by its managers. */
const reviewStep = (
  ctx: ReviewsContext,
  caller: Caller,
  id: string,
  step: string,
  write: (
    trx: Transaction<DB>,
    row: store.IncidentRow,
    review: store.PracticeReviewRow,
    at: Date,
  ) => Promise<unknown>,
  { published = false, detail = {} }: { published?: boolean; detail?: Record<string, unknown> } = {},
) =>
  recordStep(
    ctx,
    caller,
    id,
    step,
    async (trx, row, at) => {
      const review = await store.lockPracticeReview(trx, row.id)
      if (!review) throw conflict('No practice review is commissioned')
      if (!published && review.published_on) throw conflict('The practice review is already published')
      await write(trx, row, review, at)
    },
    detail,
  )

export const addMilestone = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  reviewStep(ctx, caller, id, 'milestone', async (trx, row, _review, at) => {
    const milestone = checkedInput(milestoneCheck, input)
    await store.insertMilestone(trx, {
      incident_id: row.id,
      title: milestone.title.trim(),
      due_on: milestone.dueOn,
      recorded_at: at,
      recorded_by_name: caller.actor.displayName,
    })
  })

export const meetMilestone = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  reviewStep(ctx, caller, id, 'milestone-met', async (trx, row, review) => {
    const { milestoneId, metOn } = checkedInput(
      milestoneMetCheck,
      input,
      dateProblems(
        'metOn',
        field(input, 'metOn'),
        ctx,
        review.decided_on,
        'Enter a date on or after the review was decided on',
      ),
    )
    if (!isUuid(milestoneId) || (await store.meetMilestone(trx, row.id, milestoneId, metOn)) === 0)
      throw conflict('That milestone is not open on this review')
  })

/** A new draft, as the next version (none overwritten): a sign-off counts for one draft only. */
export const writeDraft = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  reviewStep(ctx, caller, id, 'draft', async (trx, row, review, at) => {
    const draft = checkedInput(draftCheck, input)
    await saveDraft(trx, ctx, caller, row, review, at, { body: draft.body.trim(), note: draft.note })
  })

/** A file refused before anything is written: the words name the field, for the form's error summary. */
export class DraftFileRefused extends RequestError {
  constructor(statusCode: 400 | 413 | 503, message: string) {
    super(statusCode, message)
  }
}

export const DRAFT_FILE_TOO_LARGE = `The file must be smaller than ${fileSizeInWords(LARGEST_DRAFT_FILE)}`
const DRAFT_FILE_INFECTED = 'The selected file contains a virus'
const DRAFT_FILE_UNCHECKED = 'The selected file could not be checked for viruses – try again later'

/**
 * The reviewer's document uploaded as the next draft version: a PDF or Word document by its leading
 * bytes (its name is not trusted), checked for viruses when a scanner is configured, kept whole in the
 * database; the audit names its type, size and the check, never its name. The policy is asked first,
 * so only someone who may upload here has a file scanned; the scan runs with no transaction open. A
 * file found infected, or that could not be checked (the scanner away: refused rather than kept
 * unchecked), writes nothing but the audit's entry of the attempt.
 */
export async function uploadDraft(
  ctx: ReviewsContext,
  caller: Caller,
  id: string,
  upload: { fileName: string; content: Buffer; note?: string },
) {
  const { content } = upload
  await audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findIncident(trx, id) : undefined
    if (!row) throw notFound()
    const resource = await reviewResource(trx, row)
    authorizeAsking(trx, { ...caller, action: 'review.manage', resource, detail: { step: 'draft-file' } })
  })
  if (content.length > LARGEST_DRAFT_FILE) throw new DraftFileRefused(413, DRAFT_FILE_TOO_LARGE)
  const type = draftFileType(content)
  if (!type) throw new DraftFileRefused(400, 'The selected file must be a PDF or a Word document (.docx)')
  const scan = await ctx.virusScanner?.scan(content)
  const detail = {
    file: type,
    bytes: content.length,
    ...(scan ? { virusCheck: scan.outcome } : {}),
    ...(scan?.outcome === 'infected' ? { virus: scan.signature } : {}),
  }
  const kept = !scan || scan.outcome === 'clean'
  await reviewStep(
    ctx,
    caller,
    id,
    'draft-file',
    async (trx, row, review, at) => {
      if (!kept) return
      await saveDraft(trx, ctx, caller, row, review, at, {
        body: '',
        note: upload.note?.slice(0, 2_000),
        file_name: upload.fileName.trim().slice(0, 200) || `draft.${DRAFT_FILE_TYPES[type].extension}`,
        file_type: type,
        file_size: content.length,
        file_content: content,
        file_scanned_at: scan ? at : null,
      })
    },
    { detail },
  )
  if (scan?.outcome === 'infected') throw new DraftFileRefused(400, DRAFT_FILE_INFECTED)
  if (scan?.outcome === 'unchecked') throw new DraftFileRefused(503, DRAFT_FILE_UNCHECKED)
}

/** The draft saved as the next version; the lead partners' signers are told it awaits them. */
async function saveDraft(
  trx: Transaction<DB>,
  ctx: ReviewsContext,
  caller: Caller,
  row: store.IncidentRow,
  review: store.PracticeReviewRow,
  at: Date,
  draft: Omit<
    Insertable<ReviewTables['practice_review_draft']>,
    'incident_id' | 'version' | 'note' | 'written_at' | 'written_by_name'
  > & { note?: string | undefined },
) {
  const version = review.draft_version + 1
  await store.insertDraft(trx, {
    ...draft,
    incident_id: row.id,
    version,
    note: draft.note?.trim() || null,
    written_at: at,
    written_by_name: caller.actor.displayName,
  })
  await store.updatePracticeReview(trx, row.id, { draft_version: version, signed_off_on: null })
  for (const to of await signersOf(trx, ctx, row.la_id))
    await queueEmail(trx, {
      to,
      templateId: 'practice-review-draft',
      personalisation: {
        reference: row.reference,
        version: String(version),
        link: `/reviews/${row.id}/practice-review`,
      },
      reference: `${row.reference}-draft-${version}`,
    })
}

/** A draft's uploaded file, for whoever reads the practice review's drafts (the download audited). */
export async function draftFile(ctx: ReviewsContext, caller: Caller, id: string, version: string) {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findIncident(trx, id) : undefined
    if (!row) throw notFound()
    await openReview(trx, caller, row, { draftFile: Number(version) })
    const file = /^[1-9]\d{0,5}$/.test(version)
      ? await store.draftFileOf(trx, row.id, Number(version))
      : undefined
    if (!file) throw notFound()
    return { ...file, reference: row.reference, version: Number(version) }
  })
}

/** A lead partner's safeguarding manager signs off the current draft, once per partner per draft. */
export async function signOff(ctx: ReviewsContext, caller: Caller, id: string): Promise<LeadPartner> {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.lockIncident(trx, id) : undefined
    if (!row) throw notFound()
    const resource = await reviewResource(trx, row)
    const partner = signerOf(caller.actor, row.la_id)
    if (!partner) authorize(trx, { ...caller, action: 'review.view', resource })
    authorize(trx, { ...caller, action: 'review.sign', resource })
    const review = await store.lockPracticeReview(trx, row.id)
    if (!review || !partner) throw notFound()
    if (review.published_on) throw conflict('The practice review is already published')
    if (review.draft_version === 0) throw conflict('There is no draft to sign off yet')
    const at = ctx.now()
    const signed = await store.insertSignoff(trx, {
      incident_id: row.id,
      partner,
      version: review.draft_version,
      agency_id: caller.actor.agencyId,
      signed_at: at,
      signed_by: caller.actor.id,
      signed_by_name: caller.actor.displayName,
    })
    if (!signed) throw conflict('Your partner has already signed off this draft')
    const all = await store.signoffsOf(trx, row.id, review.draft_version)
    if (unsignedPartners(all.map((s) => s.partner)).length === 0)
      await store.updatePracticeReview(trx, row.id, { signed_off_on: toIsoDate(at) })
    return partner
  })
}

/** Publication, once all three lead partners signed the current draft (else refused, naming who has not). */
export const recordPublication = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  reviewStep(ctx, caller, id, 'publication', async (trx, row, review) => {
    const signoffs = await store.signoffsOf(trx, row.id, review.draft_version)
    const problem = publicationProblem(
      signoffs.map((s) => s.partner),
      review.draft_version,
    )
    if (problem) throw new PublishRefused(problem)
    const { publishedOn } = checkedInput(
      publicationCheck,
      input,
      dateProblems(
        'publishedOn',
        field(input, 'publishedOn'),
        ctx,
        review.decided_on,
        'Enter a date on or after the review was decided on',
      ),
    )
    await store.updatePracticeReview(trx, row.id, { published_on: publishedOn })
  })

/** The published review's copy went to the national Panel on this day. */
export const recordPanelCopy = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  reviewStep(
    ctx,
    caller,
    id,
    'panel-copy',
    async (trx, row, review) => {
      if (!review.published_on) throw conflict('Record the publication first')
      if (review.panel_copy_sent_on) throw conflict('The Panel’s copy is already recorded')
      const { sentOn } = checkedInput(
        panelCopyCheck,
        input,
        dateProblems(
          'sentOn',
          field(input, 'sentOn'),
          ctx,
          review.published_on,
          'Enter a date on or after it was published',
        ),
      )
      await store.updatePracticeReview(trx, row.id, { panel_copy_sent_on: sentOn })
    },
    { published: true },
  )

/**
 * Tells the reviews people once of each practice review not yet published whose target is within
 * 20 working days or past. A system step: it reads no child's record and writes no audit entry.
 */
export async function warnPublicationDueSoon(
  ctx: { db: Kysely<DB>; partnership: ReviewsContext['partnership'] },
  now: Date,
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    let warned = 0
    for (const row of await store.practiceReviewsUnpublished(trx)) {
      if (row.warned_for === row.publish_by) continue
      const status = publicationStatus(row.publish_by, null, now)
      if (status.urgency === 'due') continue
      for (const to of await reviewsPeople(trx, laAgencyId(ctx, row.la_id)))
        await queueEmail(trx, {
          to,
          templateId: 'practice-review-due-soon',
          personalisation: {
            reference: row.reference,
            publish_by: row.publish_by,
            link: `/reviews/${row.id}/practice-review`,
          },
          reference: `${row.reference}-publish-${row.publish_by}`,
        })
      await store.updatePracticeReview(trx, row.id, { warned_for: row.publish_by })
      warned += 1
    }
    return warned
  })
}

/** The lead partners' signers told a new draft awaits them: the child's LA's, the police's, health's safeguarding managers. */
async function signersOf(trx: Transaction<DB>, ctx: ReviewsContext, laId: string): Promise<string[]> {
  const agencyIds = ctx.partnership.agencies
    .filter(
      (a) => a.kind === 'police' || a.kind === 'health' || (a.kind === 'local-authority' && a.la === laId),
    )
    .map((a) => a.id)
  const people = await peopleWithRoles(trx, { roles: ['safeguarding-manager'], agencyIds })
  return [...new Set(people.map((p) => p.email))].sort()
}
