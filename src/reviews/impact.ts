// What came of a serious incident's review, as use cases (each one audited transaction through the
// guard): the evidence of impact the reviews people record some time after a recommendation's
// action was done, and the themes the incident is tagged with (the partnership's list).

import { actionsOf } from '../actions/index.ts'
import type { Caller } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { checkedInput } from '../platform/http/schemas.ts'
import { impactCheck, themesCheck } from './schemas.ts'
import * as store from './store.ts'
import { conflict, dateProblems, field, type ReviewsContext, recordStep } from './workflow.ts'

/** The themes incidents are tagged with: the partnership's learning themes, as the root passes them. */
export const themeList = (ctx: Pick<ReviewsContext, 'themes'>) => ctx.themes ?? []

/** Evidence that a recommendation changed practice, once its action is done; once per recommendation. */
export const recordImpact = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'impact', async (trx, row, at) => {
    const actionId = field(input, 'actionId')
    const action = (await actionsOf(trx, 'rapid-review', row.id)).find((a) => a.id === actionId)
    const unknown =
      typeof actionId === 'string' && actionId !== '' && !action
        ? [{ field: 'actionId', text: 'Select a recommendation of this review' }]
        : []
    const doneOn = action?.completed_at ? toIsoDate(action.completed_at) : undefined
    const impact = checkedInput(impactCheck, input, [
      ...unknown,
      ...dateProblems(
        'evidencedOn',
        field(input, 'evidencedOn'),
        ctx,
        doneOn,
        'Enter a date on or after the recommendation was done',
      ),
    ])
    if (!action?.completed_at) throw conflict('Record the impact once the recommendation’s action is done')
    const recorded = await store.insertImpact(trx, {
      action_id: action.id,
      incident_id: row.id,
      evidence: impact.evidence.trim(),
      evidenced_on: impact.evidencedOn,
      recorded_at: at,
      recorded_by_name: caller.actor.displayName,
    })
    if (!recorded) throw conflict('The impact of this recommendation is already recorded')
  })

/** The incident's themes, from the partnership's list (replacing those it had). */
export const setThemes = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'themes', async (trx, row) => {
    const known = new Set(themeList(ctx).map((theme) => theme.id))
    const asked = field(input, 'themes')
    const unknown =
      Array.isArray(asked) && asked.some((theme) => !known.has(String(theme)))
        ? [{ field: 'themes', text: 'Select themes from the partnership’s list' }]
        : []
    const { themes } = checkedInput(themesCheck, input, unknown)
    await store.replaceThemes(trx, row.id, [...new Set(themes)])
  })
