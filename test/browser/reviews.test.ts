import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The children's LA records a serious incident about a child already in masa and notifies the
// national Panel; the police, invited to the rapid review, give their chronology and learning; the
// LA writes the rapid review record and sends it to the Panel; a recommendation becomes an action
// the police own and close with evidence; the practice review it recommends is commissioned,
// drafted, signed off by the three lead safeguarding partners (publication refused until then) and
// published. Accessible throughout.
describe('a serious incident and its rapid review in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let laManager: Person
  let policeManager: Person
  let healthManager: Person
  let childId: string

  before(async () => {
    server = await startTestServer()
    laManager = await addPerson(
      server.database,
      'leicester-city-council',
      'safeguarding-manager',
      'leicester',
    )
    policeManager = await addPerson(server.database, 'leicestershire-police', 'safeguarding-manager', null)
    healthManager = await addPerson(server.database, 'llr-icb', 'safeguarding-manager', null)
    const child = await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'SI-BROWSER-1',
        given_name: 'Ellis',
        family_name: 'Brackenridge',
        date_of_birth: '2020-01-15',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const today = new Date()
  const todayParts = [String(today.getDate()), String(today.getMonth() + 1), String(today.getFullYear())]
  const fillDate = async (page: Page, name: string, [day, month, year]: string[]) => {
    await page.locator(`#${name}-day`).fill(day as string)
    await page.locator(`#${name}-month`).fill(month as string)
    await page.locator(`#${name}-year`).fill(year as string)
  }
  const submit = async (page: Page, button: string) => {
    await page.getByRole('button', { name: button }).click()
    await page.waitForLoadState('load')
  }
  const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText()

  it('an LA notifies, the police give their part, the record goes to the Panel, a recommendation becomes an action done by its owner', async () => {
    const la = await people.as(laManager)
    await visit(la, `${server.baseUrl}/children/${childId}`)
    await la.getByRole('link', { name: 'Record a serious incident' }).click()
    await la.waitForLoadState('load')
    assert.equal(await la.locator('h1').innerText(), 'Record a serious incident')
    await assertAccessible(la)
    await la.locator('#whatHappened').fill('Admitted to hospital with a head injury (synthetic).')
    await submit(la, 'Record the incident')
    assert.match(await la.title(), /^Error:/)
    assert.match(await la.locator('.govuk-error-summary').innerText(), /Enter the date you learned of it/)
    assert.equal(
      await la.locator('#whatHappened').inputValue(),
      'Admitted to hospital with a head injury (synthetic).',
    )
    await assertAccessible(la)
    await fillDate(la, 'learnedOn', todayParts)
    await la.getByLabel('Abuse or neglect is suspected').check()
    await la.getByLabel('The child has been seriously harmed').check()
    await submit(la, 'Record the incident')
    assert.match(await banner(la), /Serious incident recorded/)
    assert.match(await la.locator('main').innerText(), /working days? left|Due soon/)
    await assertAccessible(la)

    await la.locator('#decision').check()
    await la.locator('#decisionReason').fill('Serious harm and neglect suspected.')
    await submit(la, 'Record the decision')
    await la.getByRole('link', { name: 'What to send the Panel' }).click()
    await la.waitForLoadState('load')
    assert.match(await la.locator('main').innerText(), /15 January 2020/)
    await assertAccessible(la)
    await la.getByRole('link', { name: 'Back to the incident' }).click()
    await la.waitForLoadState('load')
    await fillDate(la, 'notifiedOn', todayParts)
    await submit(la, 'Record it as sent')
    assert.match(await banner(la), /Notification to the Panel recorded/)
    await la.getByText('Invite agencies').click()
    await la.getByLabel('Leicestershire Police').check()
    await submit(la, 'Invite them')
    assert.match(await la.locator('main').innerText(), /Leicestershire Police: not yet given/)
    await assertAccessible(la)

    const police = await people.as(policeManager)
    await visit(police, `${server.baseUrl}/reviews`)
    assert.equal(await police.locator('h1').innerText(), 'Serious incidents')
    await assertAccessible(police)
    await police.getByRole('link', { name: /^SI-/ }).first().click()
    await police.waitForLoadState('load')
    assert.doesNotMatch(await police.locator('main').innerText(), /head injury/)
    await police.locator('#chronology').fill('Two call-outs to the home in November (synthetic).')
    await police.locator('#immediateLearning').fill('Tell the school the next morning.')
    await submit(police, 'Send your agency’s part')
    assert.match(await banner(police), /Your agency’s part was sent/)
    await assertAccessible(police)

    const back = await people.as(laManager)
    await visit(back, `${server.baseUrl}/reviews`)
    await back.getByRole('link', { name: /^SI-/ }).first().click()
    await back.waitForLoadState('load')
    assert.match(await back.locator('main').innerText(), /Two call-outs to the home/)
    await back.locator('#facts').fill('Head injury not explained by the account given (synthetic).')
    await back.locator('#immediateActions').fill('Sibling seen; safety plan agreed.')
    await back.locator('#learning').fill('Police information reached the school late.')
    await back.getByLabel('A local child safeguarding practice review is recommended').check()
    await back.locator('#lcsprReason').fill('Learning for the whole partnership.')
    await submit(back, 'Save the record')
    assert.match(await banner(back), /Rapid review record saved/)
    await back.getByRole('link', { name: 'Read the rapid review record' }).click()
    await back.waitForLoadState('load')
    assert.match(await back.locator('main').innerText(), /Head injury not explained/)
    await assertAccessible(back)
    await back.getByRole('link', { name: 'Back to the incident' }).click()
    await back.waitForLoadState('load')
    await fillDate(back, 'sentOn', todayParts)
    await submit(back, 'Record it as sent')
    assert.match(await banner(back), /sent to the Panel/)

    await back.getByText('Add a recommendation').click()
    await back.locator('#description').fill('Police to tell schools of call-outs by 9am the next day.')
    await back.locator('#ownerAgencyId').selectOption('leicestershire-police')
    await fillDate(back, 'dueBy', ['31', '3', String(today.getFullYear() + 1)])
    await submit(back, 'Add the recommendation')
    assert.match(await banner(back), /Recommendation added as an action/)
    await assertAccessible(back)
    await visit(back, `${server.baseUrl}/reviews/recommendations`)
    assert.match(await back.locator('main').innerText(), /Police to tell schools of call-outs/)
    await assertAccessible(back)

    const owner = await people.as(policeManager)
    await visit(owner, `${server.baseUrl}/actions`)
    assert.match(await owner.locator('main').innerText(), /Police to tell schools of call-outs/)
    // Tracked to completion: the owner closes it with evidence, and the LA's view counts it done.
    await owner.getByRole('link', { name: /Police to tell schools of call-outs/ }).click()
    await owner.waitForLoadState('load')
    await owner.locator('#evidence').fill('Call-outs now reach schools by 9am (synthetic).')
    await submit(owner, 'Mark as done')
    assert.match(await banner(owner), /Action marked as done/)

    const lead = await people.as(laManager)
    await visit(lead, `${server.baseUrl}/reviews/recommendations`)
    assert.match(await lead.locator('main').innerText(), /Done, without evidence of impact yet: 1/)

    // The practice review: commissioned, a draft, the three lead partners' sign-off, publication.
    await visit(lead, `${server.baseUrl}/reviews`)
    await lead.getByRole('link', { name: /^SI-/ }).first().click()
    await lead.waitForLoadState('load')
    await lead.getByText('Commission the practice review').click()
    await fillDate(lead, 'decidedOn', todayParts)
    await lead.locator('#reviewer').fill('An independent reviewer (synthetic)')
    await lead.locator('#termsOfReference').fill('Information sharing between police and schools.')
    await lead.locator('#methodology').fill('Systems review.')
    await lead.locator('#familyInvolvement').fill('Parents invited to meet the reviewer.')
    await submit(lead, 'Commission the review')
    assert.match(await banner(lead), /practice review commissioned/)
    await lead.getByRole('link', { name: 'Milestones, drafts, sign-off and publication' }).click()
    await lead.waitForLoadState('load')
    assert.match(await lead.locator('main').innerText(), /left/)
    await assertAccessible(lead)
    await lead.getByText('Add a new draft').click()
    await lead.locator('#body').fill('Draft report: information did not reach the school (synthetic).')
    await submit(lead, 'Save the draft')
    assert.match(await banner(lead), /Draft saved as a new version/)
    await assertAccessible(lead)

    const signer = await people.as(policeManager)
    await visit(signer, `${server.baseUrl}/reviews`)
    await signer.getByRole('link', { name: /^Practice review of SI-/ }).click()
    await signer.waitForLoadState('load')
    assert.match(await signer.locator('main').innerText(), /information did not reach the school/)
    await assertAccessible(signer)
    await submit(signer, 'Sign off this draft for the police')
    assert.match(await banner(signer), /Signed off/)

    const publisher = await people.as(laManager)
    await visit(publisher, `${server.baseUrl}/reviews`)
    await publisher.getByRole('link', { name: /^Practice review of SI-/ }).click()
    await publisher.waitForLoadState('load')
    await fillDate(publisher, 'publishedOn', todayParts)
    await submit(publisher, 'Record the publication')
    assert.match(
      await publisher.locator('.govuk-error-summary').innerText(),
      /still to sign, the local authority, health/,
    )
    await assertAccessible(publisher)
    await submit(publisher, 'Sign off this draft for the local authority')
    const health = await people.as(healthManager)
    await visit(health, `${server.baseUrl}/reviews`)
    await health.getByRole('link', { name: /^Practice review of SI-/ }).click()
    await health.waitForLoadState('load')
    await submit(health, 'Sign off this draft for health (the integrated care board)')

    const last = await people.as(laManager)
    await visit(last, `${server.baseUrl}/reviews`)
    await last.getByRole('link', { name: /^SI-/ }).first().click()
    await last.waitForLoadState('load')
    await last.getByRole('link', { name: 'Milestones, drafts, sign-off and publication' }).click()
    await last.waitForLoadState('load')
    await fillDate(last, 'publishedOn', todayParts)
    await submit(last, 'Record the publication')
    assert.match(await banner(last), /Publication recorded/)
    await fillDate(last, 'sentOn', todayParts)
    await submit(last, 'Record it as sent')
    assert.match(await banner(last), /The Panel’s copy recorded/)
    assert.match(await last.locator('main').innerText(), /Sent to the national Panel on/)
    await assertAccessible(last)
  })
})
