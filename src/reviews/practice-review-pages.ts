// The local child safeguarding practice review's page: its commissioning, milestones, drafts as
// versions, the lead partners' sign-off of the current draft, publication (refused naming who has
// still to sign) and the Panel's copy, with the time left to the 6-month target. Every read and
// change goes through practice-review.ts (audited).

import type { MultipartFile } from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, formTokenHolds, requireUser } from '../identity/index.ts'
import { agencyName } from '../meetings/index.ts'
import { formOf, govukErrors, postedFields } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import type { PracticeReviewFile } from './practice-review.ts'
import {
  addMilestone,
  DRAFT_FILE_TOO_LARGE,
  DraftFileRefused,
  draftFile,
  meetMilestone,
  PublishRefused,
  readPracticeReview,
  recordPanelCopy,
  recordPublication,
  signOff,
  uploadDraft,
  writeDraft,
} from './practice-review.ts'
import { laName } from './presenting.ts'
import { DRAFT_FILE_TYPES, fileSizeInWords, LEAD_PARTNERS, publicationStatus } from './rules.ts'
import { DraftInput, MilestoneInput, MilestoneMetInput, PanelCopyInput, PublicationInput } from './schemas.ts'
import type { ReviewsContext } from './workflow.ts'

type Id = { Params: { id: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }

const STEPS = {
  milestone: { form: formOf(MilestoneInput), record: addMilestone, done: 'Milestone added.' },
  'milestone-met': {
    form: formOf(MilestoneMetInput),
    record: meetMilestone,
    done: 'Milestone recorded as met.',
  },
  draft: { form: formOf(DraftInput), record: writeDraft, done: 'Draft saved as a new version.' },
  publication: { form: formOf(PublicationInput), record: recordPublication, done: 'Publication recorded.' },
  'panel-copy': { form: formOf(PanelCopyInput), record: recordPanelCopy, done: 'The Panel’s copy recorded.' },
} as const
type StepName = keyof typeof STEPS
/** The upload form's step: a multipart form of its own, checked as it is read (not through formOf). */
const UPLOAD = 'draft-file'
const FILE_FIELD = 'draftFile'
const NO_FILE = 'Select the draft as a PDF or Word document (.docx)'
type Posted = {
  step?: StepName | typeof UPLOAD
  form?: Record<string, string>
  problems?: readonly FieldProblem[]
}

const errorsOf = ({ step, problems = [] }: Posted) =>
  !step
    ? { errors: [], fieldErrors: {} }
    : step === UPLOAD
      ? govukErrors(problems)
      : STEPS[step].form.errors(problems)

/** A draft as the page lists it: who wrote or uploaded it and when, and an uploaded file in words. */
const draftView = (id: string, draft: PracticeReviewFile['drafts'][number]) => ({
  ...draft,
  ...(draft.file_name && draft.file_type
    ? {
        file: {
          name: draft.file_name,
          words: [
            DRAFT_FILE_TYPES[draft.file_type].words,
            fileSizeInWords(draft.file_size ?? 0),
            ...(draft.file_scanned_at ? [] : ['not checked for viruses']),
          ].join(', '),
          href: `/reviews/${id}/practice-review/drafts/${draft.version}/file`,
        },
      }
    : {}),
})

/** An attachment's header for a name as uploaded: plain ASCII for old clients, the name in UTF-8 for the rest. */
const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

export function registerPracticeReviewPages(app: FastifyInstance, ctx: ReviewsContext) {
  const show = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) => {
    const file = await readPracticeReview(ctx, callerOf(request), request.params.id)
    const now = ctx.now()
    const query = request.query as Record<string, string | undefined>
    const notice =
      query.recorded === 'sign-off'
        ? 'Signed off.'
        : query.recorded === UPLOAD
          ? 'Draft file uploaded as a new version.'
          : query.recorded && query.recorded in STEPS
            ? STEPS[query.recorded as StepName].done
            : undefined
    const { review, incident } = file
    const [current, ...older] = file.drafts.map((draft) => draftView(incident.id, draft))
    return reply.view('reviews/views/practice-review.njk', {
      id: incident.id,
      reference: incident.reference,
      laName: laName(ctx.partnership, incident.la_id),
      file,
      notice,
      status: publicationStatus(review.publish_by, review.published_on, now),
      current,
      older,
      signoffs: file.signoffs.map((s) => ({
        partner: LEAD_PARTNERS[s.partner],
        by: s.signed_by_name,
        agency: agencyName(ctx.partnership, s.agency_id),
        at: s.signed_at,
      })),
      unsigned: file.unsigned.map((p) => LEAD_PARTNERS[p]),
      signsFor: file.signsFor ? LEAD_PARTNERS[file.signsFor] : undefined,
      virusChecked: Boolean(ctx.virusScanner),
      openMilestones: file.milestones.filter((m) => !m.met_on).map((m) => ({ value: m.id, text: m.title })),
      step: posted.step,
      form: posted.form ?? {},
      ...errorsOf(posted),
    })
  }

  app.get<Id>('/reviews/:id/practice-review', signedIn, (request, reply) => show(request, reply))
  app.get<{ Params: { id: string; version: string } }>(
    '/reviews/:id/practice-review/drafts/:version/file',
    signedIn,
    async (request, reply) => {
      const file = await draftFile(ctx, callerOf(request), request.params.id, request.params.version)
      return reply
        .header('content-type', DRAFT_FILE_TYPES[file.type].mediaType)
        .header('content-disposition', attachment(file.name))
        .header('cache-control', 'no-store')
        .send(file.content)
    },
  )
  app.post<Id>(
    `/reviews/:id/practice-review/${UPLOAD}`,
    { ...signedIn, config: { csrfInFirstPart: true } },
    async (request, reply) => {
      const refuse = (status: number, text: string, note = '') =>
        show(request, reply.code(status), {
          step: UPLOAD,
          form: { note },
          problems: [{ field: FILE_FIELD, text }],
        })
      if (!request.isMultipart()) return refuse(400, NO_FILE)
      const parts = request.parts()
      // The form's hidden token comes first: checked before a byte of the file is read.
      const first = (await parts.next()).value
      const token = first?.type === 'field' && first.fieldname === '_csrf' ? String(first.value) : undefined
      if (!formTokenHolds(request, reply, token)) return reply
      let note = ''
      let upload: { fileName: string; content: Buffer } | undefined
      try {
        for await (const part of parts) {
          if (part.type === 'field') note = part.fieldname === 'note' ? String(part.value) : note
          else if (part.fieldname === FILE_FIELD && part.filename !== '') upload = await read(part)
          else part.file.resume()
        }
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          return refuse(413, DRAFT_FILE_TOO_LARGE, note)
        throw error
      }
      if (!upload) return refuse(400, NO_FILE, note)
      try {
        await uploadDraft(ctx, callerOf(request), request.params.id, { ...upload, note })
      } catch (error) {
        if (error instanceof DraftFileRefused) return refuse(error.statusCode, error.message, note)
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}/practice-review?recorded=${UPLOAD}#draft`, 303)
    },
  )
  app.post<Id>('/reviews/:id/practice-review/sign-off', signedIn, async (request, reply) => {
    await signOff(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/reviews/${request.params.id}/practice-review?recorded=sign-off#sign-off`, 303)
  })
  for (const [name, step] of Object.entries(STEPS) as [StepName, (typeof STEPS)[StepName]][])
    app.post<Id>(`/reviews/:id/practice-review/${name}`, signedIn, async (request, reply) => {
      try {
        await step.record(ctx, callerOf(request), request.params.id, step.form.read(request.body))
      } catch (error) {
        const form = postedFields(request.body)
        if (error instanceof PublishRefused)
          return show(request, reply.code(409), {
            step: name,
            form,
            problems: [{ field: 'publishedOn', text: error.message }],
          })
        if (!(error instanceof InvalidInput)) throw error
        return show(request, reply.code(400), { step: name, form, problems: error.problems })
      }
      return reply.redirect(`/reviews/${request.params.id}/practice-review?recorded=${name}#${name}`, 303)
    })
}

const read = async (part: MultipartFile) => ({ fileName: part.filename, content: await part.toBuffer() })
