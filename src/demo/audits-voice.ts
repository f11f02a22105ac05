// Case audits and the voice of children and families for the demo partnership.
// - Child protection plans: six younger children, two in each LA, on plans for neglect started in
//   the last five months, and the review conferences of the two in the second LA, held ten and
//   twelve days ago, chaired by the demo conference chair, with police and health invited. The demo
//   does not yet take children through strategy discussions and conferences, so these are written as
//   rows, as the children's tables are (load-demo.ts); everything after goes through use cases.
// - A case audit programme: the reviews lead sets it up and draws its sample (four of the six, spread
//   across the LAs, seed kept), audited by the first LA, the police and health; the police's
//   safeguarding manager has completed the police's part of the first case; health and the LA have not.
// - Voice: the chair sends seven parents the feedback survey after the two conferences; all seven
//   answer through their links (read from the emails waiting in the outbox), so each family question
//   shows counts of 5 and more beside "fewer than 5"; the chair and two practitioners answer their
//   survey (fewer than 5 practitioners); the partnership administrator records what was changed.
// Every date is counted from `now`, the demo's clock.

import { sql } from 'kysely'
import { createProgramme, drawSample, readProgramme, submitPart } from '../case-audits/index.ts'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import { answerPractitionerSurvey, answerSurvey, issueSurvey, recordChange } from '../voice/index.ts'
import { asCaller, daysFrom, demoCast, isoDaysFrom, laAgencyOf } from './cast.ts'

/** The family answers: understood, heard, reports in time, what would have helped (7 families). */
const FAMILY_ANSWERS = [
  ['yes', 'yes', 'no', 'Getting the reports a few days earlier, not the night before.'],
  ['yes', 'partly', 'no', ''],
  ['yes', 'yes', 'yes', 'Having someone explain the words the professionals used.'],
  ['partly', 'no', 'no', 'Being able to bring my sister for support.'],
  ['yes', 'partly', 'no', ''],
  ['yes', 'yes', 'partly', 'Knowing who everyone in the room was.'],
  ['partly', 'yes', 'no', ''],
] as const

const PRACTITIONER_ANSWERS = [
  ['yes', 'yes', 'partly', 'The reports came late; we had ten minutes to read them.'],
  ['yes', 'partly', 'no', ''],
  ['yes', 'yes', 'yes', ''],
] as const

export interface DemoAuditsAndVoice {
  plans: number
  sampled: number
  partsSubmitted: number
  familyAnswers: number
  practitionerAnswers: number
}

