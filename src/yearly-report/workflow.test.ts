// The yearly report against a real database: sections counted from seeded training, self-assessment
// and LADO data for the reporting year (and not from outside it), each narrative save kept as a new
// version, sign-off by the three lead safeguarding partners before publishing (refused with a clear
// message otherwise, and again after the draft changes), the PDF, and refusals for whoever the
// policy refuses, every step in the audit.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { AgencyKind, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { yearlyReportPdf } from './pdf.ts'
import type { Section } from './rules.ts'
import {
  PublishRefused,
  publish,
  readDraft,
  readPublished,
  sectionVersions,
  signOff,
  startReport,
  writeNarrative,
  type YearlyReportContext,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const NOW = new Date('2026-05-04T09:00:00Z')

const fact = (section: Section | undefined, label: string) =>
  section?.facts.find((f) => f.label === label)?.value

describe('the yearly report', () => {
  let database: TestDatabase
  let ctx: YearlyReportContext
  const callers: Record<string, Caller> = {}

  const person = (name: string, agencyId: string, agencyKind: AgencyKind, role: Role) =>
    enrolledCaller(database.db, { name, agencyId, agencyKind, role })

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => NOW }
    callers.admin = await person(
      'Ada Business',
      'leicester-city-council',
      'local-authority',
      'partnership-admin',
    )
    callers.la = await person(
      'Lena Council',
      'leicester-city-council',
      'local-authority',
      'safeguarding-manager',
    )
    callers.police = await person('Pat Constable', 'leicestershire-police', 'police', 'safeguarding-manager')
    callers.health = await person('Hana Board', 'llr-icb', 'health', 'safeguarding-manager')
    callers.school = await person('Sam School', 'leicester-schools', 'education', 'safeguarding-manager')
    callers.practitioner = await person('Mo Practitioner', 'leicestershire-police', 'police', 'referrer')
    await seed(database, callers)
  })
  after(() => database.dispose())

  it('counts the sections from the reporting year’s live data, and nothing outside it', async () => {
    assert.equal(await startReport(ctx, callers.admin as Caller, { startYear: '2025' }), 2025)
    const draft = await readDraft(ctx, callers.admin as Caller, 2025)
    assert.equal(draft.year.name, 'April 2025 to March 2026')
    const by = (key: string) => draft.sections.find((s) => s.key === key)

    const training = by('training')
    assert.equal(fact(training, 'Sessions held'), 1)
    assert.equal(fact(training, 'Places booked'), 3)
    assert.equal(fact(training, 'Attended'), 2)
    assert.equal(fact(training, 'Did not attend'), 1)
    assert.equal(fact(training, 'Average rise in confidence (out of 5)'), 1.5)

    const selfAssessment = by('self-assessment')
    assert.deepEqual(selfAssessment?.tables[0]?.rows, [
      ['Section 11', 1, 1],
      ['Section 175/157', 1, 0],
    ])
    assert.deepEqual(selfAssessment?.tables[1]?.rows, [
      ['Not met', 0],
      ['Partly met', 1],
      ['Met', 1],
      ['Met and embedded', 1],
    ])
    assert.equal(fact(selfAssessment, 'Challenges made by the partnership'), 1)
    assert.equal(fact(selfAssessment, 'Of those, answered'), 0)

    const lado = by('lado')
    assert.equal(fact(lado, 'Allegations referred'), 2)
    assert.equal(fact(lado, 'Concluded'), 1)
    assert.equal(fact(lado, 'Concluded within 1 month'), '50%')

    assert.equal(fact(by('reviews'), 'Serious incidents'), 0)
    assert.equal(fact(by('escalations'), 'Disagreements raised'), 0)
    assert.ok((fact(by('performance'), 'Standards measured') as number) > 0)
    // Six families answered in the year (one more the year after); a count of 1 to 4 is not shown.
    const voice = by('voice')
    assert.equal(fact(voice, 'Families who answered the survey after a conference'), '6')
    assert.equal(fact(voice, 'Practitioners who answered the survey after a meeting'), '0')
    assert.deepEqual(voice?.tables[0]?.rows[0], [
      'Did you understand why the conference was held?',
      '5',
      'fewer than 5',
      '0',
    ])
    assert.deepEqual(voice?.tables.at(-1)?.rows, [
      ['Information before the meeting', 'Reports sent a week ahead'],
    ])
    assert.equal(draft.sections.length, 8)
    // Aggregates only: nothing the report holds names a person or a child.
    const text = JSON.stringify(draft.sections)
    for (const name of ['Ada', 'Mo Practitioner', 'A. Adult', 'B. Adult'])
      assert.ok(!text.includes(name), name)
  })

  it('keeps every saved narrative as a new version', async () => {
    const admin = callers.admin as Caller
    assert.equal(await writeNarrative(ctx, admin, 2025, 'training', { body: 'First words.' }), 1)
    assert.equal(
      await writeNarrative(ctx, admin, 2025, 'training', { body: 'Better words.\nA second line.' }),
      2,
    )
    const file = await sectionVersions(ctx, admin, 2025, 'training')
    assert.deepEqual(
      file.versions.map((v) => [v.version, v.body]),
      [
        [2, 'Better words.\nA second line.'],
        [1, 'First words.'],
      ],
    )
    const draft = await readDraft(ctx, admin, 2025)
    assert.equal(draft.sections.find((s) => s.key === 'training')?.narrative, 'Better words.\nA second line.')
    await assert.rejects(writeNarrative(ctx, admin, 2025, 'training', { body: '   ' }), InvalidInput)
    await assert.rejects(writeNarrative(ctx, admin, 2025, 'no-such-section', { body: 'x' }), {
      statusCode: 404,
    })
    await assert.rejects(writeNarrative(ctx, callers.la as Caller, 2025, 'training', { body: 'Mine' }), {
      statusCode: 403,
    })
  })

  it('publishes only once all three lead partners have signed off the current draft', async () => {
    const admin = callers.admin as Caller
    await assert.rejects(
      publish(ctx, admin, 2025),
      (error: unknown) =>
        error instanceof PublishRefused &&
        /cannot be published until all three lead safeguarding partners have signed off this draft: still to sign, the local authority, the police, health/.test(
          error.message,
        ),
    )
    await signOff(ctx, callers.la as Caller, 2025)
    await signOff(ctx, callers.police as Caller, 2025)
    await assert.rejects(signOff(ctx, callers.school as Caller, 2025), {
      statusCode: 403,
      message: /Only the local authority, the police and health sign the yearly report/,
    })
    await assert.rejects(publish(ctx, admin, 2025), /still to sign, health/)

    // A change after sign-off makes a new draft: the partners sign it again.
    await signOff(ctx, callers.health as Caller, 2025)
    await writeNarrative(ctx, admin, 2025, 'lado', { body: 'Allegations were concluded sooner.' })
    await assert.rejects(publish(ctx, admin, 2025), /still to sign, the local authority, the police, health/)
    for (const partner of ['la', 'police', 'health']) await signOff(ctx, callers[partner] as Caller, 2025)
    assert.equal((await readDraft(ctx, admin, 2025)).publishProblem, null)

    await assert.rejects(readPublished(ctx, callers.practitioner as Caller, 2025), { statusCode: 404 })
    await publish(ctx, admin, 2025)
    const { published } = await readPublished(ctx, callers.practitioner as Caller, 2025)
    assert.equal(published.yearName, 'April 2025 to March 2026')
    assert.deepEqual(
      published.signoffs.map((s) => s.name),
      ['Lena Council', 'Pat Constable', 'Hana Board'],
    )
    assert.equal(
      published.sections.find((s) => s.key === 'lado')?.narrative,
      'Allegations were concluded sooner.',
    )
    await assert.rejects(writeNarrative(ctx, admin, 2025, 'lado', { body: 'Later' }), { statusCode: 409 })
    await assert.rejects(publish(ctx, admin, 2025), /already published/)

    const pdf = await yearlyReportPdf(published, ctx.partnership.partnership.name)
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF')
  })

  it('shows drafts only to whoever may read them, and audits every step', async () => {
    await assert.rejects(readDraft(ctx, callers.practitioner as Caller, 2025), (e: unknown) => {
      return e instanceof RequestError && e.statusCode === 403
    })
    await assert.rejects(startReport(ctx, callers.police as Caller, { startYear: '2026' }), {
      statusCode: 403,
    })
    await assert.rejects(startReport(ctx, callers.admin as Caller, { startYear: 'last year' }), InvalidInput)
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'like', 'yearly-report.%')
      .execute()
    const actions = new Set(audit.map((row) => `${row.action} ${row.outcome}`))
    for (const expected of [
      'yearly-report.write allowed',
      'yearly-report.sign allowed',
      'yearly-report.sign denied',
      'yearly-report.view allowed',
      'yearly-report.view denied',
      'yearly-report.read allowed',
    ])
      assert.ok(actions.has(expected), expected)
  })
})

