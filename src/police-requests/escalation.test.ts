// Form 87a's overdue answers through the service on PGlite: the job escalates a request once its due
// working day has ended (across Christmas's bank holidays and a weekend), once, by email to the
// force's safeguarding managers and public protection (naming no child); the police's list shows the
// overdue first; and a person of another force who posts an answer is refused by the policy, audited.

import assert from 'node:assert/strict'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { enrolledCaller, signedInPerson } from '../../test/support/people.ts'
import type { TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../partnership/config.ts'
import { escalateOverdueRequests } from './escalation.ts'
import { answerDueBy } from './rules.ts'

const SCHOOLS = 'leicester-schools'
const POLICE = 'leicestershire-police'
const OTHER_FORCE = 'british-transport-police'

describe('overdue answers to form 87a requests', () => {
  let t: TestApp
  let partnership: PartnershipConfig
  let school: TestBrowser
  let police: TestBrowser
  let otherForce: TestBrowser
  let serial = 0

  before(async () => {
    // A second force serving Leicester alongside the county's (listed after it, so not the one asked).
    const folder = await mkdtemp(join(tmpdir(), 'masa-87a-'))
    const file = join(folder, 'llr.yaml')
    const text = await readFile(DEMO_PARTNERSHIPS.llr, 'utf8')
    await writeFile(
      file,
      text.replace(
        '    serves: all\n',
        `    serves: all\n\n  - id: ${OTHER_FORCE}\n    name: British Transport Police\n    kind: police\n    serves: [leicester]\n`,
      ),
    )
    t = await startTestApp(file)
    partnership = await loadPartnershipConfig(file)
    school = await signedInPerson(t, {
      agencyId: SCHOOLS,
      email: 'dsl@late.example',
      role: 'safeguarding-manager',
    })
    police = await signedInPerson(t, {
      agencyId: POLICE,
      email: 'ppp@late.example',
      role: 'police-public-protection',
    })
    otherForce = await signedInPerson(t, {
      agencyId: OTHER_FORCE,
      email: 'ppp@btp.example',
      role: 'police-public-protection',
    })
    await enrolledCaller(t.database.db, {
      name: 'Force Manager',
      agencyId: POLICE,
      role: 'safeguarding-manager',
      agencyKind: 'police',
      laId: null,
    })
  })
  after(() => t.close())

  /** A child the school and the other force know, and the school's request to the county's force. */
  async function asked(): Promise<{ id: string; childId: string }> {
    serial += 1
    const child = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `LATE-${serial}`,
        given_name: 'Sky',
        family_name: `Latewood${serial}`,
        date_of_birth: '2013-01-02',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const agency_id of [SCHOOLS, OTHER_FORCE])
      await t.database.db
        .insertInto('child_involvement')
        .values({ child_id: child.id, agency_id, kind: 'added-by-la', reason: 'known', user_id: null })
        .execute()
    const made = await school.post(`/children/${child.id}/police-requests`, {
      request: 'LATE-REQUEST: anything known',
      reason: 'Missing twice',
      lawfulBasis: 'children-act-1989-s47',
    })
    assert.equal(made.statusCode, 303, made.body)
    return { id: String(made.headers.location).split('/').pop() as string, childId: child.id }
  }
  const emails = (id: string) =>
    t.database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation'])
      .where('reference', '=', `police-request-${id}-overdue`)
      .orderBy('recipient')
      .execute()

  it('escalates once when the due working day has ended, across Christmas and a weekend', async () => {
    const { id } = await asked()
    // Asked on Thursday 24 December 2026 with one working day: Christmas Day, the weekend and the
    // Boxing Day substitute (Monday 28th) are skipped, so it is due on Tuesday 29 December.
    const due = answerDueBy(new Date('2026-12-24T10:00:00Z'), 1)
    assert.equal(due, '2026-12-29')
    await t.database.db
      .updateTable('police_information_request')
      .set({ due_by: due })
      .where('id', '=', id)
      .execute()
    const at = (iso: string) => ({ db: t.database.db, partnership, now: () => new Date(iso) })
    for (const moment of ['2026-12-26T12:00:00Z', '2026-12-28T12:00:00Z', '2026-12-29T23:30:00Z']) {
      await escalateOverdueRequests(at(moment))
      assert.equal((await emails(id)).length, 0, `not overdue at ${moment}`)
    }
    // 00:30 on 30 December in London: the 29th has ended.
    await escalateOverdueRequests(at('2026-12-30T00:30:00Z'))
    const sent = await emails(id)
    assert.deepEqual(
      sent.map((email) => email.recipient),
      ['force.manager@leicestershire-police.example', 'ppp@late.example'],
    )
    assert.doesNotMatch(JSON.stringify(sent), /Latewood|LATE-REQUEST/, 'names no child and nothing asked')
    assert.match(JSON.stringify(sent[0]?.personalisation), /"answer_by":"29 December 2026"/)
    assert.match(JSON.stringify(sent[0]?.personalisation), /"asked_by":"Leicester schools"/)
    assert.doesNotMatch(JSON.stringify(sent[0]?.personalisation), /"link"/, 'the manager gets no link to it')
    assert.match(JSON.stringify(sent[1]?.personalisation), /"link":"\/police-requests"/)
    await escalateOverdueRequests(at('2026-12-31T09:00:00Z'))
    assert.equal((await emails(id)).length, 2, 'escalated once')
  })

  it('an answered request is never escalated; the police see the overdue first', async () => {
    const answered = await asked()
    const late = await asked()
    await t.database.db
      .updateTable('police_information_request')
      .set({ due_by: '2026-11-20' })
      .where('id', 'in', [answered.id, late.id])
      .execute()
    const reply = await police.post(`/police-requests/${answered.id}/answer`, {
      outcome: 'refused',
      answer: 'No',
    })
    assert.equal(reply.statusCode, 303, reply.body)
    await escalateOverdueRequests({
      db: t.database.db,
      partnership,
      now: () => new Date('2026-12-01T12:00:00Z'),
    })
    assert.equal((await emails(answered.id)).length, 0)
    const page = (await police.get('/police-requests')).body
    const overdueAt = page.indexOf('Overdue (')
    assert.ok(overdueAt >= 0, 'an overdue table')
    const lateAt = page.indexOf(`Latewood${serial}`)
    const awaitingAt = page.indexOf('Awaiting an answer')
    assert.ok(lateAt > overdueAt && (awaitingAt === -1 || lateAt < awaitingAt), 'the overdue one first')
    assert.match(page, /Escalated to your force’s safeguarding managers/)
  })

  it('refuses, through the policy and on the audit, an answer from a person of another force', async () => {
    const { id, childId } = await asked()
    const posted = await otherForce.post(`/police-requests/${id}/answer`, {
      outcome: 'disclosed',
      answer: 'OTHER-FORCE answer',
    })
    assert.equal(posted.statusCode, 404)
    assert.equal((await otherForce.get(`/police-requests/${id}`)).statusCode, 404)
    const refusals = await t.database.db
      .selectFrom('audit_event')
      .select(['agency_id', 'outcome', 'child_id'])
      .where('action', '=', 'police-request.answer')
      .where('outcome', '=', 'denied')
      .where('agency_id', '=', OTHER_FORCE)
      .where('child_id', '=', childId)
      .execute()
    assert.equal(refusals.length, 2, 'the answer and the read, each decided and audited')
    const row = await t.database.db
      .selectFrom('police_information_request')
      .select('outcome')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(row.outcome, null)
  })
})
