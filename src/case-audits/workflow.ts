// Case audits' use cases, each one audited transaction decided by the policy: the programmes and the
// cases an agency is asked to audit, a programme and its sample (drawn by a rule with a seed, each
// case opened to the auditing agencies with a time-limited audit grant), one case as the caller may
// read it, an agency's own part, the child's record through the grant, the moderation, actions from
// the findings on the actions block, and the re-audit.

import type { Kysely, Transaction } from 'kysely'
import { type ActionRow, actionsOf, replaceActions } from '../actions/index.ts'
import { getChildResource, getChildResources, involveAgencies } from '../children/index.ts'
import type { DB } from '../database.ts'
import { agencyName } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { audited, authorize, authorizeAsking, authorizeGate, type Caller } from '../platform/access/guard.ts'
import { type CaseAuditResource, type ChildResource, decide, mayEver } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, InvalidInput, isUuid } from '../platform/http/schemas.ts'
import {
  type Answers,
  type Candidate,
  drawSample as draw,
  earliestStart,
  type Grade,
  grantExpiry,
  questionsOf,
  type SampleRule,
} from './rules.ts'
import {
  auditActionCheck,
  moderationCheck,
  partCheck,
  programmeCheck,
  revokeGrantCheck,
  sampleCheck,
} from './schemas.ts'
import * as store from './store.ts'

export interface CaseAuditsContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
  /** The address people reach the service at: links in a calendar invitation are absolute. */
  publicUrl?: string
}

const notFound = () => new RequestError(404, 'Not found')
const conflict = (text: string) => new RequestError(409, text)
const today = (ctx: CaseAuditsContext): IsoDate => toIsoDate(ctx.now())
const field = (input: unknown, name: string) => (input as Record<string, unknown> | null)?.[name]
const ISO = /^\d{4}-\d{2}-\d{2}$/
const PARTNERSHIP = { kind: 'partnership' } as const

/** What an audit grant is for, as the audit keeps it. */
const grantPurpose = (programme: store.ProgrammeRow, round: number) =>
  `${round === 1 ? 'Case audit' : 'Re-audit'} ${programme.reference}: ${programme.title}`

const resourceOf = (
  row: store.CaseRow,
  child: ChildResource,
  auditing: readonly string[],
  granted: readonly string[],
): CaseAuditResource => ({
  kind: 'case-audit',
  caseId: row.id,
  child,
  laId: row.la_id,
  auditingAgencyIds: auditing,
  grantedAgencyIds: granted,
})

/** A case as the policy is asked about it: its child, the agencies auditing it and those whose grant lasts. */
export async function caseResource(
  db: Kysely<DB>,
  row: store.CaseRow,
  now: Date,
): Promise<CaseAuditResource> {
  const auditing = (await store.auditingAgencies(db, [row.id])).get(row.id) ?? []
  const granted = (await store.grantedAgencies(db, [row], now)).get(row.id) ?? []
  return {
    ...resourceOf(row, await getChildResource(db, row.child_id), auditing, granted),
    revokedAgencyIds: await store.revokedAgencies(db, row),
  }
}

async function caseFor(trx: Transaction<DB>, id: string, lock = false) {
  const row = isUuid(id) ? await (lock ? store.lockCase(trx, id) : store.findCase(trx, id)) : undefined
  if (!row) throw notFound()
  return row
}

// ---------------------------------------------------------------------------
// The programmes, and the cases an agency is asked to audit

export interface AgencyCase {
  row: Awaited<ReturnType<typeof store.casesForAgency>>[number]
  childName: string
}

export interface Overview {
  /** The partnership's programmes, for whoever runs them. */
  programmes?: store.ProgrammeRow[]
  /** The cases the caller's agency is asked to audit. */
  cases: AgencyCase[]
  mayManage: boolean
}

