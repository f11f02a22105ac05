// A child protection conference already held (a review of a live plan, its decision recorded), for the
// voice of children and families' tests: its child, the agencies invited (by address) and its chair.
import type { Kysely } from 'kysely'
import type { DB } from '../../src/database.ts'
import { insertCpPlan } from './plans.ts'

export async function seedHeldConference(
  db: Kysely<DB>,
  options: {
    laId: string
    laChildId: string
    meetingDate: string
    status?: 'booked' | 'decided'
    invitees?: { agencyId: string; email: string }[]
    chairUserId?: string
  },
): Promise<{ childId: string; conferenceId: string; planId: string }> {
  const child = await db
    .insertInto('child')
    .values({
      la_id: options.laId,
      la_child_id: options.laChildId,
      given_name: 'Zephyrine',
      family_name: 'Quillfeather',
      sex: 'F',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const planId = await insertCpPlan(db, {
    child_id: child.id,
    la_id: options.laId,
    category: 'NEG',
    start_date: '2026-06-01',
  })
  const conference = await db
    .insertInto('conference')
    .values({
      child_id: child.id,
      la_id: options.laId,
      kind: 'review',
      plan_id: planId,
      due_by: options.meetingDate,
      meeting_date: options.meetingDate,
      meeting_time: '10:00',
      location: 'Room 4, Eastgate House',
      reports_to_parents_by: options.meetingDate,
      status: options.status ?? 'decided',
      booked_by: 'user:seed',
      chair_user_id: options.chairUserId ?? null,
      review_outcome: options.status === 'booked' ? null : 'continue',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const invitee of options.invitees ?? [])
    await db
      .insertInto('conference_invitation')
      .values({
        conference_id: conference.id,
        agency_id: invitee.agencyId,
        agency_kind: 'health',
        invitee_name: invitee.email,
        invitee_email: invitee.email,
        attended: true,
      })
      .execute()
  return { childId: child.id, conferenceId: conference.id, planId }
}
