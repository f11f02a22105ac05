// MACE's part of the read-path scenario (read-path-scenario.ts): a MACE coordinator of the children's
// LA schedules a MACE meeting and records each referred child's discussion at it, before the
// children are marked.

import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { TestApp } from './app.ts'
import { enrolUser } from './people.ts'

/** Records the discussion of each child's MACE referral at one meeting; its id, and each discussion's by child id. */
export async function discussAtMace(
  t: TestApp,
  children: readonly { childId: string; discussion: string }[],
): Promise<{ meetingId: string; discussions: Map<string, string> }> {
  const email = 'seed-mace-coordinator@leicester-city-council.example'
  const grants = [{ role: 'mace-coordinator' as const, laId: 'leicester' }]
  const displayName = 'Seed MACE coordinator'
  const totpSecret = await enrolUser(t.database.db, {
    agencyId: 'leicester-city-council',
    email,
    displayName,
    grants,
  })
  const coordinator = await signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
  const scheduled = await coordinator.post('/mace/meetings', {
    laId: 'leicester',
    'date-day': '3',
    'date-month': '12',
    'date-year': '2026',
    time: '10:00',
    format: 'online',
    venue: 'Video call: the link is in the calendar invitation',
  })
  const meetingId = /\/mace\/meetings\/([0-9a-f-]{36})/.exec(String(scheduled.headers.location))?.[1]
  if (scheduled.statusCode !== 303 || !meetingId)
    throw new Error(`MACE meeting refused: ${scheduled.statusCode}`)
  const ids = new Map<string, string>()
  for (const { childId, discussion } of children) {
    const referral = await t.database.db
      .selectFrom('mace_referral')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    const answer = await coordinator.post(`/mace/referrals/${referral.id}/discussion`, {
      meetingId,
      discussion,
      riskLevel: 'medium',
    })
    const id = /\/mace\/discussions\/([0-9a-f-]{36})/.exec(String(answer.headers.location))?.[1]
    if (answer.statusCode !== 303 || !id) throw new Error(`MACE discussion refused: ${answer.statusCode}`)
    ids.set(childId, id)
  }
  return { meetingId, discussions: ids }
}
