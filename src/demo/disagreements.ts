// A couple of professional disagreements for the demo partnership, raised the way a school's system
// would raise them (through the API with its own key) with the child's council, about children on
// that school's roll, so the disagreements list and the report have something in them on first start.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import { issueApiKey } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'

const DISAGREEMENTS = [
  {
    about: 'outside-masa',
    reasonId: 'threshold-not-met',
    detail:
      'Early help was refused for a family where the school sees neglect every week; we ask for a CIN assessment.',
  },
  {
    about: 'information-not-shared',
    reasonId: 'information-sharing',
    detail: 'The school was not told of a police call-out to the home before the child came in distressed.',
  },
]

/** Raises a disagreement about each of a few children on schools' rolls; returns how many were accepted. */
export async function sendDemoDisagreements(
  app: Pick<FastifyInstance, 'inject'>,
  database: Database,
  partnership: PartnershipConfig,
): Promise<number> {
  const rows = await database.db
    .selectFrom('child_involvement as i')
    .innerJoin('child', 'child.id', 'i.child_id')
    .select(['i.child_id', 'i.agency_id', 'child.la_id'])
    .where('i.kind', '=', 'roll')
    .where('i.ended_at', 'is', null)
    .orderBy('child.la_child_id', 'desc')
    .limit(DISAGREEMENTS.length)
    .execute()
  let accepted = 0
  for (const [index, row] of rows.entries()) {
    const council = partnership.agencies.find(
      (agency) => agency.kind === 'local-authority' && agency.la === row.la_id,
    )
    if (!council) continue
    const key = await issueApiKey(database.db, {
      agencyId: row.agency_id,
      name: 'Demo school information system (disagreements)',
      scopes: ['events:write'],
    })
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/children/${row.child_id}/disagreements`,
      headers: { authorization: `Bearer ${key}` },
      payload: { ...DISAGREEMENTS[index], otherAgencyId: council.id },
    })
    if (response.statusCode < 300) accepted += 1
  }
  return accepted
}
