// The front door's GOV.UK pages. They work without JavaScript: forms post, errors come back in the
// error summary with what was typed kept, and each step ends on a confirmation page.

import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { getLa, levelLabel } from '../partnership/config.ts'
import { authorizeGate, type Caller } from '../platform/access/guard.ts'
import { decide, MAT_AGENCY_KINDS, markingsFor, mayEver } from '../platform/access/policy.ts'
import { timeLeft } from '../platform/calendar/time-left.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { EXPORT_FORMATS, sendListExport } from '../platform/exports/list-export.ts'
import { govukDate, govukDateTime } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { formOf, govukErrors, type PostedForm, postedFields, textField } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import { loadThresholdContent, parseThresholdResult } from '../threshold/index.ts'
import { may } from './access.ts'
import { decideReferral } from './decision.ts'
import { PossibleDuplicate, receiveReferral } from './intake.ts'
import { askToMatch, findChildCandidates, matchReferral, mayMatch, newChildLink } from './matching.ts'
import {
  AGENCY_KIND_LABELS,
  decidedWithout,
  decisionClock,
  formatReferralNumber,
  isMatAgencyKind,
  LAWFUL_BASES,
  likelyReferralSource,
  ROUTE_LABELS,
  SENDER_STATUS_LABELS,
  STATUS_LABELS,
  senderStatus,
  withoutContributionsOf,
} from './rules.ts'
import {
  CONSENTS,
  DecisionInput,
  MatContributionInput,
  OUTCOMES,
  QUEUES,
  REFERRAL_SOURCES,
  ReferralInput,
  WITHOUT_CONTRIBUTIONS_REASONS,
} from './schemas.ts'
import type { ReferralRow } from './store.ts'
import { contributeToMat } from './triage.ts'
import { type FrontDoorContext, queueLas, type ReferralRecord, viewQueue, viewReferral } from './workflow.ts'

type Form = Record<string, string>

const VIEWS = 'front-door/views'
const referralForm = formOf(ReferralInput)
const matForm = formOf(MatContributionInput)
const decisionForm = formOf(DecisionInput)

type Render = (reply: FastifyReply, view: string, context: object) => FastifyReply
type ById = { Params: { id: string } }
type IdRequest = FastifyRequest<ById>

export function registerFrontDoorPages(app: FastifyInstance, ctx: FrontDoorContext): void {
  const helpers = viewHelpers(ctx)
  const render: Render = (reply, view, context) =>
    reply.view(`${VIEWS}/${view}.njk`, { ...helpers, ...context })
  const pages = new FrontDoorPages(ctx, render)
  const signedIn = { schema: { hide: true }, preHandler: requireUser }

  app.get('/worried-about-a-child', { schema: { hide: true } }, (_request, reply) =>
    render(reply, 'worried', { las: ctx.partnership.local_authorities }),
  )
  app.get('/referrals/new', signedIn, pages.newReferral)
  app.post('/referrals/new', signedIn, pages.sendReferral)
  app.get<ById>('/referrals/:id/sent', signedIn, pages.sent)
  app.get<ById>('/referrals/:id', signedIn, pages.referral)
  app.get<ById>('/referrals/:id/child', signedIn, pages.matching)
  app.post<ById>('/referrals/:id/child', signedIn, pages.matchChild)
  app.get('/front-door', signedIn, pages.queue)
  app.get('/front-door/download', signedIn, pages.queueDownload)
  app.get<ById>('/referrals/:id/mat', signedIn, pages.triage)
  app.post<ById>('/referrals/:id/mat', signedIn, pages.contribute)
  app.get<ById>('/referrals/:id/decision', signedIn, pages.decision)
  app.post<ById>('/referrals/:id/decision', signedIn, pages.decide)
  app.get<ById>('/referrals/:id/decided', signedIn, pages.decided)
}

/** The handlers of the front door's pages, one per route. */
class FrontDoorPages {
  private readonly thresholdContent = loadThresholdContent()

  constructor(
    private readonly ctx: FrontDoorContext,
    private readonly render: Render,
  ) {}

  /** A result carried over from the threshold tool, checked against the content so it cannot be forged. */
  private async attachedThresholdResult(level: string | undefined, indicators: string | undefined) {
    const result = parseThresholdResult(level, indicators, await this.thresholdContent)
    return result && { ...result, label: levelLabel(this.ctx.partnership, result.level) }
  }

