import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

/** Debian's Chromium in a fresh profile (scripts/ensure-debian-packages.sh installs it). */
export async function launchBrowser(options: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'masa-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/**
 * Markup already found accessible in this process, by digest: the same markup (the forms' one-time
 * CSRF tokens aside) against the same style sheets gives axe the same answer, so a page seen again
 * unchanged is not checked again.
 */
const accessibleMarkup = new Set<string>()

/** Fails with the rule ids and the offending elements when axe finds any WCAG 2.2 AA violation. */
export async function assertAccessible(page: Page): Promise<void> {
  const markup = (await page.content()).replace(/(name="_csrf" value=")[^"]*"/g, '$1"')
  const digest = createHash('sha256').update(markup).digest('hex')
  if (accessibleMarkup.has(digest)) return
  // Legacy mode runs axe in the page itself; the default opens a second page for every check to
  // gather results from frames, and masa's pages have none.
  const results = await new AxeBuilder({ page })
    .setLegacyMode()
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  )
  assert.deepEqual(found, [], `axe found violations on ${page.url()}`)
  accessibleMarkup.add(digest)
}

/** Follows a link by its name (the first of that name), then checks the page it leads to with axe. */
export async function follow(page: Page, link: string | RegExp): Promise<void> {
  await page.getByRole('link', { name: link }).first().click()
  await page.waitForLoadState('load')
  await assertAccessible(page)
}

/** Presses a button by its exact name and waits for the page it leads to. */
export async function press(page: Page, button: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click()
  await page.waitForLoadState('load')
}

/** Clicks a link that downloads a file; resolves to the file's suggested name and its text. */
export async function download(page: Page, link: string | RegExp): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link }).click(),
  ])
  return { name: file.suggestedFilename(), text: await readFile((await file.path()) as string, 'utf8') }
}
