// A conference's record pages: the parents, the child and advocates invited; each agency's report
// read before the parents get it, and the parents' copy; the chair's minutes with everyone's views,
// signed off and circulated; the record to print or download as a PDF; core group meetings on a plan.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { refusable } from '../../children/index.ts'
import { callerOf } from '../../identity/index.ts'
import { agenciesServing, awaitingAcknowledgement } from '../../meetings/index.ts'
import { dateField, listField } from '../../platform/http/forms.ts'
import { InvalidInput } from '../../platform/http/schemas.ts'
import { coreGroupDueBy } from '../rules/conference.ts'
import {
  conferenceRecordDocument,
  firstCoreGroupInWords,
  PARTICIPANT_ROLE_LABELS,
  planProgress,
} from '../rules/conference-record.ts'
import type { ConferenceMinutes, CoreGroupMeeting, ParticipantRole, ReportForParents } from '../schemas.ts'
import { may } from '../workflow/access.ts'
import * as workflow from '../workflow/conference.ts'
import * as records from '../workflow/conference-record.ts'
import type { ChildProtectionContext } from '../workflow/context.ts'
import { recordCoreGroupMeeting } from '../workflow/core-group.ts'
import * as plans from '../workflow/plan.ts'
import { type Id, type Render, registerFormPage, signedIn } from './form-page.ts'
import { childWordsFromForm, type Form, formContext, posted, text } from './forms.ts'
import { conferenceRecordPdf } from './record-pdf.ts'

type AgencyReport = { Params: { id: string; agencyId: string } }

export function registerConferenceRecordPages(
  app: FastifyInstance,
  ctx: ChildProtectionContext,
  render: Render,
) {
  const meetingPage = refusable(ctx.partnership, 'meeting')
  const readRecord = async (request: FastifyRequest<Id>) => {
    const caller = callerOf(request)
    const file = await workflow.readConference(ctx, caller, request.params.id)
    return { caller, file, document: conferenceRecordDocument(file, ctx.partnership) }
  }

  app.get<Id>(
    '/conferences/:id/minutes',
    signedIn,
    meetingPage(async (request: FastifyRequest<Id>, reply) => {
      const { caller, file, document } = await readRecord(request)
      const mayChair = may(caller.actor, 'conference.chair', file.resource)
      const signedOff = Boolean(file.minutes?.signed_off_at)
      return render(reply, 'minutes', {
        ...file,
        document,
        canEdit: mayChair && !signedOff && file.conference.status !== 'booked',
        canSignOff: mayChair && !signedOff && Boolean(file.minutes),
        canAcknowledge: awaitingAcknowledgement(file.circulations).some(
          (c) => c.agency_id === caller.actor.agencyId,
        ),
      })
    }),
  )

  app.get<Id>(
    '/conferences/:id/minutes.pdf',
    signedIn,
    meetingPage(async (request: FastifyRequest<Id>, reply) => {
      const { document } = await readRecord(request)
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${document.reference}.pdf"`)
        .send(await conferenceRecordPdf(document, ctx.partnership.partnership.name))
    }),
  )

  registerFormPage(app, '/conferences/:id/minutes/edit', render, {
    view: 'minutes-form',
    read: (caller, id) => workflow.readConference(ctx, caller, id, 'conference.chair'),
    saved: (file) => savedMinutes(file),
    context: (file) => ({ ...file, roleLabels: PARTICIPANT_ROLE_LABELS }),
    save: async (caller, id, form) => {
      await records.saveMinutes(ctx, caller, id, minutesFromForm(form))
      return `/conferences/${id}/minutes`
    },
  })

  app.post<Id>('/conferences/:id/minutes/sign-off', signedIn, async (request, reply) => {
    await records.signOffMinutes(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/conferences/${request.params.id}/minutes`, 303)
  })

  app.post<Id>('/conferences/:id/minutes/acknowledgement', signedIn, async (request, reply) => {
    await records.acknowledgeMinutes(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/conferences/${request.params.id}/minutes`, 303)
  })

  registerFormPage(app, '/conferences/:id/participants', render, {
    view: 'participant',
    read: (caller, id) => workflow.readConference(ctx, caller, id, 'conference.schedule'),
    saved: () => ({}),
    context: (file) => ({ ...file, roleLabels: PARTICIPANT_ROLE_LABELS }),
    save: async (caller, id, form) => {
      await records.inviteParticipant(ctx, caller, id, {
        role: text(form, 'role') as ParticipantRole,
        name: text(form, 'name'),
        relationship: text(form, 'relationship'),
      })
      return `/conferences/${id}#participants`
    },
  })

  registerReportReview(app, ctx, render)

  app.get<Id>(
    '/conferences/:id/parents-copy',
    signedIn,
    meetingPage(async (request: FastifyRequest<Id>, reply) => {
      const file = await records.readForOrganiser(ctx, callerOf(request), request.params.id)
      return render(reply, 'parents-copy', {
        ...file,
        shared: file.invitations.filter((i) => i.report && i.report_for_parents === 'share'),
        withheld: file.invitations.filter((i) => i.report && i.report_for_parents === 'withhold'),
      })
    }),
  )

  registerFormPage(app, '/plans/:id/core-group', render, {
    view: 'core-group',
    read: (caller, id) => plans.readPlan(ctx, caller, id, 'conference.schedule'),
    saved: () => ({}),
    context: (read, form) => ({
      ...read,
      agencies: agenciesServing(ctx.partnership, read.plan.la_id),
      attending: listField(form, 'attending'),
    }),
    dateFields: ['heldOn'],
    save: async (caller, id, form) => {
      await recordCoreGroupMeeting(ctx, caller, id, coreGroupFromForm(form))
      return `/plans/${id}#core-group`
    },
  })
}

