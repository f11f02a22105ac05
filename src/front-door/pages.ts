// The front door's GOV.UK pages. They work without JavaScript: forms post, errors come back in the
// error summary with what was typed kept, and each step ends on a confirmation page.

import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireUser } from '../identity/index.ts'
import { getLa, levelLabel } from '../partnership/config.ts'
import { markingsFor, type PartMarking } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { loadThresholdContent } from '../threshold/content.ts'
import { parseThresholdResult } from '../threshold/rules.ts'
import { basisOf, type Caller, callerOf, may } from './access.ts'
import { findChildCandidates, matchReferral, newChildLink } from './matching.ts'
import {
  AGENCY_KIND_LABELS,
  CONSENTS,
  decisionClock,
  formatReferralNumber,
  isMatAgencyKind,
  LAWFUL_BASES,
  likelyReferralSource,
  MAT_AGENCY_KINDS,
  OUTCOMES,
  QUEUES,
  REFERRAL_SOURCES,
  ROUTE_LABELS,
  SENDER_STATUS_LABELS,
  STATUS_LABELS,
  senderStatus,
} from './rules.ts'
import type { DecisionInput, MatContributionInput, ReferralInput } from './schemas.ts'
import type { Problem } from './validation.ts'
import {
  contributeToMat,
  decideReferral,
  type FrontDoorContext,
  InvalidInput,
  type ReferralRecord,
  receiveReferral,
  viewQueue,
  viewReferral,
} from './workflow.ts'

type Form = Record<string, string>

const VIEWS = 'front-door/views'

export function registerFrontDoorPages(app: FastifyInstance, ctx: FrontDoorContext): void {
  const helpers = viewHelpers(ctx)
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`${VIEWS}/${view}.njk`, { ...helpers, ...context })

  app.get('/worried-about-a-child', { schema: { hide: true } }, (_request, reply) =>
    render(reply, 'worried', { las: ctx.partnership.local_authorities }),
  )

  const signedIn = { schema: { hide: true }, preHandler: requireUser }

  const thresholdContent = loadThresholdContent()
  /** A result carried over from the threshold tool, checked against the content so it cannot be forged. */
  const attachedThresholdResult = async (form: Form) => {
    const result = parseThresholdResult(form.thresholdLevel, form.thresholdIndicators, await thresholdContent)
    return result && { ...result, label: levelLabel(ctx.partnership, result.level) }
  }

  app.get<{ Querystring: { threshold_level?: string; threshold_indicators?: string } }>(
    '/referrals/new',
    signedIn,
    async (request, reply) => {
      const { actor } = callerOf(request)
      const form: Form = {
        referrerName: actor.displayName,
        referralSource: likelyReferralSource(actor.agencyKind),
        urgency: 'standard',
        idempotencyKey: randomUUID(),
      }
      const { threshold_level: thresholdLevel, threshold_indicators: thresholdIndicators } = request.query
      const threshold = await attachedThresholdResult({ thresholdLevel, thresholdIndicators } as Form)
      if (threshold) Object.assign(form, { thresholdLevel, thresholdIndicators })
      return render(reply, 'referral-form', { ...formContext(form, []), threshold })
    },
  )

  app.post('/referrals/new', signedIn, async (request, reply) => {
    const form = posted(request)
    const threshold = await attachedThresholdResult(form)
    return withProblems(
      async () => {
        const key = form.idempotencyKey || randomUUID()
        const thresholdResult = threshold && { level: threshold.level, indicatorIds: threshold.indicatorIds }
        const input = { ...referralFromForm(form), ...(thresholdResult ? { thresholdResult } : {}) }
        const { referral } = await receiveReferral(ctx, callerOf(request), input, key)
        return reply.redirect(`/referrals/${referral.id}/sent`, 303)
      },
      (problems) =>
        render(reply.code(400), 'referral-form', {
          ...formContext(form, problems, referralFieldId),
          threshold,
        }),
    )
  })

  app.get<{ Params: { id: string } }>('/referrals/:id/sent', signedIn, async (request, reply) => {
    const record = await viewReferral(ctx, callerOf(request), request.params.id)
    const la = getLa(ctx.partnership, record.referral.la_id)
    return render(reply, 'referral-sent', { ...referralContext(record, ctx), la })
  })

  const referralPage = async (caller: Caller, id: string, problems: Problem[]) => {
    const record = await viewReferral(ctx, caller, id)
    const can = abilities(caller, record)
    const { referral } = record
    return {
      ...referralContext(record, ctx),
      ...can,
      ...formContext({}, problems, () => 'find-child'),
      ...(can.canMatch
        ? {
            candidates: await findChildCandidates(ctx, caller, referral),
            newChildLink: newChildLink(referral),
          }
        : {}),
    }
  }

  app.get<{ Params: { id: string } }>('/referrals/:id', signedIn, async (request, reply) =>
    render(reply, 'referral', await referralPage(callerOf(request), request.params.id, [])),
  )

  app.post<{ Params: { id: string } }>('/referrals/:id/child', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const { id } = request.params
    try {
      await matchReferral(ctx, caller, id, posted(request).childId ?? '')
      return reply.redirect(`/referrals/${id}`, 303)
    } catch (error) {
      // A wrong choice, or a referral matched or decided meanwhile, is shown on the page; refusals are not.
      if (!(error instanceof RequestError) || ![400, 409].includes(error.statusCode)) throw error
      const problems = [{ field: 'childId', text: error.message }]
      return render(reply.code(error.statusCode), 'referral', await referralPage(caller, id, problems))
    }
  })

  app.get<{ Querystring: { la?: string; queue?: string } }>(
    '/front-door',
    signedIn,
    async (request, reply) => {
      const caller = callerOf(request)
      const covered = coveredLas(caller, ctx)
      if (covered.length === 0)
        throw new RequestError(403, 'Only front-door screeners and MAT practitioners have a queue')
      const la = covered.find((candidate) => candidate.id === request.query.la)
      const queue = QUEUES.find((candidate) => candidate === request.query.queue)
      const rows = await viewQueue(ctx, caller, {
        laIds: la ? [la.id] : covered.map((each) => each.id),
        queue,
      })
      const today = toIsoDate(ctx.now())
      const entries = rows.map((row) => ({
        ...row,
        tags: decisionClock({ urgency: row.urgency, decisionDueBy: row.decision_due_by }, today).tags,
      }))
      return render(reply, 'queue', {
        entries,
        las: covered,
        filter: { la: la?.id ?? '', queue: queue ?? '' },
      })
    },
  )

  app.get<{ Params: { id: string } }>('/referrals/:id/mat', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const record = await viewReferral(ctx, caller, request.params.id)
    return render(reply, 'mat', matContext(caller, record, ctx, {}, []))
  })

  app.post<{ Params: { id: string } }>('/referrals/:id/mat', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const form = posted(request)
    return withProblems(
      async () => {
        await contributeToMat(ctx, caller, request.params.id, matFromForm(form))
        return reply.redirect(`/referrals/${request.params.id}/mat`, 303)
      },
      async (problems) => {
        const record = await viewReferral(ctx, caller, request.params.id)
        return render(reply.code(400), 'mat', matContext(caller, record, ctx, form, problems))
      },
    )
  })

  app.get<{ Params: { id: string } }>('/referrals/:id/decision', signedIn, async (request, reply) => {
    const record = await viewReferral(ctx, callerOf(request), request.params.id)
    return render(reply, 'decision', decisionContext(record, ctx, {}, []))
  })

  app.post<{ Params: { id: string } }>('/referrals/:id/decision', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const form = posted(request)
    return withProblems(
      async () => {
        await decideReferral(ctx, caller, request.params.id, decisionFromForm(form))
        return reply.redirect(`/referrals/${request.params.id}/decided`, 303)
      },
      async (problems) => {
        const record = await viewReferral(ctx, caller, request.params.id)
        return render(reply.code(400), 'decision', decisionContext(record, ctx, form, problems))
      },
    )
  })

  app.get<{ Params: { id: string } }>('/referrals/:id/decided', signedIn, async (request, reply) => {
    const record = await viewReferral(ctx, callerOf(request), request.params.id)
    return render(reply, 'decided', referralContext(record, ctx))
  })
}