export async function sendDemoAuditsAndVoice(
  database: Database,
  partnership: PartnershipConfig,
  now = new Date(),
): Promise<DemoAuditsAndVoice> {
  const none = { plans: 0, sampled: 0, partsSubmitted: 0, familyAnswers: 0, practitionerAnswers: 0 }
  const cast = await demoCast(database, partnership)
  const lead = cast.holder('review-lead')
  const admin = cast.holder('partnership-admin')
  const chair = cast.holder('conference-chair')
  const police = cast.holder('police-public-protection')
  const health = cast.holder('mat-practitioner', (actor) => actor.agencyKind === 'health')
  const policeManager = cast.holder('safeguarding-manager', (actor) => actor.agencyKind === 'police')
  const chairLa = chair?.grants.find((grant) => grant.role === 'conference-chair')?.laId
  const firstLa = partnership.local_authorities[0]?.id
  const laAgency = firstLa ? laAgencyOf(partnership, firstLa) : undefined
  if (!lead || !admin || !chair || !police || !health || !policeManager || !chairLa || !laAgency) return none
  const ctx = { db: database.db, partnership, now: () => now }

  // Plans (rows) and the second LA's review conferences.
  const planned: { childId: string; laId: string; planId: string }[] = []
  for (const [index, la] of partnership.local_authorities.entries())
    for (const [nth, childId] of (await youngerChildrenOf(database, la.id, 2)).entries()) {
      const started = isoDaysFrom(now, -30 - 45 * nth - 10 * index)
      const plan = await database.db
        .insertInto('child_protection_plan')
        .values({
          child_id: childId,
          la_id: la.id,
          category: 'NEG',
          latest_category: 'NEG',
          start_date: started,
          plan_summary: 'Home conditions, school attendance and health appointments; weekly visits.',
          next_review_due_by: isoDaysFrom(now, 60 + 10 * nth),
          core_group_first_meeting_on: isoDaysFrom(now, -20 - 45 * nth - 10 * index),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      planned.push({ childId, laId: la.id, planId: plan.id })
    }
  const invitees = await emailsOf(database, [police, health])
  const conferences: string[] = []
  for (const [nth, { childId, laId, planId }] of planned.filter((p) => p.laId === chairLa).entries())
    conferences.push(
      await heldConference(database, {
        childId,
        laId,
        planId,
        chair,
        invitees,
        on: isoDaysFrom(now, -10 - 2 * nth),
      }),
    )

  // The case audit programme and its sample.
  const byLead = asCaller(lead, 'demo-case-audits')
  const programme = await createProgramme(ctx, byLead, {
    title: 'Neglect: children on child protection plans (winter audit)',
    themes: ['Neglect', 'Voice of the child', 'Information sharing'],
    startsOn: isoDaysFrom(now, -7),
    endsOn: isoDaysFrom(now, 49),
    questions: [
      'Was the child seen, and were their wishes and feelings heard?',
      'Was information shared between agencies promptly and well?',
      'Was the plan specific, and did it reduce risk to the child?',
      'Did the agency act on concerns and escalate where it should?',
    ],
    agencyIds: [...new Set([laAgency, policeManager.agencyId, health.agencyId])],
  })
  const { drawn } = await drawSample({ ...ctx, now: () => daysFrom(now, -6) }, byLead, programme.id, {
    category: 'NEG',
    months: 6,
    size: 4,
    seed: 'winter-audit',
  })
  const file = await readProgramme(ctx, byLead, programme.id)
  const first = file.cases[0]
  if (first)
    await submitPart(
      { ...ctx, now: () => daysFrom(now, -2) },
      asCaller(policeManager, 'demo-case-audits'),
      first.row.id,
      {
        answers: {
          q1: { grade: 'good', comment: 'Officers spoke to the child alone at both visits.' },
          q2: {
            grade: 'requires-improvement',
            comment: 'A domestic incident reached social care after 4 days.',
          },
          q3: { grade: 'good', comment: 'The police actions on the plan were specific and done.' },
          q4: { grade: 'good', comment: 'One escalation to the team manager, resolved the same week.' },
        },
        overallGrade: 'good',
        summary: 'Good direct work with the child; notifications of incidents to social care were slow once.',
      },
    )

  // Voice: the families' and practitioners' surveys, and what was changed.
  let family = 0
  for (const [index, [understood, heard, reports, suggestion]] of FAMILY_ANSWERS.entries()) {
    const conferenceId = conferences[index % conferences.length]
    if (!conferenceId) break
    const email = `parent.${index + 1}@family.example`
    await issueSurvey({ ...ctx, now: () => daysFrom(now, -9) }, asCaller(chair, 'demo-voice'), conferenceId, {
      email,
    })
    const token = await surveyTokenFor(database, email)
    if (!token) continue
    await answerSurvey({ ...ctx, now: () => daysFrom(now, -8 + (index % 5)) }, token, {
      understood,
      heard,
      reports,
      ...(suggestion ? { suggestion } : {}),
    })
    family += 1
  }
  let practitioners = 0
  const [meeting] = conferences
  if (meeting)
    for (const [index, practitioner] of [chair, police, health].entries()) {
      const [purpose, contributed, prepared, suggestion] =
        PRACTITIONER_ANSWERS[index] ?? PRACTITIONER_ANSWERS[0]
      await answerPractitionerSurvey(ctx, asCaller(practitioner, 'demo-voice'), 'conference', meeting, {
        purpose,
        contributed,
        prepared,
        ...(suggestion ? { suggestion } : {}),
      })
      practitioners += 1
    }
  await recordChange(ctx, asCaller(admin, 'demo-voice'), {
    theme: 'information',
    whatWeChanged:
      'Families told us the reports came too late to read. Reports now go to parents 3 working days ' +
      'before the conference, and the chair checks at the start that they have read them.',
  })
  return {
    plans: planned.length,
    sampled: drawn,
    partsSubmitted: first ? 1 : 0,
    familyAnswers: family,
    practitionerAnswers: practitioners,
  }
}

/** Children under 12 of the LA on standard records, in the generator's order (not the demo's teenagers). */
const youngerChildrenOf = (database: Database, laId: string, limit: number) =>
  database.db
    .selectFrom('child')
    .select('id')
    .where('la_id', '=', laId)
    .where('sensitivity', '=', 'standard')
    .where('date_of_birth', '>', sql<string>`(current_date - interval '12 years')::date`)
    .orderBy('la_child_id')
    .limit(limit)
    .execute()
    .then((rows) => rows.map((row) => row.id))

interface Invitee {
  actor: Actor
  email: string
}

const emailsOf = async (database: Database, actors: Actor[]): Promise<Invitee[]> => {
  const rows = await database.db
    .selectFrom('app_user')
    .select(['id', 'email'])
    .where(
      'id',
      'in',
      actors.map((actor) => actor.id),
    )
    .execute()
  return actors.flatMap((actor) => {
    const row = rows.find((each) => each.id === actor.id)
    return row ? [{ actor, email: row.email }] : []
  })
}

/** A review conference of the plan, held and decided (the plan continues), its invitees there. */
async function heldConference(
  database: Database,
  held: { childId: string; laId: string; planId: string; chair: Actor; invitees: Invitee[]; on: string },
): Promise<string> {
  const conference = await database.db
    .insertInto('conference')
    .values({
      child_id: held.childId,
      la_id: held.laId,
      kind: 'review',
      plan_id: held.planId,
      due_by: held.on,
      meeting_date: held.on,
      meeting_time: '10:00',
      location: 'Family Centre, Meeting Room 1',
      reports_to_parents_by: held.on,
      status: 'decided',
      quorate: true,
      review_outcome: 'continue',
      booked_by: `user:${held.chair.id}`,
      decided_by: `user:${held.chair.id}`,
      decided_by_name: held.chair.displayName,
      decided_at: new Date(`${held.on}T11:30:00Z`),
      chair_user_id: held.chair.id,
      chair_name: held.chair.displayName,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const { actor, email } of held.invitees)
    await database.db
      .insertInto('conference_invitation')
      .values({
        conference_id: conference.id,
        agency_id: actor.agencyId,
        agency_kind: actor.agencyKind,
        invitee_name: actor.displayName,
        invitee_email: email,
        attended: true,
      })
      .execute()
  return conference.id
}

/** The survey link emailed to a parent, as it waits in the outbox (the parent's inbox, for the demo). */
async function surveyTokenFor(database: Database, email: string): Promise<string | undefined> {
  const row = await database.db
    .selectFrom('notification_outbox')
    .select('personalisation')
    .where('template_id', '=', 'voice-family-survey')
    .where('recipient', '=', email)
    .executeTakeFirst()
  const personalisation = (
    typeof row?.personalisation === 'string' ? JSON.parse(row.personalisation) : row?.personalisation
  ) as { link?: string } | undefined
  return personalisation?.link?.replace('/voice/survey/', '')
}
