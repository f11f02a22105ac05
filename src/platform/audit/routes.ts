// The audit search page for administrators and independent scrutineers: GET /admin/audit.
// A partnership administrator or scrutineer searches everything; an agency administrator their
// own agency's people and systems. The search itself is audited (action audit.search).

import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { PartnershipConfig } from '../../partnership/config-schema.ts'
import { accessFrom, audited, authorize } from '../access/guard.ts'
import { decide } from '../access/policy.ts'
import type { Database } from '../db/database.ts'
import { EXPORT_FORMATS, sendListExport } from '../exports/list-export.ts'
import { govukDateTime } from '../http/dates.ts'
import type { FieldProblem } from '../http/schemas.ts'
import { agencyNamer } from '../http/views.ts'
import type { AuditRecord } from './log.ts'
import { readSearchForm, type SearchForm } from './search-form.ts'
import {
  type ActorNames,
  type AuditPage,
  type ChildIds,
  listBreakGlassEvents,
  namesOf,
  searchAudit,
} from './store.ts'
import { actionInWords, resourceInWords } from './words.ts'

export interface AuditRoutesOptions {
  database: Database
  /** Runs before the page, e.g. identity's requireUser, which sends a signed-out visitor to sign in. */
  preHandler?: preHandlerAsyncHookHandler
  /** The ids of an LA's children, whose break-glass its own staff review whoever opened them. */
  childrenOfLa?: (laId: string) => ChildIds
  /** Every person's and system's name, so entries name who acted and a search finds them by name. */
  actors?: ActorNames
  /** Names agencies and LAs in the search's download (their ids otherwise). */
  partnership?: PartnershipConfig
}

export const auditRoutes: FastifyPluginAsync<AuditRoutesOptions> = async (app, options) => {
  const preHandler = options.preHandler ? { preHandler: options.preHandler } : {}
  app.get('/admin/audit', { schema: { hide: true }, ...preHandler }, async (request, reply) => {
    const form = readSearchForm(request.query)
    const scope = searchScope(request)
    const page = await audited(options.database.db, async (trx) => {
      authorize(trx, {
        ...accessFrom(request),
        action: 'audit.search',
        resource: scope,
        detail: { search: { ...form.search } },
      })
      if (form.errors.length > 0) return undefined
      const found = await searchAudit(
        trx,
        { ...form.search, ...(scope.kind === 'agency' ? { agencyId: scope.agencyId } : {}) },
        options.actors,
      )
      return named(trx, found, options.actors)
    })
    return reply.view('platform/audit/views/search.njk', pageContext(form, page, scope.kind === 'agency'))
  })

  // The search as filtered on the page (child, who, dates), newest first, as CSV or Excel: the export
  // is itself audited as a search (detail `downloaded`), and holds at most AUDIT_EXPORT_LIMIT entries.
  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/admin/audit/download',
    { schema: { hide: true }, ...preHandler },
    async (request, reply) => {
      const agencyName = options.partnership ? agencyNamer(options.partnership) : (id: unknown) => String(id)
      const laName = (id: string | null) =>
        id === null ? null : (options.partnership?.local_authorities.find((la) => la.id === id)?.name ?? id)
      const format = EXPORT_FORMATS.find((f) => f === request.query.format) ?? 'csv'
      const form = readSearchForm(request.query)
      if (form.errors.length > 0) return reply.redirect(`/admin/audit?${searchQuery(form)}`)
      const scope = searchScope(request)
      const { before: _page, ...search } = form.search
      const page = await audited(options.database.db, async (trx) => {
        authorize(trx, {
          ...accessFrom(request),
          action: 'audit.search',
          resource: scope,
          detail: { search: { ...search }, downloaded: format },
        })
        const found = await searchAudit(
          trx,
          {
            ...search,
            limit: AUDIT_EXPORT_LIMIT,
            ...(scope.kind === 'agency' ? { agencyId: scope.agencyId } : {}),
          },
          options.actors,
        )
        return named(trx, found, options.actors)
      })
      return sendListExport(reply, {
        format,
        title: 'Audit',
        filename: `audit-search-${new Date().toISOString().slice(0, 10)}`,
        rows: page.entries.map((entry) => entryView(entry, page.names)),
        columns: [
          { header: 'Number', value: (e) => e.seq },
          { header: 'When', value: (e) => e.at },
          { header: 'Who', value: (e) => e.who },
          { header: 'Agency', value: (e) => agencyName(e.agencyId) },
          { header: 'What', value: (e) => e.action },
          { header: 'Of', value: (e) => e.resource },
          { header: 'Child’s record id', value: (e) => e.childId },
          { header: 'Local authority', value: (e) => laName(e.laId) },
          { header: 'Outcome', value: (e) => (e.allowed ? 'Allowed' : 'Refused') },
          { header: 'Why', value: (e) => e.reason },
          { header: 'Lawful basis', value: (e) => e.lawfulBasis },
          { header: 'Break-glass reason', value: (e) => e.breakGlassReason },
          { header: 'From', value: (e) => e.origin },
        ],
      })
    },
  )

  // Own agency by default; ?agency= for those the policy lets report on any agency, and ?agency=all on
  // every agency's (partnership-wide roles).
  app.get<{ Querystring: { agency?: string; before?: string } }>(
    '/admin/break-glass',
    { schema: { hide: true }, ...preHandler },
    async (request, reply) => {
      const agencyId = request.query.agency || (request.actor?.agencyId ?? '')
      const everyAgency = agencyId === EVERY_AGENCY
      const before = pageBefore(request.query.before)
      // A local authority's own staff review break-glass on their LA's children, whoever opened them.
      const own = request.actor?.agencyId === agencyId
      const childLaId = own ? request.actor?.agencyLaId : undefined
      const children = childLaId ? options.childrenOfLa?.(childLaId) : undefined
      const page = await audited(options.database.db, async (trx) => {
        authorize(trx, {
          ...accessFrom(request),
          action: 'break-glass.report',
          resource: everyAgency ? { kind: 'partnership' } : { kind: 'agency', agencyId },
        })
        const found = await listBreakGlassEvents(trx, everyAgency ? null : agencyId, {
          before,
          ...(children ? { children } : {}),
        })
        return named(trx, found, options.actors)
      })
      return reply.view('platform/audit/views/break-glass.njk', {
        ...breakGlassContext(agencyId, page),
        childLaId: children ? childLaId : undefined,
        everyAgency,
      })
    },
  )
}

