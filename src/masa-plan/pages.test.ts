// The MASA plan's pages over HTTP: who reaches what (refusals as pages, never a 500), a bad section,
// version or id in the address is not found, forms keep what was typed with the error summary, the
// text is escaped, the plan file downloads and its schema is served, a pasted bad file is refused
// naming the field, the forum is the business unit's alone, the working draft prints as a PDF
// marked a draft on every page, and the forum's feedback goes back and forth as a file.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { inflateSync } from 'node:zlib'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { holderOf, signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

/** The text of each page of a PDF pdfkit wrote: its one content stream per page, strings decoded. */
function pdfPages(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1')
  return [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((stream) =>
    [
      ...inflateSync(Buffer.from(stream[1] as string, 'latin1'))
        .toString('latin1')
        .matchAll(/\[(.*?)\] TJ/g),
    ]
      .map((shown) =>
        [...(shown[1] as string).matchAll(/<([0-9a-f]*)>/g)]
          .map((hex) => Buffer.from(hex[1] as string, 'hex').toString('latin1'))
          .join(''),
      )
      .join('\n'),
  )
}

describe('the MASA plan’s pages', () => {
  let database: TestDatabase
  let app: App
  let demo: DemoUser[]
  let admin: TestBrowser
  let referrer: TestBrowser

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership,
      logLevel: 'error',
      now: () => new Date('2026-05-04T10:00:00Z'),
    })
    demo = await seedDemoUsers(database, partnership)
    admin = await signIn(app, holderOf(demo, 'partnership-admin'))
    referrer = await signIn(app, holderOf(demo, 'referrer'))
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('writes a section, keeping what was typed when it is refused, escaped when shown', async () => {
    const plan = await admin.get('/masa-plan')
    assert.equal(plan.statusCode, 200)
    assert.match(plan.body, /17\. Focus on vulnerability and risk/)
    assert.match(plan.body, /Leicestershire Police/)
    const form = await admin.get('/masa-plan/sections/partners')
    assert.match(form.body, /How will all early years settings, schools/)
    const bad = await admin.post('/masa-plan/sections/partners', { text: '', answers: 'q6' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /href="#text">Enter the section’s text/)
    assert.match(bad.body, /value="q6" checked/)
    const saved = await admin.post('/masa-plan/sections/partners', {
      text: '<script>alert(1)</script>',
      answers: ['q1', 'q6'],
    })
    assert.equal(saved.statusCode, 303)
    const again = await admin.get('/masa-plan/sections/partners')
    assert.doesNotMatch(again.body, /<script>alert/)
    assert.match(again.body, /Answers 2 of 6 guiding questions/)
    assert.equal((await admin.get('/masa-plan/sections/nothing')).statusCode, 404)
    assert.equal((await admin.get('/masa-plan/versions/one')).statusCode, 404)
    assert.equal((await admin.get('/masa-plan/partners/not-a-uuid')).statusCode, 404)
    assert.equal((await admin.post('/masa-plan/contributions/not-a-uuid/remove', {})).statusCode, 404)
  })

  it('adds to the registers through forms that name each problem', async () => {
    const bad = await admin.post('/masa-plan/contributions', {
      partner: 'Leicestershire Police',
      year: '2026',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter the amount in pounds, or what is given in kind/)
    assert.match(bad.body, /value="Leicestershire Police"/)
    assert.equal(
      (await admin.post('/masa-plan/contributions', { partner: 'Police', year: '2026', amount: '5000' }))
        .statusCode,
      303,
    )
    const date = await admin.post('/masa-plan/review-points', {
      'due-day': '31',
      'due-month': '2',
      'due-year': '2027',
      what: 'Review',
    })
    assert.equal(date.statusCode, 400)
    assert.match(date.body, /href="#due-day">The date of the review point must be a real date/)
    assert.equal(
      (
        await admin.post('/masa-plan/review-points', {
          'due-day': '1',
          'due-month': '3',
          'due-year': '2027',
          what: 'Review',
        })
      ).statusCode,
      303,
    )
    const plan = await admin.get('/masa-plan')
    assert.match(plan.body, /£5,000/)
    assert.match(plan.body, /1 March 2027/)
  })

  it('downloads the plan file and its schema, and refuses a pasted bad file naming the field', async () => {
    const file = await referrer.get('/masa-plan/export')
    assert.equal(file.statusCode, 200)
    assert.match(String(file.headers['content-disposition']), /masa-plan-llr\.json/)
    const plan = JSON.parse(file.body)
    assert.equal(plan.format, 'masa-plan/1')
    const schema = await referrer.get('/masa-plan/schema.json')
    assert.equal(JSON.parse(schema.body).properties.format.const, 'masa-plan/1')
    plan.sections[0].answers = ['q99']
    const refused = await admin.post('/masa-plan/import', { file: JSON.stringify(plan) })
    assert.equal(refused.statusCode, 400)
    assert.match(
      refused.body,
      /href="#file">The file does not fit the MASA plan format: field &quot;sections\[0\]\.answers\[0\]&quot;/,
    )
  })

  it('lets every person read the plan but only the business unit change it or run the forum', async () => {
    const plan = await referrer.get('/masa-plan')
    assert.equal(plan.statusCode, 200)
    assert.doesNotMatch(plan.body, /Publish the plan/)
    assert.doesNotMatch(plan.body, /Regional forum/)
    assert.equal((await referrer.get('/masa-plan/partners/new')).statusCode, 403)
    assert.equal((await referrer.post('/masa-plan/sections/vision', { text: 'x' })).statusCode, 403)
    assert.equal((await referrer.post('/masa-plan/publish', {})).statusCode, 403)
    assert.equal((await referrer.get('/masa-plan/forum')).statusCode, 403)
    assert.equal((await referrer.post('/masa-plan/forum', { file: '{}' })).statusCode, 403)
    const forum = await admin.get('/masa-plan/forum')
    assert.equal(forum.statusCode, 200)
    const own = await admin.post('/masa-plan/forum', { file: (await admin.get('/masa-plan/export')).body })
    assert.equal(own.statusCode, 409)
    assert.match(own.body, /this partnership’s own plan/)
    const published = await admin.post('/masa-plan/publish', {})
    assert.equal(published.headers.location, '/masa-plan/versions/1?done=published')
    assert.match((await referrer.get('/masa-plan/versions/1')).body, /MASA plan, version 1/)
  })
  it('prints a version as a PDF and shows which lead safeguarding partners signed it off', async () => {
    const manager = (kind: string) => {
      const user = demo.find((u) => u.grants[0]?.role === 'safeguarding-manager' && u.agencyId.includes(kind))
      assert.ok(user, kind)
      return signIn(app, user)
    }
    const pdf = await referrer.get('/masa-plan/versions/1/plan.pdf')
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
    assert.equal((await referrer.get('/masa-plan/versions/9/plan.pdf')).statusCode, 404)
    const before = await referrer.get('/masa-plan/versions/1')
    assert.equal((before.body.match(/Not yet signed off/g) ?? []).length, 3)
    assert.doesNotMatch(before.body, /Sign off this version/)
    assert.equal((await referrer.post('/masa-plan/versions/1/sign-off', {})).statusCode, 403)
    const school = await manager('schools')
    assert.equal((await school.post('/masa-plan/versions/1/sign-off', {})).statusCode, 403)
    const police = await manager('police')
    const toSign = (await police.get('/masa-plan/versions/1')).body
    assert.match(toSign, /Sign off this version for the police/)
    assert.equal((await police.post('/masa-plan/versions/9/sign-off', {})).statusCode, 404)
    const signed = await police.post('/masa-plan/versions/1/sign-off', {})
    assert.equal(signed.headers.location, '/masa-plan/versions/1?done=signed#sign-off')
    const after = await police.get('/masa-plan/versions/1')
    assert.doesNotMatch(after.body, /Sign off this version/)
    assert.equal((after.body.match(/Not yet signed off/g) ?? []).length, 2)
    const plan = await referrer.get('/masa-plan')
    assert.match(plan.body, /Sign-off of version 1/)
    assert.match(plan.body, /The police<\/dt>\s*<dd class="govuk-summary-list__value">Signed off by/)
  })

  it('prints the working draft as a PDF for anyone who reads the plan, marked a draft on every page', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the draft vision.`).join('\n')
    assert.equal((await admin.post('/masa-plan/sections/vision', { text: long })).statusCode, 303)
    const draft = await referrer.get('/masa-plan/draft.pdf')
    assert.equal(draft.statusCode, 200)
    assert.equal(draft.headers['content-type'], 'application/pdf')
    assert.match(String(draft.headers['content-disposition']), /masa-plan-llr-draft\.pdf/)
    const pages = pdfPages(draft.rawPayload)
    assert.ok(pages.length >= 2, 'a draft long enough to run over pages')
    for (const page of pages) assert.match(page, /Draft, not published/)
    const text = pages.join('\n')
    assert.match(text, /MASA plan: working draft/)
    assert.match(text, /Paragraph 60 of the draft vision/)
    assert.match(text, /17\. Focus on vulnerability and risk\nNot written yet/)
    assert.doesNotMatch(text, /Sign-off/)
    const published = pdfPages((await referrer.get('/masa-plan/versions/1/plan.pdf')).rawPayload)
    assert.doesNotMatch(published.join('\n'), /Draft, not published/)
    const reads = await database.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('action', '=', 'masa-plan.read')
      .execute()
    assert.ok(
      reads.some((e) => e.outcome === 'allowed' && (e.detail as { step?: string }).step === 'draft-pdf'),
    )
  })

  it('downloads the forum’s feedback as a file, which the other partnership imports onto its plan page', async () => {
    const theirs = JSON.parse((await admin.get('/masa-plan/export')).body)
    theirs.partnership = { id: 'plymouth-torbay', name: 'Plymouth and Torbay' }
    assert.equal((await admin.post('/masa-plan/forum', { file: JSON.stringify(theirs) })).statusCode, 303)
    const ref = /\/masa-plan\/forum\/plans\/([0-9a-f-]{36})\/feedback\.json/
    assert.doesNotMatch((await admin.get('/masa-plan/forum')).body, ref, 'no file before any feedback')
    const forum = await admin.get('/masa-plan/forum')
    const plan = /name="plan" type="radio" value="([0-9a-f-]{36})"/.exec(forum.body)?.[1]
    assert.ok(plan)
    await admin.post('/masa-plan/forum/feedback', { plan, body: 'Show how schools are involved.' })
    const link = ref.exec((await admin.get('/masa-plan/forum')).body)?.[0] as string
    const download = await admin.get(link)
    assert.match(
      String(download.headers['content-disposition']),
      /masa-plan-feedback-to-plymouth-torbay-from-llr\.json/,
    )
    assert.equal((await referrer.get(link)).statusCode, 403)
    assert.equal(
      JSON.parse((await referrer.get('/masa-plan/feedback-schema.json')).body).properties.format.const,
      'masa-plan-feedback/1',
    )

    // The same file as Plymouth and Torbay's forum would send it back to this partnership.
    const back = JSON.parse(download.body)
    back.forum = back.partnership
    back.partnership = { id: 'llr', name: 'Leicester, Leicestershire and Rutland' }
    assert.equal((await referrer.get('/masa-plan/feedback/import')).statusCode, 403)
    const refused = await admin.post('/masa-plan/feedback/import', {
      file: JSON.stringify({ ...back, colour: 1 }),
    })
    assert.equal(refused.statusCode, 400)
    assert.match(
      refused.body,
      /href="#file">The file does not fit the forum feedback format: field &quot;colour&quot;/,
    )
    assert.match(refused.body, /&quot;colour&quot;:1/, 'what was pasted is kept')
    const imported = await admin.post('/masa-plan/feedback/import', { file: JSON.stringify(back) })
    assert.equal(imported.headers.location, '/masa-plan?done=feedback-imported#feedback')
    const page = (await referrer.get('/masa-plan')).body
    assert.match(page, /Show how schools are involved\./)
    assert.match(page, /From the regional forum held by Plymouth and Torbay, recorded by/)
  })
})