export async function overview(ctx: CaseAuditsContext, caller: Caller): Promise<Overview> {
  const actor = authorizeGate(caller.actor, 'case-audits')
  return audited(ctx.db, async (trx) => {
    const mayManage = mayEver(actor, 'case-audit.manage')
    const programmes = mayManage ? await readProgrammes(trx, caller) : undefined
    const rows = await store.casesForAgency(trx, actor.agencyId)
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const auditing = await store.auditingAgencies(
      trx,
      rows.map((row) => row.id),
    )
    const granted = await store.grantedAgencies(trx, rows, ctx.now())
    const names = await store.childNames(
      trx,
      rows.map((row) => row.child_id),
    )
    const cases: AgencyCase[] = []
    for (const row of rows) {
      const child = children.get(row.child_id)
      if (!child) continue
      const resource = resourceOf(row, child, auditing.get(row.id) ?? [], granted.get(row.id) ?? [])
      if (!decide(actor, 'case-audit.view', resource).allowed) continue
      authorize(trx, { ...caller, action: 'case-audit.view', resource, detail: { list: true } })
      cases.push({ row, childName: names.get(row.child_id) ?? '' })
    }
    return { ...(programmes ? { programmes } : {}), cases, mayManage }
  })
}

async function readProgrammes(trx: Transaction<DB>, caller: Caller) {
  authorize(trx, { ...caller, action: 'case-audit.manage', resource: PARTNERSHIP, detail: { step: 'list' } })
  return store.programmes(trx)
}

/** The form for a new programme, once the policy allows the caller to run programmes (a refusal is audited). */
export async function programmeForm(ctx: CaseAuditsContext, caller: Caller): Promise<void> {
  await audited(ctx.db, async (trx) => {
    authorizeAsking(trx, { ...caller, action: 'case-audit.manage', resource: PARTNERSHIP })
  })
}

/** The partnership's lead sets up a programme: its themes, dates, audit tool and auditing agencies. */
export async function createProgramme(ctx: CaseAuditsContext, caller: Caller, input: unknown) {
  return audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...caller,
      action: 'case-audit.manage',
      resource: PARTNERSHIP,
      detail: { step: 'programme' },
    })
    const known = new Set(ctx.partnership.agencies.map((agency) => agency.id))
    const asked = field(input, 'agencyIds')
    const problems: FieldProblem[] = []
    if (Array.isArray(asked) && asked.some((id) => !known.has(String(id))))
      problems.push({ field: 'agencyIds', text: 'Select agencies of the partnership' })
    const starts = field(input, 'startsOn')
    const ends = field(input, 'endsOn')
    if (
      typeof starts === 'string' &&
      typeof ends === 'string' &&
      ISO.test(starts) &&
      ISO.test(ends) &&
      ends < starts
    )
      problems.push({ field: 'endsOn', text: 'Enter an end date on or after the start date' })
    const p = checkedInput(programmeCheck, input, problems)
    const { actor } = caller
    return store.insertProgramme(trx, {
      title: p.title.trim(),
      themes: p.themes.map((theme) => theme.trim()),
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      questions: questionsOf(p.questions.map((q) => q.trim())),
      agencyIds: [...new Set(p.agencyIds)],
      at: ctx.now(),
      by: `${actor.kind}:${actor.id}`,
      byName: actor.displayName,
    })
  })
}

export interface SampledCase {
  row: store.CaseRow
  childName: string
  submitted: number
  asked: number
  moderated: boolean
  /** The grade agreed at each moderation: the audit's, then the re-audit's. */
  grades: Grade[]
}

export interface ProgrammeFile {
  programme: store.ProgrammeRow
  cases: SampledCase[]
  /** The moderation meetings booked, one per round, and whom they invited. */
  meetings: store.MeetingRow[]
  invitations: store.InvitationRow[]
}

