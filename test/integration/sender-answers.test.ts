// No existence oracle: whatever a sender sends about a child, masa answers them the same whether the
// child is unknown to masa, known, hidden from them (sealed, or marked for another agency) or on a
// live child protection plan. Same status, same body once ids and times are set aside, and the same
// database work (statements sent, transactions included), so no slower path gives the answer away.

import assert from 'node:assert/strict'
import { after, before, describe, it, mock } from 'node:test'
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import type pg from 'pg'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { SESSION_TOUCH_MS } from '../../src/identity/rules.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import type { Sensitivity } from '../../src/platform/access/policy.ts'
import { apiKeyFor, syntheticNhsNumber } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { insertCpPlan } from '../support/plans.ts'
import { recordStatements } from '../support/statements.ts'

const KINDS = ['unknown', 'known', 'live-plan', 'sealed', 'police-restricted', 'health-restricted'] as const
type Kind = (typeof KINDS)[number]

/** What a sender can observe of one request. */
interface Observed {
  status: number
  body: unknown
  statements: number
}

/**
 * Counts the statements each request sends to the database. The background loops (delivery,
 * escalation) run on setInterval, which these tests hold still, so every statement is the request's.
 */
function statementCounter(pool: pg.Pool) {
  const log = recordStatements(pool)
  return async (
    request: () => Promise<LightMyRequestResponse>,
    normalise: (r: LightMyRequestResponse) => unknown,
  ) => {
    const before = log.sent.length
    const response = await request()
    const statements = log.sent.length - before
    assert.ok(statements > 0, 'the statements of the request are counted')
    return { status: response.statusCode, body: normalise(response), statements, response }
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/** Sets aside what differs between any two requests: ids, reference numbers, times, tokens. */
function normaliseText(text: string, nhsNumber: string, senderEventId = '\u0000'): string {
  return text
    .replace(UUID, '<id>')
    .replace(/FD-\d{6}/g, '<number>')
    .replaceAll(nhsNumber, '<nhs>')
    .replaceAll(senderEventId, '<sender-id>')
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<time>')
    .replace(/\d{1,2}(:\d{2})?(am|pm)/g, '<time>')
    .replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf"')
    .replace(/nonce="[^"]+"/g, 'nonce')
}

const normaliseJson = (nhsNumber: string) => (response: LightMyRequestResponse) =>
  JSON.parse(normaliseText(response.body, nhsNumber))

/**
 * Each kind's referral here repeats the details of the one before, so the answer names the sender's
 * own earlier referral (`possibleDuplicateOf`) from the second kind on: that comes from the sender's
 * own referrals, never from what masa knows of the child (front-door-resubmission.test.ts).
 */
const withoutOwnEarlier =
  (normalise: (response: LightMyRequestResponse) => Record<string, unknown>) =>
  (response: LightMyRequestResponse) => {
    const body = normalise(response)
    delete body.possibleDuplicateOf
    return body
  }

const normaliseHtml = (nhsNumber: string, senderEventId?: string) => (response: LightMyRequestResponse) =>
  normaliseText(response.body, nhsNumber, senderEventId)

const SENSITIVITY: Record<Kind, Sensitivity> = {
  unknown: 'standard',
  known: 'standard',
  'live-plan': 'standard',
  sealed: 'sealed',
  'police-restricted': 'police-restricted',
  'health-restricted': 'health-restricted',
}

/** What the sender says about the child, beside the NHS number: enough to corroborate it, or not. */
const described = fc.record({
  sameName: fc.boolean(),
  withDateOfBirth: fc.boolean(),
  withPostcode: fc.boolean(),
  urgent: fc.boolean(),
})
type Described = typeof described extends fc.Arbitrary<infer T> ? T : never

const RECORDED = { givenName: 'Rowan', familyName: 'Testchild', dateOfBirth: '2016-04-05' }

describe('a sender is answered the same whatever masa knows about the child', () => {
  let t: TestApp
  let users: DemoUser[]
  let referrer: TestBrowser
  let schoolReferrals: string
  let schoolEvents: string
  let observe: ReturnType<typeof statementCounter>
  let serial = 0

  const userOf = (email: string) => users.find((u) => u.email.startsWith(email)) as DemoUser

  before(async () => {
    mock.timers.enable({ apis: ['setInterval'] })
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    referrer = await signIn(t.app, userOf('referrer@'))
    assert.equal(userOf('referrer@').agencyId, 'leicester-schools')
    schoolReferrals = await apiKeyFor(t.database.db, 'leicester-schools', ['contacts:write'])
    schoolEvents = await apiKeyFor(t.database.db, 'leicester-schools', ['events:write'])
    observe = statementCounter(t.database.pool)
  })
  after(async () => {
    await t.close()
    mock.timers.reset()
  })

  /** A fresh NHS number naming a child of this kind (or nobody); the record has RECORDED's details. */
  async function childOf(kind: Kind): Promise<string> {
    serial += 1
    const nhsNumber = syntheticNhsNumber(5000 + serial)
    if (kind === 'unknown') return nhsNumber
    const child = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `ORACLE-${serial}`,
        given_name: RECORDED.givenName,
        family_name: RECORDED.familyName,
        date_of_birth: RECORDED.dateOfBirth,
        sex: 'U',
        nhs_number: nhsNumber,
        sensitivity: SENSITIVITY[kind],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (kind === 'live-plan')
      await insertCpPlan(t.database.db, {
        child_id: child.id,
        la_id: 'leicester',
        category: 'EMO',
        start_date: '2025-01-06',
        end_date: null,
      })
    return nhsNumber
  }

  const warmUpKey = (key: string) => () =>
    t.app.inject({
      url: '/api/v1/front-door/queue?la=leicester',
      headers: { authorization: `Bearer ${key}` },
    })

  const childDetails = (d: Described) => ({
    firstName: d.sameName ? RECORDED.givenName : 'Made',
    lastName: d.sameName ? RECORDED.familyName : 'Up',
    ...(d.withDateOfBirth ? { dateOfBirth: RECORDED.dateOfBirth } : {}),
  })

  function referral(d: Described, nhsNumber: string) {
    return {
      child: {
        ...childDetails(d),
        nhsNumber,
        ...(d.withPostcode ? { postcode: 'LE2 1AA' } : {}),
      },
      ...(d.withPostcode ? {} : { localAuthority: 'leicester' }),
      whatHappened: 'Said at school that nobody was home for three days.',
      worries: 'Thin and tired; no lunch most days.',
      familyKnows: 'Mother knows we are referring.',
      consent: 'given',
      urgency: d.urgent ? 'urgent' : 'standard',
      referralSource: '2A',
      referrer: { name: 'Tess Teacher', role: 'Designated safeguarding lead', email: 'dsl@school.example' },
    }
  }

  /**
   * A sign-in or API key is marked used at most once a minute. Marking them as last used over a
   * minute ago makes the next (unmeasured) call do that marking, so none falls in a measured request.
   */
  async function markAllUsedOverAMinuteAgo() {
    const overAMinuteAgo = new Date(Date.now() - SESSION_TOUCH_MS - 1000)
    await t.database.db.updateTable('api_client').set({ last_used_at: overAMinuteAgo }).execute()
    await t.database.db.updateTable('user_session').set({ last_seen_at: overAMinuteAgo }).execute()
  }

  /** Every check the property makes: each kind's observations equal the unknown child's. */
  async function sameForEveryKind(
    observeKind: (kind: Kind) => Promise<Observed[]>,
    warmUp: () => Promise<unknown> = () => referrer.get('/referrals/new'),
  ) {
    const seen = new Map<Kind, Observed[]>()
    for (const kind of KINDS) {
      await markAllUsedOverAMinuteAgo()
      await warmUp()
      seen.set(kind, await observeKind(kind))
    }
    const unknown = seen.get('unknown')
    for (const kind of KINDS) assert.deepEqual(seen.get(kind), unknown, `${kind} is answered as unknown`)
  }

  it('the referral API: sending, then reading the referral back', async () => {
    await fc.assert(
      fc.asyncProperty(described, async (d) => {
        await sameForEveryKind(async (kind) => {
          const nhsNumber = await childOf(kind)
          const headers = { authorization: `Bearer ${schoolReferrals}` }
          const sent = await observe(
            () =>
              t.app.inject({
                method: 'POST',
                url: '/api/v1/referrals',
                headers: { ...headers, 'idempotency-key': `oracle-${serial}` },
                payload: referral(d, nhsNumber),
              }),
            withoutOwnEarlier(normaliseJson(nhsNumber)),
          )
          assert.equal(sent.status, 201, sent.response.body)
          const read = await observe(
            () => t.app.inject({ url: `/api/v1/referrals/${sent.response.json().id}`, headers }),
            normaliseJson(nhsNumber),
          )
          assert.equal(read.status, 200, read.response.body)
          return [sent, read].map(({ status, body, statements }) => ({ status, body, statements }))
        }, warmUpKey(schoolReferrals))
      }),
      { numRuns: 6 },
    )
  })

  it('the referral form: sending, the sent page and the referral page', async () => {
    await fc.assert(
      fc.asyncProperty(described, async (d) => {
        await sameForEveryKind(async (kind) => {
          const nhsNumber = await childOf(kind)
          const { child, ...rest } = referral(d, nhsNumber)
          const [year, month, day] = (child.dateOfBirth ?? '--').split('-')
          const form = {
            idempotencyKey: `oracle-form-${serial}`,
            childFirstName: child.firstName,
            childLastName: child.lastName,
            'childDateOfBirth-day': day ?? '',
            'childDateOfBirth-month': month ?? '',
            'childDateOfBirth-year': year ?? '',
            childNhsNumber: nhsNumber,
            childPostcode: child.postcode ?? '',
            localAuthority: rest.localAuthority ?? '',
            whatHappened: rest.whatHappened,
            worries: rest.worries,
            familyKnows: rest.familyKnows,
            consent: rest.consent,
            urgency: rest.urgency,
            referralSource: rest.referralSource,
            referrerName: rest.referrer.name,
            referrerRole: rest.referrer.role,
            referrerEmail: rest.referrer.email,
            // Each kind repeats the details of the one before: the sender confirms sending again.
            sendAnyway: 'yes',
          }
          const sent = await observe(
            () => referrer.post('/referrals/new', form),
            (r) => normaliseText(String(r.headers.location), nhsNumber),
          )
          assert.equal(sent.status, 303, sent.response.body.slice(0, 500))
          const location = String(sent.response.headers.location)
          const sentPage = await observe(() => referrer.get(location), normaliseHtml(nhsNumber))
          assert.equal(sentPage.status, 200, `${kind}: ${sentPage.response.body.slice(0, 300)}`)
          const page = await observe(
            () => referrer.get(location.replace(/\/sent$/, '')),
            normaliseHtml(nhsNumber),
          )
          assert.equal(page.status, 200)
          assert.doesNotMatch(page.response.body, /strategy discussion|triage|screening/i)
          return [sent, sentPage, page].map(({ status, body, statements }) => ({ status, body, statements }))
        })
      }),
      { numRuns: 4 },
    )
  })

  const sharedEvent = (d: Described, nhsNumber: string, senderEventId: string) => ({
    senderEventId,
    type: 'new-concern',
    occurredAt: '2026-11-02T09:30:00Z',
    children: [
      {
        nhsNumber,
        givenName: childDetails(d).firstName,
        familyName: childDetails(d).lastName,
        ...(d.withDateOfBirth ? { dateOfBirth: RECORDED.dateOfBirth } : {}),
        ...(d.withPostcode ? { postcode: 'LE2 1AA' } : {}),
      },
    ],
    summary: 'Came to school hungry again; said there is no food at home',
    sensitivity: 'standard',
    lawfulBasis: 'ukgdpr-6-1-e-art9-dpa2018-sch1-para18',
    risk: d.urgent ? 'high' : 'medium',
  })

  it('the shared-events API: posting an event, then listing what was shared', async () => {
    await fc.assert(
      fc.asyncProperty(described, async (d) => {
        await sameForEveryKind(async (kind) => {
          const nhsNumber = await childOf(kind)
          const posted = await observe(
            () =>
              t.app.inject({
                method: 'POST',
                url: '/api/v1/shared-events',
                headers: { authorization: `Bearer ${schoolEvents}` },
                payload: [sharedEvent(d, nhsNumber, `ORACLE-${serial}`)],
              }),
            normaliseJson(nhsNumber),
          )
          assert.equal(posted.status, 207, posted.response.body)
          assert.equal(posted.response.json().accepted, 1, `${kind}: ${posted.response.body}`)
          const listed = await observe(
            () =>
              t.app.inject({
                url: '/api/v1/shared-events?limit=1',
                headers: { authorization: `Bearer ${schoolEvents}` },
              }),
            (r) => JSON.parse(normaliseText(r.body, nhsNumber, `ORACLE-${serial}`)),
          )
          assert.equal(listed.status, 200, listed.response.body)
          assert.equal(listed.response.json().events[0].acknowledgement.state, 'due', listed.response.body)
          return [posted, listed].map(({ status, body, statements }) => ({ status, body, statements }))
        }, warmUpKey(schoolEvents))
      }),
      { numRuns: 6, verbose: 2 },
    )
  })

  it('the shared-event form and the sender’s event page', async () => {
    await fc.assert(
      fc.asyncProperty(described, async (d) => {
        await sameForEveryKind(async (kind) => {
          const nhsNumber = await childOf(kind)
          const senderEventId = `ORACLE-FORM-${serial}`
          const event = sharedEvent(d, nhsNumber, senderEventId)
          const [child] = event.children
          const [year, month, day] = (child?.dateOfBirth ?? '--').split('-')
          const posted = await observe(
            () =>
              referrer.post('/sharing/events', {
                senderEventId,
                type: event.type,
                'occurred-day': '2',
                'occurred-month': '11',
                'occurred-year': '2026',
                occurredTime: '09:30',
                nhsNumber,
                childGivenName: child?.givenName ?? '',
                childFamilyName: child?.familyName ?? '',
                'dob-day': day ?? '',
                'dob-month': month ?? '',
                'dob-year': year ?? '',
                postcode: child?.postcode ?? '',
                summary: event.summary,
                sensitivity: event.sensitivity,
                lawfulBasis: event.lawfulBasis,
                risk: event.risk,
              }),
            (r) => normaliseText(String(r.headers.location), nhsNumber),
          )
          assert.equal(posted.status, 303, `${kind}: ${posted.response.body.slice(0, 500)}`)
          const page = await observe(
            () => referrer.get(String(posted.response.headers.location)),
            normaliseHtml(nhsNumber, senderEventId),
          )
          assert.equal(page.status, 200, `${kind}: ${page.response.body.slice(0, 300)}`)
          return [posted, page].map(({ status, body, statements }) => ({ status, body, statements }))
        })
      }),
      { numRuns: 4 },
    )
  })
})
