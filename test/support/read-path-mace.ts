// MACE's part of the read-path scenario (read-path-scenario.ts): a MACE coordinator of the children's
// LA schedules a MACE meeting and records each referred child's discussion at it, with a review date,
// and the review at a second meeting, before the children are marked; later (flagPersonsForMace) the
// police flag each child's police-only person for the LA's MACE, on the agenda of a meeting to come.

import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { TestApp } from './app.ts'
import { enrolUser } from './people.ts'

/** The review of a child's discussion: its text, from the discussion's marker. */
export const reviewText = (discussion: string) => discussion.replace('MACE-DISCUSSION', 'MACE-REVIEW')

/**
 * Records the discussion of each child's MACE referral at one meeting, to review on the next day, and
 * the review at a meeting that day; the first meeting's id, and each discussion's and review's by child id.
 */
export async function discussAtMace(
  t: TestApp,
  children: readonly { childId: string; discussion: string }[],
): Promise<{ meetingId: string; discussions: Map<string, string>; reviews: Map<string, string> }> {
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
  const meetingId = await schedule(coordinator, '3', '12', '2026')
  const reviewMeetingId = await schedule(coordinator, '4', '12', '2026')
  const ids = new Map<string, string>()
  const reviews = new Map<string, string>()
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
      'reviewOn-day': '4',
      'reviewOn-month': '12',
      'reviewOn-year': '2026',
    })
    const id = discussionIn(answer.headers.location)
    if (answer.statusCode !== 303 || !id) throw new Error(`MACE discussion refused: ${answer.statusCode}`)
    ids.set(childId, id)
    const reviewed = await coordinator.post(`/mace/discussions/${id}/review`, {
      meetingId: reviewMeetingId,
      discussion: reviewText(discussion),
      riskLevel: 'low',
    })
    const reviewId = discussionIn(reviewed.headers.location)
    if (reviewed.statusCode !== 303 || !reviewId)
      throw new Error(`MACE review refused: ${reviewed.statusCode}`)
    reviews.set(childId, reviewId)
  }
  return { meetingId, discussions: ids, reviews }
}

const discussionIn = (location: unknown) => /\/mace\/discussions\/([0-9a-f-]{36})/.exec(String(location))?.[1]

async function schedule(
  coordinator: Awaited<ReturnType<typeof signIn>>,
  day: string,
  month: string,
  year: string,
  laId = 'leicester',
) {
  const scheduled = await coordinator.post('/mace/meetings', {
    laId,
    'date-day': day,
    'date-month': month,
    'date-year': year,
    time: '10:00',
    format: 'online',
    venue: 'Video call: the link is in the calendar invitation',
  })
  const meetingId = /\/mace\/meetings\/([0-9a-f-]{36})/.exec(String(scheduled.headers.location))?.[1]
  if (scheduled.statusCode !== 303 || !meetingId)
    throw new Error(`MACE meeting refused: ${scheduled.statusCode}`)
  return meetingId
}

/**
 * The police flag each police-only person for the LA's MACE; a meeting to come, whose agenda they are
 * on (for the police only), scheduled by a MACE coordinator of the police for the whole partnership,
 * and a meeting of the whole partnership, whose agenda gathers them too for the LA's members. Their
 * ids, and each person's flag (its clearing form names the person).
 */
export async function flagPersonsForMace(
  t: TestApp,
  personIds: readonly string[],
): Promise<{ meetingId: string; partnershipMeetingId: string; flagIds: Map<string, string> }> {
  const agencyId = 'leicestershire-police'
  const email = `seed-mace-flags@${agencyId}.example`
  const grants = [
    { role: 'police-public-protection' as const, laId: null },
    { role: 'mace-coordinator' as const, laId: null },
  ]
  const totpSecret = await enrolUser(t.database.db, {
    agencyId,
    email,
    displayName: 'Seed MACE police',
    grants,
  })
  const police = await signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
  for (const id of personIds) {
    const flagged = await police.post(`/volt/persons/${id}/mace-flag`, {
      laId: 'leicester',
      reason: 'Seen outside the school gates',
    })
    if (flagged.statusCode !== 303) throw new Error(`MACE flag refused: ${flagged.statusCode}`)
  }
  const flags = await t.database.db
    .selectFrom('volt_mace_flag')
    .select(['id', 'subject_id'])
    .where('subject_id', 'in', [...personIds])
    .execute()
  return {
    meetingId: await schedule(police, '1', '12', '2030'),
    partnershipMeetingId: await schedule(police, '2', '12', '2030', 'partnership'),
    flagIds: new Map(flags.map((flag) => [flag.subject_id, flag.id])),
  }
}