/** One programme and its sample, for whoever runs programmes; each sampled child's read is audited. */
export async function readProgramme(
  ctx: CaseAuditsContext,
  caller: Caller,
  id: string,
): Promise<ProgrammeFile> {
  return audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...caller,
      action: 'case-audit.manage',
      resource: PARTNERSHIP,
      detail: { programmeId: id },
    })
    const programme = isUuid(id) ? await store.findProgramme(trx, id) : undefined
    if (!programme) throw notFound()
    const rows = await store.casesOf(trx, programme.id)
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const auditing = await store.auditingAgencies(
      trx,
      rows.map((row) => row.id),
    )
    const granted = await store.grantedAgencies(trx, rows, ctx.now())
    const names = await store.childNames(
      trx,
      rows.map((row) => row.child_id),
    )
    const parts = await store.partsOfCases(
      trx,
      rows.map((row) => row.id),
    )
    const cases: SampledCase[] = []
    for (const row of rows) {
      const child = children.get(row.child_id)
      if (!child) continue
      const resource = resourceOf(row, child, auditing.get(row.id) ?? [], granted.get(row.id) ?? [])
      // A child whose record has since been marked is left out of the list, not named.
      if (!decide(caller.actor, 'case-audit.view', resource).allowed) continue
      authorize(trx, {
        ...caller,
        action: 'case-audit.view',
        resource,
        detail: { programmeId: programme.id },
      })
      const open = parts.filter((part) => part.case_id === row.id && part.round === row.round)
      const moderations = await store.moderationsOf(trx, row.id)
      cases.push({
        row,
        childName: names.get(row.child_id) ?? '',
        asked: open.length,
        submitted: open.filter((part) => part.submitted_at !== null).length,
        moderated: moderations.some((m) => m.round === row.round),
        grades: moderations.map((m) => m.agreed_grade),
      })
    }
    const meetings = await store.meetingsOf(trx, programme.id)
    const invitations = await store.invitationsOf(
      trx,
      meetings.map((m) => m.id),
    )
    return { programme, cases, meetings, invitations }
  })
}

/**
 * Draws the programme's sample by its rule and seed, counted back from today (kept with the rule), and
 * opens each case to the auditing agencies: an empty part each and an audit grant that expires.
 */
export async function drawSample(ctx: CaseAuditsContext, caller: Caller, id: string, input: unknown) {
  return audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...caller,
      action: 'case-audit.manage',
      resource: PARTNERSHIP,
      detail: { programmeId: id },
    })
    const programme = isUuid(id) ? await store.lockProgramme(trx, id) : undefined
    if (!programme) throw notFound()
    if (programme.sampled_at) throw conflict('The sample is already drawn')
    const s = checkedInput(sampleCheck, input)
    const rule: SampleRule = { category: s.category, months: s.months, size: s.size, asOf: today(ctx) }
    const pool = await store.candidates(trx, rule, earliestStart(rule))
    const sample: Candidate[] = draw(pool, rule.size, s.seed.trim())
    const at = ctx.now()
    const cases = await store.recordSample(trx, programme, {
      rule,
      seed: s.seed.trim(),
      pool: pool.length,
      sample,
      at,
      byName: caller.actor.displayName,
    })
    await store.openRound(trx, cases, 1, programme.agency_ids, {
      purpose: grantPurpose(programme, 1),
      at,
      expiresAt: grantExpiry(at),
      byName: caller.actor.displayName,
    })
    const children = await getChildResources(trx, [...new Set(cases.map((row) => row.child_id))])
    for (const row of cases) {
      const child = children.get(row.child_id)
      if (!child) continue
      const resource = resourceOf(row, child, programme.agency_ids, programme.agency_ids)
      authorize(trx, {
        ...caller,
        action: 'case-audit.manage',
        resource,
        detail: { step: 'sampled', seed: s.seed.trim() },
      })
    }
    return { drawn: cases.length, pool: pool.length }
  })
}

// ---------------------------------------------------------------------------
// One case

