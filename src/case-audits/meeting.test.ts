// The moderation meeting on the meetings block against a real database: booked by a lead for a round
// the programme has opened, today or later; the auditing agencies' safeguarding managers emailed with
// the calendar invitation attached (naming no child); booked again with the next SEQUENCE; attendance
// only once it has started and only of the auditing agencies; each case's moderated outcome taking
// the meeting's date and attendance; the meeting fixed once a case is moderated at it; the calendar
// file for the leads and the case's readers alone.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { insertCpPlan } from '../../test/support/plans.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { AgencyKind, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import {
  bookMeeting,
  caseMeetingInvitation,
  programmeMeetingInvitation,
  recordAttendance,
} from './meeting.ts'
import {
  type CaseAuditsContext,
  createProgramme,
  drawSample,
  moderate,
  readCase,
  readProgramme,
  submitPart,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const HEALTH = 'llr-icb'
const POLICE = 'leicestershire-police'
let clock = new Date('2026-12-05T10:00:00Z')

const outcome = async (work: Promise<unknown>) => {
  try {
    await work
    return 200
  } catch (error) {
    if (error instanceof InvalidInput) return `400 ${error.problems.map((p) => p.field).join(',')}`
    if (error instanceof RequestError) return error.statusCode
    throw error
  }
}

describe('the case audit’s moderation meeting', () => {
  let database: TestDatabase
  let ctx: CaseAuditsContext
  const callers: Record<string, Caller> = {}
  let programmeId = ''
  let caseId = ''

  const person = (name: string, agencyId: string, kind: AgencyKind, role: Role) =>
    enrolledCaller(database.db, { name, agencyId, agencyKind: kind, role })
  const invitations = () =>
    database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'attachments', 'personalisation'])
      .where('template_id', '=', 'case-audit-moderation-meeting')
      .orderBy('created_at')
      .orderBy('recipient')
      .execute()

  before(async () => {
    database = await openTestDatabase()
    ctx = {
      db: database.db,
      partnership: await loadPartnershipConfig(LLR),
      now: () => clock,
      publicUrl: 'https://masa.example',
    }
    callers.lead = await person('Lee Lead', 'leicester-city-council', 'local-authority', 'review-lead')
    callers.health = await person('Hana Health', HEALTH, 'health', 'safeguarding-manager')
    callers.police = await person('Pete Police', POLICE, 'police', 'safeguarding-manager')
    callers.school = await person('Sam School', 'leicester-schools', 'education', 'safeguarding-manager')
    const child = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'M-1',
        given_name: 'Meghan',
        family_name: 'Moderated',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await insertCpPlan(database.db, {
      child_id: child.id,
      la_id: 'leicester',
      category: 'NEG',
      start_date: '2026-10-01',
    })
    const lead = callers.lead as Caller
    programmeId = (
      await createProgramme(ctx, lead, {
        title: 'Neglect: moderation',
        themes: ['Neglect'],
        startsOn: '2026-12-01',
        endsOn: '2027-02-28',
        questions: ['Was the child seen?'],
        agencyIds: [HEALTH, POLICE],
      })
    ).id
    await drawSample(ctx, lead, programmeId, { category: 'NEG', months: 6, size: 5, seed: 'm' })
    caseId = (await readProgramme(ctx, lead, programmeId)).cases[0]?.row.id as string
    await submitPart(ctx, callers.health as Caller, caseId, {
      answers: { q1: { grade: 'good', comment: '' } },
      overallGrade: 'good',
      summary: 'Seen alone twice.',
    })
  })
  after(async () => database?.dispose())

  const BOOKING = { round: '1', meetsOn: '2026-12-10', startsAt: '10:00', place: 'County Hall, Room 2' }

  it('is booked by a lead, for an opened round, today or later, naming each problem', async () => {
    assert.equal(await outcome(bookMeeting(ctx, callers.health as Caller, programmeId, BOOKING)), 403)
    assert.equal(
      await outcome(
        bookMeeting(ctx, callers.lead as Caller, programmeId, { ...BOOKING, meetsOn: '2026-12-04' }),
      ),
      '400 meetsOn',
    )
    assert.equal(
      await outcome(bookMeeting(ctx, callers.lead as Caller, programmeId, { ...BOOKING, round: '2' })),
      '400 round',
      'no case is re-audited yet',
    )
    assert.equal(
      await outcome(bookMeeting(ctx, callers.lead as Caller, programmeId, { round: '1', startsAt: '25:00' })),
      '400 meetsOn,place,startsAt',
    )
    assert.equal(await outcome(bookMeeting(ctx, callers.lead as Caller, 'nonsense', BOOKING)), 404)
  })

  it('invites the auditing agencies’ safeguarding managers with the calendar invitation, naming no child', async () => {
    await bookMeeting(ctx, callers.lead as Caller, programmeId, BOOKING)
    const sent = await invitations()
    assert.deepEqual(
      sent.map((e) => e.recipient.split('@')[1]).sort(),
      [`${HEALTH}.example`, `${POLICE}.example`].sort(),
      'health and police, not the school nor the lead',
    )
    const file = sent[0]?.attachments?.[0]
    assert.match(file?.fileName ?? '', /^CA-\d+-moderation\.ics$/)
    const calendar = (file?.content ?? '').replace(/\r\n /g, '')
    assert.match(calendar, /SUMMARY:Case audit CA-\d+: moderation of the audit/)
    assert.match(calendar, /DTSTART:20261210T100000Z/)
    assert.match(calendar, /LOCATION:County Hall\\, Room 2/)
    assert.match(calendar, /SEQUENCE:0/)
    assert.match(calendar, /https:\/\/masa\.example\/case-audits/)
    assert.doesNotMatch(calendar + JSON.stringify(sent), /Meghan|Moderated/)
    assert.equal((sent[0]?.personalisation as { date?: string } | undefined)?.date, '10 December 2026')

    const invited = () =>
      database.db.selectFrom('case_audit_meeting_invitation').select(['agency_id', 'invitee_name']).execute()
    assert.deepEqual((await invited()).map((i) => i.invitee_name).sort(), ['Hana Health', 'Pete Police'])
    await bookMeeting(ctx, callers.lead as Caller, programmeId, { ...BOOKING, startsAt: '14:00' })
    assert.equal((await invited()).length, 2, 'invited again, not twice')
    const again = (await invitations()).slice(2)
    assert.equal(again.length, 2)
    assert.match(again[0]?.attachments?.[0]?.content ?? '', /SEQUENCE:1/)
    assert.match(again[0]?.attachments?.[0]?.content ?? '', /DTSTART:20261210T140000Z/)
  })

  it('opens its calendar file to the leads and the case’s readers only', async () => {
    const lead = await programmeMeetingInvitation(ctx, callers.lead as Caller, programmeId, '1')
    assert.equal(lead.invitation.sequence, 1)
    assert.equal(
      (await caseMeetingInvitation(ctx, callers.police as Caller, caseId)).invitation.time,
      '14:00',
    )
    assert.equal(await outcome(caseMeetingInvitation(ctx, callers.school as Caller, caseId)), 404)
    assert.equal(
      await outcome(programmeMeetingInvitation(ctx, callers.health as Caller, programmeId, '1')),
      403,
    )
    assert.equal(
      await outcome(programmeMeetingInvitation(ctx, callers.lead as Caller, programmeId, '2')),
      404,
    )
  })

  it('records attendance once started, of the auditing agencies; then each case is moderated at it', async () => {
    const lead = callers.lead as Caller
    const attended = { round: '1', agencyIds: [HEALTH] }
    assert.equal(await outcome(recordAttendance(ctx, lead, programmeId, attended)), 409, 'not started')
    assert.equal(
      await outcome(moderate(ctx, lead, caseId, { agreedGrade: 'good', findings: 'F', learning: 'L' })),
      409,
      'attendance first',
    )
    clock = new Date('2026-12-10T14:05:00Z')
    assert.equal(
      await outcome(
        recordAttendance(ctx, lead, programmeId, { round: '1', agencyIds: ['leicester-schools'] }),
      ),
      '400 agencyIds',
    )
    assert.equal(await outcome(recordAttendance(ctx, lead, programmeId, { round: '1' })), '400 agencyIds')
    await recordAttendance(ctx, lead, programmeId, attended)
    await moderate(ctx, lead, caseId, {
      agreedGrade: 'requires-improvement',
      findings: 'Seen, not heard.',
      learning: 'Ask the child.',
      metOn: '2020-01-01',
      attendees: 'typed, and ignored',
    })
    const file = await readCase(ctx, lead, caseId)
    const [moderation] = file.moderations
    assert.equal(moderation?.met_on, '2026-12-10')
    assert.equal(moderation?.attendees, 'Leicester, Leicestershire and Rutland Integrated Care Board')
    assert.equal(moderation?.meeting_id, file.meeting?.id)
    assert.equal(
      await outcome(bookMeeting(ctx, lead, programmeId, { ...BOOKING, meetsOn: '2026-12-20' })),
      409,
    )
    assert.equal(
      await outcome(recordAttendance(ctx, lead, programmeId, { round: '1', agencyIds: [POLICE] })),
      409,
    )
  })
})