async function withProblems<T>(work: () => Promise<T>, onProblems: (problems: Problem[]) => Promise<T> | T) {
  try {
    return await work()
  } catch (error) {
    if (error instanceof InvalidInput) return onProblems(error.problems)
    throw error
  }
}

function posted(request: FastifyRequest): Form {
  const body = (request.body ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      String(Array.isArray(value) ? (value[0] ?? '') : (value ?? '')),
    ]),
  )
}

// ---------------------------------------------------------------------------
// Forms to inputs

/** 'child.firstName' -> 'childFirstName': the id of the form field an API field comes from. */
export const fieldId = (field: string) =>
  field.replace(/\.([a-z])/g, (_match, letter: string) => letter.toUpperCase())

const referralFieldId = (field: string) =>
  field === 'child.dateOfBirth' ? 'childDateOfBirth-day' : fieldId(field)

function formDate(form: Form, prefix: string): string | undefined {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => (form[`${prefix}-${part}`] ?? '').trim())
  if (!day && !month && !year) return undefined
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
}

function referralFromForm(form: Form): ReferralInput {
  return {
    child: {
      firstName: form.childFirstName ?? '',
      lastName: form.childLastName ?? '',
      otherNames: form.childOtherNames,
      dateOfBirth: formDate(form, 'childDateOfBirth'),
      address: form.childAddress,
      postcode: form.childPostcode,
      school: form.childSchool,
      nhsNumber: form.childNhsNumber,
      upn: form.childUpn,
    },
    localAuthority: form.localAuthority,
    whatHappened: form.whatHappened ?? '',
    worries: form.worries ?? '',
    familyKnows: form.familyKnows ?? '',
    consent: (form.consent ?? '') as ReferralInput['consent'],
    lawfulBasisWithoutConsent: form.lawfulBasisWithoutConsent,
    urgency: (form.urgency ?? '') as ReferralInput['urgency'],
    referralSource: (form.referralSource ?? '') as ReferralInput['referralSource'],
    referrer: {
      name: form.referrerName ?? '',
      role: form.referrerRole ?? '',
      email: form.referrerEmail ?? '',
      phone: form.referrerPhone,
    },
  }
}