  /**
   * What the referrer gave the front door beyond the summary: the threshold tool's result they carried
   * (checked against the content again, as one sent through the API was not), the address and identifiers.
   */
  private async referrerGave({ referral, frontDoorView }: ReferralRecord) {
    if (!frontDoorView) return undefined
    const stored = referral.threshold_result
    const ids = Array.isArray(stored?.indicatorIds) ? stored.indicatorIds.map(String) : []
    const result = stored && (await this.attachedThresholdResult(String(stored.level), ids.join(',')))
    const content = await this.thresholdContent
    return {
      threshold: result && {
        level: result.level,
        label: result.label,
        indicators: content.indicators.filter((i) => result.indicatorIds.includes(i.id)).map((i) => i.text),
      },
      address: [referral.child_address, referral.child_postcode].filter(Boolean).join(', '),
      nhsNumber: referral.child_nhs_number,
      upn: referral.child_upn,
    }
  }

  newReferral = async (request: FastifyRequest, reply: FastifyReply) => {
    const { actor } = callerOf(request)
    const form: Form = {
      referrerName: actor.displayName,
      referralSource: likelyReferralSource(actor.agencyKind),
      urgency: 'standard',
      idempotencyKey: randomUUID(),
    }
    const query = request.query as { threshold_level?: string; threshold_indicators?: string }
    const threshold = await this.attachedThresholdResult(query.threshold_level, query.threshold_indicators)
    if (threshold)
      Object.assign(form, {
        thresholdLevel: query.threshold_level,
        thresholdIndicators: query.threshold_indicators,
      })
    return this.render(reply, 'referral-form', { form, ...referralForm.errors([]), threshold })
  }

  sendReferral = async (request: FastifyRequest, reply: FastifyReply) => {
    const form = postedFields(request.body)
    const threshold = await this.attachedThresholdResult(form.thresholdLevel, form.thresholdIndicators)
    return withProblems(
      async () => {
        const key = form.idempotencyKey || randomUUID()
        const thresholdResult = threshold && { level: threshold.level, indicatorIds: threshold.indicatorIds }
        const input = { ...referralForm.read(request.body), ...(thresholdResult ? { thresholdResult } : {}) }
        const { referral } = await receiveReferral(this.ctx, callerOf(request), input as ReferralInput, key, {
          holdPossibleDuplicate: form.sendAnyway !== 'yes',
        })
        return reply.redirect(`/referrals/${referral.id}/sent`, 303)
      },
      (problems) =>
        this.render(reply.code(400), 'referral-form', { form, ...referralForm.errors(problems), threshold }),
    ).catch((error: unknown) => {
      if (!(error instanceof PossibleDuplicate)) throw error
      return this.render(reply, 'referral-form', {
        form,
        ...referralForm.errors([]),
        threshold,
        possibleDuplicate: error.first,
      })
    })
  }

  sent = async (request: IdRequest, reply: FastifyReply) => {
    const record = await viewReferral(this.ctx, callerOf(request), request.params.id)
    const la = getLa(this.ctx.partnership, record.referral.la_id)
    return this.render(reply, 'referral-sent', { ...referralContext(record, this.ctx), la })
  }

  referral = async (request: IdRequest, reply: FastifyReply) => {
    const caller = callerOf(request)
    const record = await viewReferral(this.ctx, caller, request.params.id)
    return this.render(reply, 'referral', {
      ...referralContext(record, this.ctx),
      ...abilities(caller, record),
      given: await this.referrerGave(record),
    })
  }

  /** The matching page: the records that may be the referral's child, while it waits for one. */
  private async matchingPage(caller: Caller, id: string, problems: FieldProblem[]) {
    const record = await viewReferral(this.ctx, caller, id)
    await askToMatch(this.ctx, caller, record)
    return {
      ...referralContext(record, this.ctx),
      form: {},
      ...govukErrors(problems, { anchors: { childId: 'find-child' } }),
      candidates: await findChildCandidates(this.ctx, caller, record.referral),
      newChildLink: newChildLink(record.referral),
    }
  }

  matching = async (request: IdRequest, reply: FastifyReply) =>
    this.render(reply, 'match', await this.matchingPage(callerOf(request), request.params.id, []))

  matchChild = async (request: IdRequest, reply: FastifyReply) => {
    const caller = callerOf(request)
    const { id } = request.params
    try {
      const matched = await matchReferral(
        this.ctx,
        caller,
        id,
        textField(request.body as PostedForm, 'childId') ?? '',
      )
      return reply.redirect(afterMatching(caller, matched), 303)
    } catch (error) {
      // A wrong choice, or a referral matched or decided meanwhile, is shown on the page; refusals are not.
      if (!(error instanceof RequestError) || ![400, 409].includes(error.statusCode)) throw error
      const problems = [{ field: 'childId', text: error.message }]
      const page = await this.referralOrMatching(caller, id, problems)
      return this.render(reply.code(error.statusCode), page.view, page.context)
    }
  }

