// The yearly report's use cases, each one audited transaction decided by the policy: starting a
// year's report, reading the draft with its live sections, writing a section's narrative (a new
// version each time), signing off for a lead safeguarding partner, publishing once all three have
// signed the current draft, and reading (or downloading) the published report.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { type Action, decide } from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput } from '../platform/http/schemas.ts'
import {
  isSection,
  LEAD_PARTNER_KEYS,
  LEAD_PARTNERS,
  type Published,
  partnerOf,
  partnersSigning,
  publishProblem,
  reportingYear,
  SECTIONS,
  type SectionKey,
} from './rules.ts'
import { narrativeCheck, startCheck } from './schemas.ts'
import { assembleSections } from './sections.ts'
import * as store from './store.ts'

export interface YearlyReportContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

const PARTNERSHIP = { kind: 'partnership' } as const
type ReportAction = Extract<Action, `yearly-report.${string}`>

/** The policy's answer for the partnership's report, recorded in the audit with the transaction. */
const allow = (
  trx: Transaction<DB>,
  caller: Caller,
  action: ReportAction,
  detail?: Record<string, unknown>,
) => authorize(trx, { ...caller, action, resource: PARTNERSHIP, ...(detail ? { detail } : {}) })

/** What the caller may do, for the page's buttons (the step asks the policy again when taken). */
const may = (caller: Caller, action: ReportAction) => decide(caller.actor, action, PARTNERSHIP).allowed

const notFound = () => new RequestError(404, 'There is no yearly report for that year')

/** A refusal to publish, in words the page shows in its error summary. */
export class PublishRefused extends RequestError {
  constructor(message: string) {
    super(409, message)
  }
}

async function reportOf(trx: Kysely<DB>, startYear: number, lock = false) {
  const row = lock
    ? await store.lockReport(trx as Transaction<DB>, startYear)
    : await store.findReport(trx, startYear)
  if (!row) throw notFound()
  return row
}

/** Each section's latest narrative. */
const latestNarratives = (rows: readonly store.NarrativeRow[]) => {
  const latest = new Map<SectionKey, store.NarrativeRow>()
  for (const row of rows) latest.set(row.section, row)
  return latest
}

// ---------------------------------------------------------------------------
// The reports

/** The years' reports: published ones for every signed-in person, drafts for who may read them. */
export const listReports = (ctx: YearlyReportContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'yearly-report.read')
    const views = may(caller, 'yearly-report.view')
    const rows = await store.reports(trx)
    return {
      reports: rows
        .filter((row) => views || row.published_at !== null)
        .map((row) => ({
          startYear: row.start_year,
          name: reportingYear(row.start_year).name,
          publishedAt: row.published_at,
        })),
      views,
      writes: may(caller, 'yearly-report.write'),
    }
  })

/** Starts the report of a reporting year (the same year twice opens the one already started). */
export const startReport = (ctx: YearlyReportContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'yearly-report.write', { step: 'start' })
    const startYear = Number(checkedInput(startCheck, input).startYear)
    await store.insertReport(trx, startYear, ctx.now(), caller.actor.displayName)
    return startYear
  })

/** The draft: its sections assembled from live data, the latest narrative, and who has signed this revision. */
export const readDraft = (ctx: YearlyReportContext, caller: Caller, startYear: number) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'yearly-report.view', { year: startYear })
    const report = await reportOf(trx, startYear)
    const year = reportingYear(startYear)
    const narratives = latestNarratives(await store.narrativesOf(trx, report.id))
    const bodies = new Map([...narratives].map(([key, row]) => [key, row.body]))
    const sections = await assembleSections(trx, ctx.partnership, year, ctx.now(), bodies)
    const signoffs = await store.signoffsOf(trx, report.id, report.revision)
    const signed = signoffs.map((row) => row.partner)
    const partner = partnerOf(caller.actor.agencyKind)
    return {
      report,
      year,
      sections: sections.map((section) => ({
        ...section,
        version: narratives.get(section.key)?.version ?? 0,
      })),
      signoffs,
      partners: partnersSigning(signoffs),
      publishProblem: publishProblem(signed, report.revision),
      writes: may(caller, 'yearly-report.write') && report.published_at === null,
      signsFor:
        may(caller, 'yearly-report.sign') &&
        partner &&
        report.published_at === null &&
        !signed.includes(partner)
          ? LEAD_PARTNERS[partner]
          : null,
    }
  })

