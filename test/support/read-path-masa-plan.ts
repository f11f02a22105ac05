// The MASA plan's part of the read-path scenario (read-path-scenario.ts): no child's data. The
// partnership's administrator (not a viewer) takes another partnership's plan into the forum and
// records feedback to it, and imports the feedback a forum elsewhere sent back to this partnership
// as a file; then writes the plan's vision, publishes the plan (version 1), and writes its
// leadership section, still a draft.

import { randomUUID } from 'node:crypto'
import { importForumPlan, readForum, recordFeedback } from '../../src/masa-plan/forum.ts'
import { FEEDBACK_FORMAT, GUIDANCE } from '../../src/masa-plan/schemas.ts'
import { exportPlan, importForumFeedback, publishPlan, writeSection } from '../../src/masa-plan/workflow.ts'
import type { PartnershipConfig } from '../../src/partnership/config.ts'
import type { TestApp } from './app.ts'
import { enrolledCaller } from './people.ts'

export interface ScenarioMasaPlan {
  /** The text of the feedback a forum elsewhere sent back, shown on the plan's page. */
  received: string
  /** The text of this forum's feedback to another partnership, for the forum alone. */
  toOther: string
  /** The other partnership's plan in the forum, whose feedback file the forum downloads. */
  otherPlanId: string
  /** The vision as published in `version`, and the leadership section written after it. */
  published: string
  version: number
  draft: string
}

export async function seedMasaPlan(t: TestApp, partnership: PartnershipConfig): Promise<ScenarioMasaPlan> {
  const ctx = { db: t.database.db, partnership, now: () => new Date() }
  const admin = await enrolledCaller(ctx.db, {
    name: 'seed forum admin',
    agencyId: 'leicester-city-council',
    agencyKind: 'local-authority',
    role: 'partnership-admin',
  })
  const elsewhere = { id: 'read-path-elsewhere', name: 'Elsewhere Safeguarding Partnership' }
  const own = await exportPlan(ctx, admin)
  await importForumPlan(ctx, admin, JSON.stringify({ ...own, partnership: elsewhere }))
  const otherPlanId = (await readForum(ctx, admin)).plans.find((p) => p.ref !== 'own')?.ref as string
  const toOther = 'RPM-FORUM-FEEDBACK-TO-ELSEWHERE'
  await recordFeedback(ctx, admin, { plan: otherPlanId, body: toOther })
  const received = 'RPM-FORUM-FEEDBACK-RECEIVED'
  await importForumFeedback(
    ctx,
    admin,
    JSON.stringify({
      format: FEEDBACK_FORMAT,
      guidance: GUIDANCE,
      forum: elsewhere,
      partnership: { id: partnership.partnership.id, name: partnership.partnership.name },
      exportedAt: new Date().toISOString(),
      feedback: [
        { id: randomUUID(), writtenAt: new Date().toISOString(), writtenBy: 'Forum chair', text: received },
      ],
    }),
  )
  const published = 'RPM-MASA-SECTION-PUBLISHED: a partnership that hears children'
  await writeSection(ctx, admin, 'vision', { text: published })
  const version = await publishPlan(ctx, admin)
  const draft = 'RPM-MASA-SECTION-DRAFT: the leads meet every month'
  await writeSection(ctx, admin, 'leadership', { text: draft })
  return { received, toOther, otherPlanId, published, version, draft }
}