/** The reporting year's training, self-assessment and LADO figures, and some from outside it. */
async function seed(database: TestDatabase, callers: Record<string, Caller>) {
  const db = database.db
  const familyAnswer = (answeredOn: string, understood: string) => ({
    audience: 'family' as const,
    answered_on: answeredOn,
    answers: JSON.stringify({ understood, heard: 'yes', reports: 'no' }),
    suggestion: null,
  })
  await db
    .insertInto('voice_response')
    .values([
      ...['2025-05-01', '2025-06-01', '2025-07-01', '2025-08-01', '2026-03-31'].map((on) =>
        familyAnswer(on, 'yes'),
      ),
      familyAnswer('2025-09-01', 'partly'),
      familyAnswer('2026-04-01', 'no'),
    ])
    .execute()
  await db
    .insertInto('voice_change')
    .values([
      {
        theme: 'information',
        what_we_changed: 'Reports sent a week ahead',
        changed_on: '2025-10-01',
        recorded_by: 'user:x',
      },
      {
        theme: 'being-heard',
        what_we_changed: 'Next year’s change',
        changed_on: '2026-04-02',
        recorded_by: 'user:x',
      },
    ])
    .execute()
  const userId = (callers.practitioner as Caller).actor.id
  const course = await db
    .insertInto('training_course')
    .values({
      title: 'Neglect: seeing the child',
      level: 2,
      audience: 'practitioners',
      description: 'Neglect.',
      created_at: new Date('2025-04-01T09:00:00Z'),
      created_by_name: 'Ada Business',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const session = async (heldOn: string) =>
    db
      .insertInto('training_session')
      .values({
        course_id: course.id,
        held_on: heldOn,
        starts_at: '09:30',
        ends_at: '12:30',
        venue: 'County Hall',
        capacity: 20,
        created_at: new Date('2025-04-01T09:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  const inYear = await session('2025-06-10')
  const nextYear = await session('2026-04-20')
  const people = ['practitioner', 'la', 'police', 'health'].map((key) => (callers[key] as Caller).actor.id)
  const place = (
    who: number,
    sessionId: string,
    status: 'booked' | 'cancelled',
    attendance: 'attended' | 'did-not-attend' | null,
    before: number,
    after: number | null,
  ) => ({
    session_id: sessionId,
    user_id: people[who] as string,
    user_name: 'Mo Practitioner',
    user_email: 'mo@example.test',
    agency_id: 'leicestershire-police',
    role: 'referrer',
    status,
    asked_at: new Date('2025-05-01T09:00:00Z'),
    cancelled_at: status === 'cancelled' ? new Date('2025-05-02T09:00:00Z') : null,
    attendance,
    confidence_before: before,
    confidence_after: after,
    evaluated_at: after === null ? null : new Date('2025-06-10T13:00:00Z'),
  })
  await db
    .insertInto('training_booking')
    .values([
      place(0, inYear.id, 'booked', 'attended', 2, 4),
      place(1, inYear.id, 'booked', 'attended', 3, 4),
      place(2, inYear.id, 'booked', 'did-not-attend', 3, null),
      place(3, inYear.id, 'cancelled', null, 3, null),
      place(0, nextYear.id, 'booked', 'attended', 1, 5),
    ])
    .execute()

  const round = await db
    .insertInto('self_assessment_round')
    .values({
      year: 2025,
      due_on: '2025-09-30',
      opened_at: new Date('2025-06-01T09:00:00Z'),
      opened_by_name: 'Ada',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const submitted = await db
    .insertInto('self_assessment_return')
    .values({
      round_id: round.id,
      agency_id: 'leicester-city-council',
      framework: 'section-11',
      status: 'submitted',
      started_at: new Date('2025-06-02T09:00:00Z'),
      started_by_name: 'Lena Council',
      submitted_at: new Date('2025-07-01T09:00:00Z'),
      submitted_by_name: 'Lena Council',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('self_assessment_return')
    .values({
      round_id: round.id,
      agency_id: 'leicester-schools',
      framework: 'section-175',
      status: 'draft',
      started_at: new Date('2025-06-02T09:00:00Z'),
      started_by_name: 'Sam School',
    })
    .execute()
  await db
    .insertInto('self_assessment_rating')
    .values(
      [2, 3, 4].map((rating, i) => ({
        return_id: submitted.id,
        standard_id: `s${i}`,
        standard_title: `Standard ${i}`,
        rating,
        evidence: 'Evidence.',
        rated_at: new Date('2025-06-20T09:00:00Z'),
        rated_by_name: 'Lena Council',
      })),
    )
    .execute()
  await db
    .insertInto('self_assessment_challenge')
    .values({
      return_id: submitted.id,
      standard_id: 's0',
      challenge: 'Show us the evidence.',
      challenged_at: new Date('2025-08-01T09:00:00Z'),
      challenged_by_name: 'Ada Business',
    })
    .execute()

  const allegation = (
    referredAt: string,
    name: string,
    outcome: { outcome: 'unfounded'; outcome_on: string } | null,
  ) => ({
    la_id: 'leicester',
    referred_at: new Date(referredAt),
    lado_informed_by: referredAt.slice(0, 10),
    referrer: `user:${userId}`,
    referrer_name: 'Mo Practitioner',
    referrer_email: 'mo@example.test',
    referrer_organisation: 'Leicestershire Police',
    person_name: name,
    person_role: 'Coach',
    employer: 'A sports club',
    employer_sector: 'sport-leisure',
    harm_test: ['harmed'],
    harm_category: 'physical',
    what_happened: 'Something happened.',
    children_concerned: 'Two children.',
    outcome: outcome?.outcome ?? null,
    outcome_on: outcome?.outcome_on ?? null,
  })
  await database.db
    .insertInto('lado_allegation')
    .values([
      allegation('2025-05-10T10:00:00Z', 'A. Adult', { outcome: 'unfounded', outcome_on: '2025-05-30' }),
      allegation('2026-02-10T10:00:00Z', 'B. Adult', null),
      allegation('2025-03-10T10:00:00Z', 'C. Adult', null),
    ] as never)
    .execute()
}
