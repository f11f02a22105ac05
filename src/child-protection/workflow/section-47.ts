// Section 47 enquiries: a strategy discussion that decides on one opens it (its ICPC clock starts),
// and social care concludes it, with or without an initial conference.

import type { Transaction } from 'kysely'
import { authorizeMeeting } from '../../meetings/index.ts'
import type { Actor } from '../../platform/access/actor.ts'
import { audited, getChildResource } from '../../platform/access/guard.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'
import type { DB } from '../../platform/db/schema.ts'
import { recordEvent } from '../../platform/events/event.ts'
import { RequestError } from '../../platform/http/errors.ts'
import type { Section47Conclusion } from '../schemas.ts'
import * as store from '../store/conference.ts'
import { findDiscussionFile } from '../store/strategy-discussion.ts'
import { authorizeForChild, type Caller, discussionMeeting } from './access.ts'
import { type ChildProtectionContext, check, recordChildEvent, subjectOf, today } from './context.ts'
import { askPartnersToRecheck } from './recheck.ts'

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

/** Social care concludes the enquiry; with no conference needed, every partner re-checks its threshold. */
export async function concludeSection47(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  input: Section47Conclusion,
) {
  if (!input.reasons.trim()) check([{ field: 'reasons', text: 'Enter the outcome of the enquiry' }])
  return audited(ctx.db, async (trx) => {
    const s47 = await store.lockSection47(trx, id)
    if (!s47) throw new RequestError(404, 'No such section 47 enquiry')
    await authorizeForChild(trx, caller, 'strategy.chair', s47.child_id, { section47Id: id })
    if (s47.outcome) throw new RequestError(409, 'This enquiry has already been concluded')
    await store.writeSection47Outcome(trx, id, input.outcome, input.reasons, today(ctx), caller.actor.id)
    const noConference = input.outcome === 'icpc-not-required'
    await recordChildEvent(
      trx,
      caller.actor,
      subjectOf(s47),
      'section47.concluded',
      noConference
        ? 'Section 47 enquiry concluded: no conference needed'
        : 'Section 47 enquiry concluded: initial conference needed',
      { section47Id: id, outcome: input.outcome },
    )
    if (noConference) await askPartnersToRecheck(trx, ctx, caller.actor, s47, 'nfa-after-s47', id)
  })
}

export async function readSection47(ctx: ChildProtectionContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const s47 = await trx.selectFrom('section47_enquiry').selectAll().where('id', '=', id).executeTakeFirst()
    const discussion = s47 && (await findDiscussionFile(trx, s47.strategy_discussion_id))
    if (!s47 || !discussion) throw new RequestError(404, 'No such section 47 enquiry')
    // The enquiry opens to whoever may read the strategy discussion that started it.
    const resource = await getChildResource(trx, s47.child_id)
    authorizeMeeting(trx, caller, discussionMeeting(resource, discussion), { section47Id: id })
    const booked = await store.findBookedConference(trx, { section47Id: id })
    return { s47, booked, resource }
  })
}
