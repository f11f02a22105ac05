// The feedback loop (model 2): when one agency closes its part (no further action after the section
// 47 enquiry, no plan, a plan ended), every other involved partner re-checks its own threshold.

import type { Transaction } from 'kysely'
import { endCaseInvolvements, endRecheckInvolvement, getChildResource } from '../../children/index.ts'
import type { DB } from '../../database.ts'
import { agencyName } from '../../meetings/index.ts'
import type { Actor } from '../../platform/access/actor.ts'
import { audited, type Caller } from '../../platform/access/guard.ts'
import { RequestError } from '../../platform/http/errors.ts'
import { enqueueWebhook } from '../../platform/webhooks/store.ts'
import { CLOSURE_KIND_LABELS, partnersToRecheck, RECHECK_ANSWER_LABELS } from '../rules/conference.ts'
import { type ClosureKind, type RecheckAnswerInput, recheckAnswerCheck } from '../schemas.ts'
import * as store from '../store/conference.ts'
import { authorizeForChild, authorizeOwnPart } from './access.ts'
import { type ChildProtectionContext, checkInput, recordChildEvent, subjectOf } from './context.ts'

const RECHECK_REQUESTED = 'threshold.recheck-requested'

export async function askPartnersToRecheck(
  trx: Transaction<DB>,
  ctx: ChildProtectionContext,
  actor: Actor,
  subject: { child_id: string; la_id: string },
  closureKind: ClosureKind,
  sourceId: string,
) {
  const closing = ctx.partnership.agencies.find((a) => a.kind === 'local-authority' && a.la === subject.la_id)
  const closingAgencyId = closing?.id ?? actor.agencyId
  const agencyIds = partnersToRecheck(await store.involvedAgencies(trx, subject.child_id), closingAgencyId)
  const closure = { reason: CLOSURE_KIND_LABELS[closureKind], at: ctx.now(), askedToRecheck: agencyIds }
  await endCaseInvolvements(trx, { childId: subject.child_id, ...closure })
  await store.insertRechecks(trx, {
    ...subjectOf(subject),
    closingAgencyId,
    closureKind,
    sourceId,
    agencyIds,
  })
  const asked = await recordChildEvent(
    trx,
    actor,
    subjectOf(subject),
    RECHECK_REQUESTED,
    `${CLOSURE_KIND_LABELS[closureKind]}: ${agencyIds.length} partners asked to re-check their own threshold`,
    { closureKind, sourceId, closingAgencyId, agencyIds },
  )
  await enqueueWebhook(trx, {
    eventId: asked.id,
    type: RECHECK_REQUESTED,
    occurredAt: asked.occurredAt,
    agencyIds,
    data: { childId: subject.child_id, closureKind, closingAgencyId, sourceId },
  })
}

export async function answerRecheck(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  input: RecheckAnswerInput,
) {
  checkInput(recheckAnswerCheck, input)
  return audited(ctx.db, async (trx) => {
    const recheck = await store.lockRecheck(trx, id)
    if (!recheck) throw new RequestError(404, 'No such request')
    // Its own answer ended the agency's involvement (children/involvement.ts): say so, not "not involved".
    if (recheck.agency_id === caller.actor.agencyId && recheck.answer)
      throw new RequestError(409, 'Your agency has already answered')
    authorizeOwnPart(
      trx,
      caller,
      {
        of: { action: 'event.acknowledge', resource: await getChildResource(trx, recheck.child_id) },
        for: 'recheck',
        askedAgencyIds: [recheck.agency_id],
      },
      { recheckId: id },
    )
    const { actor } = caller
    if (recheck.answer) throw new RequestError(409, 'Your agency has already answered')
    const { answer } = input
    await store.writeRecheckAnswer(trx, id, answer, input.notes, actor.id)
    await endRecheckInvolvement(trx, { childId: recheck.child_id, agencyId: actor.agencyId, at: ctx.now() })
    const agency = agencyName(ctx.partnership, actor.agencyId)
    await recordChildEvent(
      trx,
      actor,
      subjectOf(recheck),
      'threshold.recheck-answered',
      `${agency}: ${RECHECK_ANSWER_LABELS[answer]}`,
      {
        recheckId: id,
        agencyId: actor.agencyId,
        answer,
        sourceId: recheck.source_id,
      },
    )
  })
}

export async function readRechecks(ctx: ChildProtectionContext, caller: Caller, childId: string) {
  return audited(ctx.db, async (trx) => {
    await authorizeForChild(trx, caller, 'child.view', childId, { rechecks: true })
    return store.listRechecksForChild(trx, childId)
  })
}