  /** The matching page again with the problem, or the referral page when it no longer needs matching. */
  private async referralOrMatching(caller: Caller, id: string, problems: FieldProblem[]) {
    try {
      return { view: 'match', context: await this.matchingPage(caller, id, problems) }
    } catch (error) {
      if (!(error instanceof RequestError) || error.statusCode !== 409) throw error
      const record = await viewReferral(this.ctx, caller, id)
      return {
        view: 'referral',
        context: {
          ...referralContext(record, this.ctx),
          ...abilities(caller, record),
          ...govukErrors(problems, { anchors: { childId: 'find-child' } }),
        },
      }
    }
  }

  /** The queue as the caller may see it, filtered as asked: for the page and its download. */
  private async queueEntries(request: FastifyRequest) {
    const caller = callerOf(request)
    authorizeGate(caller.actor, 'referral-queue')
    const covered = queueLas(caller.actor, this.ctx.partnership)
    const query = request.query as { la?: string; queue?: string }
    const la = covered.find((candidate) => candidate.id === query.la)
    const queue = QUEUES.find((candidate) => candidate === query.queue)
    const rows = await viewQueue(this.ctx, caller, {
      laIds: la ? [la.id] : covered.map((each) => each.id),
      queue,
    })
    const now = this.ctx.now()
    const today = toIsoDate(now)
    const entries = rows.map((row) => ({
      ...row,
      tags: decisionClock({ urgency: row.urgency, decisionDueBy: row.decision_due_by }, today).tags,
      timeLeft: timeLeft(row.decision_due_by, now).words,
    }))
    return { entries, covered, filter: { la: la?.id ?? '', queue: queue ?? '' } }
  }

  queue = async (request: FastifyRequest, reply: FastifyReply) => {
    const { entries, covered, filter } = await this.queueEntries(request)
    const download = new URLSearchParams({
      ...(filter.la ? { la: filter.la } : {}),
      ...(filter.queue ? { queue: filter.queue } : {}),
    })
    return this.render(reply, 'queue', { entries, las: covered, filter, download: download.toString() })
  }

  /** The queue as CSV or Excel, audited like the page (each LA's queue asked of the policy). */
  queueDownload = async (request: FastifyRequest, reply: FastifyReply) => {
    const { entries, filter } = await this.queueEntries(request)
    const format = EXPORT_FORMATS.find((f) => f === (request.query as { format?: string }).format) ?? 'csv'
    const laName = (id: string) => getLa(this.ctx.partnership, id).name
    return sendListExport(reply, {
      format,
      title: 'Front door queue',
      filename: `front-door-queue-${filter.la || 'all-areas'}-${toIsoDate(this.ctx.now())}`,
      rows: entries,
      columns: [
        { header: 'Referral', value: (entry) => formatReferralNumber(Number(entry.number)) },
        { header: 'Child', value: (entry) => `${entry.child_first_name} ${entry.child_last_name}` },
        { header: 'Area', value: (entry) => laName(entry.la_id) },
        { header: 'Received', value: (entry) => govukDateTime(entry.received_at) },
        { header: 'Team', value: (entry) => ROUTE_LABELS[entry.queue] },
        { header: 'Decision due', value: (entry) => govukDate(entry.decision_due_by) },
        { header: 'Time left', value: (entry) => entry.timeLeft },
        { header: 'Urgent', value: (entry) => (entry.urgency === 'urgent' ? 'Yes' : 'No') },
      ],
    })
  }

  triage = async (request: IdRequest, reply: FastifyReply) => {
    const caller = callerOf(request)
    const record = await viewReferral(this.ctx, caller, request.params.id)
    return this.render(reply, 'mat', {
      ...matContext(caller, record, this.ctx, {}, []),
      given: await this.referrerGave(record),
    })
  }

  contribute = async (request: IdRequest, reply: FastifyReply) => {
    const caller = callerOf(request)
    const { id } = request.params
    return withProblems(
      async () => {
        await contributeToMat(this.ctx, caller, id, matForm.read(request.body) as MatContributionInput)
        return reply.redirect(`/referrals/${id}/mat`, 303)
      },
      async (problems) => {
        const record = await viewReferral(this.ctx, caller, id)
        const form = postedFields(request.body)
        return this.render(reply.code(400), 'mat', {
          ...matContext(caller, record, this.ctx, form, problems),
          given: await this.referrerGave(record),
        })
      },
    )
  }

