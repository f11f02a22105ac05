// Professional disagreements through the service on PGlite: raised by a school about the front
// door's threshold decision, on the chronology without its words, read only by its parties and the
// partnership's leads, prompted once when a stage runs out of time (across weekends and bank
// holidays), escalated and resolved, and counted in the report.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { addPerson } from '../../test/support/people.ts'
import { actorForColleague, DEMO_PASSWORD } from '../identity/index.ts'
import { signIn } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import type { EscalationContext } from './workflow.ts'
import {
  disagreementReport,
  disagreementsToEscalate,
  listDisagreements,
  promptOutOfTime,
  raiseDisagreement,
  readDisagreement,
  recordStage,
} from './workflow.ts'

const SCHOOL = 'leicester-schools'
const COUNCIL = 'leicester-city-council'
const POLICE = 'leicestershire-police'
/** Friday 19 December 2025, 10am: five working days on, past Christmas and Boxing Day, is 30 December. */
const FRIDAY_BEFORE_CHRISTMAS = new Date('2025-12-19T10:00:00Z')

describe('professional disagreements', () => {
  let t: TestApp
  let partnership: PartnershipConfig
  let now = FRIDAY_BEFORE_CHRISTMAS
  let ctx: EscalationContext
  let serial = 0

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    ctx = { db: t.database.db, partnership, now: () => now }
  })
  after(() => t.close())

  async function person(agencyId: string, role: Role, laId: string | null = 'leicester') {
    const { email } = await addPerson(t.database, agencyId, role, laId)
    const actor = await actorForColleague({ db: t.database.db, partnership }, agencyId, email)
    assert.ok(actor)
    return { email, caller: { actor, origin: { ip: '127.0.0.1', requestId: `test-${email}` } } as Caller }
  }

  async function child(involved: string[]) {
    serial += 1
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `ESC-${serial}`,
        given_name: 'Jordan',
        family_name: `Disputed${serial}`,
        date_of_birth: '2012-05-06',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const agency_id of involved)
      await t.database.db
        .insertInto('child_involvement')
        .values({ child_id: row.id, agency_id, kind: 'added-by-la', reason: 'school', user_id: null })
        .execute()
    return row.id
  }

  const thresholdDisagreement = {
    about: 'threshold-decision',
    otherAgencyId: COUNCIL,
    reasonId: 'threshold-not-met',
    detail: 'DISAGREEMENT-WORDS: the school has seen bruising twice this term.',
  }

  const emailsTo = async (template: string) =>
    (
      await t.database.db
        .selectFrom('notification_outbox')
        .select(['recipient', 'personalisation'])
        .where('template_id', '=', template)
        .execute()
    ).map((row) => row.recipient)

  it('raises, tells stage 1, prompts once when the stage runs out of time, escalates and resolves', async () => {
    now = FRIDAY_BEFORE_CHRISTMAS
    const lead = await person(SCHOOL, 'safeguarding-manager')
    const screener = await person(COUNCIL, 'front-door-screener')
    const councilManager = await person(COUNCIL, 'strategy-discussion-chair')
    const childId = await child([SCHOOL])

    const raised = await raiseDisagreement(ctx, lead.caller, childId, thresholdDisagreement)
    assert.equal(raised.stage, 1)
    assert.equal(raised.stageDueBy, '2025-12-30', 'five working days, past the weekend and two bank holidays')
    assert.ok(
      (await emailsTo('disagreement-raised')).includes(screener.email),
      'stage 1 tells the practitioners',
    )

    const events = await t.database.db
      .selectFrom('domain_event')
      .select(['type', 'summary'])
      .where('child_id', '=', childId)
      .execute()
    assert.deepEqual(
      events.map((event) => event.type),
      ['disagreement.raised'],
    )
    assert.match(events[0]?.summary ?? '', /Professional disagreement with Leicester City Council/)
    assert.doesNotMatch(
      events[0]?.summary ?? '',
      /DISAGREEMENT-WORDS|threshold/i,
      'no words on the chronology',
    )

    // Still in time on its due day; out of time the working day after.
    now = new Date('2025-12-30T16:00:00Z')
    assert.equal(await promptOutOfTime(t.database.db, now), 0)
    assert.deepEqual(await disagreementsToEscalate(ctx, lead.caller), [])
    now = new Date('2025-12-31T08:00:00Z')
    assert.equal(await promptOutOfTime(t.database.db, now), 1)
    assert.equal(await promptOutOfTime(t.database.db, now), 0, 'once per stage')
    assert.deepEqual(await emailsTo('disagreement-stage-out-of-time'), [lead.email], 'the raiser is prompted')
    assert.ok((await emailsTo('disagreement-may-escalate')).includes(councilManager.email), 'stage 2 is told')
    assert.deepEqual(
      (await disagreementsToEscalate(ctx, lead.caller)).map((d) => d.id),
      [raised.id],
      'on the raiser’s home page',
    )

    await recordStage(ctx, lead.caller, raised.id, {
      who: 'Sam (school DSL), Alex (front door)',
      discussed: 'The front door kept its decision.',
      outcome: 'escalated',
    })
    let record = await readDisagreement(ctx, lead.caller, raised.id)
    assert.equal(record.disagreement.stage, 2)
    // Started on Wednesday 31 December: New Year's Day does not count.
    assert.equal(record.disagreement.stageDueBy, '2026-01-08')
    assert.equal(record.state, 'open')
    assert.ok((await emailsTo('disagreement-escalated')).includes(councilManager.email))

    now = new Date('2026-01-05T11:00:00Z')
    await recordStage(ctx, councilManager.caller, raised.id, {
      who: 'The school’s head and the front door’s team manager',
      discussed: 'Agreed to open an assessment.',
      outcome: 'resolved',
    })
    record = await readDisagreement(ctx, lead.caller, raised.id)
    assert.equal(record.state, 'resolved')
    assert.deepEqual(
      record.stages.map((stage) => [stage.stage, stage.outcome]),
      [
        [1, 'escalated'],
        [2, 'resolved'],
      ],
    )
    await assert.rejects(
      recordStage(ctx, lead.caller, raised.id, { who: 'x', discussed: 'y', outcome: 'resolved' }),
      { statusCode: 409 },
    )
    const types = await t.database.db
      .selectFrom('domain_event')
      .select('type')
      .where('child_id', '=', childId)
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      types.map((row) => row.type),
      ['disagreement.raised', 'disagreement.escalated', 'disagreement.resolved'],
    )
  })

  it('opens a disagreement only to its parties and the partnership’s leads', async () => {
    now = FRIDAY_BEFORE_CHRISTMAS
    const lead = await person(SCHOOL, 'safeguarding-manager')
    const childId = await child([SCHOOL, POLICE])
    const raised = await raiseDisagreement(ctx, lead.caller, childId, thresholdDisagreement)
    const councilScreener = await person(COUNCIL, 'front-door-screener')
    const police = await person(POLICE, 'safeguarding-manager', null)
    const businessUnit = await person(COUNCIL, 'partnership-admin', null)
    const analyst = await person(COUNCIL, 'analyst')

    for (const reader of [lead, councilScreener, businessUnit])
      assert.equal((await readDisagreement(ctx, reader.caller, raised.id)).disagreement.id, raised.id)
    await assert.rejects(readDisagreement(ctx, police.caller, raised.id), { statusCode: 403 })
    await assert.rejects(readDisagreement(ctx, analyst.caller, raised.id), { statusCode: 404 })
    assert.ok(!(await listDisagreements(ctx, police.caller)).some((d) => d.id === raised.id))
    assert.ok((await listDisagreements(ctx, businessUnit.caller)).some((d) => d.id === raised.id))
  })

  it('refuses a practitioner not involved with the child, and input outside the partnership’s lists', async () => {
    const lead = await person(SCHOOL, 'safeguarding-manager')
    const notInvolved = await child([])
    await assert.rejects(raiseDisagreement(ctx, lead.caller, notInvolved, thresholdDisagreement), {
      statusCode: 404,
    })
    const childId = await child([SCHOOL])
    await assert.rejects(
      raiseDisagreement(ctx, lead.caller, childId, { ...thresholdDisagreement, reasonId: 'not-a-reason' }),
      { statusCode: 400, field: 'reasonId' },
    )
    await assert.rejects(
      raiseDisagreement(ctx, lead.caller, childId, { ...thresholdDisagreement, otherAgencyId: SCHOOL }),
      { statusCode: 400, field: 'otherAgencyId' },
    )
  })

  it('shows the scrutineer neither the child nor the words but through a grant of the child’s record', async () => {
    now = FRIDAY_BEFORE_CHRISTMAS
    const lead = await person(SCHOOL, 'safeguarding-manager')
    const scrutineer = await person(COUNCIL, 'independent-scrutineer', null)
    const childId = await child([SCHOOL])
    const raised = await raiseDisagreement(ctx, lead.caller, childId, thresholdDisagreement)
    await recordStage(ctx, lead.caller, raised.id, {
      who: 'Both leads',
      discussed: 'DISCUSSED-WORDS: Jordan’s bruising',
      outcome: 'escalated',
    })

    const unnamed = await readDisagreement(ctx, scrutineer.caller, raised.id)
    assert.equal(unnamed.identifies, false)
    assert.equal(unnamed.child.name, 'a child (not named)')
    assert.doesNotMatch(JSON.stringify(unnamed), /DISAGREEMENT-WORDS|DISCUSSED-WORDS|Disputed/)
    const listed = (await listDisagreements(ctx, scrutineer.caller)).find((d) => d.id === raised.id)
    assert.equal(listed?.childName, 'a child (not named)')
    assert.equal(listed?.stage, 2, 'the stage, parties and dates stay readable')

    const opening = { grantId: 'grant-1', purpose: 'Scrutiny of the escalation' }
    const granted = {
      ...scrutineer.caller,
      actor: { ...scrutineer.caller.actor, scrutinyGrants: new Map([[childId, opening]]) },
    }
    const named = await readDisagreement(ctx, granted, raised.id)
    assert.match(named.child.name, /Jordan Disputed/)
    assert.match(named.disagreement.detail, /DISAGREEMENT-WORDS/)
    assert.match(named.stages[0]?.discussed ?? '', /DISCUSSED-WORDS/)
    const party = await readDisagreement(ctx, lead.caller, raised.id)
    assert.match(party.disagreement.detail, /DISAGREEMENT-WORDS/)
  })

  it('reports by stage reached, agency, reason and time to resolve', async () => {
    const fresh = await startTestApp(DEMO_PARTNERSHIPS.llr)
    try {
      const local = { db: fresh.database.db, partnership, now: () => now }
      const as = async (agencyId: string, role: Role, laId: string | null = 'leicester') => {
        const { email } = await addPerson(fresh.database, agencyId, role, laId)
        const actor = await actorForColleague({ db: fresh.database.db, partnership }, agencyId, email)
        assert.ok(actor)
        return { actor, origin: { ip: '127.0.0.1', requestId: 'report' } } as Caller
      }
      const lead = await as(SCHOOL, 'safeguarding-manager')
      const police = await as(POLICE, 'safeguarding-manager', null)
      const kid = async () => {
        serial += 1
        const row = await fresh.database.db
          .insertInto('child')
          .values({
            la_id: 'leicester',
            la_child_id: `REP-${serial}`,
            given_name: 'Riley',
            family_name: 'Counted',
            date_of_birth: '2013-01-01',
            sex: 'M',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        for (const agency_id of [SCHOOL, POLICE])
          await fresh.database.db
            .insertInto('child_involvement')
            .values({ child_id: row.id, agency_id, kind: 'added-by-la', reason: 'known', user_id: null })
            .execute()
        return row.id
      }
      const resolveAt = async (caller: Caller, id: string, escalations: number) => {
        for (let i = 0; i < escalations; i += 1)
          await recordStage(local, caller, id, { who: 'both', discussed: 'talked', outcome: 'escalated' })
        await recordStage(local, caller, id, { who: 'both', discussed: 'agreed', outcome: 'resolved' })
      }
      // Raised on Monday 2 March 2026; resolved on Monday 2 (0 working days), Wednesday 4 (2) and Monday 9 (5).
      now = new Date('2026-03-02T09:00:00Z')
      const a = await raiseDisagreement(local, lead, await kid(), thresholdDisagreement)
      const b = await raiseDisagreement(local, lead, await kid(), {
        ...thresholdDisagreement,
        reasonId: 'information-sharing',
        about: 'information-not-shared',
        otherAgencyId: POLICE,
      })
      const c = await raiseDisagreement(local, police, await kid(), {
        ...thresholdDisagreement,
        about: 'strategy-outcome',
      })
      await raiseDisagreement(local, lead, await kid(), thresholdDisagreement)
      await resolveAt(lead, a.id, 0)
      now = new Date('2026-03-04T09:00:00Z')
      await resolveAt(lead, b.id, 1)
      now = new Date('2026-03-09T09:00:00Z')
      await resolveAt(police, c.id, 2)

      const unit = await as(COUNCIL, 'partnership-admin', null)
      const { report } = await disagreementReport(local, unit)
      assert.deepEqual([report.raised, report.resolved, report.open], [4, 3, 1])
      assert.deepEqual(
        report.byStage.map((row) => [row.stage, row.raised, row.resolved]),
        [
          [1, 2, 1],
          [2, 1, 1],
          [3, 1, 1],
          [4, 0, 0],
        ],
      )
      assert.deepEqual(
        report.byAgency.map((row) => [row.label, row.raisedBy, row.raisedWith]),
        [
          ["Leicester City Council Children's Social Care", 0, 3],
          ['Leicester schools', 3, 0],
          ['Leicestershire Police', 1, 1],
        ],
      )
      assert.deepEqual(
        report.byReason.map((row) => [row.label, row.raised, row.resolved]),
        [
          ['Information was not shared', 1, 1],
          ['The threshold for a service was not thought to be met', 3, 2],
        ],
      )
      assert.deepEqual(report.workingDaysToResolve, { median: 2, longest: 5 })
      await assert.rejects(disagreementReport(local, lead), { statusCode: 403 })

      // The same report downloaded, as CSV and PDF through the list export, audited as a read with its format.
      const person = await addPerson(fresh.database, COUNCIL, 'partnership-admin', null)
      const browser = await signIn(fresh.app, { ...person, password: DEMO_PASSWORD })
      const csv = await browser.get('/disagreements/report/download?format=csv')
      assert.equal(csv.statusCode, 200)
      assert.match(csv.body, /Stage reached,Stage 2: [^,]+,1,1,,\r\n/)
      assert.match(csv.body, /Time to resolve,Longest,,,,5\r\n/)
      const pdf = await browser.get('/disagreements/report/download?format=pdf')
      assert.equal(pdf.headers['content-type'], 'application/pdf')
      const downloads = await fresh.database.db
        .selectFrom('audit_event')
        .select((eb) => eb.ref('detail', '->>').key('downloaded').as('format'))
        .where('action', '=', 'escalation.report')
        .where('resource_kind', '=', 'la')
        .where(sql<boolean>`detail ? 'downloaded'`)
        .execute()
      assert.deepEqual([...new Set(downloads.map((row) => row.format))].sort(), ['csv', 'pdf'])
      const school = await addPerson(fresh.database, SCHOOL, 'safeguarding-manager', 'leicester')
      const refused = await signIn(fresh.app, { ...school, password: DEMO_PASSWORD })
      assert.equal((await refused.get('/disagreements/report/download?format=csv')).statusCode, 403)

      // A period counts only the disagreements raised in it, on the page and in its downloads; a date
      // that is not real, or an end before the start, is refused naming the field.
      now = new Date('2026-03-10T09:00:00Z')
      await raiseDisagreement(local, lead, await kid(), thresholdDisagreement)
      const later = await disagreementReport(local, unit, { period: { from: '2026-03-10' } })
      assert.deepEqual([later.report.raised, later.report.open], [1, 1])
      const march = await disagreementReport(local, unit, {
        period: { from: '2026-03-01', to: '2026-03-09' },
      })
      assert.deepEqual([march.report.raised, march.report.resolved], [4, 3])
      await assert.rejects(disagreementReport(local, unit, { period: { from: '2026-02-30' } }), {
        statusCode: 400,
        field: 'from',
      })
      await assert.rejects(
        disagreementReport(local, unit, { period: { from: '2026-03-10', to: '2026-03-01' } }),
        { statusCode: 400, field: 'to' },
      )
      const periodCsv = await browser.get('/disagreements/report/download?format=csv&from=2026-03-10')
      assert.match(periodCsv.body, /All,Raised in the areas reported,1,0,,\r\n/)
      const badDownload = await browser.get('/disagreements/report/download?format=csv&to=2026-13-01')
      assert.equal(badDownload.statusCode, 400)
      assert.match(badDownload.body, /Enter a real date for the end of the period \(to\)/)
      const badByScript = await browser.get('/disagreements/report/download?format=csv&to=2026-13-01', {
        accept: 'text/csv',
      })
      assert.deepEqual([badByScript.statusCode, badByScript.json().field], [400, 'to'])
      const shown = await browser.get('/disagreements/report?from-day=10&from-month=3&from-year=2026', {
        accept: 'text/html',
      })
      assert.match(shown.body, /raised from 10 March 2026: 1 raised, 0 resolved, 1 still open/)
      assert.match(shown.body, /download\?format=csv&amp;from=2026-03-10/)
      const typo = await browser.get('/disagreements/report?from-day=30&from-month=2&from-year=2026', {
        accept: 'text/html',
      })
      assert.equal(typo.statusCode, 400)
      assert.match(typo.body, /There is a problem/)
      assert.match(typo.body, /href="#from-day">Enter a real date for the start of the period \(from\)/)
      assert.match(typo.body, /name="from-day" type="text" value="30"/)
    } finally {
      await fresh.close()
    }
  })
})
