// Learning briefings' part of the read-path scenario (read-path-scenario.ts): no child's data. A
// briefing written and sent by a seed reviews lead to the hospital's practitioners, one of them a
// seed reader whose name is read through who the briefing reached: its page's reach and its download
// (learning/workflow.ts readBriefing, reachExport), for whoever oversees the partnership's learning.

import { publish, writeBriefing } from '../../src/learning/workflow.ts'
import type { PartnershipConfig } from '../../src/partnership/config.ts'
import type { TestApp } from './app.ts'
import { callerOf, enrolledViewer, HOSPITAL, LA } from './read-path-scenario.ts'

export interface ScenarioLearning {
  briefingId: string
  /** A seed practitioner it reached, who has not read it: named only in its reach. */
  readerName: string
}

export async function seedLearning(t: TestApp, partnership: PartnershipConfig): Promise<ScenarioLearning> {
  const lead = await enrolledViewer(t, partnership, {
    name: 'RPM learning lead',
    agencyId: LA,
    role: 'review-lead',
  })
  const reader = await enrolledViewer(t, partnership, {
    name: 'RPM briefing reader',
    agencyId: HOSPITAL,
    role: 'mat-practitioner',
    laId: 'leicester',
  })
  const ctx = { db: t.database.db, partnership, now: () => new Date() }
  const { id } = await writeBriefing(ctx, callerOf(lead), {
    title: 'Read-path briefing',
    background: 'Background',
    keyFindings: 'Findings',
    learning: 'Learning',
    doDifferently: 'Differently',
    reflectionQuestions: 'Questions',
    themes: ['neglect'],
  })
  await publish(ctx, callerOf(lead), id, { agencyIds: [HOSPITAL], roles: ['mat-practitioner'] })
  return { briefingId: id, readerName: `${reader.name} (${HOSPITAL})` }
}
