// The LADO's pages: referring an allegation (signed in, or through a verified email link), the LADO's
// queue, an allegation as the caller may read it with the LADO's forms, and the yearly figures.
// Every read and change goes through workflow.ts (audited).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { checkChildSearch, dateFromParts } from '../children/index.ts'
import { callerOf, getActor, requireUser } from '../identity/index.ts'
import { agencyName, inviteesFromForm, sendCalendarInvitation } from '../meetings/index.ts'
import { mayEver } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { formOf, govukErrors, type PostedForm, postedFields } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import { childrenToLink, linkChild, unlinkChild } from './children.ts'
import { bookMeeting, invitableAgencies, meetingCalendar, recordMeetingHeld } from './meeting.ts'
import { type AllegationView, allegationView, referralChoices } from './presenting.ts'
import { queueStatus, reportingYearOf } from './rules.ts'
import {
  ChildLink,
  ConsiderationInput,
  EmployerActionInput,
  LinkRequest,
  MeetingBooking,
  MeetingRecord,
  OutcomeInput,
  ReferralInput,
  RegulatorsInput,
} from './schemas.ts'
import {
  type LadoContext,
  ladoQueue,
  openLink,
  ownReferrals,
  readAllegation,
  recordConsideration,
  recordEmployerAction,
  recordOutcome,
  recordRegulators,
  refer,
  referPublic,
  requestLink,
  yearlyReport,
} from './workflow.ts'

