// Section 47 enquiries: a strategy discussion that decides on one opens it (its ICPC clock starts),
// and social care concludes it, with or without an initial conference.

import type { Transaction } from 'kysely'
import { getChildResource } from '../../children/index.ts'
import type { DB } from '../../database.ts'
import { authorizeMeeting } from '../../meetings/index.ts'
import type { Actor } from '../../platform/access/actor.ts'
import { audited, type Caller } from '../../platform/access/guard.ts'
import { govukDate } from '../../platform/http/dates.ts'
import { RequestError } from '../../platform/http/errors.ts'
import { type Section47Conclusion, section47ConclusionCheck } from '../schemas.ts'
import * as store from '../store/conference.ts'
import { findDiscussionFile } from '../store/strategy-discussion.ts'
import { findCaseTrail } from '../store/trail.ts'
import { authorizeForChild, discussionMeeting } from './access.ts'
import { type ChildProtectionContext, checkInput, recordChildEvent, subjectOf, today } from './context.ts'
import { askPartnersToRecheck } from './recheck.ts'

export async function openSection47(
  trx: Transaction<DB>,
  actor: Actor,
  s47: store.NewSection47,
): Promise<string> {
  const id = await store.insertSection47(trx, s47)
  await recordChildEvent(
    trx,
    actor,
    s47,
    'section47.started',
    `Section 47 enquiry started${s47.jointWithPolice ? ' jointly with police' : ''}; initial conference due by ${govukDate(s47.icpcDueBy)}`,
    { section47Id: id, strategyDiscussionId: s47.strategyDiscussionId, icpcDueBy: s47.icpcDueBy },
  )
  return id
}

/** Social care concludes the enquiry; with no conference needed, every partner re-checks its threshold. */
export async function concludeSection47(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  input: Section47Conclusion,
) {
  checkInput(section47ConclusionCheck, input)
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
    const s47 = await store.findSection47(trx, id)
    const discussion = s47 && (await findDiscussionFile(trx, s47.strategy_discussion_id))
    if (!s47 || !discussion) throw new RequestError(404, 'No such section 47 enquiry')
    // The enquiry opens to whoever may read the strategy discussion that started it.
    const resource = await getChildResource(trx, s47.child_id)
    authorizeMeeting(trx, caller, discussionMeeting(resource, discussion), { section47Id: id })
    const booked = await store.findBookedConference(trx, { section47Id: id })
    const trail = await findCaseTrail(trx, s47.child_id, { section47Id: id })
    return { s47, booked, resource, trail }
  })
}
