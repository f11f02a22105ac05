// The MASA plan against a real database: the partners register prefilled from the configuration,
// each save of a section a new version with the guiding questions it answers, the registers and
// review points (time left in working days across Christmas's bank holidays), published versions
// kept unchanged, the plan file exported and imported in the one format (a bad file refused naming
// the path and field), the regional forum comparing two partnerships' plans, recording feedback and
// drafting a wider plan, its feedback sent back to the other installation as a file and imported
// there once; refusals for whoever the policy refuses, every step in the audit.

import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import {
  chooseSection,
  feedbackFile,
  importForumPlan,
  readForum,
  recordFeedback,
  widerPlanFile,
} from './forum.ts'
import { feedbackFileProblem, planFileProblem } from './rules.ts'
import { type FeedbackFile, feedbackFileJsonSchema, type PlanFile, planFileJsonSchema } from './schemas.ts'
import { SECTIONS } from './sections.ts'
import {
  addContribution,
  addPartner,
  addReviewPoint,
  changePartner,
  exportPlan,
  importForumFeedback,
  importPlan,
  type MasaPlanContext,
  publishPlan,
  readPlan,
  readPublished,
  readSection,
  removePartner,
  writeSection,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const PLYMOUTH = new URL('../../config/partnerships/plymouth-torbay.yaml', import.meta.url).pathname
// Christmas Eve 2026, a Thursday: Friday 25 and Monday 28 December are bank holidays.
const NOW = new Date('2026-12-24T10:00:00Z')

const refusedWith = (status: number) => (error: unknown) =>
  error instanceof RequestError && error.statusCode === status

describe('the MASA plan', () => {
  let database: TestDatabase
  let other: TestDatabase
  let ctx: MasaPlanContext
  let otherCtx: MasaPlanContext
  let admin: Caller
  let otherAdmin: Caller
  let referrer: Caller

  before(async () => {
    database = await openTestDatabase()
    other = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => NOW }
    otherCtx = { db: other.db, partnership: await loadPartnershipConfig(PLYMOUTH), now: () => NOW }
    admin = await enrolledCaller(database.db, {
      name: 'Ada Business',
      agencyId: 'leicester-city-council',
      agencyKind: 'local-authority',
      role: 'partnership-admin',
    })
    referrer = await enrolledCaller(database.db, {
      name: 'Rita School',
      agencyId: 'leicester-city-council',
      agencyKind: 'local-authority',
      role: 'referrer',
    })
    otherAdmin = await enrolledCaller(other.db, {
      name: 'Otto Unit',
      agencyId: otherCtx.partnership.agencies[0]?.id as string,
      agencyKind: 'local-authority',
      role: 'partnership-admin',
    })
  })
  after(async () => {
    await database.dispose()
    await other.dispose()
  })

  it('has the 17 sections of the guidance, each with its guiding questions', () => {
    assert.equal(SECTIONS.length, 17)
    assert.equal(new Set(SECTIONS.map((s) => s.key)).size, 17)
    for (const section of SECTIONS) assert.ok(section.questions.length >= 1, section.key)
  })

  it('prefills the partners register from the configuration’s agencies, and lets the business unit change it', async () => {
    const plan = await readPlan(ctx, referrer)
    assert.equal(plan.partners.length, ctx.partnership.agencies.length)
    const police = plan.partners.find((p) => p.agency_id === 'leicestershire-police')
    assert.equal(police?.kind, 'safeguarding-partner')
    assert.equal(plan.writes, false)
    await addPartner(ctx, admin, {
      name: 'Eastgate Primary School',
      kind: 'school',
      role: 'Designated safeguarding lead attends',
    })
    await assert.rejects(addPartner(ctx, admin, { name: ' ', kind: 'nursery' }), (error: unknown) => {
      assert.ok(error instanceof InvalidInput)
      assert.deepEqual(
        error.problems.map((p) => p.field),
        ['name', 'kind'],
      )
      return true
    })
    const school = (await readPlan(ctx, admin)).partners.find((p) => p.name === 'Eastgate Primary School')
    assert.equal(school?.kindName, 'School, college or early years setting')
    await changePartner(ctx, admin, school?.id as string, {
      name: 'Eastgate Primary Academy',
      kind: 'school',
    })
    const renamed = (await readPlan(ctx, admin)).partners.find((p) => p.id === school?.id)
    assert.equal(renamed?.name, 'Eastgate Primary Academy')
    assert.equal(renamed?.role, null)
    const probation = (await readPlan(ctx, admin)).partners.find(
      (p) => p.agency_id !== null && p.kind === 'relevant-agency',
    )
    await removePartner(ctx, admin, probation?.id as string)
    await assert.rejects(removePartner(ctx, admin, probation?.id as string), refusedWith(404))
    await assert.rejects(removePartner(ctx, admin, 'not-an-id'), refusedWith(404))
    await assert.rejects(addPartner(ctx, referrer, { name: 'X', kind: 'other' }), refusedWith(403))
  })

  it('keeps every save of a section as a new version, with the guiding questions it answers', async () => {
    await writeSection(ctx, admin, 'vision', {
      text: 'Children safe at home, at school and online.',
      answers: ['q1'],
    })
    await writeSection(ctx, admin, 'vision', { text: 'Children safe and heard.', answers: ['q2', 'q1'] })
    const file = await readSection(ctx, referrer, 'vision')
    assert.deepEqual(
      file.versions.map((v) => [v.version, v.body, v.answers]),
      [
        [2, 'Children safe and heard.', ['q1', 'q2']],
        [1, 'Children safe at home, at school and online.', ['q1']],
      ],
    )
    assert.equal(file.writes, false)
    await assert.rejects(
      writeSection(ctx, admin, 'vision', { text: 'x', answers: ['q9'] }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInput)
        assert.equal(error.problems[0]?.field, 'answers')
        return true
      },
    )
    await assert.rejects(writeSection(ctx, admin, 'vision', { text: '  ' }), InvalidInput)
    await assert.rejects(writeSection(ctx, admin, 'nothing', { text: 'x' }), refusedWith(404))
    await assert.rejects(writeSection(ctx, referrer, 'vision', { text: 'x' }), refusedWith(403))
    const plan = await readPlan(ctx, admin)
    const vision = plan.sections.find((s) => s.key === 'vision')
    assert.deepEqual([vision?.version, vision?.answered, vision?.questions], [2, 2, 2])
  })

  it('registers contributions in pounds or in kind, and review points with working days left', async () => {
    await addContribution(ctx, admin, {
      partner: 'Leicestershire Police',
      year: '2026',
      amount: '£12,500.50',
    })
    await addContribution(ctx, admin, {
      partner: 'NHS LLR ICB',
      year: '2026',
      inKind: 'Business unit accommodation',
    })
    await assert.rejects(
      addContribution(ctx, admin, { partner: 'Nobody', year: '2026' }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInput)
        assert.equal(error.problems[0]?.text, 'Enter the amount in pounds, or what is given in kind')
        return true
      },
    )
    await assert.rejects(
      addContribution(ctx, admin, { partner: 'X', year: '26', amount: 'lots' }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInput)
        assert.deepEqual(
          error.problems.map((p) => p.field),
          ['year', 'amount'],
        )
        return true
      },
    )
    // Tuesday 29 December: Christmas Day, the weekend and Boxing Day's substitute do not count.
    await addReviewPoint(ctx, admin, { due: '2026-12-29', what: 'First review of the plan' })
    await addReviewPoint(ctx, admin, { due: '2026-12-22', what: 'Draft to the forum' })
    await assert.rejects(addReviewPoint(ctx, admin, { due: '2026-02-30', what: 'x' }), InvalidInput)
    const plan = await readPlan(ctx, admin)
    assert.deepEqual(
      plan.contributions.map((c) => [c.partner, c.yearName, c.amount, c.in_kind]),
      [
        ['Leicestershire Police', '2026 to 2027', '£12,500.50', null],
        ['NHS LLR ICB', '2026 to 2027', null, 'Business unit accommodation'],
      ],
    )
    assert.deepEqual(
      plan.reviewPoints.map((r) => [r.due_on, r.left.words]),
      [
        ['2026-12-22', 'Overdue by 2 working days'],
        ['2026-12-29', '1 working day left'],
      ],
    )
  })

  it('publishes versions that do not move when the plan changes', async () => {
    await assert.rejects(publishPlan(otherCtx, otherAdmin), refusedWith(409))
    assert.equal(await publishPlan(ctx, admin), 1)
    await writeSection(ctx, admin, 'vision', { text: 'Changed after publishing.', answers: [] })
    assert.equal(await publishPlan(ctx, admin), 2)
    const first = await readPublished(ctx, referrer, 1)
    assert.equal(first.file.publishedVersion, 1)
    assert.equal(first.file.sections.find((s) => s.key === 'vision')?.text, 'Children safe and heard.')
    assert.equal((await readPublished(ctx, referrer, 2)).file.sections[0]?.text, 'Changed after publishing.')
    await assert.rejects(readPublished(ctx, referrer, 3), refusedWith(404))
    assert.deepEqual(
      (await readPlan(ctx, referrer)).published.map((v) => v.version),
      [2, 1],
    )
  })

  it('exports the plan in the one format, which its JSON Schema file describes', async () => {
    const file = await exportPlan(ctx, referrer)
    assert.equal(planFileProblem(file), undefined)
    assert.equal(file.partnership.id, ctx.partnership.partnership.id)
    assert.ok(file.partners.some((p) => p.name === 'Eastgate Primary Academy'))
    assert.ok(file.contributions.some((c) => c.amountPence === 1_250_050))
    const written = JSON.parse(await readFile(new URL('./plan-file-schema.json', import.meta.url), 'utf8'))
    assert.deepEqual(written, planFileJsonSchema(), 'plan-file-schema.json is the schema the code checks')
  })

  it('refuses a bad file naming the path and field, and imports a good one as new versions', async () => {
    const file = await exportPlan(ctx, admin)
    const bad = (change: (f: PlanFile & Record<string, unknown>) => void) => {
      const copy = structuredClone(file) as PlanFile & Record<string, unknown>
      change(copy)
      return JSON.stringify(copy)
    }
    const cases: [string, RegExp][] = [
      ['not json', /The file is not JSON/],
      [
        bad((f) => {
          ;(f.sections[0] as { key: string }).key = 'vission'
        }),
        /field "sections\[0\]\.key" must be the key of one of the 17 sections/,
      ],
      [
        bad((f) => {
          ;(f.sections[0] as { answers: string[] }).answers = ['q7']
        }),
        /field "sections\[0\]\.answers\[0\]" must be one of the section’s guiding questions \(q1, q2\)/,
      ],
      [
        bad((f) => {
          delete (f.partners[0] as { name?: string }).name
        }),
        /field "partners\[0\]\.name" is missing/,
      ],
      [
        bad((f) => {
          ;(f.sections[0] as { text: string }).text = 'a\u0000b'
        }),
        /field "sections\[0\]\.text" contains a control character/,
      ],
      [
        bad((f) => {
          f.colour = 'blue'
        }),
        /field "colour" is not part of the format/,
      ],
      [
        bad((f) => {
          f.contributions.push({ partner: 'X', year: 2026 })
        }),
        /field "contributions\[2\]" must have an amountPence or an inKind/,
      ],
      [
        bad((f) => {
          ;(f.reviewPoints[0] as { due: string }).due = '2026-02-30'
        }),
        /field "reviewPoints\[0\]\.due" must be a real date/,
      ],
    ]
    for (const [text, words] of cases)
      await assert.rejects(importPlan(ctx, admin, text), (error: unknown) => {
        assert.ok(error instanceof InvalidInput, String(words))
        assert.equal(error.problems[0]?.field, 'file')
        assert.match(error.problems[0]?.text ?? '', words)
        return true
      })
    assert.equal((await exportPlan(ctx, admin)).partners.length, file.partners.length, 'nothing half-written')

    const result = await importPlan(
      ctx,
      admin,
      JSON.stringify({
        ...file,
        sections: [{ key: 'thresholds', text: 'One threshold document.', answers: ['q1'] }, ...file.sections],
        partners: [{ name: 'Only partner', kind: 'other' }],
      }),
    )
    assert.deepEqual(result, { sections: 1 }, 'the unchanged vision section is not saved again')
    const after = await exportPlan(ctx, admin)
    assert.deepEqual(after.partners, [{ name: 'Only partner', kind: 'other' }])
    assert.equal((await readSection(ctx, admin, 'vision')).versions.length, 3)
    await assert.rejects(importPlan(ctx, referrer, JSON.stringify(file)), refusedWith(403))
  })

  it('lets the regional forum compare two partnerships’ plans, record feedback and draft a wider plan', async () => {
    await writeSection(otherCtx, otherAdmin, 'vision', {
      text: 'Plymouth and Torbay’s vision.',
      answers: ['q1'],
    })
    await writeSection(otherCtx, otherAdmin, 'escalation', {
      text: 'Three stages of escalation.',
      answers: ['q1'],
    })
    const theirs = JSON.stringify(await exportPlan(otherCtx, otherAdmin))
    assert.equal(await importForumPlan(ctx, admin, theirs), otherCtx.partnership.partnership.name)
    await importForumPlan(ctx, admin, theirs) // the same partnership again replaces, not repeats
    await assert.rejects(
      importForumPlan(ctx, admin, JSON.stringify(await exportPlan(ctx, admin))),
      refusedWith(409),
    )
    await assert.rejects(importForumPlan(ctx, admin, '{"format":"masa-plan/1"}'), (error: unknown) => {
      assert.ok(error instanceof InvalidInput)
      assert.match(error.problems[0]?.text ?? '', /field "guidance" is missing/)
      return true
    })

    const forum = await readForum(ctx, admin)
    assert.deepEqual(
      forum.plans.map((p) => p.ref === 'own'),
      [true, false],
    )
    const vision = forum.sections.find((s) => s.key === 'vision')
    assert.deepEqual(
      vision?.questions.map((q) => [q.answered, q.differs]),
      [
        [[false, true], true],
        [[false, false], false],
      ],
    )
    assert.equal(vision?.differs, true)
    const escalation = forum.sections.find((s) => s.key === 'escalation')
    assert.deepEqual(
      escalation?.plans.map((p) => p.written),
      [false, true],
    )
    assert.equal(forum.sections.find((s) => s.key === 'workforce')?.differs, false)

    const theirRef = forum.plans[1]?.ref as string
    await recordFeedback(ctx, admin, { plan: theirRef, body: 'Say how rapid reviews are conducted.' })
    await recordFeedback(ctx, admin, { plan: 'own', body: 'Add the schools to section 4.' })
    await assert.rejects(recordFeedback(ctx, admin, { plan: 'someone', body: 'x' }), InvalidInput)
    await assert.rejects(
      recordFeedback(ctx, admin, { plan: '00000000-0000-4000-8000-000000000000', body: 'x' }),
      refusedWith(404),
    )
    const withFeedback = await readForum(ctx, admin)
    assert.deepEqual(
      withFeedback.plans.map((p) => p.feedback.map((f) => f.body)),
      [['Add the schools to section 4.'], ['Say how rapid reviews are conducted.']],
    )

    await chooseSection(ctx, admin, { section: 'escalation', plan: theirRef })
    await chooseSection(ctx, admin, { section: 'vision', plan: 'own' })
    await assert.rejects(chooseSection(ctx, admin, { section: 'funding', plan: theirRef }), refusedWith(409))
    const wider = await widerPlanFile(ctx, admin)
    assert.equal(planFileProblem(wider), undefined, 'the wider draft is in the same format')
    assert.deepEqual(
      wider.sections.map((s) => [s.key, s.text]),
      [
        ['vision', 'Changed after publishing.'],
        ['escalation', 'Three stages of escalation.'],
      ],
    )
    await assert.rejects(readForum(ctx, referrer), refusedWith(403))
  })

  it('sends the forum’s feedback back to the partnership’s own installation as a file, kept once there', async () => {
    const theirs = (await readForum(ctx, admin)).plans[1]?.ref as string
    const file = await feedbackFile(ctx, admin, theirs)
    assert.equal(feedbackFileProblem(file), undefined)
    const written = JSON.parse(
      await readFile(new URL('./feedback-file-schema.json', import.meta.url), 'utf8'),
    )
    assert.deepEqual(
      written,
      feedbackFileJsonSchema(),
      'feedback-file-schema.json is the schema the code checks',
    )
    assert.deepEqual(
      [file.forum.id, file.partnership.id, file.feedback.map((f) => [f.text, f.plan?.exportedAt])],
      [
        'llr',
        otherCtx.partnership.partnership.id,
        [['Say how rapid reviews are conducted.', NOW.toISOString()]],
      ],
    )
    await assert.rejects(feedbackFile(ctx, admin, 'own'), refusedWith(404))
    await assert.rejects(feedbackFile(ctx, referrer, theirs), refusedWith(403))

    assert.deepEqual(await importForumFeedback(otherCtx, otherAdmin, JSON.stringify(file)), {
      forum: ctx.partnership.partnership.name,
      added: 1,
      already: 0,
    })
    const later = { ...ctx, now: () => new Date(NOW.getTime() + 60_000) }
    await recordFeedback(later, admin, { plan: theirs, body: 'Name the independent scrutineer.' })
    const fuller = JSON.stringify(await feedbackFile(later, admin, theirs))
    assert.deepEqual(await importForumFeedback(otherCtx, otherAdmin, fuller), {
      forum: ctx.partnership.partnership.name,
      added: 1,
      already: 1,
    })
    const plan = await readPlan(otherCtx, otherAdmin)
    assert.deepEqual(
      plan.feedback.map((f) => [f.body, f.forumName, f.planExportedAt?.toISOString()]),
      [
        ['Name the independent scrutineer.', ctx.partnership.partnership.name, NOW.toISOString()],
        ['Say how rapid reviews are conducted.', ctx.partnership.partnership.name, NOW.toISOString()],
      ],
    )
    assert.deepEqual(
      (await readPlan(ctx, admin)).feedback.map((f) => f.body),
      ['Add the schools to section 4.'],
      'the own forum’s feedback to its own partnership shows on its plan page',
    )

    const bad = (change: (f: FeedbackFile & Record<string, unknown>) => void) => {
      const copy = structuredClone(file) as FeedbackFile & Record<string, unknown>
      change(copy)
      return JSON.stringify(copy)
    }
    const cases: [MasaPlanContext, Caller, string, RegExp][] = [
      [ctx, admin, fuller, /This feedback is for Plymouth.*field "partnership\.id" is "plymouth-torbay"/],
      [otherCtx, otherAdmin, '[]', /field "the file" must be/],
      [
        otherCtx,
        otherAdmin,
        bad((f) => {
          delete (f.feedback[0] as { id?: string }).id
        }),
        /forum feedback format: field "feedback\[0\]\.id" is missing/,
      ],
      [
        otherCtx,
        otherAdmin,
        bad((f) => {
          ;(f.feedback[0] as { writtenAt: string }).writtenAt = '2026-02-30T10:00:00Z'
        }),
        /field "feedback\[0\]\.writtenAt" must be a real moment/,
      ],
      [
        otherCtx,
        otherAdmin,
        bad((f) => {
          f.feedback.push({ ...(f.feedback[0] as FeedbackFile['feedback'][number]) })
        }),
        /field "feedback\[1\]\.id" repeats/,
      ],
      [
        otherCtx,
        otherAdmin,
        bad((f) => {
          f.format = 'masa-plan/1' as never
        }),
        /field "format" must be the format’s name and version: "masa-plan-feedback\/1"/,
      ],
      [
        otherCtx,
        otherAdmin,
        bad((f) => {
          f.forum = { ...f.partnership }
        }),
        /this installation’s own forum \(field "forum\.id"\)/,
      ],
    ]
    for (const [where, who, text, words] of cases)
      await assert.rejects(importForumFeedback(where, who, text), (error: unknown) => {
        assert.ok(error instanceof InvalidInput, String(words))
        assert.equal(error.problems[0]?.field, 'file')
        assert.match(error.problems[0]?.text ?? '', words)
        return true
      })
    assert.equal(
      (await readPlan(otherCtx, otherAdmin)).feedback.length,
      2,
      'nothing written from a refused file',
    )
    await assert.rejects(importForumFeedback(ctx, referrer, fuller), refusedWith(403))
  })

  it('records every step in the audit', async () => {
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'like', 'masa-plan.%')
      .execute()
    const seen = new Set(rows.map((row) => `${row.action} ${row.outcome}`))
    for (const expected of [
      'masa-plan.read allowed',
      'masa-plan.write allowed',
      'masa-plan.write denied',
      'masa-plan.forum allowed',
      'masa-plan.forum denied',
    ])
      assert.ok(seen.has(expected), expected)
  })
})
