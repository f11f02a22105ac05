// The public face strategy discussions use: a discussion that decides on section 47 enquiries
// opens one here, and its ICPC clock starts.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'

export interface NewSection47 {
  childId: string
  laId: string
  strategyDiscussionId: string
  jointWithPolice: boolean
  startedOn: IsoDate
  icpcDueBy: IsoDate
}

export async function openSection47(trx: Transaction<DB>, actor: Actor, s47: NewSection47): Promise<string> {
  const row = await trx
    .insertInto('section47_enquiry')
    .values({
      child_id: s47.childId,
      la_id: s47.laId,
      strategy_discussion_id: s47.strategyDiscussionId,
      joint_with_police: s47.jointWithPolice,
      started_on: s47.startedOn,
      icpc_due_by: s47.icpcDueBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordEvent(trx, {
    type: 'section47.started',
    childId: s47.childId,
    laId: s47.laId,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary: `Section 47 enquiry started${s47.jointWithPolice ? ' jointly with police' : ''}; ICPC due by ${s47.icpcDueBy}`,
    payload: {
      section47Id: row.id,
      strategyDiscussionId: s47.strategyDiscussionId,
      icpcDueBy: s47.icpcDueBy,
    },
  })
  return row.id
}

/** The enquiry a strategy discussion started, if it started one. */
export async function findSection47ForDiscussion(db: Kysely<DB>, strategyDiscussionId: string) {
  return db
    .selectFrom('section47_enquiry')
    .select(['id', 'icpc_due_by', 'outcome'])
    .where('strategy_discussion_id', '=', strategyDiscussionId)
    .executeTakeFirst()
}
