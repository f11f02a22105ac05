// A conference's record in Chromium (LLR), axe on every page: business support invites a parent and
// the child, reads each agency's report before the parents get it (withholding one, with the reason)
// and prints the parents' copy; the chair writes the record with the child's own words, signs it off
// and it goes to the invited agencies (the police acknowledge theirs); the core group meets and the
// plan shows its progress. The conference itself is booked and decided through the use cases.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import * as conferences from '../../src/child-protection/workflow/conference.ts'
import type { ChildProtectionContext } from '../../src/child-protection/workflow/context.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import {
  conferenceRecord,
  decidedDiscussion,
  heldOn,
  insertChild,
  invitees,
  leicester,
} from '../support/child-protection.ts'
import { addPerson, People, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const POLICE_REPORT = 'Police report: a neighbour’s statement about the household'
const HEALTH_REPORT = 'Health report: immunisations up to date'

const homeSection = (page: Page, heading: string) =>
  page.locator('section', { has: page.getByRole('heading', { name: heading }) })

async function submit(page: Page, name: string, problem?: RegExp) {
  await page.getByRole('button', { name }).click()
  await page.waitForLoadState('load')
  await assertAccessible(page)
  const errors = (await page.locator('.govuk-error-summary').allInnerTexts()).join('\n')
  if (problem) assert.match(errors, problem, page.url())
  else assert.equal(errors, '', `no problems after "${name}" on ${page.url()}`)
}

describe('a conference’s record in Chromium (LLR)', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let conferenceId: string

  before(async () => {
    server = await startTestServer(DEMO_PARTNERSHIPS.llr)
    // The case before the pages: discussion on Tuesday 2 June 2026, ICPC on Monday 22 June, its reports in.
    const ctx: ChildProtectionContext = {
      db: server.database.db,
      partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
      now: () => new Date('2026-06-01T09:00:00Z'),
    }
    const childId = await insertChild(server.database as never, 'CR-1')
    await decidedDiscussion(ctx, childId, { date: '2026-06-02', decision: 's47-joint' })
    const s47 = await server.database.db
      .selectFrom('section47_enquiry')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    conferenceId = await conferences.bookInitial(ctx, leicester.support, s47.id, {
      date: '2026-06-22',
      time: '10:00',
      location: 'Room 4, City Hall',
      invitees,
    })
    await conferences.submitReport(ctx, leicester.police, conferenceId, POLICE_REPORT)
    await conferences.submitReport(ctx, leicester.health, conferenceId, HEALTH_REPORT)
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('invites the family, reads reports for the parents, records their views, signs off, and follows the plan', async () => {
    const base = server.baseUrl
    const conferenceUrl = `${base}/conferences/${conferenceId}`
    const support = await addPerson(
      server.database,
      'leicester-city-council',
      'business-support',
      'leicester',
    )
    const chair = await addPerson(server.database, 'leicester-city-council', 'conference-chair', 'leicester')
    const police = await addPerson(
      server.database,
      'leicestershire-police',
      'police-public-protection',
      'leicester',
    )

    // Business support invites the mother and the child.
    let page = await people.as(support)
    await visit(page, conferenceUrl)
    await page.getByRole('link', { name: 'Invite a parent, the child or an advocate' }).click()
    await assertAccessible(page)
    await page.getByLabel('Their name').fill('Jo Test')
    await submit(page, 'Invite', /Select whether you are inviting a parent/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter who they are to the child/)
    assert.equal(await page.getByLabel('Their name').inputValue(), 'Jo Test', 'keeps what was typed')
    await page.getByLabel('Parent or carer').check()
    await page.getByLabel('Who they are to the child').fill('Mother')
    await submit(page, 'Invite')
    await page.getByRole('link', { name: 'Invite a parent, the child or an advocate' }).click()
    await page.getByLabel('The child', { exact: true }).check()
    await page.getByLabel('Their name').fill('Ava Test')
    await page.getByLabel('Who they are to the child').fill('The child')
    await submit(page, 'Invite')
    assert.match(
      await page.locator('#participants ~ ul').first().innerText(),
      /Jo Test \(Mother\)\s+Ava Test/,
    )

    // Reads each report: the police's holds a neighbour's statement and is withheld, saying why.
    await page.getByRole('link', { name: 'Read Leicestershire Police’s report' }).click()
    await assertAccessible(page)
    assert.match(await page.locator('main').innerText(), new RegExp(POLICE_REPORT))
    await page.getByLabel('No, withhold it').check()
    await submit(page, 'Save', /Enter why the report is withheld/)
    await page
      .getByLabel('If you withhold it, why')
      .fill('Third-party information: the neighbour has not agreed')
    await submit(page, 'Save')
    await page.getByRole('link', { name: /Read .*Health.*’s report/ }).click()
    await page.getByLabel('Yes, share it with the parents').check()
    await submit(page, 'Save')
    await submit(page, 'Record that the reports went to the parents')
    await page.getByRole('link', { name: 'The parents’ copy of the reports' }).click()
    await assertAccessible(page)
    const copy = await page.locator('main').innerText()
    assert.match(copy, new RegExp(HEALTH_REPORT))
    assert.doesNotMatch(copy, new RegExp(POLICE_REPORT))
    assert.match(copy, /Withheld from the parents/)

    // The conference decides a plan (through the use case, as held on 22 June).
    const held = {
      db: server.database.db,
      partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
      now: () => new Date(),
    }
    await conferences.recordConference(
      heldOn(held, '2026-06-22'),
      leicester.chair,
      conferenceId,
      conferenceRecord({
        decision: {
          cpPlan: true,
          category: 'PHY',
          reasons: 'Continuing risk of significant harm',
          planSummary: 'Safety plan; weekly visits',
          dissent: [],
          coreGroupAgencyIds: ['leicester-city-council', 'llr-community-health'],
          coreGroupFirstMeetingOn: '2026-07-03',
        },
      }),
    )

    // The chair writes the record: the child's own words are asked for.
    page = await people.as(chair)
    await visit(page, conferenceUrl)
    await page.getByRole('link', { name: 'Write the conference record' }).click()
    await assertAccessible(page)
    await page.getByLabel('What the conference discussed').fill('Each agency shared what it knows.')
    await page.getByLabel('Analysis of risk').fill('Bruising unexplained; mother engages.')
    await page.getByLabel('Jo Test’s views, in their own words').fill('I want to work with you.')
    await submit(page, 'Save the record', /Enter Ava Test’s wishes and feelings/)
    assert.equal(
      await page.getByLabel('Analysis of risk').inputValue(),
      'Bruising unexplained; mother engages.',
    )
    await page.getByLabel('Ava Test’s wishes and feelings, in their own words').fill('I feel safe at nan’s.')
    await page.locator('input[name="attended-1"]').check()
    await submit(page, 'Save the record')
    let record = await page.locator('main').innerText()
    assert.match(record, /In their own words: “I feel safe at nan’s\.”/)
    assert.match(record, /Child protection plan: Physical abuse/)
    assert.doesNotMatch(record, /2026-06-22/, 'dates in words')
    // The chair's home lists the record to sign off, and leads back to it.
    await visit(page, base)
    await homeSection(page, 'Records to sign off').getByRole('link', { name: 'Ava Test' }).click()
    await page.waitForURL(/\/minutes$/)
    await submit(page, 'Sign off and send to the invited agencies')
    assert.match(await page.locator('main').innerText(), /Leicestershire Police: not yet acknowledged/)
    const pdf = await page.request.get(`${conferenceUrl}/minutes.pdf`)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')

    // The police acknowledge their copy.
    page = await people.as(police)
    await visit(page, `${conferenceUrl}/minutes`)
    await submit(page, 'Acknowledge receipt for your agency')
    record = await page.locator('main').innerText()
    assert.match(record, /Leicestershire Police: acknowledged by/)

    // Business support chase the agencies that have not acknowledged it yet, from their home.
    page = await people.as(support)
    await visit(page, base)
    const toCirculate = await homeSection(page, 'Records to circulate').innerText()
    const conferenceRecordLine =
      toCirculate.split('\n').find((line) => line.startsWith('Conference held')) ?? ''
    assert.match(
      conferenceRecordLine,
      /^Conference held 22 June 2026\. Not acknowledged by Leicester City Council/,
    )
    assert.doesNotMatch(conferenceRecordLine, /Leicestershire Police/)
    await assertAccessible(page)

    // The core group meets: the first agrees the outcomes, the next records progress on each.
    page = await people.as(support)
    await visit(page, conferenceUrl)
    await page.getByRole('link', { name: 'The child protection plan' }).click()
    await assertAccessible(page)
    assert.match(
      await page.locator('main').innerText(),
      /first core group meeting is due by 6 July 2026: not held yet/,
    )
    const planUrl = page.url()
    for (const [date, fill] of [
      [
        { day: '3', month: '7', year: '2026' },
        async () => {
          await page
            .getByLabel('Outcomes the plan works towards')
            .fill('Ava goes to school every day\nNo new injuries')
        },
      ],
      [
        { day: '3', month: '8', year: '2026' },
        async () => {
          await page.getByLabel('Outcome 1: Ava goes to school every day').fill('Attendance up to 95%')
          await page.getByLabel('Outcome 2: No new injuries').fill('None seen at visits')
        },
      ],
    ] as const) {
      await visit(page, `${planUrl}/core-group`)
      await page.locator('#heldOn-day').fill(date.day)
      await page.locator('#heldOn-month').fill(date.month)
      await page.locator('#heldOn-year').fill(date.year)
      await page.locator('input[name="attending"][value="leicester-city-council"]').check()
      await fill()
      await submit(page, 'Save the meeting')
    }
    const plan = await page.locator('main').innerText()
    assert.match(plan, /first core group meeting is due by 6 July 2026: held on time/)
    assert.match(plan, /Outcome 1: Ava goes to school every day\s+3 August 2026: Attendance up to 95%/)
  })
})
