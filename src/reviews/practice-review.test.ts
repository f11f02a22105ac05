// A local child safeguarding practice review against a real database, from commissioning to the
// Panel's copy: milestones with dates, drafts kept as versions, the lead safeguarding partners'
// sign-off of the current draft (one per partner per draft; a new draft needs all three again),
// publication refused naming who has still to sign, the Panel's copy after publication, the warning
// before the 6-month target (working days, across Christmas), and 404 for whoever may not read it.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { AgencyKind, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import {
  addMilestone,
  meetMilestone,
  readPracticeReview,
  recordPanelCopy,
  recordPublication,
  reviewsToSign,
  signOff,
  warnPublicationDueSoon,
  writeDraft,
} from './practice-review.ts'
import {
  commissionReview,
  type ReviewsContext,
  recordDecision,
  recordIncident,
  recordNotified,
  writeRecord,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

const status = async (promise: Promise<unknown>) => {
  try {
    await promise
    return 'ok'
  } catch (error) {
    if (error instanceof InvalidInput) return `400 ${error.problems.map((p) => p.text).join('; ')}`
    if (error instanceof RequestError) return `${error.statusCode} ${error.message}`
    throw error
  }
}

describe('a local child safeguarding practice review', () => {
  let database: TestDatabase
  let ctx: ReviewsContext
  let clock = new Date('2026-06-01T09:00:00Z')
  let id: string
  const c: Record<string, Caller> = {}

  const person = (name: string, agencyId: string, agencyKind: AgencyKind, role: Role, agencyLaId?: string) =>
    enrolledCaller(database.db, {
      name,
      agencyId,
      agencyKind,
      role,
      ...(agencyLaId ? { agencyLaId, laId: agencyLaId } : {}),
    })

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => clock }
    c.la = await person(
      'Lena Council',
      'leicester-city-council',
      'local-authority',
      'safeguarding-manager',
      'leicester',
    )
    c.lead = await person('Rae Reviews', 'leicester-city-council', 'local-authority', 'review-lead')
    c.police = await person('Pat Constable', 'leicestershire-police', 'police', 'safeguarding-manager')
    c.health = await person('Hana Board', 'llr-icb', 'health', 'safeguarding-manager')
    c.rutland = await person(
      'Rob Rutland',
      'rutland-county-council',
      'local-authority',
      'safeguarding-manager',
      'rutland',
    )
    c.school = await person('Sam School', 'leicester-schools', 'education', 'safeguarding-manager')
    const child = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'LCSPR-1',
        given_name: 'Tamsin',
        family_name: 'Oakworth',
        date_of_birth: '2020-01-09',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const row = await recordIncident(ctx, c.la as Caller, child.id, {
      learnedOn: '2026-05-28',
      abuseOrNeglect: 'known',
      harm: 'seriously-harmed',
      whatHappened: 'Synthetic: admitted to hospital with injuries.',
    })
    id = row.id
    await recordDecision(ctx, c.la as Caller, id, { decision: 'notify', decisionReason: 'Criteria met' })
    await recordNotified(ctx, c.la as Caller, id, { notifiedOn: '2026-05-29' })
    await writeRecord(ctx, c.lead as Caller, id, {
      facts: 'Facts',
      immediateActions: 'Safety plan',
      learning: 'Learning across agencies',
      lcspr: 'recommended',
      lcsprReason: 'Learning for the whole partnership',
    })
  })
  after(() => database.dispose())

  it('is commissioned with a publication target 6 months from the decision, and milestones with dates', async () => {
    await commissionReview(ctx, c.lead as Caller, id, {
      decidedOn: '2026-06-01',
      reviewer: 'A. Reviewer (synthetic)',
      termsOfReference: 'Terms',
      methodology: 'Systems',
      familyInvolvement: 'The family is met twice',
    })
    await addMilestone(ctx, c.lead as Caller, id, { title: 'Practitioners’ event', dueOn: '2026-08-14' })
    await addMilestone(ctx, c.lead as Caller, id, { title: 'First draft', dueOn: '2026-07-20' })
    let file = await readPracticeReview(ctx, c.la as Caller, id)
    assert.equal(file.review.publish_by, '2026-12-01')
    assert.deepEqual(
      file.milestones.map((m) => m.title),
      ['First draft', 'Practitioners’ event'],
      'the earliest due first',
    )
    const first = file.milestones[0]?.id as string
    assert.match(
      await status(meetMilestone(ctx, c.lead as Caller, id, { milestoneId: first, metOn: '2026-06-09' })),
      /^400 Enter a date that is today or in the past/,
    )
    clock = new Date('2026-07-20T09:00:00Z')
    await meetMilestone(ctx, c.lead as Caller, id, { milestoneId: first, metOn: '2026-07-20' })
    assert.match(
      await status(meetMilestone(ctx, c.lead as Caller, id, { milestoneId: first, metOn: '2026-07-20' })),
      /^409/,
      'met once',
    )
    file = await readPracticeReview(ctx, c.la as Caller, id)
    assert.equal(file.milestones[0]?.met_on, '2026-07-20')
    assert.equal(file.manages, true)
  })

  it('is read by its managers and the lead partners’ signers only; others are answered 404', async () => {
    assert.equal((await readPracticeReview(ctx, c.police as Caller, id)).manages, false)
    assert.equal((await readPracticeReview(ctx, c.health as Caller, id)).manages, false)
    for (const name of ['school', 'rutland'])
      assert.match(await status(readPracticeReview(ctx, c[name] as Caller, id)), /^404/, name)
    assert.match(await status(signOff(ctx, c.rutland as Caller, id)), /^404/, 'another LA signs nothing')
    assert.match(
      await status(writeDraft(ctx, c.police as Caller, id, { body: 'A draft' })),
      /^404/,
      'a signer does not write drafts',
    )
    assert.match(await status(readPracticeReview(ctx, c.police as Caller, 'not-a-uuid')), /^404/)
  })

  it('is signed off draft by draft, once per partner, and published only once all three signed the current one', async () => {
    assert.match(
      await status(recordPublication(ctx, c.lead as Caller, id, { publishedOn: '2026-07-20' })),
      /^409 Add a draft/,
    )
    assert.match(await status(signOff(ctx, c.police as Caller, id)), /^409 There is no draft/)
    await writeDraft(ctx, c.lead as Caller, id, { body: 'Draft one (synthetic).', note: 'First draft' })
    const emailed = await database.db
      .selectFrom('notification_outbox')
      .select('recipient')
      .where('template_id', '=', 'practice-review-draft')
      .execute()
    assert.ok(
      emailed.some((e) => e.recipient.endsWith('@leicestershire-police.example')),
      'the police told',
    )
    assert.ok(!emailed.some((e) => e.recipient.endsWith('@leicester-schools.example')), 'not a school')
    assert.deepEqual(
      (await reviewsToSign(ctx, c.police as Caller)).map((r) => r.id),
      [id],
    )
    assert.equal(await signOff(ctx, c.police as Caller, id), 'police')
    assert.deepEqual(await reviewsToSign(ctx, c.police as Caller), [], 'signed: no longer listed')
    assert.match(await status(signOff(ctx, c.police as Caller, id)), /^409 Your partner has already signed/)
    const refused = await status(recordPublication(ctx, c.lead as Caller, id, { publishedOn: '2026-07-20' }))
    assert.equal(
      refused,
      '409 The review cannot be published until all three lead safeguarding partners have signed off the current draft: still to sign, the local authority, health (the integrated care board)',
    )
    await signOff(ctx, c.la as Caller, id)
    await signOff(ctx, c.health as Caller, id)
    assert.equal((await readPracticeReview(ctx, c.la as Caller, id)).review.signed_off_on, '2026-07-20')

    clock = new Date('2026-07-27T09:00:00Z')
    await writeDraft(ctx, c.lead as Caller, id, { body: 'Draft two (synthetic).' })
    let file = await readPracticeReview(ctx, c.health as Caller, id)
    assert.deepEqual(
      file.drafts.map((d) => [d.version, d.body]),
      [
        [2, 'Draft two (synthetic).'],
        [1, 'Draft one (synthetic).'],
      ],
      'every version kept, newest first',
    )
    assert.equal(file.review.signed_off_on, null, 'a new draft needs all three again')
    assert.equal(file.signsFor, 'health')
    assert.match(
      await status(recordPublication(ctx, c.lead as Caller, id, { publishedOn: '2026-07-27' })),
      /still to sign, the local authority, the police, health/,
    )
    for (const name of ['la', 'police', 'health']) await signOff(ctx, c[name] as Caller, id)
    assert.match(
      await status(recordPanelCopy(ctx, c.lead as Caller, id, { sentOn: '2026-07-27' })),
      /^409 Record the publication first/,
    )
    assert.match(
      await status(recordPublication(ctx, c.lead as Caller, id, { publishedOn: '2026-07-28' })),
      /^400 Enter a date that is today or in the past/,
    )
    await recordPublication(ctx, c.lead as Caller, id, { publishedOn: '2026-07-27' })
    assert.match(
      await status(signOff(ctx, c.police as Caller, id)),
      /^409 The practice review is already published/,
    )
    assert.match(
      await status(writeDraft(ctx, c.lead as Caller, id, { body: 'Late' })),
      /^409 The practice review is already published/,
    )
    assert.match(
      await status(recordPanelCopy(ctx, c.lead as Caller, id, { sentOn: '2026-07-24' })),
      /^400 Enter a date on or after/,
    )
    await recordPanelCopy(ctx, c.lead as Caller, id, { sentOn: '2026-07-27' })
    file = await readPracticeReview(ctx, c.la as Caller, id)
    assert.equal(file.review.published_on, '2026-07-27')
    assert.equal(file.review.panel_copy_sent_on, '2026-07-27')
    assert.equal(file.signoffs.length, 3)
    const audits = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'in', ['review.sign', 'review.view'])
      .execute()
    assert.ok(audits.some((a) => a.action === 'review.sign' && a.outcome === 'allowed'))
    assert.ok(
      audits.some((a) => a.action === 'review.view' && a.outcome === 'denied'),
      'the refusals (another LA, a school) are audited too',
    )
  })
})