export interface CaseFile {
  programme: store.ProgrammeRow
  row: store.CaseRow
  /** Everything (the leads) or only the caller's agency's own part ('asked'). */
  whole: boolean
  manages: boolean
  childName: string
  plan: Awaited<ReturnType<typeof store.planOf>>
  parts: store.PartRow[]
  /** The caller's agency's part of the open round, when it is asked for one. */
  ownPart?: store.PartRow
  mayContribute: boolean
  /** The caller's agency's audit grant is current: the child's record is open to it. */
  mayOpenRecord: boolean
  grants: store.GrantRow[]
  moderations: store.ModerationRow[]
  actions: ActionRow[]
  /** The moderation meeting of the open round, once booked. */
  meeting?: store.MeetingRow
}

/** One case as the caller may read it (audited); 404 for whoever may not, so it tells them nothing. */
export async function readCase(ctx: CaseAuditsContext, caller: Caller, id: string): Promise<CaseFile> {
  return audited(ctx.db, async (trx) => {
    const row = await caseFor(trx, id)
    const resource = await caseResource(trx, row, ctx.now())
    const permit = authorize(trx, { ...caller, action: 'case-audit.view', resource })
    const { actor } = caller
    const whole = permit.basis !== 'asked'
    const programme = await store.findProgramme(trx, row.programme_id)
    if (!programme) throw notFound()
    const child = await store.childOf(trx, row.child_id)
    const parts = await store.partsOf(trx, row.id)
    const own = (part: { agency_id: string }) => part.agency_id === actor.agencyId
    const moderations = await store.moderationsOf(trx, row.id)
    const ownPart = parts.find((part) => own(part) && part.round === row.round)
    const moderated = moderations.some((m) => m.round === row.round)
    const meeting = await store.meetingOf(trx, row.programme_id, row.round)
    return {
      ...(meeting ? { meeting } : {}),
      programme,
      row,
      whole,
      manages: decide(actor, 'case-audit.manage', resource).allowed,
      childName: `${child.given_name} ${child.family_name}`,
      plan: await store.planOf(trx, row.plan_id),
      parts: whole ? parts : parts.filter(own),
      ...(ownPart ? { ownPart } : {}),
      mayContribute:
        ownPart !== undefined && !moderated && decide(actor, 'case-audit.contribute', resource).allowed,
      mayOpenRecord: decide(actor, 'case-audit.record', resource).allowed,
      grants: (await store.grantsOf(trx, row.id)).filter((grant) => whole || own(grant)),
      moderations: whole ? moderations : [],
      actions: whole ? await actionsOf(trx, 'case-audit', row.id) : [],
    }
  })
}

/** The caller's agency audits its own part of the open round: a grade and free text for each question. */
export async function submitPart(ctx: CaseAuditsContext, caller: Caller, id: string, input: unknown) {
  await audited(ctx.db, async (trx) => {
    const row = await caseFor(trx, id, true)
    const resource = await caseResource(trx, row, ctx.now())
    authorize(trx, { ...caller, action: 'case-audit.contribute', resource, detail: { round: row.round } })
    const programme = await store.findProgramme(trx, row.programme_id)
    if (!programme) throw notFound()
    if ((await store.moderationsOf(trx, row.id)).some((m) => m.round === row.round))
      throw conflict('This case has been moderated: its parts are closed')
    const answers = (field(input, 'answers') ?? {}) as Record<string, { grade?: unknown } | undefined>
    const missing = programme.questions.flatMap((q, index) =>
      answers[q.id]?.grade
        ? []
        : [{ field: `grade-${q.id}`, text: `Select a grade for question ${index + 1}` }],
    )
    const part = checkedInput(partCheck, input, missing)
    const kept: Answers = Object.fromEntries(
      programme.questions.map((q) => [
        q.id,
        {
          grade: part.answers[q.id]?.grade ?? 'inadequate',
          comment: (part.answers[q.id]?.comment ?? '').trim(),
        },
      ]),
    )
    await store.writePart(
      trx,
      { caseId: row.id, round: row.round, agencyId: caller.actor.agencyId },
      {
        answers: kept,
        overall: part.overallGrade,
        summary: part.summary.trim(),
        at: ctx.now(),
        byName: caller.actor.displayName,
      },
    )
  })
}

