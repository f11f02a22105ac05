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
import { readableOn } from './rules.ts'
import { type ChronologyEntry, chronologyFacets, listChronology } from './store.ts'

interface ChronologyQuery {
  agency?: string
  kind?: string
  format?: string
}

export function registerChronologyPages(
  app: FastifyInstance,
  db: Kysely<DB>,
  partnership: PartnershipConfig,
): void {
  const agencyName = (id: string) => partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  const route = { preHandler: requireUser, schema: { hide: true } }

  /** The entries the viewer may read, filtered as asked; the reading (or download) audited. */
  const readChronology = (request: FastifyRequest, download?: string) => {
    const { id } = request.params as { id: string }
    const { agency, kind } = request.query as ChronologyQuery
    const actor = getActor(request)
    return audited(db, async (trx) => {
      const child = await getChildResource(trx, id)
      const detail = { agency, kind, ...(download ? { downloaded: download } : {}) }
      authorize(trx, { ...accessFrom(request), action: 'chronology.view', resource: child, detail })
      const markings = readableOn(actor, child)
      const filter = { markings, agencyId: agency || undefined, family: kind || undefined }
      const [entries, facets, names] = await Promise.all([
        listChronology(trx, id, filter),
        chronologyFacets(trx, id, markings),
        trx
          .selectFrom('child')
          .select(['given_name', 'family_name'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      ])
      return { childId: id, entries, facets, childName: `${names.given_name} ${names.family_name}` }
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
      const download = new URLSearchParams({ ...(agency ? { agency } : {}), ...(kind ? { kind } : {}) })
      return reply.view('chronology/views/chronology.njk', {
        ...(await readChronology(request)),
        agencyName,
        selected: { agency: agency ?? '', kind: kind ?? '' },
        download: download.toString(),
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
