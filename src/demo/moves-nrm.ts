// What follows MACE for the demo partnership, taken through the same use cases people use:
// - disruption tactics: the MACE coordinator records a child abduction warning notice the police
//   served on the first exploited teenager (agreed at last week's MACE discussion, its outcome
//   recorded) and a location disruption at the railway station (its outcome still to come);
// - NRM referrals: the first LA's front door refers both teenagers; the first has a positive
//   reasonable-grounds decision and awaits the conclusive one, the second's reasonable-grounds
//   decision is due in a few working days;
// - moves across borders: two more teenagers of the first LA move away: one placed in the second LA
//   of the partnership today (its staff have it to acknowledge by the next working day), one whose
//   family relocated to an LA outside the partnership last week, acknowledged through the emailed
//   link (read from the contact's email as it waits in the outbox).
// Every date is counted from `now`, the demo's clock.

import type { Database } from '../database.ts'
import {
  recordDisruption,
  recordDisruptionOutcome,
  recordReasonableGrounds,
  referToNrm,
} from '../disruption-nrm/index.ts'
import { acknowledgeByLink, notifyHosts, recordMove } from '../moves/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { subtractWorkingDays, toIsoDate } from '../platform/calendar/working-days.ts'
import { asCaller, daysFrom, demoCast, isoDaysFrom, laAgencyOf, teenagersOf } from './cast.ts'

/** The LA outside the partnership the second move goes to (a point of contact in `cross_border_contacts`). */
const OUTSIDE_DFE_CODE = '891'

export interface DemoFollowUp {
  disruptions: number
  nrmReferrals: number
  moves: number
}

/**
 * Records the demo's tactics, NRM referrals and moves; after `sendDemoExploitation` (the first two
 * teenagers of the first LA are the ones it took to MACE). Returns how many of each.
 */
export async function sendDemoMovesAndNrm(
  database: Database,
  partnership: PartnershipConfig,
  now = new Date(),
): Promise<DemoFollowUp> {
  const none = { disruptions: 0, nrmReferrals: 0, moves: 0 }
  const cast = await demoCast(database, partnership)
  const [firstLa, secondLa] = partnership.local_authorities
  if (!firstLa || !secondLa) return none
  const screener = cast.holder('front-door-screener', (actor) => actor.agencyLaId === firstLa.id)
  const coordinator = cast.holder('mace-coordinator')
  const laAgency = laAgencyOf(partnership, firstLa.id)
  const police = partnership.agencies.find((agency) => agency.kind === 'police')?.id
  const children = await teenagersOf(database, firstLa.id, 4)
  if (!screener || !coordinator || !laAgency || !police || children.length < 4) return none
  const [exploited, waiting, placed, relocated] = children as [string, string, string, string]
  const ctx = { db: database.db, partnership, now: () => now }

  // Disruption tactics, from the MACE discussion of the first child where there is one.
  const discussion = await database.db
    .selectFrom('mace_discussion')
    .select('id')
    .where('child_id', '=', exploited)
    .executeTakeFirst()
  const byCoordinator = asCaller(coordinator, 'demo-disruption')
  const notice = await recordDisruption(ctx, byCoordinator, exploited, {
    tactic: 'child-abduction-warning-notice',
    usedOn: isoDaysFrom(now, -6),
    usedByAgencyId: police,
    usedByName: 'PC Ruth Ellery, child exploitation team',
    ...(discussion ? { discussionId: discussion.id } : {}),
  })
  await recordDisruptionOutcome(ctx, byCoordinator, notice.id, {
    outcome: 'Served on the older man at his flat; he has not been seen near the school since.',
  })
  await recordDisruption(ctx, byCoordinator, exploited, {
    tactic: 'location-disruption',
    usedOn: isoDaysFrom(now, -3),
    usedByAgencyId: police,
    usedByName: 'British Transport Police patrol, with the LA’s detached youth workers',
  })

  // NRM referrals by the LA's front door, as first responder.
  const byScreener = asCaller(screener, 'demo-nrm')
  const first = await referToNrm(ctx, byScreener, exploited, {
    firstResponderAgencyId: laAgency,
    referredOn: isoDaysFrom(now, -26),
    ...(discussion ? { discussionId: discussion.id } : {}),
  })
  await recordReasonableGrounds(ctx, byScreener, first.id, {
    decision: 'positive',
    decidedOn: isoDaysFrom(now, -20),
  })
  await referToNrm(ctx, byScreener, waiting, {
    firstResponderAgencyId: laAgency,
    referredOn: subtractWorkingDays(toIsoDate(now), 2),
  })

  // Moves: placed in the partnership's second LA today, to acknowledge by the next working day.
  await recordMove(ctx, asCaller(screener, 'demo-moves'), placed, {
    whoMoved: 'child',
    hostDfeCode: secondLa.dfe_code,
    movedOn: toIsoDate(now),
    reason: 'Placed in a residential children’s home away from the peers who were exploiting them.',
    riskLevel: 'high',
    riskSummary:
      'Recruited through a county line run from Leicester; has gone missing three times in two months. ' +
      'Likely to be contacted online by the same group; may try to return to the city at weekends.',
  })
  // The family relocated outside the partnership last week; their point of contact acknowledged it.
  const recordedAt = daysFrom(now, -6)
  const outside = await recordMove(
    { ...ctx, now: () => recordedAt },
    asCaller(screener, 'demo-moves'),
    relocated,
    {
      whoMoved: 'family',
      hostDfeCode: OUTSIDE_DFE_CODE,
      movedOn: isoDaysFrom(now, -7),
      reason: 'The family moved to be near the grandparents after threats to the household.',
      riskLevel: 'medium',
      riskSummary:
        'Was carrying drugs for an older peer until the summer; no contact since the move is known. ' +
        'The school place in the new area has been asked to watch for new friends with cash or phones.',
    },
  )
  await notifyHosts({ ...ctx, now: () => recordedAt })
  const token = await linkSentFor(database, outside.id)
  if (token)
    await acknowledgeByLink(
      { ...ctx, now: () => daysFrom(now, -5) },
      { ip: '127.0.0.1', requestId: 'demo-moves' },
      token,
      { note: 'Allocated to our exploitation team; a return home interview is booked for next week.' },
    )
  return { disruptions: 2, nrmReferrals: 2, moves: 2 }
}

/**
 * The token of the link emailed to an outside LA's contact, as it waits in the outbox. The service's
 * own job may tell the host first (it runs every 15 s); then the email is there once it commits.
 */
async function linkSentFor(database: Database, moveId: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const email = await database.db
      .selectFrom('notification_outbox')
      .select('personalisation')
      .where('reference', '=', `move-${moveId}`)
      .where('template_id', '=', 'move-into-area')
      .executeTakeFirst()
    const link = email ? String(parseJson(email.personalisation).link ?? '') : ''
    if (link.startsWith('/moves/shared/')) return link.slice('/moves/shared/'.length)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return undefined
}

const parseJson = (value: unknown): Record<string, unknown> =>
  (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>
