// What the read-only reviews API answers (api.ts), as one audited use case: the serious incidents the
// caller reads whole (an LA's system with `reviews:read`: its own LA's), their status and deadlines,
// and their recommendations' progress with the evidence of impact. Never who the child is.

import { actionsOf } from '../actions/index.ts'
import { getChildResources } from '../children/index.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { nextStep } from './rules.ts'
import type { IncidentStatus, RecommendationStatus } from './schemas.ts'
import * as store from './store.ts'
import type { ReviewsContext } from './workflow.ts'

/** Where an action stands today: done, overdue, due today or open. */
const statusOf = (action: { completed_at: Date | null; due_by: IsoDate }, today: IsoDate) =>
  action.completed_at
    ? 'done'
    : action.due_by < today
      ? 'overdue'
      : action.due_by === today
        ? 'due-today'
        : 'open'

export async function reviewsStatus(
  ctx: ReviewsContext,
  caller: Caller,
): Promise<{ incidents: IncidentStatus[]; recommendations: RecommendationStatus[] }> {
  const { actor } = caller
  const laIds =
    actor.kind === 'system'
      ? actor.serves === 'all'
        ? null
        : [...(actor.serves ?? [])]
      : grantedLaIds(actor, 'review.view')
  return audited(ctx.db, async (trx) => {
    const rows = await store.incidentsFor(trx, laIds, actor.agencyId)
    const ids = rows.map((row) => row.id)
    const invited = await store.invitedAgencies(trx, ids)
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const themes = await store.themesOf(trx, ids)
    const today = toIsoDate(ctx.now())
    const incidents: IncidentStatus[] = []
    const recommendations: RecommendationStatus[] = []
    for (const row of rows) {
      const child = children.get(row.child_id)
      if (!child) continue
      const resource = {
        kind: 'review' as const,
        reviewId: row.id,
        child,
        laId: row.la_id,
        invitedAgencyIds: invited.get(row.id) ?? [],
      }
      const decision = decide(actor, 'review.view', resource)
      if (!decision.allowed || decision.basis === 'invited') continue
      authorize(trx, { ...caller, action: 'review.view', resource, detail: { api: true } })
      const next = nextStep(row)
      const practice = await store.practiceReviewOf(trx, row.id)
      incidents.push({
        id: row.id,
        reference: row.reference,
        laId: row.la_id,
        learnedOn: row.learned_on,
        next: next.words,
        nextDueBy: next.dueBy,
        notifyBy: row.notify_by,
        decision: row.decision,
        notifiedOn: row.notified_on,
        rapidReviewDueBy: row.rapid_review_due_by,
        rapidReviewSentOn: row.record_sent_on,
        panelRepliedOn: row.panel_replied_on,
        lcspr: row.lcspr,
        themes: themes.get(row.id) ?? [],
        practiceReview: practice
          ? {
              decidedOn: practice.decided_on,
              publishBy: practice.publish_by,
              draftVersion: practice.draft_version,
              signedOffOn: practice.signed_off_on,
              publishedOn: practice.published_on,
              panelCopySentOn: practice.panel_copy_sent_on,
            }
          : null,
      })
      const impacts = new Map((await store.impactsOf(trx, [row.id])).map((i) => [i.action_id, i]))
      for (const action of await actionsOf(trx, 'rapid-review', row.id)) {
        const impact = impacts.get(action.id)
        recommendations.push({
          incidentId: row.id,
          reference: row.reference,
          description: action.description,
          ownerAgencyId: action.owner_agency_id,
          dueBy: action.due_by,
          status: statusOf(action, today),
          completedAt: action.completed_at?.toISOString() ?? null,
          impact: impact ? { evidence: impact.evidence, evidencedOn: impact.evidenced_on } : null,
        })
      }
    }
    return { incidents, recommendations }
  })
}