const matFromForm = (form: Form): MatContributionInput => ({
  recordsHold: form.recordsHold ?? '',
  household: form.household ?? '',
  lawfulBasis: form.lawfulBasis ?? '',
  marking: (form.marking || 'standard') as PartMarking,
})

const decisionFromForm = (form: Form): DecisionInput => ({
  outcome: (form.outcome ?? '') as DecisionInput['outcome'],
  levelOfNeed: Number(form.levelOfNeed),
  reasons: form.reasons ?? '',
  feedbackToReferrer: form.feedbackToReferrer ?? '',
})

function formContext(form: Form, problems: Problem[], idOf = fieldId) {
  const errors = problems.map((problem) => ({ text: problem.text, href: `#${idOf(problem.field)}` }))
  const fieldErrors: Record<string, { text: string }> = {}
  for (const problem of problems) fieldErrors[fieldId(problem.field)] ??= { text: problem.text }
  return { form, errors, fieldErrors }
}

// ---------------------------------------------------------------------------
// Page contexts

function viewHelpers(ctx: FrontDoorContext) {
  return {
    consents: CONSENTS,
    referralSources: REFERRAL_SOURCES,
    outcomes: OUTCOMES,
    lawfulBases: LAWFUL_BASES,
    routeLabels: ROUTE_LABELS,
    agencyKindLabels: AGENCY_KIND_LABELS,
    levelsOfNeed: ctx.partnership.levels_of_need,
    referralNumber: formatReferralNumber,
    laName: (id: string) => getLa(ctx.partnership, id).name,
    agencyName: (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id,
  }
}

function referralContext(record: ReferralRecord, ctx: FrontDoorContext) {
  const today = toIsoDate(ctx.now())
  const { referral } = record
  return {
    record,
    referral,
    statusLabel: record.frontDoorView
      ? STATUS_LABELS[referral.status]
      : SENDER_STATUS_LABELS[senderStatus(referral.status)],
    decision: record.decision,
    clock: decisionClock({ urgency: referral.urgency, decisionDueBy: referral.decision_due_by }, today),
    frontDoor: getLa(ctx.partnership, referral.la_id).front_door,
  }
}

function abilities({ actor }: Caller, { referral, resource }: ReferralRecord) {
  const open = referral.status !== 'decided'
  return {
    canContribute: open && referral.queue === 'mat' && may(actor, 'mat.contribute', resource),
    canDecide: open && may(actor, 'referral.decide', resource),
    // Matching opens the child's record: the LA's own staff, not partners there for the triage alone.
    canMatch:
      open &&
      !referral.child_id &&
      (may(actor, 'referral.screen', resource) || basisOf(actor, 'mat.contribute', resource) === 'area'),
  }
}

function matContext(
  caller: Caller,
  record: ReferralRecord,
  ctx: FrontDoorContext,
  form: Form,
  problems: Problem[],
) {
  const { actor } = caller
  const byKind = new Map(record.contributions.map((c) => [c.agency_kind, c]))
  const withheldByKind = new Map(record.withheldContributions.map((c) => [c.agency_kind, c]))
  const ownKind = isMatAgencyKind(actor.agencyKind) ? actor.agencyKind : undefined
  return {
    ...referralContext(record, ctx),
    ...abilities(caller, record),
    ...formContext(form, problems),
    agencies: MAT_AGENCY_KINDS.map((kind) => ({
      kind,
      label: AGENCY_KIND_LABELS[kind],
      contribution: byKind.get(kind),
      withheld: withheldByKind.get(kind),
    })),
    ownKindLabel: ownKind ? AGENCY_KIND_LABELS[ownKind] : undefined,
    ownContributed: ownKind ? byKind.has(ownKind) : false,
    markings: markingsFor(actor.agencyKind),
  }
}

function decisionContext(record: ReferralRecord, ctx: FrontDoorContext, form: Form, problems: Problem[]) {
  const contributed = [...record.contributions, ...record.withheldContributions].map(
    (c) => c.agency_kind as string,
  )
  return {
    ...referralContext(record, ctx),
    ...formContext(form, problems),
    notContributed:
      record.referral.queue === 'mat' ? MAT_AGENCY_KINDS.filter((kind) => !contributed.includes(kind)) : [],
  }
}

/** The LAs whose queues this actor works: every LA for a partnership-wide grant. */
function coveredLas({ actor }: Caller, ctx: FrontDoorContext) {
  return ctx.partnership.local_authorities.filter((la) =>
    (['referral.screen', 'mat.contribute'] as const).some((action) =>
      may(actor, action, { kind: 'la', laId: la.id }),
    ),
  )
}
