import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const SCHOOL = 'leicester-schools'
const COUNCIL = 'leicester-city-council'
const WORDS = 'She has come to school hungry every day this week and has a new bruise.'

async function step(page: Page, action: () => Promise<unknown>) {
  await action()
  await page.waitForLoadState('load')
  await assertAccessible(page)
}

// A school's designated safeguarding lead disagrees with the front door's threshold decision on
// their referral: the immediate-risk question first (stage 0 opens nothing), then stage 1 between
// practitioners, escalated to managers at stage 2, where it is resolved; the child's chronology
// shows the outcome without the disagreement's words, and the partnership's report counts it.
describe('escalating a professional disagreement in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let lead: Person
  let businessUnit: Person
  let childId: string
  let referralId: string

  before(async () => {
    server = await startTestServer()
    lead = await addPerson(server.database, SCHOOL, 'safeguarding-manager', 'leicester')
    businessUnit = await addPerson(server.database, COUNCIL, 'partnership-admin', null)
    const db = server.database.db
    const leadUser = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', lead.email)
      .executeTakeFirstOrThrow()
    const child = await db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'ESC-B1',
        given_name: 'Ava',
        family_name: 'Disagreewell',
        date_of_birth: '2014-02-11',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
    await db
      .insertInto('child_involvement')
      .values({ child_id: childId, agency_id: SCHOOL, kind: 'added-by-la', reason: 'school', user_id: null })
      .execute()
    const receivedAt = new Date(Date.now() - 3 * 86_400_000)
    const referral = await db
      .insertInto('referral')
      .values({
        la_id: 'leicester',
        child_id: childId,
        child_first_name: 'Ava',
        child_last_name: 'Disagreewell',
        child_other_names: null,
        child_date_of_birth: '2014-02-11',
        child_address: null,
        child_postcode: null,
        child_school: null,
        child_nhs_number: null,
        child_upn: null,
        what_happened: 'Came to school hungry, with a bruise',
        worries: 'Neglect at home',
        family_knows: 'Not told yet',
        consent: 'not-sought',
        lawful_basis_without_consent: 'DPA 2018 Sch 1 para 18',
        urgency: 'standard',
        referral_source: '2A',
        referrer_user_id: leadUser.id,
        referrer_name: 'Dana Lead',
        referrer_agency_id: SCHOOL,
        referrer_role: 'Designated safeguarding lead',
        referrer_phone: null,
        referrer_email: lead.email,
        route: 'la-screening',
        queue: 'la-screening',
        priority: 2,
        had_live_cp_plan: false,
        received_at: receivedAt,
        decision_due_by: '2026-01-01',
        status: 'decided',
        client_id: `user:${leadUser.id}`,
        idempotency_key: 'esc-browser',
        request_hash: 'esc-browser',
        threshold_result: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    referralId = referral.id
    await db
      .insertInto('threshold_decision')
      .values({
        referral_id: referralId,
        outcome: 'nfa-advice',
        reasons: 'One-off; the family accepted advice',
        level_of_need: 1,
        decided_by: 'user:front-door',
        decided_by_name: 'Front door screener',
        decided_by_agency_id: COUNCIL,
        decided_at: new Date(Date.now() - 86_400_000),
        working_days_taken: 1,
        within_timescale: true,
        feedback_to_referrer: 'Advice given to the family about school meals.',
        contributing_agency_kinds: [],
        without_contributions_reason: null,
        without_contributions_detail: null,
      })
      .execute()
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('raises a disagreement with a threshold decision, escalates it to stage 2, and resolves it there', async () => {
    const page = await people.as(lead)
    await step(page, () => page.goto(`${server.baseUrl}/referrals/${referralId}`))
    await step(page, () => page.getByRole('link', { name: 'Disagree with this decision' }).click())
    assert.equal(await page.locator('h1').innerText(), 'Raise a professional disagreement')
    assert.ok(
      await page.getByLabel('A threshold decision on a referral').isChecked(),
      'what it is about, from the link',
    )
    assert.equal(await page.locator('#otherAgencyId').inputValue(), COUNCIL, 'the child’s council decided it')

    // Stage 0: a child at immediate risk is for the front door and the police now.
    await page.getByLabel('Yes').check()
    await step(page, () => page.getByRole('button', { name: 'Raise the disagreement' }).click())
    assert.match(await page.locator('h1').innerText(), /Act now/)
    assert.match(await page.locator('#front-door').innerText(), /Leicester/)
    assert.match(await page.locator('main').innerText(), /999/)
    await page.goBack()
    await page.waitForLoadState('load')

    // Problems are summarised, keeping what was typed.
    await page.getByLabel('No', { exact: true }).check()
    await page.locator('#detail').fill(WORDS)
    await step(page, () => page.getByRole('button', { name: 'Raise the disagreement' }).click())
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select the reason/)
    assert.equal(await page.locator('#detail').inputValue(), WORDS)

    await page.getByLabel('The threshold for a service was not thought to be met').check()
    await step(page, () => page.getByRole('button', { name: 'Raise the disagreement' }).click())
    assert.equal(await page.locator('h1').innerText(), 'Professional disagreement')
    assert.match(await page.locator('#where').innerText(), /At stage 1: practitioner to practitioner/)
    assert.match(
      await page.locator('#where').innerText(),
      /by \d{1,2} [A-Z][a-z]+ \d{4}/,
      'the date in words',
    )
    assert.match(await page.locator('#details').innerText(), /Leicester City Council/)

    // Stage 1: the practitioners do not agree; on to the managers.
    await step(page, () => page.getByRole('link', { name: 'Record stage 1' }).click())
    await step(page, () => page.getByRole('button', { name: 'Record the stage' }).click())
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter who took part/)
    await page.locator('#who').fill('Dana (school DSL) and Sam (front door social worker)')
    await page.locator('#discussed').fill('The front door kept its decision: a first concern.')
    await page.getByLabel(/Not resolved: escalate to stage 2/).check()
    await step(page, () => page.getByRole('button', { name: 'Record the stage' }).click())
    assert.match(await page.locator('#where').innerText(), /At stage 2: managers/)
    assert.match(await page.locator('#stage-1').innerText(), /Not resolved: escalated to stage 2/)

    // Stage 2: the managers agree on an early help assessment.
    await step(page, () => page.getByRole('link', { name: 'Record stage 2' }).click())
    await page.locator('#who').fill('The headteacher and the front door team manager')
    await page.locator('#discussed').fill('Agreed an early help assessment, led by the school.')
    await page.getByLabel('Resolved', { exact: true }).check()
    await step(page, () => page.getByRole('button', { name: 'Record the stage' }).click())
    assert.equal(await page.locator('#state').innerText(), 'Resolved')
    assert.match(await page.locator('#where').innerText(), /Resolved at stage 2 \(managers\)/)

    // The chronology has the outcome, not the words.
    await step(page, () => page.goto(`${server.baseUrl}/children/${childId}/chronology`))
    const chronology = await page.locator('main').innerText()
    assert.match(chronology, /Professional disagreement with Leicester City Council.* resolved at stage 2/)
    assert.doesNotMatch(chronology, /hungry every day/)

    await step(page, () => page.goto(`${server.baseUrl}/disagreements`))
    assert.match(await page.locator('#disagreements').innerText(), /Ava Disagreewell/)
  })

  it('counts it in the partnership’s report by stage reached', async () => {
    const page = await people.as(businessUnit)
    await step(page, () => page.getByRole('link', { name: 'Disagreements report' }).click())
    assert.match(await page.locator('#summary').innerText(), /1 raised, 1 resolved, 0 still open/)
    const stage2 = await page.locator('#by-stage tbody tr').nth(1).innerText()
    assert.match(stage2, /Stage 2: Managers\s+1\s+1/)
    assert.match(await page.locator('#by-agency').innerText(), /Leicester schools\s+1\s+0/)

    // A period: a date that is not real is named; one that has not come yet counts none.
    const period = async (name: string, [day, month, year]: string[]) => {
      await page.locator(`#${name}-day`).fill(day as string)
      await page.locator(`#${name}-month`).fill(month as string)
      await page.locator(`#${name}-year`).fill(year as string)
    }
    await period('from', ['30', '2', '2026'])
    await step(page, () => page.getByRole('button', { name: 'Show the report' }).click())
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /Enter a real date for the start of the period \(from\)/,
    )
    assert.equal(await page.locator('#from-day').inputValue(), '30')
    const nextYear = String(new Date().getUTCFullYear() + 1)
    await period('from', ['1', '1', nextYear])
    await step(page, () => page.getByRole('button', { name: 'Show the report' }).click())
    assert.match(await page.locator('#summary').innerText(), /raised from 1 January .*: 0 raised/)
  })
})
