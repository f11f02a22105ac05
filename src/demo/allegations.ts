// A few allegations to the LADO for the demo partnership, referred by the demo school's referrer over
// the past months and taken by the demo LADO to different points (open, considered, concluded), so
// the LADO's queue and yearly figures have something in them on first start.

import type { Database } from '../database.ts'
import { activeUserActors } from '../identity/index.ts'
import {
  bookMeeting,
  invitableAgencies,
  type LadoContext,
  recordConsideration,
  recordMeetingHeld,
  recordOutcome,
  recordRegulators,
  refer,
} from '../lado/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Caller } from '../platform/access/guard.ts'

const DAY_MS = 86_400_000

interface DemoAllegation {
  daysAgo: number
  person: [name: string, role: string, employer: string, sector: string]
  category: string
  harmTest: string[]
  whatHappened: string
  /**
   * Taken this far by the LADO: considered, a meeting with the police and children's social care
   * (booked, then held and recorded), concluded (days after the referral).
   */
  managed?: { meeting?: boolean; outcome?: [outcome: string, daysLater: number]; dbs?: boolean }
}

const ALLEGATIONS: DemoAllegation[] = [
  {
    daysAgo: 200,
    person: ['Dale Prior', 'PE teacher', 'Hollybank Academy', 'education'],
    category: 'physical',
    harmTest: ['harmed', 'offence'],
    whatHappened: 'Pushed a pupil against a wall in the changing room; a bruise was seen the next day.',
    managed: { meeting: true, outcome: ['substantiated', 45], dbs: true },
  },
  {
    daysAgo: 120,
    person: ['Fern Oakes', 'Nursery practitioner', 'Little Acorns Nursery', 'early-years'],
    category: 'emotional',
    harmTest: ['risk-of-harm'],
    whatHappened: 'Shouted at toddlers and shut one in a room alone as a punishment.',
    managed: { outcome: ['unsubstantiated', 25] },
  },
  {
    daysAgo: 60,
    person: ['Ivor Lomax', 'Football coach (volunteer)', 'Westfield Juniors FC', 'sport-leisure'],
    category: 'sexual',
    harmTest: ['unsuitable'],
    whatHappened: 'Sent private messages to an under-14 player on a social media app late at night.',
    managed: { meeting: true },
  },
  {
    daysAgo: 0,
    person: ['Nadia Brook', 'School minibus driver', 'County Travel', 'transport'],
    category: 'neglect',
    harmTest: ['harmed'],
    whatHappened: 'Left a 6-year-old alone on the minibus for half an hour in hot weather.',
  },
]

/** Refers the demo allegations and takes each as far as it goes; returns how many were referred. */
export async function referDemoAllegations(
  database: Database,
  partnership: PartnershipConfig,
): Promise<number> {
  const people = await activeUserActors({ db: database.db, partnership })
  const holder = (role: string) => people.find((actor) => actor.grants.some((grant) => grant.role === role))
  const referrer = holder('referrer')
  const lado = holder('lado')
  const laId = lado?.grants.find((grant) => grant.role === 'lado')?.laId
  if (!referrer || !lado || !laId) return 0
  const origin = { ip: '127.0.0.1', requestId: 'demo-allegations' }
  for (const allegation of ALLEGATIONS) {
    const referredAt = new Date(Date.now() - allegation.daysAgo * DAY_MS)
    const ctx = { db: database.db, partnership, now: () => referredAt }
    const [personName, personRole, employer, employerSector] = allegation.person
    const { id } = await refer(
      ctx,
      { actor: referrer, origin },
      {
        laId,
        referrerName: referrer.displayName,
        referrerOrganisation: employer,
        personName,
        personRole,
        employer,
        employerSector,
        harmTest: allegation.harmTest,
        harmCategory: allegation.category,
        whatHappened: allegation.whatHappened,
        childrenConcerned: 'Named in the demo only by their initials',
      },
    )
    if (allegation.managed) await manage(ctx, { actor: lado, origin }, id, { laId, ...allegation.managed })
  }
  return ALLEGATIONS.length
}

const dateAfter = (from: Date, days: number) =>
  new Date(from.getTime() + days * DAY_MS).toISOString().slice(0, 10)

async function manage(
  ctx: LadoContext,
  caller: Caller,
  id: string,
  managed: NonNullable<DemoAllegation['managed']> & { laId: string },
) {
  const referredAt = ctx.now()
  await recordConsideration(ctx, caller, id, {
    consideration: 'threshold-met',
    reasons: 'The harm test is met: the allegation is managed by the LADO.',
    personMarking: 'lado-restricted',
  })
  if (managed.meeting) await holdMeeting(ctx, caller, id, managed.laId)
  if (managed.dbs) await recordRegulators(ctx, caller, id, { dbsReferredOn: dateAfter(referredAt, 50) })
  if (managed.outcome)
    await recordOutcome(ctx, caller, id, {
      outcome: managed.outcome[0],
      outcomeOn: dateAfter(referredAt, managed.outcome[1]),
    })
}

/** A meeting with the police and the LA's social care, booked on the day of the referral for 3 days later, then held. */
async function holdMeeting(ctx: LadoContext, caller: Caller, id: string, laId: string) {
  const referredAt = ctx.now()
  const invitees = invitableAgencies(ctx, laId)
    .filter((agency) => agency.kind === 'police' || agency.kind === 'local-authority')
    .map((agency) => ({
      agencyId: agency.id,
      name: 'Duty manager',
      email: `lado-meetings@${agency.id}.example`,
    }))
  const date = dateAfter(referredAt, 3)
  const booked = await bookMeeting(ctx, caller, id, {
    date,
    time: '10:00',
    location: 'Room 2, Civic Centre',
    invitees,
  })
  const held = { ...ctx, now: () => new Date(`${date}T12:00:00Z`) }
  await recordMeetingHeld(held, caller, id, booked, {
    attendedAgencyIds: invitees.map((invitee) => invitee.agencyId),
    minutes: 'The employer, police and the LADO agreed the next steps.',
  })
}
