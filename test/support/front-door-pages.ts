// The front door's pages as people use them in the browser: a referral form filled and sent, and a
// decision recorded. Shared by the browser journeys and the journey through the balancer.

import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type { DemoUser } from '../../src/identity/index.ts'
import type { Role } from '../../src/platform/access/actor.ts'
import { assertAccessible } from './browser.ts'
import { type Person, visit } from './people.ts'

export async function clickThrough(page: Page, name: string) {
  await page.getByRole('button', { name }).click()
  await page.waitForLoadState('load')
  await assertAccessible(page)
}

export const demo = (users: DemoUser[], role: Role, laId?: string): Person => {
  const found = users.find((u) =>
    u.grants.some((g) => g.role === role && (laId === undefined || g.laId === laId)),
  )
  assert.ok(found, `a demo ${role}`)
  return { email: found.email, totpSecret: found.totpSecret }
}

export async function fillReferral(
  page: Page,
  child: { first: string; last: string; postcode: string; upn?: string; nhs?: string },
) {
  await page.getByLabel('First name').fill(child.first)
  await page.getByLabel('Last name', { exact: true }).fill(child.last)
  await page.locator('#childDateOfBirth-day').fill('2')
  await page.locator('#childDateOfBirth-month').fill('3')
  await page.locator('#childDateOfBirth-year').fill('2015')
  await page.locator('#childPostcode').fill(child.postcode)
  if (child.upn) await page.getByLabel('Unique pupil number (UPN) (optional)').fill(child.upn)
  if (child.nhs) await page.getByLabel('NHS number (optional)').fill(child.nhs)
  await page
    .getByLabel('What happened?')
    .fill('She said her stepfather hit her; there is a bruise on her cheek.')
  await page
    .getByLabel('What worries you about the child?')
    .fill('Second injury this term and she is scared to go home.')
  await page.getByLabel('What does the family know about this referral?').fill('Not told, to keep her safe.')
  await page.getByLabel('No, I have not asked the family').check()
  await page
    .getByLabel(/lawful basis for sharing without consent/)
    .fill('DPA 2018 Sch 1 para 18: asking could put her at risk')
  await page.getByLabel('Job title or role').fill('Designated safeguarding lead')
  await page.locator('#referrerEmail').fill('dsl@school.example')
}

export async function submitReferral(page: Page): Promise<string> {
  await clickThrough(page, 'Send referral')
  assert.match(await page.locator('h1').innerText(), /Referral sent/)
  const match = /\/referrals\/([0-9a-f-]{36})\/sent/.exec(page.url())
  assert.ok(match?.[1], page.url())
  return match[1]
}

export async function decide(page: Page, baseUrl: string, id: string, outcome: string, level: number) {
  await visit(page, `${baseUrl}/referrals/${id}/decision`)
  await page.getByLabel(outcome).check()
  await page.locator(`input[name="levelOfNeed"][value="${level}"]`).check()
  await page.getByLabel('Reasons for the decision').fill('Disclosure of assault by a household member.')
  await page
    .getByLabel('What the referrer will be told')
    .fill('We are holding a strategy discussion today. Thank you.')
  // In multi-agency triage, before every agency has added its information, the decision says why.
  const urgent = page.getByLabel('The child is at urgent risk: the decision cannot wait')
  if (await urgent.count()) await urgent.check()
  await clickThrough(page, 'Record decision')
  assert.match(await page.locator('h1').innerText(), /Decision recorded/)
}