type Id = { Params: { id: string } }
type Meeting = { Params: { id: string; meetingId: string } }
const SEARCH_FIELDS = ['name', 'dob-day', 'dob-month', 'dob-year', 'nhs']
/** What a form posted, as typed: ticked boxes kept as lists. */
const kept = (body: unknown) => ({
  ...postedFields(body),
  ...Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([, value]) => Array.isArray(value))
      .map(([name, value]) => [name, (value as unknown[]).map(String)]),
  ),
})
type Token = { Params: { token: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
/** The public form's pages: at most 10 a minute from one address. */
const limited = { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }

const originOf = (request: FastifyRequest) => ({ ip: request.ip, requestId: String(request.id) })

const referralForm = formOf(ReferralInput)
const bookingForm = formOf(MeetingBooking)
/** A booking as posted: the invitees by agency (the meetings block's invitation form). */
const readBooking = (body: unknown) => {
  const posted = (body ?? {}) as PostedForm
  return {
    ...bookingForm.read(posted),
    invitees: inviteesFromForm(posted),
  }
}
/** Each of the LADO's steps: its form, its use case and the words shown once it is recorded. */
const STEPS = {
  consideration: {
    form: formOf(ConsiderationInput),
    record: recordConsideration,
    done: 'Initial consideration recorded.',
  },
  meetings: {
    form: { ...bookingForm, read: readBooking },
    record: bookMeeting,
    done: 'Allegation management meeting booked: the invitations have been emailed.',
  },
  children: {
    form: formOf(ChildLink),
    record: linkChild,
    done: 'The child’s record is linked to the allegation.',
  },
  'children/unlink': {
    form: formOf(ChildLink),
    record: unlinkChild,
    done: 'The child’s record is no longer linked to the allegation.',
  },
  'employer-actions': {
    form: formOf(EmployerActionInput),
    record: recordEmployerAction,
    done: 'Employer’s action recorded.',
  },
  regulators: {
    form: formOf(RegulatorsInput),
    record: recordRegulators,
    done: 'Referral to the regulators recorded.',
  },
  outcome: { form: formOf(OutcomeInput), record: recordOutcome, done: 'Outcome recorded.' },
} as const
const recordForm = formOf(MeetingRecord)
const MEETING_RECORDED = 'The meeting’s record is written.'
type StepName = keyof typeof STEPS

export function registerLadoPages(app: FastifyInstance, ctx: LadoContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`lado/views/${view}.njk`, context)
  const choices = referralChoices(ctx.partnership)

  const showReferralForm = (
    reply: FastifyReply,
    action: string,
    form: Record<string, string | string[]>,
    problems: readonly FieldProblem[],
    publicEmail?: string,
  ) => render(reply, 'refer', { action, form, publicEmail, ...choices, ...referralForm.errors(problems) })

  /** What a referral form posted, with the ticked limbs of the harm test kept as a list. */
  const typed = (body: unknown) => {
    const ticked = (body as Record<string, unknown>)?.harmTest
    return {
      ...postedFields(body),
      harmTest: Array.isArray(ticked) ? ticked.map(String) : ticked ? [String(ticked)] : [],
    }
  }

  // ---- Referring, signed in
  app.get('/lado/refer', signedIn, (request, reply) =>
    showReferralForm(reply, '/lado/refer', { referrerName: getActor(request).displayName }, []),
  )
  app.post('/lado/refer', signedIn, async (request, reply) => {
    try {
      const row = await refer(ctx, callerOf(request), referralForm.read(request.body))
      return reply.redirect(`/lado/allegations/${row.id}?referred=1`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return showReferralForm(reply.code(400), '/lado/refer', typed(request.body), error.problems)
    }
  })
  app.get('/lado/referrals', signedIn, async (request, reply) => {
    const rows = await ownReferrals(ctx, callerOf(request))
    return render(reply, 'referrals', { referrals: rows.map((row) => allegationView(ctx.partnership, row)) })
  })

  // ---- Referring through a verified email link
  app.get('/lado/refer/public', limited, (_request, reply) => render(reply, 'link-request', { form: {} }))
  app.post('/lado/refer/public', limited, async (request, reply) => {
    try {
      await requestLink(ctx, formOf(LinkRequest).read(request.body) as LinkRequest)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      const form = postedFields(request.body)
      return render(reply.code(400), 'link-request', { form, ...formOf(LinkRequest).errors(error.problems) })
    }
    return render(reply, 'link-sent', {})
  })
  const publicForm = async (
    request: FastifyRequest<Token>,
    reply: FastifyReply,
    attempt: () => Promise<unknown>,
  ) => {
    try {
      return await attempt()
    } catch (error) {
      if (error instanceof InvalidInput) {
        const { email } = await openLink(ctx, request.params.token)
        const action = `/lado/refer/public/${request.params.token}`
        return showReferralForm(reply.code(400), action, typed(request.body), error.problems, email)
      }
      if ((error as { statusCode?: number }).statusCode === 410)
        return render(reply.code(410), 'link-spent', {})
      throw error
    }
  }
  app.get<Token>('/lado/refer/public/:token', limited, (request, reply) =>
    publicForm(request, reply, async () => {
      const { email } = await openLink(ctx, request.params.token)
      return showReferralForm(reply, `/lado/refer/public/${request.params.token}`, {}, [], email)
    }),
  )
  app.post<Token>('/lado/refer/public/:token', limited, (request, reply) =>
    publicForm(request, reply, async () => {
      const row = await referPublic(
        ctx,
        originOf(request),
        request.params.token,
        referralForm.read(request.body),
      )
      return render(reply, 'referred', { reference: row.reference, informedBy: row.lado_informed_by })
    }),
  )

  // ---- The LADO's queue and the record
  app.get('/lado', signedIn, async (request, reply) => {
    const today = toIsoDate(ctx.now())
    const rows = await ladoQueue(ctx, callerOf(request))
    const items = rows.map((row) => ({
      ...allegationView(ctx.partnership, row),
      status: queueStatus(row, today),
    }))
    return render(reply, 'queue', { items, reports: mayEver(getActor(request), 'allegation.report') })
  })

  const showAllegation = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    posted: {
      step?: StepName | `meeting-${string}`
      form?: Record<string, string | string[]>
      problems?: readonly FieldProblem[]
    } = {},
  ) => {
    const file = await readAllegation(ctx, callerOf(request), request.params.id)
    const query = request.query as Record<string, string | undefined>
    const view: AllegationView = allegationView(ctx.partnership, file.allegation, file, ctx.now())
    const notice =
      query.recorded === 'meeting-record'
        ? MEETING_RECORDED
        : query.recorded && query.recorded in STEPS
          ? STEPS[query.recorded as StepName].done
          : undefined
    return render(reply, 'allegation', {
      ...choices,
      a: view,
      file,
      referred: query.referred !== undefined,
      notice,
      today: toIsoDate(ctx.now()),
      step: posted.step,
      form: posted.form ?? {},
      agencies: invitableAgencies(ctx, file.allegation.la_id),
      invited: posted.form?.invite ?? [],
      ...(posted.step
        ? (posted.step in STEPS ? STEPS[posted.step as StepName].form : recordForm).errors(
            posted.problems ?? [],
          )
        : { errors: [], fieldErrors: {} }),
    })
  }
  app.get<Id>('/lado/allegations/:id', signedIn, (request, reply) => showAllegation(request, reply))
  for (const [name, step] of Object.entries(STEPS) as [StepName, (typeof STEPS)[StepName]][])
    app.post<Id>(`/lado/allegations/:id/${name}`, signedIn, async (request, reply) => {
      try {
        await step.record(ctx, callerOf(request), request.params.id, step.form.read(request.body))
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error
        return showAllegation(request, reply.code(400), {
          step: name,
          form: kept(request.body),
          problems: error.problems,
        })
      }
      return reply.redirect(`/lado/allegations/${request.params.id}?recorded=${name}`, 303)
    })

  // ---- A booked meeting: its calendar file, its record
  app.get<Meeting>(
    '/lado/allegations/:id/meetings/:meetingId/invitation.ics',
    signedIn,
    async (request, reply) => {
      const { reference, invitation } = await meetingCalendar(
        ctx,
        callerOf(request),
        request.params.id,
        request.params.meetingId,
      )
      return sendCalendarInvitation(reply, reference, invitation)
    },
  )
  app.post<Meeting>('/lado/allegations/:id/meetings/:meetingId/record', signedIn, async (request, reply) => {
    const { id, meetingId } = request.params
    try {
      await recordMeetingHeld(ctx, callerOf(request), id, meetingId, recordForm.read(request.body))
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      const step = `meeting-${meetingId}` as const
      return showAllegation(request, reply.code(400), {
        step,
        form: kept(request.body),
        problems: error.problems,
      })
    }
    return reply.redirect(`/lado/allegations/${id}?recorded=meeting-record`, 303)
  })

  // ---- Finding a child's record to link
  app.get<Id>('/lado/allegations/:id/children', signedIn, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const form = Object.fromEntries(SEARCH_FIELDS.map((name) => [name, query[name] ?? '']))
    const context = { id: request.params.id, form }
    if (!SEARCH_FIELDS.some((name) => form[name]?.trim())) return render(reply, 'link-child', context)
    const dob = dateFromParts(form['dob-day'], form['dob-month'], form['dob-year'])
    const checked = checkChildSearch({ name: form.name, dob, nhs: form.nhs }, toIsoDate(ctx.now()))
    if (!checked.ok)
      return render(reply.code(400), 'link-child', {
        ...context,
        ...govukErrors(checked.problems, { anchors: { dob: 'dob-day' } }),
      })
    const matches = await childrenToLink(ctx, callerOf(request), request.params.id, checked.value)
    return render(reply, 'link-child', { ...context, matches, searched: true })
  })

  // ---- The yearly figures
  app.get('/lado/report', signedIn, async (request, reply) => {
    const asked = Number((request.query as Record<string, string | undefined>).year)
    const current = reportingYearOf(toIsoDate(ctx.now()))
    const startYear = Number.isInteger(asked) && asked >= 2000 && asked <= current ? asked : current
    const report = await yearlyReport(ctx, callerOf(request), startYear)
    const areas = report.laIds?.map(
      (laId) => ctx.partnership.local_authorities.find((la) => la.id === laId)?.name,
    )
    return render(reply, 'report', {
      ...report,
      areas: areas ? areas.join(', ') : 'the whole partnership',
      years: Array.from({ length: 5 }, (_, i) => current - i),
      startYear,
      agencyName: (id: string) => agencyName(ctx.partnership, id),
    })
  })
}