/** The child's record as the audit's purpose needs it, while the caller's agency's grant lasts (audited). */
export async function readRecord(ctx: CaseAuditsContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const row = await caseFor(trx, id)
    const resource = await caseResource(trx, row, ctx.now())
    const programme = await store.findProgramme(trx, row.programme_id)
    if (!programme) throw notFound()
    authorize(trx, {
      ...caller,
      action: 'case-audit.record',
      resource,
      detail: { purpose: grantPurpose(programme, row.round) },
    })
    const grant = (await store.grantsOf(trx, row.id)).find(
      (g) => g.round === row.round && g.agency_id === caller.actor.agencyId,
    )
    return {
      programme,
      row,
      child: await store.childOf(trx, row.child_id),
      plans: await store.plansOf(trx, row.child_id),
      expiresAt: grant?.expires_at,
    }
  })
}

// ---------------------------------------------------------------------------
// Moderation, actions and the re-audit

type Step = (trx: Transaction<DB>, row: store.CaseRow, at: Date) => Promise<unknown>

async function manageStep(ctx: CaseAuditsContext, caller: Caller, id: string, step: string, write: Step) {
  await audited(ctx.db, async (trx) => {
    const row = await caseFor(trx, id, true)
    const resource = await caseResource(trx, row, ctx.now())
    authorize(trx, { ...caller, action: 'case-audit.manage', resource, detail: { step, round: row.round } })
    await write(trx, row, ctx.now())
  })
}

/**
 * A lead ends an agency's audit grant for the open round before it expires, with the reason (kept
 * with the grant; the audit records the step and the agency): from then on the agency's look at the
 * child's record for the audit, and its part, are answered as for anyone else (the policy's
 * `revokedAgencyIds`).
 */
export async function revokeGrant(ctx: CaseAuditsContext, caller: Caller, id: string, input: unknown) {
  await audited(ctx.db, async (trx) => {
    const row = await caseFor(trx, id, true)
    const resource = await caseResource(trx, row, ctx.now())
    authorize(trx, {
      ...caller,
      action: 'case-audit.manage',
      resource,
      detail: { step: 'revoke-grant', round: row.round, agencyId: String(field(input, 'agencyId') ?? '') },
    })
    const { agencyId, reason } = checkedInput(revokeGrantCheck, input)
    const ended = await store.revokeGrant(
      trx,
      { caseId: row.id, round: row.round, agencyId },
      { at: ctx.now(), byName: caller.actor.displayName, reason: reason.trim() },
    )
    if (!ended)
      throw new InvalidInput([{ field: 'agencyId', text: 'Select an agency whose grant has not ended' }])
  })
}

/** The agencies that attended a moderation meeting, in words, as a moderation at it records them. */
export const attendedWords = (partnership: PartnershipConfig, meeting: store.MeetingRow) =>
  (meeting.attended_agency_ids ?? []).map((id) => agencyName(partnership, id)).join(', ')

/**
 * The round's moderation meeting as a case's moderation is recorded at it: its date and who attended.
 * None booked, the lead types them (a meeting held outside masa); booked, its attendance comes first.
 */
async function heldAt(trx: Transaction<DB>, ctx: CaseAuditsContext, row: store.CaseRow) {
  const meeting = await store.meetingOf(trx, row.programme_id, row.round)
  if (!meeting) return undefined
  if (!meeting.attended_agency_ids) throw conflict('Record who attended the moderation meeting first')
  return {
    meetingId: meeting.id,
    fields: { metOn: meeting.meets_on, attendees: attendedWords(ctx.partnership, meeting) },
  }
}

