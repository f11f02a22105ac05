// The voice of children and families' part of the read-path scenario (read-path-scenario.ts): a
// conference held a week ago about a child of Leicester (not one of the scenario's), five parents
// sent its survey by a seed business support officer of the LA, each answering in their own words,
// and what the partnership changed, recorded by its administrator. What is read: the surveys sent
// (on the conference's survey page), the families' own words (the business unit's alone) and what
// was changed (the results' readers, and the yearly report's).

import { getChildResource } from '../../src/children/index.ts'
import type { PartnershipConfig } from '../../src/partnership/config.ts'
import type { ChildResource } from '../../src/platform/access/policy.ts'
import { toIsoDate } from '../../src/platform/calendar/working-days.ts'
import { answerSurvey, issueSurvey, recordChange } from '../../src/voice/workflow.ts'
import type { TestApp } from './app.ts'
import { callerOf, enrolledViewer, LA, type Viewer } from './read-path-scenario.ts'
import { seedHeldConference } from './voice.ts'

export interface ScenarioVoice {
  conferenceId: string
  /** The conference's child as the guard builds it (voice/workflow.ts conferenceFor). */
  child: ChildResource
  familyWords: string
  weChanged: string
}

export async function seedVoice(
  t: TestApp,
  partnership: PartnershipConfig,
  admin: Viewer,
): Promise<ScenarioVoice> {
  const db = t.database.db
  const ctx = { db, partnership, now: () => new Date() }
  const { childId, conferenceId } = await seedHeldConference(db, {
    laId: 'leicester',
    laChildId: 'RPM-VOICE',
    meetingDate: toIsoDate(new Date(Date.now() - 7 * 24 * 60 * 60 * 1000)),
  })
  const support = callerOf(
    await enrolledViewer(t, partnership, {
      name: 'seed voice business support',
      agencyId: LA,
      role: 'business-support',
      laId: 'leicester',
    }),
  )
  const familyWords = 'RPM-VOICE-FAMILY-WORDS'
  for (let n = 1; n <= 5; n++) {
    const email = `rpm-family-${n}@families.example`
    await issueSurvey(ctx, support, conferenceId, { email })
    const sent = await db
      .selectFrom('notification_outbox')
      .select('personalisation')
      .where('recipient', '=', email)
      .executeTakeFirstOrThrow()
    const token = String((sent.personalisation as { link: string }).link)
      .split('/')
      .pop() as string
    await answerSurvey(ctx, token, {
      understood: 'yes',
      heard: 'partly',
      reports: 'no',
      suggestion: `${familyWords} ${n}: send the reports sooner`,
    })
  }
  const weChanged = 'RPM-VOICE-WE-CHANGED: reports go to families a week ahead'
  await recordChange(ctx, callerOf(admin), { theme: 'information', whatWeChanged: weChanged })
  return { conferenceId, child: await getChildResource(db, childId), familyWords, weChanged }
}