describe('the warning before the publication target', () => {
  let database: TestDatabase
  let ctx: ReviewsContext
  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => new Date() }
    const la = await enrolledCaller(database.db, {
      name: 'Lena Council',
      agencyId: 'leicester-city-council',
      agencyKind: 'local-authority',
      role: 'safeguarding-manager',
      agencyLaId: 'leicester',
      laId: 'leicester',
    })
    const child = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'LCSPR-2',
        given_name: 'Ira',
        family_name: 'Penrose',
        date_of_birth: '2019-02-02',
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    ctx.now = () => new Date('2026-07-01T09:00:00Z')
    const row = await recordIncident(ctx, la, child.id, {
      learnedOn: '2026-06-25',
      abuseOrNeglect: 'known',
      harm: 'died',
      whatHappened: 'Synthetic.',
    })
    await recordDecision(ctx, la, row.id, { decision: 'notify', decisionReason: 'Criteria met' })
    await recordNotified(ctx, la, row.id, { notifiedOn: '2026-06-26' })
    await writeRecord(ctx, la, row.id, {
      facts: 'F',
      immediateActions: 'A',
      learning: 'L',
      lcspr: 'recommended',
      lcsprReason: 'R',
    })
    // Decided on 1 July 2026: published by 1 January 2027, a bank holiday.
    await commissionReview(ctx, la, row.id, {
      decidedOn: '2026-07-01',
      reviewer: 'R',
      termsOfReference: 'T',
      methodology: 'M',
      familyInvolvement: 'F',
    })
  })
  after(() => database.dispose())

  it('warns once, 20 working days before the target, counting across Christmas and New Year', async () => {
    // 20 working days before Friday 1 January 2027 (Christmas, Boxing Day's Monday substitute and New
    // Year's Day not counted) is Tuesday 1 December 2026.
    assert.equal(await warnPublicationDueSoon(ctx, new Date('2026-11-30T09:00:00Z')), 0)
    assert.equal(await warnPublicationDueSoon(ctx, new Date('2026-12-01T09:00:00Z')), 1)
    assert.equal(await warnPublicationDueSoon(ctx, new Date('2026-12-02T09:00:00Z')), 0, 'once')
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select('recipient')
      .where('template_id', '=', 'practice-review-due-soon')
      .execute()
    assert.ok(emails.some((e) => e.recipient === 'lena.council@leicester-city-council.example'))
  })
})
