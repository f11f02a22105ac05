// The LADO's pages over HTTP: a signed-in referral and the LADO's email, the public link (sent once
// asked, spent once used, refused once expired, and an answer that reveals nothing), the LADO's
// queue and steps with the GOV.UK error summary, what the referrer and others may read (audited).

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { holderOf, signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { LINK_LIFETIME_MS } from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

const REFERRAL = {
  laId: 'leicester',
  referrerName: 'Ada Teacher',
  referrerOrganisation: 'Northfield Primary',
  personName: 'Corin Vale',
  personRole: 'Teaching assistant',
  employer: 'Northfield Primary',
  employerSector: 'education',
  harmTest: ['harmed', 'unsuitable'],
  harmCategory: 'physical',
  whatHappened: 'Grabbed a pupil by the arm hard enough to bruise it (synthetic).',
  childrenConcerned: 'Pupil A, aged 7, Year 2',
}

describe('the LADO’s pages', () => {
  let database: TestDatabase
  let app: App
  let clock = new Date('2026-12-04T10:00:00Z') // a Friday
  let demo: DemoUser[]
  let referrer: TestBrowser
  let lado: TestBrowser
  let police: TestBrowser
  let scrutineer: TestBrowser

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({ database, partnership, logLevel: 'error', now: () => clock })
    demo = await seedDemoUsers(database, partnership)
    referrer = await signIn(app, holderOf(demo, 'referrer'))
    lado = await signIn(app, holderOf(demo, 'lado'))
    police = await signIn(app, holderOf(demo, 'police-public-protection'))
    scrutineer = await signIn(app, holderOf(demo, 'independent-scrutineer'))
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  const emailsTo = (template: string) =>
    database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation'])
      .where('template_id', '=', template)
      .orderBy('id')
      .execute()
  const audited = (action: string) =>
    database.db.selectFrom('audit_event').select(['outcome', 'detail']).where('action', '=', action).execute()

  let allegationId: string

  it('keeps what was typed and names each problem when a referral is incomplete', async () => {
    await referrer.get('/lado/refer')
    const answer = await referrer.post('/lado/refer', { ...REFERRAL, harmTest: [], personName: ' ' })
    assert.equal(answer.statusCode, 400)
    assert.match(answer.body, /There is a problem/)
    assert.match(answer.body, /Enter the name of the adult/)
    assert.match(answer.body, /Select what the adult is alleged to have done/)
    assert.match(answer.body, /Northfield Primary/)
    const unknown = await referrer.post('/lado/refer', { ...REFERRAL, harmTest: ['harmed', 'gossip'] })
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.body, /href="#harmTest">Select what the adult is alleged to have done/)
  })

  it('sends a signed-in referral to the LADO, emailed at once, to consider by the next working day', async () => {
    const answer = await referrer.post('/lado/refer', REFERRAL)
    assert.equal(answer.statusCode, 303)
    allegationId = String(answer.headers.location).split('/')[3]?.split('?')[0] as string
    const page = await referrer.get(String(answer.headers.location))
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Allegation sent to the LADO/)
    // Referred on a Friday: the LADO considers it by Monday.
    assert.match(page.body, /7 December 2026/)
    const told = await emailsTo('lado-allegation-referred')
    assert.deepEqual(
      told.map((e) => e.recipient),
      [holderOf(demo, 'lado').email],
    )
    assert.equal((await audited('allegation.refer')).length, 1)
  })

  it('puts it on the LADO’s queue, and refuses the queue to others', async () => {
    const queue = await lado.get('/lado')
    assert.equal(queue.statusCode, 200)
    assert.match(queue.body, /Corin Vale/)
    assert.match(queue.body, /Consider by next working day/)
    assert.equal((await referrer.get('/lado')).statusCode, 403)
    assert.equal((await police.get('/lado')).statusCode, 403)
  })

  it('lets the LADO record each step, naming what is missing', async () => {
    const url = `/lado/allegations/${allegationId}`
    await lado.get(url)
    const bad = await lado.post(`${url}/consideration`, { consideration: 'threshold-met', reasons: '' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter the reasons for the decision/)
    const steps: [string, Record<string, string | string[]>][] = [
      [
        'consideration',
        { consideration: 'threshold-met', reasons: 'Bruising seen', personMarking: 'lado-restricted' },
      ],
      [
        'employer-actions',
        { kind: 'suspension', 'takenOn-day': '8', 'takenOn-month': '12', 'takenOn-year': '2026' },
      ],
      ['regulators', { 'dbsReferredOn-day': '20', 'dbsReferredOn-month': '1', 'dbsReferredOn-year': '2027' }],
      [
        'outcome',
        { outcome: 'substantiated', 'outcomeOn-day': '15', 'outcomeOn-month': '1', 'outcomeOn-year': '2027' },
      ],
    ]
    for (const [step, form] of steps) {
      const answer = await lado.post(`${url}/${step}`, form)
      assert.equal(answer.statusCode, 303, `${step}: ${answer.body.slice(0, 300)}`)
      if (step === 'consideration') await holdMeeting(url)
    }
    const page = await lado.get(url)
    assert.match(page.body, /Police to consider a criminal investigation/)
    assert.match(page.body, /Attended\s*<\/dt>\s*<dd[^>]*>\s*Leicestershire Police\s*</)
    assert.match(page.body, /Suspension on 8 December 2026/)
    assert.match(page.body, /20 January 2027/)
    assert.match(page.body, /Substantiated: there is sufficient evidence/)
    const second = await lado.post(`${url}/outcome`, {
      outcome: 'false',
      'outcomeOn-day': '16',
      'outcomeOn-month': '1',
      'outcomeOn-year': '2027',
    })
    assert.equal(second.statusCode, 409)
  })

  const BOOKING = {
    'date-day': '8',
    'date-month': '12',
    'date-year': '2026',
    time: '10:00',
    location: 'Room 1, City Hall',
    invite: ['leicestershire-police', 'leicester-city-council'],
    'name-leicestershire-police': 'Sergeant Example',
    'email-leicestershire-police': 'sergeant@police.example',
    'name-leicester-city-council': 'Team Manager Example',
    'email-leicester-city-council': 'manager@council.example',
  }

  /**
   * The LADO books a meeting with the police and children's social care (invitations emailed with the
   * calendar file), and once it has started records who attended and what was agreed.
   */
  async function holdMeeting(url: string): Promise<void> {
    const unready = await lado.post(`${url}/meetings`, {
      ...BOOKING,
      'email-leicestershire-police': '',
      'date-year': '2025',
    })
    assert.equal(unready.statusCode, 400)
    assert.match(unready.body, /href="#date-day">Enter a date from today/)
    assert.match(
      unready.body,
      /href="#email-leicestershire-police">Enter an email address for Leicestershire Police/,
    )
    assert.match(unready.body, /value="Sergeant Example"/)
    const nobody = await lado.post(`${url}/meetings`, { ...BOOKING, invite: [] })
    assert.match(nobody.body, /href="#invitees">Select who to invite/)
    assert.equal((await lado.post(`${url}/meetings`, BOOKING)).statusCode, 303)

    const invitations = await database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation', 'attachments'])
      .where('template_id', '=', 'lado-meeting-invitation')
      .execute()
    assert.deepEqual(invitations.map((e) => e.recipient).sort(), [
      'manager@council.example',
      'sergeant@police.example',
    ])
    const [calendar] = (invitations[0]?.attachments ?? []) as {
      fileName: string
      contentType: string
      content: string
    }[]
    assert.match(String(calendar?.contentType), /^text\/calendar/)
    assert.match(String(calendar?.content), /SUMMARY:Allegation management meeting LADO-\d+/)
    assert.match(String(calendar?.content), /DTSTART:20261208T100000Z/)
    assert.doesNotMatch(String(calendar?.content), /Corin Vale|Pupil A|bruise/)

    const page = await lado.get(url)
    const [, meetingId] = /\/meetings\/([0-9a-f-]{36})\/invitation\.ics/.exec(page.body) ?? []
    assert.ok(meetingId, 'the page offers the calendar file')
    assert.match(page.body, /Its record can be written once the meeting starts/)
    const ics = await police.get(`${url}/meetings/${meetingId}/invitation.ics`)
    assert.equal(ics.statusCode, 200)
    assert.match(String(ics.headers['content-type']), /^text\/calendar/)
    assert.equal(ics.body, calendar?.content.replace(/DTSTAMP:\S+/, ics.body.match(/DTSTAMP:\S+/)?.[0] ?? ''))
    assert.equal((await referrer.get(`${url}/meetings/${meetingId}/invitation.ics`)).statusCode, 404)

    const record = {
      attendedAgencyIds: ['leicestershire-police'],
      minutes: 'Police to consider a criminal investigation (synthetic minutes).',
    }
    assert.equal((await lado.post(`${url}/meetings/${meetingId}/record`, record)).statusCode, 409)
    const booked = clock
    clock = new Date('2026-12-08T11:00:00Z')
    try {
      const outside = await lado.post(`${url}/meetings/${meetingId}/record`, {
        ...record,
        attendedAgencyIds: ['llr-icb'],
      })
      assert.equal(outside.statusCode, 400)
      assert.match(outside.body, /Select agencies invited to the meeting/)
      assert.equal((await lado.post(`${url}/meetings/${meetingId}/record`, record)).statusCode, 303)
      assert.equal((await lado.post(`${url}/meetings/${meetingId}/record`, record)).statusCode, 409)
    } finally {
      clock = booked
    }
  }

  it('shows the referrer their referral and its outcome, not the LADO’s record', async () => {
    const page = await referrer.get(`/lado/allegations/${allegationId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Substantiated/)
    assert.doesNotMatch(page.body, /Bruising seen/)
    assert.doesNotMatch(page.body, /criminal investigation/)
    assert.doesNotMatch(page.body, /Suspension/)
    const list = await referrer.get('/lado/referrals')
    assert.match(list.body, new RegExp(`/lado/allegations/${allegationId}`))
  })

  it('shows an invited agency its meeting, without the LADO-restricted name', async () => {
    const page = await police.get(`/lado/allegations/${allegationId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /criminal investigation/)
    assert.doesNotMatch(page.body, /Corin Vale/)
    assert.doesNotMatch(page.body, /Bruising seen/)
  })

  it('shows the scrutineer the record without the children’s identities, nor the words that may name them', async () => {
    const page = await scrutineer.get(`/lado/allegations/${allegationId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Substantiated/)
    assert.match(page.body, /Not shown: it may name the children/)
    for (const words of [/Pupil A/, /Bruising seen/, /Grabbed a pupil/, /criminal investigation/])
      assert.doesNotMatch(page.body, words)
  })

  it('hides the allegation from everyone else, and audits every look', async () => {
    const health = await signIn(app, holderOf(demo, 'mat-practitioner'))
    assert.equal((await health.get(`/lado/allegations/${allegationId}`)).statusCode, 404)
    assert.equal(
      (await health.post(`/lado/allegations/${allegationId}/outcome`, { outcome: 'false' })).statusCode,
      404,
    )
    assert.equal((await police.post(`/lado/allegations/${allegationId}/regulators`, {})).statusCode, 404)
    const views = await audited('allegation.view')
    assert.ok(views.some((v) => v.outcome === 'denied'))
    assert.ok(views.every((v) => (v.detail as { allegationId?: string }).allegationId === allegationId))
    assert.ok((await audited('allegation.manage')).length >= 6)
  })

  it('links the children’s records the LADO may read, lists the allegation on them, and tells nobody of any other child', async () => {
    const url = `/lado/allegations/${allegationId}`
    const child = async (given: string, laId: string, sensitivity = 'standard') => {
      const row = await database.db
        .insertInto('child')
        .values({
          la_id: laId,
          la_child_id: `LADO-${given}`,
          given_name: given,
          family_name: 'Quarrington',
          date_of_birth: '2018-05-04',
          sex: 'F',
          sensitivity,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }
    const ours = await child('Lowen', 'leicester')
    const elsewhere = await child('Rhosyn', 'rutland')
    const sealed = await child('Sabine', 'leicester', 'sealed')

    const found = await lado.get(`${url}/children?name=Quarrington`)
    assert.equal(found.statusCode, 200)
    assert.match(found.body, /Lowen Quarrington/)
    assert.doesNotMatch(found.body, /Rhosyn|Sabine/)
    const typo = await lado.get(`${url}/children?name=Quarrington&dob-day=31&dob-month=2&dob-year=2018`)
    assert.equal(typo.statusCode, 400)
    assert.match(typo.body, /There is a problem/)

    // A child the LADO may not read is refused exactly as a child that is not there.
    const refusals = await Promise.all(
      [elsewhere, sealed, '7f000000-0000-4000-8000-000000000000'].map((childId) =>
        lado.post(`${url}/children`, { childId }),
      ),
    )
    for (const refused of refusals) {
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /Select the child from the search results/)
      assert.doesNotMatch(refused.body, /Rhosyn|Sabine/)
    }
    assert.equal((await police.post(`${url}/children`, { childId: ours })).statusCode, 404)

    assert.equal((await lado.post(`${url}/children`, { childId: ours })).statusCode, 303)
    assert.equal((await lado.post(`${url}/children`, { childId: ours })).statusCode, 303, 'again: no change')
    const page = await lado.get(url)
    assert.match(page.body, new RegExp(`href="/children/${ours}">Lowen Quarrington`))
    const record = await lado.get(`/children/${ours}`)
    assert.match(record.body, /Allegation against an adult \(LADO\)/)
    assert.match(record.body, /LADO-\d+: physical abuse, referred 4 December 2026, concluded substantiated/)
    const linked = await database.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'allegation.manage')
      .where(sql<boolean>`detail->>'step' = 'link-child'`)
      .execute()
    // The two links, and the police's refusal; a link refused as no such child is rolled back with it.
    assert.deepEqual(linked.map((entry) => entry.outcome).sort(), ['allowed', 'allowed', 'denied'])

    // The scrutineer: neither the child nor the words without a grant; both through a current one.
    const before = await scrutineer.get(url)
    assert.doesNotMatch(before.body, /Lowen|Pupil A|Grabbed a pupil/)
    const scrutineerId = (
      await database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', holderOf(demo, 'independent-scrutineer').email)
        .executeTakeFirstOrThrow()
    ).id
    // Sessions judge grants by the real clock, the pages by the test's: the grant lasts past both.
    const expiresAt = new Date(Math.max(Date.now(), clock.getTime()) + 60 * 86_400_000)
    await database.db
      .insertInto('scrutiny_grant')
      .values({
        child_id: ours,
        la_id: 'leicester',
        grantee_id: scrutineerId,
        grantee_name: 'Scrutineer',
        purpose: 'Scrutiny of the LADO’s handling',
        ends_on: new Date(expiresAt.getTime() - 86_400_000).toISOString().slice(0, 10),
        expires_at: expiresAt,
        granted_at: clock,
        granted_by: 'seed',
        granted_by_name: 'Seed lead',
        granted_by_agency_id: 'leicester-city-council',
      })
      .execute()
    const granted = await scrutineer.get(url)
    for (const words of [/Lowen Quarrington/, /Pupil A/, /Grabbed a pupil/, /criminal investigation/])
      assert.match(granted.body, words)
    assert.match((await scrutineer.get(`/children/${ours}`)).body, /Allegation against an adult \(LADO\)/)

    // Sealed, the child's record opens to nobody: neither on the allegation nor by the grant.
    await database.db.updateTable('child').set({ sensitivity: 'sealed' }).where('id', '=', ours).execute()
    assert.doesNotMatch((await lado.get(url)).body, /Lowen/)
    assert.doesNotMatch((await scrutineer.get(url)).body, /Lowen|Grabbed a pupil/)
    await database.db.updateTable('child').set({ sensitivity: 'standard' }).where('id', '=', ours).execute()

    assert.equal((await lado.post(`${url}/children/unlink`, { childId: ours })).statusCode, 303)
    assert.doesNotMatch((await lado.get(url)).body, /Lowen/)
    assert.doesNotMatch((await lado.get(`/children/${ours}`)).body, /Allegation against an adult/)
  })

  describe('the public link', () => {
    const visitor = () => new (referrer.constructor as new (a: App) => TestBrowser)(app)
    const tokenOf = (link: string) => link.split('/').pop() as string
    const linkFor = async (email: string) => {
      const sent = (await emailsTo('lado-referral-link')).filter((e) => e.recipient === email)
      const last = sent.at(-1)
      return last ? (last.personalisation as { link: string }).link : undefined
    }

    it('emails a single-use link, and says the same whatever the address', async () => {
      const nursery = visitor()
      await nursery.get('/lado/refer/public')
      const bad = await nursery.post('/lado/refer/public', { email: 'not an email' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Enter an email address in the correct format/)
      const answers = []
      for (const email of [
        'lead@sunny-days.example',
        'lead@sunny-days.example',
        'lead@sunny-days.example',
        'lead@sunny-days.example',
      ])
        answers.push(
          (await nursery.post('/lado/refer/public', { email })).body.replace(/(value|nonce)="[^"]+"/g, ''),
        )
      assert.equal(new Set(answers).size, 1, 'the same answer, sent or not')
      assert.equal((await emailsTo('lado-referral-link')).length, 3, 'at most 3 links an hour to one address')
    })

    it('takes one referral through the link, then refuses the link', async () => {
      const link = (await linkFor('lead@sunny-days.example')) as string
      const nursery = visitor()
      const form = await nursery.get(link)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /lead@sunny-days.example/)
      const incomplete = await nursery.post(link, { ...REFERRAL, whatHappened: '' })
      assert.equal(incomplete.statusCode, 400)
      assert.match(incomplete.body, /Enter what happened/)
      const sent = await nursery.post(link, {
        ...REFERRAL,
        referrerOrganisation: 'Sunny Days Nursery',
        employer: 'Sunny Days Nursery',
        employerSector: 'early-years',
      })
      assert.equal(sent.statusCode, 200)
      assert.match(sent.body, /Allegation sent to the LADO/)
      assert.equal((await nursery.get(link)).statusCode, 410)
      assert.equal((await nursery.post(link, REFERRAL)).statusCode, 410)
      const row = await database.db
        .selectFrom('lado_allegation')
        .select(['referrer_email', 'referrer'])
        .where('employer', '=', 'Sunny Days Nursery')
        .executeTakeFirstOrThrow()
      assert.equal(row.referrer_email, 'lead@sunny-days.example')
      assert.match(row.referrer, /^public:/)
      assert.equal((await emailsTo('lado-allegation-referred')).length, 2)
    })

    it('refuses a link once it has expired, and one never sent', async () => {
      const links = (await emailsTo('lado-referral-link')).map(
        (e) => (e.personalisation as { link: string }).link,
      )
      const unused = links[1] as string
      clock = new Date(clock.getTime() + LINK_LIFETIME_MS + 1000)
      const nursery = visitor()
      const expired = await nursery.get(unused)
      assert.equal(expired.statusCode, 410)
      assert.match(expired.body, /expired or has already been used/)
      assert.equal((await nursery.get(`/lado/refer/public/${tokenOf(unused)}x`)).statusCode, 410)
    })
  })

  it('counts the year’s figures for the LADO and the scrutineer, and for no one else', async () => {
    clock = new Date('2027-02-01T10:00:00Z')
    const figures = await lado.get('/lado/report?year=2026')
    assert.equal(figures.statusCode, 200)
    assert.match(figures.body, /April 2026 to March 2027/)
    assert.match(figures.body, /Early years and childminding/)
    assert.equal((await scrutineer.get('/lado/report')).statusCode, 200)
    assert.equal((await referrer.get('/lado/report')).statusCode, 403)
  })
})
