// /children/:id/chronology: every event, decision, meeting and share about a child in time order,
// filterable by agency and kind (a GET form, so it works without JavaScript), printable.
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { refusable } from '../children/break-glass.ts'
import { getChildResource } from '../children/index.ts'
import type { DB } from '../database.ts'
import { getActor, requireUser } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { accessFrom, audited, authorize } from '../platform/access/guard.ts'
import { type ChildResource, decide, type Sensitivity } from '../platform/access/policy.ts'
import { chronologyFacets, listChronology } from './store.ts'

const MARKINGS: readonly Sensitivity[] = ['standard', 'police-restricted', 'health-restricted', 'sealed']

/** The markings on this child's entries the viewer may read, asked of the policy one by one. */
export function readableOn(actor: Actor, child: ChildResource): Sensitivity[] {
  return MARKINGS.filter((sensitivity) => decide(actor, 'chronology.view', { ...child, sensitivity }).allowed)
}

export function registerChronology(
  app: FastifyInstance,
  db: Kysely<DB>,
  partnership: PartnershipConfig,
): void {
  const agencyName = (id: string) => partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  app.get(
    '/children/:id/chronology',
    { preHandler: requireUser, schema: { hide: true } },
    refusable(
      partnership,
      'record',
    )(async (request, reply) => {
      const { id } = request.params as { id: string }
      const query = request.query as { agency?: string; kind?: string }
      const actor = getActor(request)
      const page = await audited(db, async (trx) => {
        const child = await getChildResource(trx, id)
        authorize(trx, {
          ...accessFrom(request),
          action: 'chronology.view',
          resource: child,
          detail: { ...query },
        })
        const markings = readableOn(actor, child)
        const filter = { markings, agencyId: query.agency || undefined, family: query.kind || undefined }
        const [entries, facets, names] = await Promise.all([
          listChronology(trx, id, filter),
          chronologyFacets(trx, id, markings),
          trx
            .selectFrom('child')
            .select(['given_name', 'family_name'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow(),
        ])
        return { entries, facets, childName: `${names.given_name} ${names.family_name}` }
      })
      return reply.view('chronology/views/chronology.njk', {
        ...page,
        childId: id,
        agencyName,
        selected: { agency: query.agency ?? '', kind: query.kind ?? '' },
      })
    }),
  )
}
