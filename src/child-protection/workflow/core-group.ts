// Core group meetings after the conference: who came, the outcomes the plan works towards (agreed at
// the first), and the progress on each at every meeting. One audited transaction each.

import { involveAgencies } from '../../children/index.ts'
import { audited, type Caller } from '../../platform/access/guard.ts'
import { RequestError } from '../../platform/http/errors.ts'
import { coreGroupMeetingProblems } from '../rules/conference-record.ts'
import { type CoreGroupMeeting, childWordsOf, coreGroupMeetingCheck } from '../schemas.ts'
import * as plans from '../store/conference.ts'
import * as store from '../store/core-group.ts'
import { authorizeForChild } from './access.ts'
import {
  by,
  type ChildProtectionContext,
  checkInput,
  listItemField,
  recordChildEvent,
  subjectOf,
  today,
} from './context.ts'

/** The form's name for a field the schema names. */
function formField(field: string): string {
  if (field === 'attendingAgencyIds') return 'attending'
  if (field.startsWith('newOutcomes')) return 'newOutcomes'
  return listItemField('progress', 'progress', 'progress')(field)
}

/** Business support or the chair record a core group meeting held on the plan. */
export async function recordCoreGroupMeeting(
  ctx: ChildProtectionContext,
  caller: Caller,
  planId: string,
  input: CoreGroupMeeting,
): Promise<string> {
  return audited(ctx.db, async (trx) => {
    const plan = await plans.lockPlan(trx, planId)
    if (!plan) throw new RequestError(404, 'No such child protection plan')
    await authorizeForChild(trx, caller, 'conference.schedule', plan.child_id, { planId })
    if (plan.end_date) throw new RequestError(409, 'This plan has ended')
    const { outcomes } = await store.findCoreGroupRecord(trx, planId)
    const outcomeIds = outcomes.map((o) => o.id)
    const newOutcomes = input.newOutcomes.map((o) => o.trim()).filter((o) => o !== '')
    const meeting = { ...input, newOutcomes }
    checkInput(
      coreGroupMeetingCheck,
      meeting,
      coreGroupMeetingProblems(meeting, plan, outcomeIds, today(ctx)),
      formField,
    )
    const id = await store.insertCoreGroupMeeting(trx, {
      planId,
      heldOn: input.heldOn,
      attendingAgencyIds: input.attendingAgencyIds,
      recordedBy: by(caller.actor),
      progress: input.progress
        .filter((p) => outcomeIds.includes(p.outcomeId))
        .map((p) => ({ outcomeId: p.outcomeId, progress: (p.progress ?? '').trim() })),
      newOutcomes,
      childWords: childWordsOf(input),
    })
    await involveAgencies(trx, plan.child_id, input.attendingAgencyIds, 'meeting', 'core group')
    await recordChildEvent(
      trx,
      caller.actor,
      subjectOf(plan),
      'cp-plan.core-group-met',
      `Core group met on ${input.heldOn}: progress on ${outcomeIds.length} outcomes${newOutcomes.length ? `, ${newOutcomes.length} outcomes agreed` : ''}`,
      { planId, meetingId: id, heldOn: input.heldOn, attendingAgencyIds: [...input.attendingAgencyIds] },
    )
    return id
  })
}
