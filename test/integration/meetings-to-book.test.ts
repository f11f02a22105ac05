import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { requestDirect } from '../../src/child-protection/workflow/strategy-discussion.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import type { Caller } from '../../src/platform/access/guard.ts'
import { subtractWorkingDays, toIsoDate } from '../../src/platform/calendar/working-days.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

const requester: Caller = {
  actor: {
    kind: 'user',
    id: 'bs-direct',
    displayName: 'Business support',
    agencyId: 'leicester-city-council',
    agencyKind: 'local-authority',
    agencyLaId: 'leicester',
    grants: [{ role: 'business-support', laId: null }],
  },
  origin: { ip: '127.0.0.1', requestId: 'test' },
}

describe('business support’s meetings to book', () => {
  let t: TestApp
  let users: DemoUser[]
  let support: TestBrowser
  let teacher: TestBrowser
  let referralId: string
  let section47Id: string
  let requestedId: string
  const userOf = (email: string) => users.find((u) => u.email.startsWith(email)) as DemoUser

  before(async () => {
    t = await startTestApp()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    users = await seedDemoUsers(t.database, partnership)
    const insertChild = async (givenName: string) =>
      (
        await t.database.db
          .insertInto('child')
          .values({
            la_id: 'leicester',
            la_child_id: givenName,
            given_name: givenName,
            family_name: 'Booking',
            sex: 'F',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const ctx = { db: t.database.db, partnership, now: () => new Date() }
    const request = (childId: string) =>
      requestDirect(ctx, requester, {
        childId,
        origin: 'live-cp-plan',
        concerns: 'Bruising',
        meetingReasons: [],
      })

    // A strategy discussion requested and not booked: due the next working day.
    requestedId = await request(await insertChild('Bea'))
    // An enquiry concluded for a conference nobody has booked: due well before anything else here.
    const cai = await insertChild('Cai')
    const concluded = await request(cai)
    await t.database.db
      .updateTable('strategy_discussion')
      .set({ status: 'cancelled' })
      .where('id', '=', concluded)
      .execute()
    const today = toIsoDate(new Date())
    const s47 = await t.database.db
      .insertInto('section47_enquiry')
      .values({
        child_id: cai,
        la_id: 'leicester',
        strategy_discussion_id: concluded,
        joint_with_police: true,
        started_on: subtractWorkingDays(today, 20),
        icpc_due_by: subtractWorkingDays(today, 5),
        outcome: 'icpc',
        outcome_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    section47Id = s47.id

    // A referral decided for a strategy discussion, not matched to a record (no NHS number or UPN).
    teacher = await signIn(t.app, userOf('referrer@'))
    const sent = await teacher.post('/referrals/new', {
      idempotencyKey: 'to-book-1',
      childFirstName: 'Dee',
      childLastName: 'Booking',
      'childDateOfBirth-day': '2',
      'childDateOfBirth-month': '3',
      'childDateOfBirth-year': '2015',
      childPostcode: 'LE2 1AA',
      whatHappened: 'Came to school with a bruise on her cheek.',
      worries: 'Second injury this term.',
      familyKnows: 'Mother knows we are referring.',
      consent: 'given',
      urgency: 'standard',
      referralSource: '2A',
      referrerName: 'Tess Teacher',
      referrerRole: 'Designated safeguarding lead',
      referrerEmail: 'dsl@school.example',
    })
    referralId = String(sent.headers.location).split('/')[2] as string
    const screener = await signIn(t.app, userOf('front-door-screener.leicester@'))
    const decided = await screener.post(`/referrals/${referralId}/decision`, {
      outcome: 'strategy-discussion-s47',
      levelOfNeed: '4',
      reasons: 'Bruising with an account that does not fit.',
      feedbackToReferrer: 'We are holding a strategy discussion.',
      withoutContributionsReason: 'urgent',
    })
    assert.equal(decided.statusCode, 303, decided.body.slice(0, 300))
    support = await signIn(t.app, userOf('business-support@'))
  })
  after(() => t.close())

  it('is in business support’s navigation and linked from the diary', async () => {
    const diary = await support.get('/diary')
    assert.equal(diary.statusCode, 200)
    assert.match(
      diary.body,
      /<a class="govuk-service-navigation__link" href="\/diary\/to-book"[^>]*>\s*To book/,
    )
    assert.match(diary.body, /href="\/diary\/to-book"/)
  })

  it('lists the decisions, strategy discussions and conferences waiting to be booked, soonest due first, each with its next step', async () => {
    const page = await support.get('/diary/to-book')
    assert.equal(page.statusCode, 200, page.body.slice(0, 3000))
    assert.match(page.body, /<h1 class="govuk-heading-l">Meetings to book<\/h1>/)
    const rows = page.body.split('<tr class="govuk-table__row">').slice(2)
    const names = rows.map((row) => /(Bea|Cai|Dee) Booking/.exec(row)?.[1])
    // The overdue conference first; the decision and the requested discussion are both due tomorrow.
    assert.deepEqual(names, ['Cai', 'Dee', 'Bea'])
    const row = (name: string) => rows.find((each) => each.includes(`${name} Booking`)) as string
    assert.match(row('Cai'), /Initial child protection conference/)
    assert.match(row('Cai'), /Overdue/)
    assert.match(row('Cai'), new RegExp(`href="/section-47/${section47Id}/conference"`))
    assert.match(row('Bea'), new RegExp(`href="/strategy-discussions/${requestedId}/schedule"`))
    assert.match(row('Dee'), /Threshold decision/)
    assert.match(row('Dee'), new RegExp(`href="/referrals/${referralId}/child">Find the child’s record`))
    assert.doesNotMatch(page.body, /\d{4}-\d{2}-\d{2}/, 'dates in words')
    const booking = await support.get(`/section-47/${section47Id}/conference`)
    assert.equal(booking.statusCode, 200, booking.body.slice(0, 2000))
  })

  it('is refused to those who book no meetings', async () => {
    assert.equal((await teacher.get('/diary/to-book')).statusCode, 403)
    assert.equal((await teacher.get('/diary/download?format=csv')).statusCode, 403)
  })

  it('downloads the diary as filtered on the page, as CSV or Excel, audited as a reading', async () => {
    const page = await support.get('/diary?type=initial')
    assert.match(page.body, /href="\/diary\/download\?type=initial&amp;format=csv"/)
    assert.match(page.body, /govuk-!-display-none-print/, 'the filters are left off a printed page')
    const csv = await support.get('/diary/download?type=initial&format=csv')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="diary-initial\.csv"/)
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(lines[0], 'Meeting date,Time,Meeting,Child,Area,Due by,State,Why booked late,Chair,Page')
    assert.equal(lines.length, 2, 'only the initial conference to book')
    assert.match(
      lines[1] as string,
      /^Not booked,,Initial child protection conference,Cai Booking,Leicester,/,
    )
    assert.match(lines[1] as string, new RegExp(`,Overdue,,,/section-47/${section47Id}$`))
    assert.doesNotMatch(csv.body, /\d{4}-\d{2}-\d{2}/, 'dates in words')
    const all = await support.get('/diary/download?format=csv')
    assert.match(all.body, /Bea Booking/)
    const xlsx = await support.get('/diary/download?la=leicester&format=xlsx')
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/)
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK', 'a zip, as every .xlsx is')
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'conference.schedule')
      .execute()
    const downloads = audited.map((row) => row.detail).filter((detail) => detail.downloaded)
    assert.ok(downloads.some((d) => d.downloaded === 'csv' && d.type === 'initial' && d.list === 'diary'))
    assert.ok(downloads.some((d) => d.downloaded === 'xlsx' && d.la === 'leicester'))
  })
})