/** Every version of one section's narrative, newest first. */
export const sectionVersions = (
  ctx: YearlyReportContext,
  caller: Caller,
  startYear: number,
  section: string,
) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'yearly-report.view', { year: startYear, section })
    if (!isSection(section)) throw notFound()
    const report = await reportOf(trx, startYear)
    const versions = (await store.narrativesOf(trx, report.id))
      .filter((row) => row.section === section)
      .reverse()
    return {
      report,
      year: reportingYear(startYear),
      section: { key: section, title: SECTIONS[section] },
      versions,
      writes: may(caller, 'yearly-report.write') && report.published_at === null,
    }
  })

/** Saves a new version of a section's narrative; the previous versions are kept. */
export const writeNarrative = (
  ctx: YearlyReportContext,
  caller: Caller,
  startYear: number,
  section: string,
  input: unknown,
) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'yearly-report.write', { year: startYear, section })
    if (!isSection(section)) throw notFound()
    const report = await reportOf(trx, startYear, true)
    if (report.published_at)
      throw new RequestError(409, 'The report is published: it can no longer be changed')
    const { body } = checkedInput(narrativeCheck, input)
    return store.insertNarrative(trx, report, section, body.trim(), ctx.now(), {
      id: caller.actor.id,
      name: caller.actor.displayName,
    })
  })

/** Signs off the current draft for the lead safeguarding partner the caller's agency is. */
export const signOff = (ctx: YearlyReportContext, caller: Caller, startYear: number) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'yearly-report.sign', { year: startYear })
    const partner = partnerOf(caller.actor.agencyKind)
    if (!partner)
      throw new RequestError(403, 'Only the local authority, the police and health sign the yearly report')
    const report = await reportOf(trx, startYear, true)
    if (report.published_at) throw new RequestError(409, 'The report is already published')
    if (report.revision === 0) throw new RequestError(409, 'There is no narrative to sign off yet')
    await store.insertSignoff(trx, {
      report_id: report.id,
      partner,
      revision: report.revision,
      agency_id: caller.actor.agencyId,
      signed_at: ctx.now(),
      signed_by: caller.actor.id,
      signed_by_name: caller.actor.displayName,
    })
    return partner
  })

/** Publishes the report, its figures and narrative frozen, once all three partners signed this draft. */
export const publish = (ctx: YearlyReportContext, caller: Caller, startYear: number) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'yearly-report.write', { year: startYear, step: 'publish' })
    const report = await reportOf(trx, startYear, true)
    if (report.published_at) throw new PublishRefused('The report is already published')
    const signoffs = await store.signoffsOf(trx, report.id, report.revision)
    const problem = publishProblem(
      signoffs.map((row) => row.partner),
      report.revision,
    )
    if (problem) throw new PublishRefused(problem)
    const year = reportingYear(startYear)
    const narratives = latestNarratives(await store.narrativesOf(trx, report.id))
    const bodies = new Map([...narratives].map(([key, row]) => [key, row.body]))
    const published: Published = {
      yearName: year.name,
      sections: await assembleSections(trx, ctx.partnership, year, ctx.now(), bodies),
      signoffs: [...signoffs]
        .sort((a, b) => LEAD_PARTNER_KEYS.indexOf(a.partner) - LEAD_PARTNER_KEYS.indexOf(b.partner))
        .map((row) => ({
          partner: LEAD_PARTNERS[row.partner],
          name: row.signed_by_name,
          signedOn: row.signed_at.toISOString(),
        })),
    }
    await store.writePublished(trx, report.id, published, ctx.now(), caller.actor.displayName)
  })

/** The published report, for every signed-in person; 404 until it is published. */
export const readPublished = (ctx: YearlyReportContext, caller: Caller, startYear: number) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'yearly-report.read', { year: startYear })
    const report = await store.findReport(trx, startYear)
    if (!report?.published || !report.published_at) throw notFound()
    return { published: report.published, publishedAt: report.published_at, startYear }
  })