/** The moderation of the open round: who attended, the grade agreed, the findings and learning. */
export const moderate = (ctx: CaseAuditsContext, caller: Caller, id: string, posted: unknown) =>
  manageStep(ctx, caller, id, 'moderation', async (trx, row, at) => {
    if ((await store.moderationsOf(trx, row.id)).some((m) => m.round === row.round))
      throw conflict('This round is already moderated')
    const meeting = await heldAt(trx, ctx, row)
    const input = meeting ? { ...(posted as object), ...meeting.fields } : posted
    const parts = (await store.partsOf(trx, row.id)).filter((part) => part.round === row.round)
    const none = parts.some((part) => part.submitted_at)
      ? []
      : [{ field: 'metOn', text: 'Moderate once at least one agency has audited its part' }]
    const met = field(input, 'metOn')
    const future =
      typeof met === 'string' && ISO.test(met) && met > today(ctx)
        ? [{ field: 'metOn', text: 'Enter a date that is today or in the past' }]
        : []
    const m = checkedInput(moderationCheck, input, [...none, ...future])
    await store.insertModeration(trx, {
      case_id: row.id,
      round: row.round,
      met_on: m.metOn,
      attendees: m.attendees.trim(),
      agreed_grade: m.agreedGrade,
      findings: m.findings.trim(),
      learning: m.learning.trim(),
      recorded_at: at,
      recorded_by_name: caller.actor.displayName,
      meeting_id: meeting?.meetingId ?? null,
    })
  })

/** An action from the findings, owned by an agency with a due date, on the actions block; the agency becomes involved. */
export const addAction = (ctx: CaseAuditsContext, caller: Caller, id: string, input: unknown) =>
  manageStep(ctx, caller, id, 'action', async (trx, row) => {
    if ((await store.moderationsOf(trx, row.id)).length === 0) throw conflict('Moderate the case first')
    const known = ctx.partnership.agencies.some((agency) => agency.id === field(input, 'ownerAgencyId'))
    const owner =
      field(input, 'ownerAgencyId') && !known
        ? [{ field: 'ownerAgencyId', text: 'Select the agency that owns it' }]
        : []
    const due = field(input, 'dueBy')
    const past =
      typeof due === 'string' && ISO.test(due) && due < today(ctx)
        ? [{ field: 'dueBy', text: 'Enter a due date that is today or in the future' }]
        : []
    const action = checkedInput(auditActionCheck, input, [...owner, ...past])
    const existing = await actionsOf(trx, 'case-audit', row.id)
    await replaceActions(trx, { kind: 'case-audit', id: row.id, childId: row.child_id }, [
      ...existing.map((a) => ({
        description: a.description,
        ownerAgencyId: a.owner_agency_id,
        ownerName: a.owner_name ?? '',
        dueBy: a.due_by,
      })),
      {
        description: action.description.trim(),
        ownerAgencyId: action.ownerAgencyId,
        ownerName: '',
        dueBy: action.dueBy,
      },
    ])
    await involveAgencies(
      trx,
      row.child_id,
      [action.ownerAgencyId],
      'action',
      'owns an action from a case audit',
    )
  })

/** After the first round is moderated, the case is audited again: new parts and new grants for each agency. */
export const startReAudit = (ctx: CaseAuditsContext, caller: Caller, id: string) =>
  manageStep(ctx, caller, id, 're-audit', async (trx, row, at) => {
    if (row.round !== 1 || !(await store.moderationsOf(trx, row.id)).some((m) => m.round === 1))
      throw conflict('A case is re-audited once, after its audit is moderated')
    const programme = await store.findProgramme(trx, row.programme_id)
    if (!programme) throw notFound()
    const agencies = (await store.auditingAgencies(trx, [row.id])).get(row.id) ?? programme.agency_ids
    await store.setRound(trx, row.id, 2)
    await store.openRound(trx, [{ ...row, round: 2 }], 2, agencies, {
      purpose: grantPurpose(programme, 2),
      at,
      expiresAt: grantExpiry(at),
      byName: caller.actor.displayName,
    })
  })
