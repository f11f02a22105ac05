// A few exploitation screenings for the demo partnership, sent the way a school's system would send
// them (through the API with its own key), about teenagers on that school's roll, so a child's
// history of screenings has something in it on first start.

import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Database } from '../database.ts'
import { issueApiKey } from '../identity/index.ts'

const SCREENINGS = [
  {
    indicators: ['absent-or-missing', 'gifts-or-money', 'gangs-and-crime', 'found-out-of-area'],
    concerns: 'Missing from lessons most afternoons; found by police in another city with older boys.',
  },
  {
    indicators: ['technology-and-bullying', 'emotional-physical', 'gifts-or-money'],
    concerns: 'A second phone, new clothes and a much older “friend” met online; withdrawn in class.',
  },
  {
    indicators: ['distrust-of-authority'],
    concerns: 'Will not talk to staff about where they go after school.',
  },
]

/** Sends a screening about each of a few teenagers on one school's roll; returns how many were accepted. */
export async function sendDemoScreenings(
  app: Pick<FastifyInstance, 'inject'>,
  database: Database,
): Promise<number> {
  const rows = await database.db
    .selectFrom('child_involvement as i')
    .innerJoin('child', 'child.id', 'i.child_id')
    .select(['i.child_id', 'i.agency_id'])
    .where('i.kind', '=', 'roll')
    .where('i.ended_at', 'is', null)
    .where('child.date_of_birth', '<', sql<string>`(current_date - interval '12 years')::date`)
    .orderBy('child.la_child_id')
    .limit(SCREENINGS.length)
    .execute()
  let accepted = 0
  for (const [index, row] of rows.entries()) {
    const key = await issueApiKey(database.db, {
      agencyId: row.agency_id,
      name: 'Demo school information system (exploitation screening)',
      scopes: ['events:write'],
    })
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/children/${row.child_id}/exploitation-screenings`,
      headers: { authorization: `Bearer ${key}` },
      payload: SCREENINGS[index],
    })
    if (response.statusCode < 300) accepted += 1
  }
  return accepted
}