/** The most entries one download of the audit search holds (newest first). */
export const AUDIT_EXPORT_LIMIT = 10_000

/** `?agency=all`: every agency's break-glass, for those who may report on the whole partnership. */
export const EVERY_AGENCY = 'all'

/** A page of entries with the name of whoever acted in each, where it is known. */
interface NamedPage extends AuditPage {
  names: ReadonlyMap<string, string>
}

async function named(
  db: Parameters<typeof namesOf>[0],
  page: AuditPage,
  actors: ActorNames | undefined,
): Promise<NamedPage> {
  const names = actors
    ? await namesOf(
        db,
        actors,
        page.entries.map((entry) => entry.actorId),
      )
    : new Map()
  return { ...page, names }
}

function pageBefore(value: string | undefined): number | undefined {
  const before = Number(value)
  return value && Number.isSafeInteger(before) && before > 0 ? before : undefined
}

function breakGlassContext(agencyId: string, page: NamedPage) {
  const older = page.olderThan
    ? new URLSearchParams({ agency: agencyId, before: String(page.olderThan) })
    : undefined
  return {
    pageTitle: 'Break-glass access',
    agencyId,
    entries: page.entries.map((entry) => entryView(entry, page.names)),
    olderHref: older ? `/admin/break-glass?${older}` : undefined,
  }
}

/** Everything for those who may search the partnership's audit; otherwise the actor's own agency. */
function searchScope(request: FastifyRequest) {
  const actor = request.actor
  if (actor && decide(actor, 'audit.search', { kind: 'partnership' }).allowed)
    return { kind: 'partnership' } as const
  return { kind: 'agency', agencyId: actor?.agencyId ?? '' } as const
}

function pageContext(form: SearchForm, page: NamedPage | undefined, ownAgencyOnly: boolean) {
  return {
    pageTitle: 'Search the audit',
    values: form.values,
    ...errorContext(form.errors),
    ownAgencyOnly,
    searched: page !== undefined,
    entries: page?.entries.map((entry) => entryView(entry, page.names)) ?? [],
    olderHref: page?.olderThan ? `/admin/audit?${olderQuery(form, page.olderThan)}` : undefined,
    download: searchQuery(form),
    exportLimit: AUDIT_EXPORT_LIMIT.toLocaleString('en-GB'),
  }
}

function errorContext(errors: readonly FieldProblem[]) {
  const fieldErrors: Record<string, { text: string }> = {}
  for (const error of errors)
    fieldErrors[error.field.replace(/-(day|month|year)$/, '')] ??= { text: error.text }
  return { errors: errors.map((error) => ({ text: error.text, href: `#${error.field}` })), fieldErrors }
}

function entryView(entry: AuditRecord, names: ReadonlyMap<string, string>) {
  const name = names.get(entry.actorId) ?? entry.actorId
  return {
    seq: entry.seq,
    at: govukDateTime(entry.at),
    who: entry.actorKind === 'system' ? `${name} (API client)` : name,
    agencyId: entry.agencyId,
    action: actionInWords(entry.action),
    resource: resourceInWords(entry.resourceKind),
    childId: entry.childId,
    laId: entry.resourceKind === 'la' ? entry.resourceId : null,
    resourceAgencyId: entry.resourceKind === 'agency' ? entry.resourceId : null,
    allowed: entry.outcome === 'allowed',
    reason: entry.reason,
    lawfulBasis: entry.lawfulBasis,
    breakGlassReason: entry.breakGlassReason,
    origin: `${entry.ip}, request ${entry.requestId}`,
  }
}

/** The search's fields as typed, for the address of its older page or its download. */
function searchQuery(form: SearchForm, olderThan?: number): string {
  const { childId, userId, from, to } = form.values
  const fields: [string, string][] = [
    ['childId', childId],
    ['userId', userId],
    ...Object.entries(from).map(([part, value]): [string, string] => [`from-${part}`, value]),
    ...Object.entries(to).map(([part, value]): [string, string] => [`to-${part}`, value]),
    ['before', olderThan === undefined ? '' : String(olderThan)],
  ]
  return new URLSearchParams(fields.filter(([, value]) => value !== '')).toString()
}

const olderQuery = (form: SearchForm, olderThan: number) => searchQuery(form, olderThan)