/** The plan page's core group: the first meeting's timescale and the progress on each outcome. */
export function coreGroupOnPlan(read: Awaited<ReturnType<typeof plans.readPlan>>) {
  const { plan, conferences, coreGroupRecord } = read
  const icpc = conferences.find((c) => c.kind === 'initial' && c.status === 'decided')
  const dueBy = coreGroupDueBy(icpc?.meeting_date ?? plan.start_date)
  return {
    coreGroupDueBy: dueBy,
    firstCoreGroup: firstCoreGroupInWords(dueBy, coreGroupRecord.meetings[0]?.held_on),
    coreGroupMeetings: coreGroupRecord.meetings,
    progress: planProgress(coreGroupRecord),
  }
}

function registerReportReview(app: FastifyInstance, ctx: ChildProtectionContext, render: Render) {
  const path = '/conferences/:id/reports/:agencyId'
  const show = async (
    request: FastifyRequest<AgencyReport>,
    reply: FastifyReply,
    form: Form,
    problems: Parameters<typeof formContext>[1],
  ) => {
    const file = await records.readForOrganiser(ctx, callerOf(request), request.params.id)
    const invitation = file.invitations.find((i) => i.agency_id === request.params.agencyId && i.report)
    if (!invitation) return reply.code(404).view('platform/views/not-found.njk')
    return render(reply, 'report-review', { ...file, invitation, ...formContext(form, problems) })
  }
  app.get<AgencyReport>(path, signedIn, async (request, reply) => show(request, reply, {}, []))
  app.post<AgencyReport>(path, signedIn, async (request, reply) => {
    const form = posted(request)
    const { id, agencyId } = request.params
    try {
      await records.reviewReport(ctx, callerOf(request), id, agencyId, {
        forParents: text(form, 'forParents') as ReportForParents,
        withheldReason: text(form, 'withheldReason'),
      })
      return reply.redirect(`/conferences/${id}#reports`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return show(request, reply.code(400), form, error.problems)
    }
  })
}

function savedMinutes(file: Awaited<ReturnType<typeof workflow.readConference>>): Form {
  const form: Form = {
    discussion: file.minutes?.discussion ?? '',
    riskAnalysis: file.minutes?.risk_analysis ?? '',
  }
  file.participants.forEach((p, index) => {
    form[`attended-${index + 1}`] = p.attended ? 'yes' : ''
    form[`views-${index + 1}`] = p.views ?? ''
  })
  return form
}

function minutesFromForm(form: Form): ConferenceMinutes {
  const participants = Object.keys(form)
    .filter((key) => /^participant-\d+$/.test(key))
    .sort((a, b) => Number(a.slice(12)) - Number(b.slice(12)))
    .map((key) => {
      const n = key.slice(12)
      return {
        participantId: text(form, key),
        attended: text(form, `attended-${n}`) === 'yes',
        views: text(form, `views-${n}`),
      }
    })
  return { discussion: text(form, 'discussion'), riskAnalysis: text(form, 'riskAnalysis'), participants }
}

function coreGroupFromForm(form: Form): CoreGroupMeeting {
  const progress = Object.keys(form)
    .filter((key) => /^outcome-\d+$/.test(key))
    .map((key) => ({ outcomeId: text(form, key), progress: text(form, `progress-${key.slice(8)}`) }))
  return {
    heldOn: dateField(form, 'heldOn') ?? '',
    attendingAgencyIds: listField(form, 'attending'),
    progress,
    newOutcomes: text(form, 'newOutcomes').split(/\r?\n/),
    ...childWordsFromForm(form),
  }
}