  decision = async (request: IdRequest, reply: FastifyReply) => {
    const record = await viewReferral(this.ctx, callerOf(request), request.params.id)
    return this.render(reply, 'decision', decisionContext(record, this.ctx, {}, []))
  }

  decide = async (request: IdRequest, reply: FastifyReply) => {
    const caller = callerOf(request)
    const { id } = request.params
    return withProblems(
      async () => {
        await decideReferral(this.ctx, caller, id, decisionForm.read(request.body) as DecisionInput)
        return reply.redirect(`/referrals/${id}/decided`, 303)
      },
      async (problems) => {
        const record = await viewReferral(this.ctx, caller, id)
        const form = postedFields(request.body)
        return this.render(reply.code(400), 'decision', decisionContext(record, this.ctx, form, problems))
      },
    )
  }

  decided = async (request: IdRequest, reply: FastifyReply) => {
    const record = await viewReferral(this.ctx, callerOf(request), request.params.id)
    return this.render(reply, 'decided', referralContext(record, this.ctx))
  }
}

async function withProblems<T>(
  work: () => Promise<T>,
  onProblems: (problems: FieldProblem[]) => Promise<T> | T,
) {
  try {
    return await work()
  } catch (error) {
    if (error instanceof InvalidInput) return onProblems(error.problems)
    throw error
  }
}

// ---------------------------------------------------------------------------
// Page contexts

function viewHelpers(ctx: FrontDoorContext) {
  return {
    consents: CONSENTS,
    referralSources: REFERRAL_SOURCES,
    outcomes: OUTCOMES,
    withoutContributionsReasons: WITHOUT_CONTRIBUTIONS_REASONS,
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
  const now = ctx.now()
  const today = toIsoDate(now)
  const { referral } = record
  return {
    record,
    referral,
    statusLabel: record.frontDoorView
      ? STATUS_LABELS[referral.status]
      : SENDER_STATUS_LABELS[senderStatus(referral.status)],
    decision: record.decision,
    withoutContributions: record.decision && withoutContributionsOf(record.decision),
    clock: decisionClock({ urgency: referral.urgency, decisionDueBy: referral.decision_due_by }, today),
    timeLeft: timeLeft(referral.decision_due_by, now).words,
    frontDoor: getLa(ctx.partnership, referral.la_id).front_door,
  }
}

function abilities({ actor }: Caller, record: ReferralRecord) {
  const { referral, resource } = record
  const open = referral.status !== 'decided'
  return {
    canContribute: open && referral.queue === 'mat' && may(actor, 'mat.contribute', resource),
    canDecide: open && may(actor, 'referral.decide', resource),
    canMatch: mayMatch(actor, record),
    disagreeHref: disagreeHref(actor, record),
  }
}

/** A decided referral's threshold decision may be disagreed with by whoever may raise one about its child. */
function disagreeHref(actor: Caller['actor'], { referral, resource }: ReferralRecord) {
  const child = resource.child
  if (referral.status !== 'decided' || !child || !decide(actor, 'escalation.raise', child).allowed)
    return undefined
  return `/children/${child.childId}/disagreements/new?about=threshold-decision&ref=${referral.id}`
}

/**
 * Back to the referral once matched; a referral decided for a strategy discussion goes on to be
 * booked, by whoever may book it.
 */
function afterMatching({ actor }: Caller, referral: ReferralRow) {
  const booking = referral.status === 'decided' && mayEver(actor, 'strategy.schedule')
  return booking ? '/strategy-discussions' : `/referrals/${referral.id}`
}

function matContext(
  caller: Caller,
  record: ReferralRecord,
  ctx: FrontDoorContext,
  form: Form,
  problems: FieldProblem[],
) {
  const { actor } = caller
  const byKind = new Map(record.contributions.map((c) => [c.agency_kind, c]))
  const withheldByKind = new Map(record.withheldContributions.map((c) => [c.agency_kind, c]))
  const ownKind = isMatAgencyKind(actor.agencyKind) ? actor.agencyKind : undefined
  return {
    ...referralContext(record, ctx),
    ...abilities(caller, record),
    form,
    ...matForm.errors(problems),
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

function decisionContext(
  record: ReferralRecord,
  ctx: FrontDoorContext,
  form: Form,
  problems: FieldProblem[],
) {
  const contributed = [...record.contributions, ...record.withheldContributions].map(
    (c) => c.agency_kind as string,
  )
  return {
    ...referralContext(record, ctx),
    form,
    ...decisionForm.errors(problems),
    notContributed: decidedWithout(record.referral.queue, contributed),
  }
}
