// The regional forum's use cases (issue 15, "Sharing and learning across partnerships"), each one
// audited transaction decided by the policy (`masa-plan.forum`): partnerships' plan files imported
// (pasted, checked against the one format), compared side by side with this installation's own plan
// section by section, feedback recorded to each partnership and downloaded as a feedback file for
// its own installation, and a wider-footprint plan drafted from chosen sections and exported in the
// same format.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import { audited, type Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, isUuid } from '../platform/http/schemas.ts'
import { type ComparedPlan, compareSections, instantOf, readPlanFile } from './rules.ts'
import {
  choiceCheck,
  FEEDBACK_FORMAT,
  type FeedbackFile,
  FILE_FORMAT,
  feedbackCheck,
  GUIDANCE,
  type PlanFile,
} from './schemas.ts'
import { SECTIONS, sectionOf } from './sections.ts'
import * as store from './store.ts'
import { allow, type MasaPlanContext, planFileOf } from './workflow.ts'

const OWN = 'own'

/** This installation's plan and every imported one, own first. */
async function plansOf(trx: Kysely<DB>, ctx: MasaPlanContext) {
  const own: ComparedPlan & { importedAt: Date | null; importedByName: string | null } = {
    ref: OWN,
    name: `${ctx.partnership.partnership.name} (this partnership)`,
    file: await planFileOf(trx, ctx),
    importedAt: null,
    importedByName: null,
  }
  const imported = (await store.forumPlans(trx))
    .filter((row) => row.plan_partnership_id !== ctx.partnership.partnership.id)
    .map((row) => ({
      ref: row.id,
      name: row.partnership_name,
      file: row.file,
      importedAt: row.imported_at,
      importedByName: row.imported_by_name,
    }))
  return [own, ...imported]
}

/** The forum: the plans with their feedback, the comparison by section, and the wider draft's choices. */
export const readForum = (ctx: MasaPlanContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.forum')
    const plans = await plansOf(trx, ctx)
    const feedback = await store.feedback(trx)
    const choices = new Map((await store.choices(trx)).map((row) => [row.section, row]))
    return {
      plans: plans.map((plan) => ({
        ...plan,
        sectionsWritten: plan.file.sections.length,
        feedback: feedback.filter((row) => (row.plan_id ?? OWN) === plan.ref),
      })),
      sections: compareSections(plans),
      choices: SECTIONS.map((section) => ({
        key: section.key,
        title: section.title,
        choice: choices.get(section.key),
      })),
    }
  })

/** Imports a partnership's plan file; a later file from the same partnership replaces its earlier one. */
export const importForumPlan = (ctx: MasaPlanContext, caller: Caller, text: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.forum', { step: 'import' })
    const file = readPlanFile(text)
    if (file.partnership.id === ctx.partnership.partnership.id)
      throw new RequestError(
        409,
        'This is this partnership’s own plan: the forum already compares it as it stands',
        'file',
      )
    await store.upsertForumPlan(trx, file, ctx.now(), caller.actor.displayName)
    return file.partnership.name
  })

async function planOf(trx: Kysely<DB>, ctx: MasaPlanContext, ref: string) {
  const plan = (await plansOf(trx, ctx)).find((p) => p.ref === ref)
  if (!plan) throw new RequestError(404, 'That plan is not in the forum')
  return plan
}

/** Records the forum's feedback to one partnership on its plan. */
export const recordFeedback = (ctx: MasaPlanContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.forum', { step: 'feedback' })
    const { plan, body } = checkedInput(feedbackCheck, input)
    const found = await planOf(trx, ctx, plan)
    const exportedAt = instantOf(found.file.exportedAt)
    const about =
      plan === OWN || !exportedAt ? null : { exportedAt, version: found.file.publishedVersion ?? null }
    await store.insertFeedback(
      trx,
      { planId: plan === OWN ? null : plan, about },
      body.trim(),
      ctx.now(),
      caller.actor.displayName,
    )
    return found.name
  })

/**
 * The forum's feedback to one partnership whose plan file it imported, as a feedback file for that
 * partnership to import into its own installation (masa-plan-feedback/1): every piece recorded to
 * it, each with its id so that a later, fuller file adds only what is new.
 */
export const feedbackFile = (ctx: MasaPlanContext, caller: Caller, ref: string) =>
  audited(ctx.db, async (trx): Promise<FeedbackFile> => {
    allow(trx, caller, 'masa-plan.forum', { step: 'export-feedback', planId: ref })
    const own = ctx.partnership.partnership
    const plan = isUuid(ref) ? (await store.forumPlans(trx)).find((row) => row.id === ref) : undefined
    if (!plan || plan.plan_partnership_id === own.id)
      throw new RequestError(404, 'That plan is not in the forum')
    return {
      format: FEEDBACK_FORMAT,
      guidance: GUIDANCE,
      forum: { id: own.id, name: own.name },
      partnership: { id: plan.plan_partnership_id, name: plan.partnership_name },
      exportedAt: ctx.now().toISOString(),
      feedback: (await store.feedback(trx))
        .filter((row) => row.plan_id === plan.id)
        .map((row) => ({
          id: row.id,
          writtenAt: row.written_at.toISOString(),
          writtenBy: row.written_by_name,
          text: row.body,
          ...(row.plan_exported_at
            ? {
                plan: {
                  exportedAt: row.plan_exported_at.toISOString(),
                  ...(row.plan_version ? { publishedVersion: row.plan_version } : {}),
                },
              }
            : {}),
        })),
    }
  })

/** Chooses one partnership's text of a section for the wider-footprint plan (replacing an earlier choice). */
export const chooseSection = (ctx: MasaPlanContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'masa-plan.forum', { step: 'choose' })
    const { plan, section } = checkedInput(choiceCheck, input)
    const found = await planOf(trx, ctx, plan)
    const text = found.file.sections.find((s) => s.key === section)
    if (!text?.text.trim())
      throw new RequestError(409, `${found.name} has not written the section “${sectionOf(section)?.title}”`)
    await store.upsertChoice(
      trx,
      { section, from_name: found.name, body: text.text, answers: text.answers },
      ctx.now(),
      caller.actor.displayName,
    )
    return section
  })

/** The wider-footprint draft, in the one plan file format: the chosen sections, no registers yet. */
export const widerPlanFile = (ctx: MasaPlanContext, caller: Caller) =>
  audited(ctx.db, async (trx): Promise<PlanFile> => {
    allow(trx, caller, 'masa-plan.forum', { step: 'export-wider' })
    const choices = new Map((await store.choices(trx)).map((row) => [row.section, row]))
    return {
      format: FILE_FORMAT,
      guidance: GUIDANCE,
      partnership: { id: 'wider-footprint', name: 'Wider footprint plan (regional forum draft)' },
      exportedAt: ctx.now().toISOString(),
      sections: SECTIONS.flatMap((section) => {
        const row = choices.get(section.key)
        return row ? [{ key: section.key, text: row.body, answers: row.answers }] : []
      }),
      partners: [],
      contributions: [],
      reviewPoints: [],
    }
  })
