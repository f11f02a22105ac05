// /children/:id/chronology: every event, decision, meeting and share about a child in time order,
// filterable by agency and kind (a GET form, so it works without JavaScript), printable, and as a
// download (CSV or Excel) of the same filtered entries.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { getChildResource, refusable } from '../children/index.ts'
import type { DB } from '../database.ts'
import { getActor, requireUser } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { accessFrom, audited, authorize } from '../platform/access/guard.ts'
import { EXPORT_FORMATS, sendListExport } from '../platform/exports/list-export.ts'
import { govukDateTime } from '../platform/http/dates.ts'
import { eventInWords } from '../platform/http/words.ts'
import { type ChronologyPage, chronologyPage, readableOn } from './rules.ts'
import { type ChronologyEntry, chronologyFacets, listChronology } from './store.ts'

interface ChronologyQuery {
  agency?: string
  kind?: string
  format?: string
  page?: string
}

export function registerChronologyPages(
  app: FastifyInstance,
  db: Kysely<DB>,
  partnership: PartnershipConfig,
): void {
  const agencyName = (id: string) => partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  const route = { preHandler: requireUser, schema: { hide: true } }

  /**
   * The entries the viewer may read, filtered as asked: one page of them for the page, all of them for
   * a download; the reading (or download) audited.
   */
  const readChronology = (request: FastifyRequest, download?: string) => {
    const { id } = request.params as { id: string }
    const { agency, kind, page: asked } = request.query as ChronologyQuery
    const actor = getActor(request)
    return audited(db, async (trx) => {
      const child = await getChildResource(trx, id)
      const detail = { agency, kind, ...(download ? { downloaded: download } : {}) }
      authorize(trx, { ...accessFrom(request), action: 'chronology.view', resource: child, detail })
      const filter = {
        markings: readableOn(actor, child),
        agencyId: agency || undefined,
        family: kind || undefined,
      }
      const facets = await chronologyFacets(trx, id, filter)
      const page = chronologyPage(asked, facets.shown)
      const [entries, names] = await Promise.all([
        listChronology(trx, id, filter, download ? undefined : page),
        trx
          .selectFrom('child')
          .select(['given_name', 'family_name'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      ])
      return { childId: id, entries, facets, page, childName: `${names.given_name} ${names.family_name}` }
    })
  }

  app.get(
    '/children/:id/chronology',
    route,
    refusable(
      partnership,
      'record',
    )(async (request, reply) => {
      const { agency, kind } = request.query as ChronologyQuery
      const filtered = new URLSearchParams({ ...(agency ? { agency } : {}), ...(kind ? { kind } : {}) })
      const read = await readChronology(request)
      return reply.view('chronology/views/chronology.njk', {
        ...read,
        agencyName,
        selected: { agency: agency ?? '', kind: kind ?? '' },
        download: filtered.toString(),
        pagination: pagination(`/children/${read.childId}/chronology`, filtered, read.page),
        firstShown: read.page.offset + 1,
        lastShown: read.page.offset + read.entries.length,
      })
    }),
  )

  app.get(
    '/children/:id/chronology/download',
    route,
    refusable(
      partnership,
      'record',
    )(async (request, reply) => {
      const format = EXPORT_FORMATS.find((f) => f === (request.query as ChronologyQuery).format) ?? 'csv'
      const { childName, entries } = await readChronology(request, format)
      return sendListExport<ChronologyEntry>(reply, {
        format,
        title: 'Chronology',
        filename: `chronology-${childName}`,
        rows: entries,
        columns: [
          { header: 'When', value: (entry) => govukDateTime(entry.occurredAt) },
          { header: 'Agency', value: (entry) => agencyName(entry.agencyId) },
          { header: 'Kind of entry', value: (entry) => eventInWords(entry.family) },
          { header: 'What', value: (entry) => entry.summary },
          { header: 'Marking', value: (entry) => markingInWords(entry.sensitivity) },
        ],
      })
    }),
  )
}

const markingInWords = (sensitivity: string) =>
  sensitivity === 'standard'
    ? ''
    : `${sensitivity[0]?.toUpperCase()}${sensitivity.slice(1).replace(/-/g, ' ')}`

/** GOV.UK pagination's links for the pages of a chronology, keeping its filters; none for one page. */
function pagination(path: string, filtered: URLSearchParams, { page, pages }: ChronologyPage) {
  if (pages === 1) return undefined
  const href = (n: number) => {
    const query = new URLSearchParams(filtered)
    if (n > 1) query.set('page', String(n))
    const text = query.toString()
    return text ? `${path}?${text}` : path
  }
  // The first, the last, and those next to this page; an ellipsis for the pages left out.
  const near = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b)
  const items = near.flatMap((n, i) => [
    ...(i > 0 && n - (near[i - 1] ?? n) > 1 ? [{ ellipsis: true }] : []),
    { number: n, href: href(n), current: n === page },
  ])
  return {
    items,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
  }
}
