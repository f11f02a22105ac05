// What the child's record flags of missing episodes, for whom may read them: missing now (since
// when, the risk), and how often the child went missing in the last 90 days and 12 months.

import { sql, type Transaction } from 'kysely'
import type { ChildFlag, ChildFlagSource } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { govukDateTime } from '../platform/http/dates.ts'
import { countsInWords, missingCounts } from './rules.ts'
import { RISK_GRADINGS } from './schemas.ts'
import { episodesOf } from './store.ts'

export const missingFlags: ChildFlagSource = {
  mayHave: (childId) => sql<boolean>`EXISTS (SELECT 1 FROM missing_episode WHERE child_id = ${childId})`,
  read: readMissingFlags,
}

async function readMissingFlags(
  trx: Transaction<DB>,
  actor: Actor,
  child: ChildResource,
  today: string,
): Promise<ChildFlag[]> {
  if (!decide(actor, 'missing.view', child).allowed) return []
  const episodes = await episodesOf(trx, child.childId)
  const href = `/children/${child.childId}/missing`
  const flags: ChildFlag[] = episodes
    .filter((episode) => !episode.returned_at)
    .map((episode) => ({
      title: 'Missing now',
      detail: `Since ${govukDateTime(episode.went_missing_at)}, ${RISK_GRADINGS[episode.risk].toLowerCase()}`,
      href,
    }))
  const counts = missingCounts(
    episodes.map((episode) => episode.went_missing_at),
    today,
  )
  if (counts.last12Months > 0) flags.push({ title: 'Missing episodes', detail: countsInWords(counts), href })
  return flags
}
