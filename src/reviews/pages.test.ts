// Serious incidents over HTTP on PGlite: the child's LA records one (the reviews people told), the
// queue warns before the Panel's deadline, the decision and notification (on the child's chronology
// without detail), invited agencies write only their own part, the record as a page and PDF, the
// Panel's reply, a recommendation as an action, a practice review commissioned; everyone else gets
// 404 whatever exists, and every read and write is audited.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { EICAR, type FakeClamd, startFakeClamd } from '../../test/support/clamd.ts'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { dateFields } from '../../test/support/forms.ts'
import { addPerson } from '../../test/support/people.ts'
import { type App, buildApp } from '../app.ts'
import { DEMO_PASSWORD, type DemoUser, issueApiKey, seedDemoUsers } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { warnDueSoon } from './alerts.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const POLICE = 'leicestershire-police'
const SCHOOL = 'leicester-schools'

describe('serious incidents and rapid reviews', () => {
  let database: TestDatabase
  let app: App
  let clamd: FakeClamd
  let clock = new Date('2026-12-04T10:00:00Z') // a Friday
  let demo: DemoUser[]
  let laManager: TestBrowser
  let lead: TestBrowser
  let policeManager: TestBrowser
  let schoolManager: TestBrowser
  let scrutineer: TestBrowser
  let policeMat: TestBrowser
  let rutlandManager: TestBrowser
  let childId: string
  let incidentId: string
  const holder = (role: string, agencyId?: string) =>
    demo.find(
      (u) => u.grants.some((g) => g.role === role) && (!agencyId || u.agencyId === agencyId),
    ) as DemoUser

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    clamd = await startFakeClamd()
    app = await buildApp({ database, partnership, logLevel: 'error', now: () => clock, clamd: clamd.address })
    demo = await seedDemoUsers(database, partnership)
    laManager = await signIn(app, holder('safeguarding-manager', 'leicester-city-council'))
    lead = await signIn(app, holder('review-lead'))
    policeManager = await signIn(app, holder('safeguarding-manager', POLICE))
    schoolManager = await signIn(app, holder('safeguarding-manager', SCHOOL))
    scrutineer = await signIn(app, holder('independent-scrutineer'))
    policeMat = await signIn(app, holder('mat-practitioner', POLICE))
    const rutland = await addPerson(database, 'rutland-county-council', 'safeguarding-manager', 'rutland')
    rutlandManager = await signIn(app, { ...rutland, password: DEMO_PASSWORD })
    const child = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'SI-TEST-1',
        given_name: 'Rowan',
        family_name: 'Harbottle',
        date_of_birth: '2019-03-02',
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
  })
  after(async () => {
    await app.close()
    await clamd.close()
    await database.dispose()
  })

  const emailsTo = (template: string) =>
    database.db
      .selectFrom('notification_outbox')
      .select(['recipient'])
      .where('template_id', '=', template)
      .execute()
  const meetingEmails = () =>
    database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'attachments'])
      .where('template_id', '=', 'rapid-review-meeting')
      .orderBy('created_at')
      .orderBy('recipient')
      .execute()
  const audit = (action: string) =>
    database.db
      .selectFrom('audit_event')
      .select(['outcome', 'actor_id', 'child_id'])
      .where('action', '=', action)
      .execute()

  it('lets the child’s LA record an incident from the child’s record, and no one else', async () => {
    assert.match((await laManager.get(`/children/${childId}`)).body, /Record a serious incident/)
    assert.equal((await schoolManager.get(`/children/${childId}/serious-incidents/new`)).statusCode, 404)
    const missing = await laManager.post(`/children/${childId}/serious-incidents`, {
      ...dateFields('learnedOn', '2026-12-03'),
      whatHappened: 'Admitted to hospital with unexplained injuries (synthetic).',
    })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /There is a problem/)
    assert.match(missing.body, /Select whether the child died or was seriously harmed/)
    assert.match(missing.body, /unexplained injuries/)
    const answer = await laManager.post(`/children/${childId}/serious-incidents`, {
      ...dateFields('learnedOn', '2026-12-03'),
      abuseOrNeglect: 'suspected',
      harm: 'seriously-harmed',
      whatHappened: 'Admitted to hospital with unexplained injuries (synthetic).',
    })
    assert.equal(answer.statusCode, 303)
    incidentId = /\/reviews\/([0-9a-f-]{36})/.exec(String(answer.headers.location))?.[1] as string
    assert.ok(incidentId)
    const told = (await emailsTo('serious-incident-recorded')).map((e) => e.recipient)
    assert.ok(told.includes(holder('review-lead').email))
    assert.ok(told.includes(holder('safeguarding-manager', 'leicester-city-council').email))
    assert.ok(!told.includes(holder('safeguarding-manager', POLICE).email))
  })

  it('shows the queue what is due and warns a working day before the Panel’s deadline', async () => {
    const queue = await lead.get('/reviews')
    assert.match(queue.body, /Rowan Harbottle/)
    assert.match(queue.body, /Decide whether to notify the Panel/)
    assert.match(queue.body, /4 working days left/)
    const ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR) }
    assert.equal(await warnDueSoon(ctx, clock), 0, 'not yet due soon')
    clock = new Date('2026-12-09T10:00:00Z')
    assert.match((await laManager.get('/reviews')).body, /Due soon: 1 working day left/)
    assert.equal(await warnDueSoon(ctx, clock), 1)
    assert.equal(await warnDueSoon(ctx, clock), 0, 'once for each deadline')
    const warned = (await emailsTo('serious-incident-due-soon')).map((e) => e.recipient)
    assert.ok(warned.includes(holder('review-lead').email))
    clock = new Date('2026-12-11T10:00:00Z')
    assert.match((await laManager.get('/reviews')).body, /Overdue by 1 working day/)
    clock = new Date('2026-12-04T10:00:00Z')
  })

  it('records the decision and the notification, on the child’s chronology without detail', async () => {
    const page = await laManager.get(`/reviews/${incidentId}`)
    assert.match(page.body, /unexplained injuries/)
    assert.equal(
      (await laManager.post(`/reviews/${incidentId}/decision`, { decision: 'notify' })).statusCode,
      400,
    )
    const decided = await laManager.post(`/reviews/${incidentId}/decision`, {
      decision: 'notify',
      decisionReason: 'Neglect suspected and serious harm (synthetic).',
    })
    assert.equal(decided.statusCode, 303)
    const notification = await laManager.get(`/reviews/${incidentId}/notification`)
    assert.match(notification.body, /2 March 2019/)
    assert.match(notification.body, /Neglect suspected and serious harm/)
    assert.equal(
      (await laManager.post(`/reviews/${incidentId}/notified`, dateFields('notifiedOn', '2026-12-04')))
        .statusCode,
      303,
    )
    const after = await laManager.get(`/reviews/${incidentId}`)
    assert.match(after.body, /The rapid review is due by 29 December 2026/)
    const chronology = await laManager.get(`/children/${childId}/chronology`)
    assert.match(chronology.body, /Serious incident notified to the national panel/)
    assert.doesNotMatch(chronology.body, /unexplained injuries/)
  })

  it('lets each invited agency see and write only its own part', async () => {
    const invited = await laManager.post(`/reviews/${incidentId}/invite`, { agencyIds: [POLICE, SCHOOL] })
    assert.equal(invited.statusCode, 303)
    assert.ok(
      (await emailsTo('rapid-review-invitation')).some(
        (e) => e.recipient === holder('safeguarding-manager', POLICE).email,
      ),
    )
    const police = await policeManager.get(`/reviews/${incidentId}`)
    assert.equal(police.statusCode, 200)
    assert.match(police.body, /Your agency’s part/)
    assert.doesNotMatch(police.body, /unexplained injuries/)
    assert.equal(
      (await policeManager.post(`/reviews/${incidentId}/part`, { chronology: ' ' })).statusCode,
      400,
    )
    const sent = await policeManager.post(`/reviews/${incidentId}/part`, {
      chronology: 'Police attended the home twice in November (synthetic).',
      immediateLearning: 'Share domestic abuse notifications the same day.',
    })
    assert.equal(sent.statusCode, 303)
    const school = await schoolManager.get(`/reviews/${incidentId}`)
    assert.equal(school.statusCode, 200)
    assert.doesNotMatch(school.body, /Police attended the home/)
    assert.equal(
      (await schoolManager.post(`/reviews/${incidentId}/decision`, { decision: 'notify' })).statusCode,
      404,
    )
    assert.match((await laManager.get(`/reviews/${incidentId}`)).body, /Police attended the home/)
  })

  it('answers 404 to everyone else, whether or not the incident exists, and audits the refusals', async () => {
    for (const browser of [policeMat, rutlandManager]) {
      assert.equal((await browser.get(`/reviews/${incidentId}`)).statusCode, 404)
      assert.equal((await browser.get('/reviews/00000000-0000-4000-8000-000000000000')).statusCode, 404)
    }
    assert.equal((await policeMat.get('/reviews')).statusCode, 403)
    assert.doesNotMatch((await rutlandManager.get('/reviews')).body, /Harbottle/)
    const views = await audit('review.view')
    assert.ok(views.some((e) => e.outcome === 'denied'))
    assert.ok(views.filter((e) => e.outcome === 'allowed').every((e) => e.child_id === childId))
    assert.ok((await audit('review.notify')).some((e) => e.outcome === 'allowed'))
    assert.ok((await audit('review.contribute')).some((e) => e.outcome === 'allowed'))
  })

  it('shows the independent scrutineer the incident without the child’s identity', async () => {
    const page = await scrutineer.get(`/reviews/${incidentId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /A child of Leicester/)
    assert.doesNotMatch(page.body, /Harbottle/)
    assert.doesNotMatch((await scrutineer.get('/reviews')).body, /Harbottle/)
  })

  it('writes the rapid review record, sends it to the Panel as a PDF and records the reply', async () => {
    const record = {
      facts: 'Rowan was admitted with injuries inconsistent with the account given (synthetic).',
      immediateActions: 'Siblings seen and safe; strategy discussion held.',
      learning: 'Domestic abuse notifications reached the school late.',
      lcspr: 'recommended',
      lcsprReason: 'Systemic learning across agencies.',
    }
    assert.equal((await lead.post(`/reviews/${incidentId}/record`, { ...record, facts: '' })).statusCode, 400)
    assert.equal((await lead.post(`/reviews/${incidentId}/record`, record)).statusCode, 303)
    assert.equal(
      (await laManager.post(`/reviews/${incidentId}/meeting`, dateFields('meetingOn', '2026-12-10')))
        .statusCode,
      303,
    )
    const page = await laManager.get(`/reviews/${incidentId}/record`)
    assert.match(page.body, /injuries inconsistent with the account/)
    assert.match(page.body, /10 December 2026/)
    const pdf = await laManager.get(`/reviews/${incidentId}/record.pdf`)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal((await policeManager.get(`/reviews/${incidentId}/record.pdf`)).statusCode, 404)
    assert.equal(
      (await laManager.post(`/reviews/${incidentId}/sent`, dateFields('sentOn', '2026-12-04'))).statusCode,
      303,
    )
    const reply = await laManager.post(`/reviews/${incidentId}/reply`, {
      reply: 'The Panel agrees a local review is needed.',
      ...dateFields('repliedOn', '2026-12-04'),
    })
    assert.equal(reply.statusCode, 303)
    assert.match(
      (await laManager.get(`/reviews/${incidentId}`)).body,
      /The Panel agrees a local review is needed/,
    )
    assert.equal(
      (
        await policeManager.post(`/reviews/${incidentId}/part`, {
          chronology: 'late',
          immediateLearning: 'late',
        })
      ).statusCode,
      409,
    )
  })

  it('turns a recommendation into an action the owner agency sees, and tracks it for the partnership', async () => {
    const added = await lead.post(`/reviews/${incidentId}/recommendations`, {
      description: 'Police to share domestic abuse notifications with schools by 9am next day.',
      ownerAgencyId: POLICE,
      ...dateFields('dueBy', '2027-03-31'),
    })
    assert.equal(added.statusCode, 303)
    const action = await database.db
      .selectFrom('action')
      .selectAll()
      .where('source_kind', '=', 'rapid-review')
      .executeTakeFirstOrThrow()
    assert.equal(action.owner_agency_id, POLICE)
    assert.equal(action.due_by, '2027-03-31')
    const progress = await lead.get('/reviews/recommendations')
    assert.match(progress.body, /share domestic abuse notifications with schools/)
    assert.match(progress.body, /Leicestershire Police/)
    assert.match(
      (await policeManager.get('/actions')).body,
      /share domestic abuse notifications with schools/,
    )
  })

  it('commissions the local practice review with its publication due 6 months on', async () => {
    const commissioned = await lead.post(`/reviews/${incidentId}/commission`, {
      ...dateFields('decidedOn', '2026-12-04'),
      reviewer: 'An independent reviewer (synthetic)',
      termsOfReference: 'Information sharing between police and schools.',
      methodology: 'Systems review with practitioner events.',
      familyInvolvement: 'Parents invited to meet the reviewer.',
    })
    assert.equal(commissioned.statusCode, 303)
    const page = await lead.get(`/reviews/${incidentId}`)
    assert.match(page.body, /4 June 2027/)
    assert.match(page.body, /An independent reviewer/)
  })

  it('tags the incident with the partnership’s themes and counts incidents by them for the partnership', async () => {
    assert.equal(
      (await lead.post(`/reviews/${incidentId}/themes`, { themes: ['not-a-theme'] })).statusCode,
      400,
    )
    const saved = await lead.post(`/reviews/${incidentId}/themes`, {
      themes: ['domestic-abuse', 'information-sharing'],
    })
    assert.equal(saved.statusCode, 303)
    assert.match((await lead.get(`/reviews/${incidentId}`)).body, /Domestic abuse, Information sharing/)
    const progress = (await lead.get('/reviews/recommendations')).body
    assert.match(progress, /Serious incidents by theme/)
    assert.match(progress, /<th scope="row" class="govuk-table__header">Domestic abuse<\/th>/)
    assert.equal((await policeManager.post(`/reviews/${incidentId}/themes`, { themes: [] })).statusCode, 404)
  })

  it('records the evidence of impact once a recommendation’s action is done, and the progress view counts it', async () => {
    const action = await database.db
      .selectFrom('action')
      .select('id')
      .where('source_kind', '=', 'rapid-review')
      .executeTakeFirstOrThrow()
    // The actions block closes an action at the real time (its plugin takes no clock): today, then.
    clock = new Date()
    const impact = {
      actionId: action.id,
      evidence: 'Audit of 20 notifications: all reached schools by 9am (synthetic).',
      ...dateFields('evidencedOn', clock.toISOString().slice(0, 10)),
    }
    assert.equal((await lead.post(`/reviews/${incidentId}/impact`, impact)).statusCode, 409, 'not done yet')
    assert.equal(
      (await policeManager.post(`/actions/${action.id}`, { evidence: 'Protocol agreed and live.' }))
        .statusCode,
      303,
    )
    let progress = (await lead.get('/reviews/recommendations')).body
    assert.match(progress, /Done, without evidence of impact yet: 1/)
    const missing = await lead.post(`/reviews/${incidentId}/impact`, { ...impact, evidence: '' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Enter the evidence of impact/)
    assert.equal((await lead.post(`/reviews/${incidentId}/impact`, impact)).statusCode, 303)
    assert.equal((await lead.post(`/reviews/${incidentId}/impact`, impact)).statusCode, 409, 'once')
    progress = (await lead.get('/reviews/recommendations')).body
    assert.match(progress, /Done, with evidence of impact: 1/)
    assert.match(progress, /all reached schools by 9am/)
    clock = new Date('2026-12-04T10:00:00Z')
  })

  it('takes a draft uploaded as a PDF or Word file by what its bytes are, for those who read the drafts only', async () => {
    const review = `/reviews/${incidentId}/practice-review`
    const drafts = () =>
      database.db.selectFrom('practice_review_draft').select('version').where('incident_id', '=', incidentId)
    const upload = (name: string, content: Buffer, browser = lead) =>
      browser.upload(`${review}/draft-file`, { field: 'draftFile', name, content })
    const form = (await lead.get(review)).body
    assert.match(form, /enctype="multipart\/form-data"/)
    assert.ok(form.indexOf('name="_csrf"', form.indexOf('draft-file')) < form.indexOf('name="draftFile"'))
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64),
    ])
    const image = await upload('draft.pdf', png)
    assert.equal(image.statusCode, 400, 'a picture named .pdf is not a PDF')
    assert.match(image.body, /There is a problem/)
    assert.match(image.body, /href="#draftFile">The selected file must be a PDF or a Word document \(.docx\)/)
    const zip = await upload('sheet.docx', Buffer.from('PK\x03\x04xl/workbook.xml'))
    assert.equal(zip.statusCode, 400, 'a spreadsheet named .docx is not a Word document')
    const large = await upload(
      'big.pdf',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]),
    )
    assert.equal(large.statusCode, 413)
    assert.match(large.body, /The file must be smaller than 10 MB/)
    assert.equal((await upload('d.pdf', Buffer.from('%PDF-1.7'), schoolManager)).statusCode, 404)
    assert.equal(
      (
        await lead.upload(
          `${review}/draft-file`,
          { field: 'draftFile', name: 'd.pdf', content: '%PDF-1.7' },
          { csrf: false },
        )
      ).statusCode,
      403,
    )
    assert.deepEqual(await drafts().execute(), [], 'nothing written')

    const docx = Buffer.from(
      'PK\x03\x04\x14\x00[Content_Types].xml PK\x03\x04word/document.xml <w:t>Synthetic draft</w:t>',
    )
    const infected = await lead.upload(
      `${review}/draft-file`,
      { field: 'draftFile', name: 'Infected draft.docx', content: Buffer.concat([docx, EICAR]) },
      { fields: { note: 'Second reading changes' } },
    )
    assert.equal(infected.statusCode, 400)
    assert.match(infected.body, /There is a problem/)
    assert.match(infected.body, /href="#draftFile">The selected file contains a virus</)
    assert.match(infected.body, /value="Second reading changes"/, 'the note kept')
    assert.ok(clamd.received.at(-1)?.includes(EICAR), 'sent whole to clamd')
    assert.deepEqual(await drafts().execute(), [], 'nothing written')
    const refusedUpload = await database.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('child_id', '=', childId)
      .where(sql<boolean>`detail->>'virusCheck' = 'infected'`)
      .executeTakeFirstOrThrow()
    assert.deepEqual(refusedUpload.detail, {
      step: 'draft-file',
      file: 'docx',
      bytes: docx.length + EICAR.length,
      virusCheck: 'infected',
      virus: 'Eicar-Test-Signature',
      reviewId: incidentId,
    })
    assert.doesNotMatch(JSON.stringify(refusedUpload), /Infected draft/, 'the audit names no file')

    const saved = await upload('Review – draft 1.docx', docx)
    assert.equal(saved.statusCode, 303)
    const page = (await lead.get(String(saved.headers.location))).body
    assert.match(page, /Draft file uploaded as a new version/)
    assert.match(page, /Review – draft 1\.docx<\/a> \(Word document, 1 KB\)/)
    assert.match(page, /Uploaded by [^<]+ on \d+ December 2026 at/)
    const file = `${review}/drafts/1/file`
    const got = await lead.get(file)
    assert.equal(got.statusCode, 200)
    assert.match(String(got.headers['content-type']), /wordprocessingml/)
    assert.match(
      String(got.headers['content-disposition']),
      /^attachment; filename="Review _ draft 1\.docx"; filename\*=UTF-8''Review%20%E2%80%93%20draft%201\.docx$/,
    )
    assert.deepEqual(got.rawPayload, docx)
    assert.equal(
      (await policeManager.get(file)).statusCode,
      200,
      'a lead partner’s signer reads it to sign it',
    )
    for (const browser of [schoolManager, rutlandManager, policeMat])
      assert.equal((await browser.get(file)).statusCode, 404)
    assert.equal((await lead.get(`${review}/drafts/9/file`)).statusCode, 404)
    const entries = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'detail'])
      .where('child_id', '=', childId)
      .execute()
    const uploaded = entries.find(
      (e) =>
        e.outcome === 'allowed' &&
        (e.detail as { step?: string; virusCheck?: string }).virusCheck === 'clean',
    )
    assert.deepEqual(uploaded?.detail, {
      step: 'draft-file',
      file: 'docx',
      bytes: docx.length,
      virusCheck: 'clean',
      reviewId: incidentId,
    })
    const downloads = entries
      .filter((e) => (e.detail as { draftFile?: number }).draftFile === 1)
      .map((e) => `${e.action} ${e.outcome}`)
    assert.deepEqual(downloads.filter((d) => d.endsWith('allowed')).sort(), [
      'review.sign allowed',
      'review.view allowed',
    ])
    assert.ok(downloads.filter((d) => d.endsWith('denied')).length >= 2, 'refused downloads audited')

    await database.db.updateTable('practice_review_draft').set({ file_scanned_at: null }).execute()
    assert.match(
      (await lead.get(review)).body,
      /\(Word document, 1 KB, not checked for viruses\)/,
      'a file kept while no scanner was configured says so',
    )
    await clamd.close()
    const unchecked = await upload('Review – draft 2.docx', docx)
    assert.equal(unchecked.statusCode, 503)
    assert.match(unchecked.body, /The selected file could not be checked for viruses – try again later/)
    assert.equal((await drafts().execute()).length, 1, 'refused rather than kept unchecked')
  })

  it('takes the practice review through a draft, the three lead partners’ sign-off and publication to the Panel', async () => {
    const review = `/reviews/${incidentId}/practice-review`
    assert.equal(
      (
        await lead.post(`${review}/milestone`, {
          title: 'Practitioners’ event',
          ...dateFields('dueOn', '2027-02-10'),
        })
      ).statusCode,
      303,
    )
    assert.equal(
      (await lead.post(`${review}/draft`, { body: 'Draft report (synthetic).', note: 'First draft' }))
        .statusCode,
      303,
    )
    const health = await addPerson(database, 'llr-icb', 'safeguarding-manager', null)
    const healthManager = await signIn(app, { ...health, password: DEMO_PASSWORD })
    assert.match((await policeManager.get('/reviews')).body, /Practice reviews to sign off/)
    const page = await policeManager.get(review)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Draft report \(synthetic\)/)
    assert.doesNotMatch(page.body, /Harbottle/)
    assert.equal((await schoolManager.get(review)).statusCode, 404)
    assert.equal((await rutlandManager.get(review)).statusCode, 404)
    assert.equal((await policeManager.post(`${review}/sign-off`, {})).statusCode, 303)
    const refused = await lead.post(`${review}/publication`, dateFields('publishedOn', '2026-12-04'))
    assert.equal(refused.statusCode, 409)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /still to sign, the local authority, health/)
    assert.equal((await laManager.post(`${review}/sign-off`, {})).statusCode, 303)
    assert.equal((await healthManager.post(`${review}/sign-off`, {})).statusCode, 303)
    assert.equal(
      (await lead.post(`${review}/publication`, dateFields('publishedOn', '2026-12-04'))).statusCode,
      303,
    )
    assert.equal(
      (await lead.post(`${review}/panel-copy`, dateFields('sentOn', '2026-12-04'))).statusCode,
      303,
    )
    const done = (await lead.get(review)).body
    assert.match(done, /Sent to the national Panel on 4 December 2026/)
    assert.match(done, /The police: signed off by/)
  })

  it('answers an LA’s system with reviews:read the incidents’ deadlines and recommendations, never naming the child', async () => {
    const key = async (agencyId: string, scopes: string[]) =>
      `Bearer ${await issueApiKey(database.db, { agencyId, name: `${agencyId} reviews`, scopes })}`
    const get = async (url: string, authorization: string) =>
      app.inject({ method: 'GET', url, headers: { authorization } })
    const la = await key('leicester-city-council', ['reviews:read'])
    const incidents = await get('/api/v1/serious-incidents', la)
    assert.equal(incidents.statusCode, 200)
    const [incident] = incidents.json()
    assert.equal(incident.id, incidentId)
    assert.equal(incident.notifyBy, '2026-12-10')
    assert.equal(incident.practiceReview.publishBy, '2027-06-04')
    assert.equal(incident.practiceReview.panelCopySentOn, '2026-12-04')
    assert.deepEqual(incident.themes, ['domestic-abuse', 'information-sharing'])
    assert.doesNotMatch(incidents.body, /Harbottle|Rowan|2019-03-02|unexplained injuries/)
    assert.doesNotMatch(incidents.body, new RegExp(childId))
    const recommendations = (await get('/api/v1/serious-incidents/recommendations', la)).json()
    assert.equal(recommendations[0].status, 'done')
    assert.match(recommendations[0].impact.evidence, /all reached schools/)
    for (const other of [
      await key('rutland-county-council', ['reviews:read']),
      await key('leicester-city-council', ['cases:read']),
      await key('leicestershire-police', ['reviews:read']),
    ])
      assert.deepEqual((await get('/api/v1/serious-incidents', other)).json(), [])
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).body
    assert.match(spec, /serious-incidents\/recommendations/)
  })

  it('holds the rapid review meeting on the meetings block: invitations, attendance once started, quoracy', async () => {
    const invitations = await emailsTo('rapid-review-meeting')
    assert.ok(
      invitations.some((e) => e.recipient.endsWith('@leicestershire-police.example')),
      'the police invited',
    )
    const attendance = { agencyIds: ['leicester-city-council', POLICE] }
    assert.equal(
      (await laManager.post(`/reviews/${incidentId}/attendance`, attendance)).statusCode,
      409,
      'not before it starts',
    )
    clock = new Date('2026-12-10T11:00:00Z')
    const notInvited = await laManager.post(`/reviews/${incidentId}/attendance`, { agencyIds: ['llr-icb'] })
    assert.equal(notInvited.statusCode, 400, 'only its invitees')
    assert.match(
      notInvited.body,
      /href="#attendedAgencyIds"/,
      'the summary links to the attendance checkboxes',
    )
    assert.equal((await laManager.post(`/reviews/${incidentId}/attendance`, attendance)).statusCode, 303)
    const page = (await laManager.get(`/reviews/${incidentId}`)).body
    assert.match(page, /Not quorate/)
    assert.match(page, /Missing: health/)
    const ics = await laManager.get(`/reviews/${incidentId}/invitation.ics`)
    assert.equal(ics.statusCode, 200)
    const lines = ics.body.replace(/\r\n /g, '')
    assert.match(String(ics.headers['content-type']), /^text\/calendar/)
    assert.match(ics.body, /SUMMARY:Rapid review SI-/)
    assert.match(ics.body, /DTSTART:20261210T100000Z/)
    assert.match(lines, /ATTENDEE;[^\r]*leicestershire-police\.example/)
    assert.match(page, /invitation\.ics/)
    assert.equal(
      (await schoolManager.get(`/reviews/${incidentId}/invitation.ics`)).statusCode,
      200,
      'invited',
    )
    for (const browser of [policeMat, rutlandManager])
      assert.equal((await browser.get(`/reviews/${incidentId}/invitation.ics`)).statusCode, 404)

    const attached = await meetingEmails()
    assert.ok(attached.length >= 3)
    const [file] = attached[0]?.attachments ?? []
    assert.equal(file?.fileName, `${/SUMMARY:Rapid review (SI-\S+)\r/.exec(ics.body)?.[1]}.ics`)
    assert.equal(file?.contentType, 'text/calendar; charset=utf-8; method=REQUEST')
    const calendar = file?.content ?? ''
    assert.match(calendar, /^BEGIN:VCALENDAR\r\n[\s\S]*METHOD:REQUEST\r\n[\s\S]*END:VCALENDAR\r\n$/)
    assert.ok(
      calendar.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
      'lines folded',
    )
    const uid = /UID:[^\r]+/.exec(ics.body)?.[0]
    assert.equal(/UID:[^\r]+/.exec(calendar)?.[0], uid, 'the same event as the download')
    assert.match(calendar, /SEQUENCE:0\r\n/)
    assert.match(calendar, /DTSTART:20261210T100000Z/)
    assert.match(
      calendar.replace(/\r\n /g, ''),
      /DESCRIPTION:Rapid review meeting on serious incident SI-\S+: http:\/\/localhost:3000\/reviews\//,
    )
    assert.doesNotMatch(calendar, /Rowan|Harbottle|injuries/, 'no child named, no free text')
    assert.ok(attached.every((email) => email.attachments?.[0]?.content === calendar))

    clock = new Date('2026-12-09T10:00:00Z')
    const moved = await laManager.post(`/reviews/${incidentId}/meeting`, {
      ...dateFields('meetingOn', '2026-12-14'),
      meetingTime: '14:30',
    })
    assert.equal(moved.statusCode, 303)
    const rescheduled = (await meetingEmails()).slice(attached.length)
    assert.equal(rescheduled.length, attached.length, 'each invitee told again')
    const again = rescheduled[0]?.attachments?.[0]?.content ?? ''
    assert.equal(/UID:[^\r]+/.exec(again)?.[0], uid)
    assert.match(again, /SEQUENCE:1\r\n/)
    assert.match(again, /DTSTART:20261214T143000Z/)
    assert.match((await laManager.get(`/reviews/${incidentId}/invitation.ics`)).body, /SEQUENCE:1\r\n/)
    clock = new Date('2026-12-04T10:00:00Z')
  })
})
