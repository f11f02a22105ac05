// The yearly report's part of the read-path scenario (read-path-scenario.ts): the partnership's
// administrator starts this reporting year's report and writes a narrative (a draft, for the report's
// readers of drafts), and last year's, which the three lead safeguarding partners (seed safeguarding
// managers of the LA, the police and health) sign off and the administrator publishes (for everyone
// signed in). Aggregates only: what is read is the business unit's narrative.

import type { PartnershipConfig } from '../../src/partnership/config.ts'
import { toIsoDate } from '../../src/platform/calendar/working-days.ts'
import { reportingYearOf } from '../../src/yearly-report/rules.ts'
import { publish, signOff, startReport, writeNarrative } from '../../src/yearly-report/workflow.ts'
import type { TestApp } from './app.ts'
import { CASELOAD_HEALTH, callerOf, enrolledViewer, LA, POLICE, type Viewer } from './read-path-scenario.ts'

export interface ScenarioYearlyReport {
  draftYear: number
  draftNarrative: string
  publishedYear: number
  publishedNarrative: string
}

export async function seedYearlyReport(
  t: TestApp,
  partnership: PartnershipConfig,
  admin: Viewer,
): Promise<ScenarioYearlyReport> {
  const ctx = { db: t.database.db, partnership, now: () => new Date() }
  const writer = callerOf(admin)
  const draftYear = reportingYearOf(toIsoDate(ctx.now()))
  const publishedYear = draftYear - 1
  const draftNarrative = 'RPM-YEARLY-DRAFT-NARRATIVE: what families told us this year'
  const publishedNarrative = 'RPM-YEARLY-PUBLISHED-NARRATIVE: training reached every agency'

  await startReport(ctx, writer, { startYear: String(draftYear) })
  await writeNarrative(ctx, writer, draftYear, 'voice', { body: draftNarrative })

  await startReport(ctx, writer, { startYear: String(publishedYear) })
  await writeNarrative(ctx, writer, publishedYear, 'training', { body: publishedNarrative })
  for (const agencyId of [LA, POLICE, CASELOAD_HEALTH]) {
    const lead = await enrolledViewer(t, partnership, {
      name: `seed yearly report signer`,
      agencyId,
      role: 'safeguarding-manager',
    })
    await signOff(ctx, callerOf(lead), publishedYear)
  }
  await publish(ctx, writer, publishedYear)
  return { draftYear, draftNarrative, publishedYear, publishedNarrative }
}
