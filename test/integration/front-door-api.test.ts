import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { apiKeyPrefix, hashToken, newApiKey } from '../../src/identity/secrets.ts'
import { createApiClient, createUser, findUserByEmail } from '../../src/identity/store.ts'
import type { Role } from '../../src/platform/access/actor.ts'
import { listChildEvents } from '../../src/platform/events/event.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import type { TestDatabase } from '../support/database.ts'
import { insertCpPlan } from '../support/plans.ts'

const VALID_NHS = '9434765919'
const OTHER_NHS = '4010232137'
const BURST_NHS = '9434760003'

async function apiKey(database: TestDatabase, agencyId: string, scopes: string[]): Promise<string> {
  const key = newApiKey()
  await createApiClient(database.db, {
    agencyId,
    name: `${agencyId} case system`,
    keyPrefix: apiKeyPrefix(key),
    keyHash: hashToken(key),
    scopes,
  })
  return key
}

async function insertChild(database: TestDatabase, laId: string, nhsNumber: string): Promise<string> {
  const row = await database.db
    .insertInto('child')
    .values({
      la_id: laId,
      la_child_id: randomUUID().slice(0, 8),
      given_name: 'Ava',
      family_name: 'Testchild',
      sex: 'F',
      date_of_birth: '2015-03-02',
      nhs_number: nhsNumber,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

const referralBody = (changes: Record<string, unknown> = {}, child: Record<string, unknown> = {}) => ({
  child: {
    firstName: 'Ava',
    lastName: 'Testchild',
    dateOfBirth: '2015-03-02',
    postcode: 'LE2 1AA',
    ...child,
  },
  whatHappened: 'Ava arrived with a bruise on her cheek and said her stepfather hit her.',
  worries: 'Second injury this term; she is frightened to go home.',
  familyKnows: 'Mother has not been told, to keep Ava safe.',
  consent: 'not-sought',
  lawfulBasisWithoutConsent: 'UK GDPR 6(1)(e), 9(2)(g); DPA 2018 Sch 1 para 18: asking could put Ava at risk',
  urgency: 'standard',
  referralSource: '2A',
  referrer: { name: 'Tess Teacher', role: 'Designated safeguarding lead', email: 'dsl@school.example' },
  ...changes,
})

/** A person of this agency with one role; returns their email. */
async function addStaff(database: TestDatabase, agencyId: string, role: Role, laId: string | null) {
  const email = `${role}.${randomUUID().slice(0, 8)}@${agencyId}.example`
  await createUser(database.db, {
    agencyId,
    email,
    displayName: `${role} at ${agencyId}`,
    passwordHash: null,
    grants: [{ role, laId }],
  })
  return email
}

describe('the referral API (model 2, LLR)', () => {
  let t: TestApp
  let schoolKey: string
  let policeKey: string
  let childId: string
  const post = (body: unknown, key: string | undefined, auth = schoolKey) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${auth}`, ...(key ? { 'idempotency-key': key } : {}) },
      payload: body as Record<string, unknown>,
    })
  const staff = (agencyId: string, role: Role, laId: string | null) =>
    addStaff(t.database, agencyId, role, laId)
  const count = async (table: 'referral' | 'domain_event' | 'mat_contribution') => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
      t.database.db,
    )
    return rows[0]?.n ?? 0
  }

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    schoolKey = await apiKey(t.database, 'leicester-schools', ['contacts:write', 'cases:read'])
    policeKey = await apiKey(t.database, 'leicestershire-police', ['contacts:write', 'cases:read'])
    childId = await insertChild(t.database, 'leicester', VALID_NHS)
  })
  after(() => t.close())

  let referralId: string

  it('takes a referral, matches the child by NHS number and routes it to multi-agency triage', async () => {
    const response = await post(referralBody({}, { nhsNumber: '943 476 5919' }), 'school-001')
    assert.equal(response.statusCode, 201, response.body)
    const body = response.json()
    referralId = body.id
    assert.match(body.number, /^FD-\d{6}$/)
    assert.equal(body.laId, 'leicester')
    assert.equal(body.queue, undefined, 'the sender is not told the queue, which follows the child’s record')
    assert.equal(body.route, undefined)
    assert.equal(body.status, 'sent')
    assert.match(body.decisionDueBy, /^\d{4}-\d{2}-\d{2}$/)
    assert.equal(body.decision, null)
    assert.equal(response.headers.location, `/api/v1/referrals/${body.id}`)
    const row = await t.database.db
      .selectFrom('referral')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow()
    assert.equal(row.child_id, childId)
    assert.equal(row.queue, 'mat')
    assert.equal(row.status, 'in-triage')
    assert.equal(row.referrer_agency_id, 'leicester-schools')
    const involvement = await t.database.db
      .selectFrom('child_involvement')
      .select(['agency_id', 'reason'])
      .where('child_id', '=', childId)
      .execute()
    assert.deepEqual(involvement, [], 'the referrer is involved with the referral, not the child’s record')
    const events = await listChildEvents(t.database.db, childId)
    assert.deepEqual(
      events.map((e) => e.type),
      ['referral.received', 'referral.routed'],
    )
  })

  it('replays a repeated idempotency key with the original referral and creates nothing', async () => {
    const before = [await count('referral'), await count('domain_event')]
    const again = await post(referralBody({}, { nhsNumber: '943 476 5919' }), 'school-001')
    assert.equal(again.statusCode, 200)
    assert.equal(again.json().id, referralId)
    assert.deepEqual([await count('referral'), await count('domain_event')], before)
  })

  it('names the caller’s own referral about the same child sent minutes before, and no one else’s', async () => {
    const zoe = { firstName: 'Zoe', lastName: 'Resentchild', dateOfBirth: '2014-01-09' }
    const first = await post(referralBody({}, zoe), 'school-zoe-1')
    assert.equal(first.json().possibleDuplicateOf, undefined)
    const again = await post(referralBody({}, { ...zoe, firstName: 'ZOE' }), 'school-zoe-2')
    assert.equal(again.statusCode, 201, again.body)
    assert.equal(again.json().possibleDuplicateOf, first.json().id)
    const police = await post(referralBody({ referralSource: '6' }, zoe), 'police-zoe', policeKey)
    assert.equal(police.statusCode, 201, police.body)
    assert.equal(police.json().possibleDuplicateOf, undefined)
  })

  it('refuses the same key with a different body (409) and a missing key (400), naming it', async () => {
    const before = await count('referral')
    const reused = await post(referralBody({ urgency: 'urgent' }, { nhsNumber: VALID_NHS }), 'school-001')
    assert.equal(reused.statusCode, 409)
    assert.equal(reused.json().field, 'Idempotency-Key')
    const missing = await post(referralBody(), undefined)
    assert.equal(missing.statusCode, 400)
    assert.equal(missing.json().field, 'idempotency-key')
    assert.equal(await count('referral'), before)
  })

  it('lets two API clients use the same key independently', async () => {
    const response = await post(referralBody(), 'school-001', policeKey)
    assert.equal(response.statusCode, 201)
    assert.notEqual(response.json().id, referralId)
  })

  for (const [name, body, field] of [
    [
      'an NHS number with a wrong check digit',
      referralBody({}, { nhsNumber: '9434765918' }),
      'child.nhsNumber',
    ],
    ['a UPN with a wrong check letter', referralBody({}, { upn: 'B123456789012' }), 'child.upn'],
    ['a date of birth in the future', referralBody({}, { dateOfBirth: '2999-01-01' }), 'child.dateOfBirth'],
    [
      'a date of birth that is not a date',
      referralBody({}, { dateOfBirth: '2015-02-30' }),
      'child.dateOfBirth',
    ],
    ['a missing required field', { ...referralBody(), whatHappened: undefined }, 'whatHappened'],
    ['a blank required field', referralBody({ worries: '   ' }), 'worries'],
    [
      'a missing child name',
      { ...referralBody(), child: { lastName: 'X', postcode: 'LE2 1AA' } },
      'child.firstName',
    ],
    [
      'no lawful basis without consent',
      referralBody({ lawfulBasisWithoutConsent: undefined }),
      'lawfulBasisWithoutConsent',
    ],
    ['an unknown referral source', referralBody({ referralSource: '11' }), 'referralSource'],
    ['a postcode outside the partnership', referralBody({}, { postcode: 'PL1 1AA' }), 'localAuthority'],
    ['an unknown field', referralBody({ colour: 'blue' }), undefined],
  ] as const) {
    it(`refuses ${name} with a 400 naming the field, and creates nothing`, async () => {
      const before = await count('referral')
      const response = await post(body, `bad-${randomUUID()}`)
      assert.equal(response.statusCode, 400, response.body)
      const error = response.json()
      if (field) assert.equal(error.field, field, error.message)
      assert.equal(typeof error.message, 'string')
      assert.equal(await count('referral'), before)
    })
  }

  it('stores referrals sent at the same moment together, each key once, each with its own events', async () => {
    const burstChildId = await insertChild(t.database, 'leicester', BURST_NHS)
    const [referralsBefore, eventsBefore] = [await count('referral'), await count('domain_event')]
    const sameChild = referralBody({}, { nhsNumber: BURST_NHS })
    const requests = [
      ...Array.from({ length: 24 }, (_, n) => post(n % 2 ? sameChild : referralBody(), `burst-${n}`)),
      post(referralBody(), 'burst-0'),
      post(referralBody({ urgency: 'urgent' }), 'burst-2'),
      post(referralBody({ worries: 'Another worry entirely.' }), 'burst-4'),
    ]
    const responses = await Promise.all(requests)
    const codes = responses.map((response) => response.statusCode)
    // Which of two requests with one key is stored first is a race: one of each pair wins.
    const pair = (n: number, again: number) => [codes[n], codes[again]].sort()
    assert.deepEqual(pair(0, 24), [200, 201], 'the same body again is a replay')
    assert.equal(responses[24]?.json().id, responses[0]?.json().id)
    assert.deepEqual(pair(2, 25), [201, 409], 'another body with a used key is refused')
    assert.deepEqual(pair(4, 26), [201, 409])
    const once = codes.filter((_, n) => n < 24 && ![0, 2, 4].includes(n))
    assert.deepEqual(once, Array(21).fill(201), responses[1]?.body)
    const ids = new Set(responses.filter((r) => r.statusCode === 201).map((response) => response.json().id))
    assert.equal(ids.size, 24)
    assert.equal((await count('referral')) - referralsBefore, 24)
    assert.equal((await count('domain_event')) - eventsBefore, 48)
    const matched = await t.database.db
      .selectFrom('referral')
      .select(['child_id'])
      .where('idempotency_key', 'like', 'burst-%')
      .where('child_id', '=', burstChildId)
      .execute()
    assert.equal(matched.length, 12, 'every referral naming the NHS number is matched to the child')
    const { rows } = await sql<{ transactions: number }>`
      SELECT count(DISTINCT xmin::text)::int AS transactions FROM referral WHERE idempotency_key LIKE 'burst-%'`.execute(
      t.database.db,
    )
    // The embedded engine has one connection and answers each request before the next reaches the
    // batcher, so only PostgreSQL shows the sharing; both show that nothing was stored twice.
    if (t.database.engine === 'postgres')
      assert.ok((rows[0]?.transactions ?? 24) < 24, 'some referrals shared a transaction')
  })

  it('refuses an oversized payload with 413', async () => {
    const before = await count('referral')
    const response = await post(referralBody({ whatHappened: 'x'.repeat(300_000) }), 'huge')
    assert.equal(response.statusCode, 413)
    assert.match(response.json().message, /too large/i)
    assert.equal(await count('referral'), before)
  })

  it('refuses a system without the contacts:write scope, and any call without a key', async () => {
    const readOnly = await apiKey(t.database, 'leicester-schools', ['cases:read'])
    assert.equal((await post(referralBody(), 'k1', readOnly)).statusCode, 403)
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      payload: referralBody(),
    })
    assert.equal(anonymous.statusCode, 401)
  })

  it('sends a new concern about a child on a live child protection plan straight to a strategy discussion', async () => {
    const planned = await insertChild(t.database, 'leicester', OTHER_NHS)
    await insertCpPlan(t.database.db, {
      child_id: planned,
      la_id: 'leicester',
      category: 'NEG',
      start_date: '2024-01-10',
      end_date: null,
    })
    const response = await post(
      referralBody({ urgency: 'urgent' }, { nhsNumber: OTHER_NHS }),
      'school-live-plan',
    )
    assert.equal(response.statusCode, 201)
    const row = await t.database.db
      .selectFrom('referral')
      .select(['child_id', 'queue', 'status'])
      .where('id', '=', response.json().id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(row, {
      child_id: planned,
      queue: 'strategy-discussion',
      status: 'awaiting-strategy-discussion',
    })
    assert.equal(response.json().status, 'sent', 'the sender is not told the child is on a plan')
  })

  it('keeps triage and decisions from systems without those permissions', async () => {
    const headers = { authorization: `Bearer ${policeKey}` }
    const contribution = await t.app.inject({
      method: 'POST',
      url: `/api/v1/referrals/${referralId}/mat-contributions`,
      headers,
      payload: {
        recordsHold: 'Two domestic incidents',
        household: 'Stepfather known',
        lawfulBasis: 'Sch 8 para 4',
      },
    })
    // 404 rather than 403 where the policy will not even confirm the child exists.
    assert.ok([403, 404].includes(contribution.statusCode), contribution.body)
    const queue = await t.app.inject({ url: '/api/v1/front-door/queue?la=leicester', headers })
    assert.equal(queue.statusCode, 403)
    assert.equal(await count('mat_contribution'), 0)
  })

  it('triages with all four agencies’ systems, decides for a named person, and lets the referrer read the outcome', async () => {
    const triageKeys = {
      'local-authority': await apiKey(t.database, 'leicester-city-council', [
        'triage:write',
        'decisions:write',
      ]),
      police: await apiKey(t.database, 'leicestershire-police', ['triage:write']),
      health: await apiKey(t.database, 'llr-community-health', ['triage:write']),
      education: await apiKey(t.database, 'leicester-schools', ['triage:write']),
    }
    const call = (key: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${key}` },
        ...(payload ? { payload } : {}),
      })
    const queue = await call(triageKeys.police, 'GET', '/api/v1/front-door/queue?la=leicester&queue=mat')
    assert.equal(queue.statusCode, 200, queue.body)
    assert.ok(queue.json().entries.some((entry: { id: string }) => entry.id === referralId))
    // An agency outside triage is told so, unless the referral's child is one it may not know of.
    const probation = await apiKey(t.database, 'llr-probation', ['triage:write'])
    const probationQueue = await call(probation, 'GET', '/api/v1/front-door/queue?la=leicester&queue=mat')
    assert.deepEqual(
      [probationQueue.statusCode, probationQueue.json().message],
      [403, 'Your agency does not take part in triage'],
    )
    const outsideTriage = await call(probation, 'POST', `/api/v1/referrals/${referralId}/mat-contributions`, {
      recordsHold: 'Known to probation',
      household: 'Stepfather on licence',
      lawfulBasis: 'UK GDPR 6(1)(e)',
    })
    assert.equal(outsideTriage.statusCode, 404, 'matched to a child probation may not know of')
    for (const [kind, key] of Object.entries(triageKeys)) {
      const added = await call(key, 'POST', `/api/v1/referrals/${referralId}/mat-contributions`, {
        recordsHold: `${kind} records: known to us`,
        household: 'Stepfather moved in this year',
        lawfulBasis: 'UK GDPR 6(1)(e), 9(2)(g); DPA 2018 Sch 1 para 18',
      })
      assert.equal(added.statusCode, 201, added.body)
    }
    const again = await call(triageKeys.police, 'POST', `/api/v1/referrals/${referralId}/mat-contributions`, {
      recordsHold: 'again',
      household: 'again',
      lawfulBasis: 'again',
    })
    assert.equal(again.statusCode, 409)
    const contributed = (await call(triageKeys.police, 'GET', `/api/v1/referrals/${referralId}`)).json()
    assert.deepEqual(contributed.matContributions.map((c: { agencyKind: string }) => c.agencyKind).sort(), [
      'education',
      'health',
      'local-authority',
      'police',
    ])

    const decision = {
      outcome: 'strategy-discussion-s47',
      levelOfNeed: 4,
      reasons: 'Disclosure of assault by a household member, with police history.',
      feedbackToReferrer:
        'A strategy discussion is being held today. Please keep notes of anything Ava says.',
    }
    const decisionUrl = `/api/v1/referrals/${referralId}/decision`
    const laKey = triageKeys['local-authority']
    const unnamed = await call(laKey, 'POST', decisionUrl, decision)
    assert.equal(unnamed.statusCode, 400)
    assert.equal(unnamed.json().field, 'decidedBy')
    const stranger = await call(laKey, 'POST', decisionUrl, { ...decision, decidedBy: 'nobody@example.org' })
    assert.equal(stranger.statusCode, 400)
    assert.equal(stranger.json().field, 'decidedBy')
    const referrer = await staff('leicester-city-council', 'referrer', 'leicester')
    const notEntitled = await call(laKey, 'POST', decisionUrl, { ...decision, decidedBy: referrer })
    // 404 rather than 403 where the policy will not even confirm the child exists to this person.
    assert.ok([403, 404].includes(notEntitled.statusCode), 'the person named must be entitled to decide')
    const screener = await staff('leicester-city-council', 'front-door-screener', 'leicester')
    const decided = await call(laKey, 'POST', decisionUrl, { ...decision, decidedBy: screener })
    assert.equal(decided.statusCode, 201, decided.body)
    assert.equal(decided.json().withinTimescale, true)
    assert.equal(decided.json().workingDaysTaken, 0)
    const row = await t.database.db
      .selectFrom('threshold_decision')
      .select(['decided_by', 'decided_by_agency_id'])
      .where('referral_id', '=', referralId)
      .executeTakeFirstOrThrow()
    const person = await findUserByEmail(t.database.db, screener)
    assert.deepEqual(row, { decided_by: person?.id, decided_by_agency_id: 'leicester-city-council' })

    const read = await t.app.inject({
      url: `/api/v1/referrals/${referralId}`,
      headers: { authorization: `Bearer ${schoolKey}` },
    })
    assert.equal(read.statusCode, 200, read.body)
    const body = read.json()
    assert.equal(body.status, 'decided')
    assert.equal(body.decision.outcome, 'strategy-discussion-s47')
    assert.match(body.decision.feedbackToReferrer, /strategy discussion/)
    assert.equal(body.decision.reasons, undefined, 'the referrer is not shown the front door’s reasons')
    assert.equal(body.matContributions, undefined, 'nor what each agency holds')

    const events = (await listChildEvents(t.database.db, childId)).map((e) => e.type)
    assert.deepEqual(events, [
      'referral.received',
      'referral.routed',
      'mat.contributed',
      'mat.contributed',
      'mat.contributed',
      'mat.contributed',
      'threshold.decided',
      'referrer.informed',
    ])
    const email = await t.database.db.selectFrom('notification_outbox').selectAll().executeTakeFirstOrThrow()
    assert.equal(email.recipient, 'dsl@school.example')
    assert.equal(email.template_id, 'referral-outcome')
    assert.ok(email.sent_at, 'the log adapter sent it after commit')
    assert.equal(email.personalisation.child_initials, 'AT')
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('outcome', '=', 'allowed')
      .distinct()
      .execute()
    const actions = audited.map((entry) => entry.action)
    for (const action of ['referral.create', 'mat.contribute', 'referral.decide', 'referral.view'])
      assert.ok(actions.includes(action), `${action} is audited`)

    const twice = await call(laKey, 'POST', decisionUrl, { ...decision, decidedBy: screener })
    assert.equal(twice.statusCode, 409)
  })

  it('closes the referral to an agency that took part in its triage once the triage is decided', async () => {
    const read = await t.app.inject({
      url: `/api/v1/referrals/${referralId}`,
      headers: { authorization: `Bearer ${policeKey}` },
    })
    assert.ok([403, 404].includes(read.statusCode), read.body)
    const record = await t.app.inject({
      url: `/api/v1/children/${childId}`,
      headers: { authorization: `Bearer ${policeKey}` },
    })
    assert.ok([403, 404].includes(record.statusCode), 'nor the child’s record')
  })

  it('documents every front-door endpoint in the OpenAPI document', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json()
    for (const path of [
      '/api/v1/referrals',
      '/api/v1/referrals/{id}',
      '/api/v1/referrals/{id}/mat-contributions',
      '/api/v1/referrals/{id}/decision',
      '/api/v1/front-door/queue',
    ])
      assert.ok(document.paths[path], path)
  })
})

describe('the referral API (model 1a, Plymouth and Torbay)', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.plymouthTorbay)
  })
  after(() => t.close())

  it('sends every referral to the child’s LA for screening, routed by postcode', async () => {
    const key = await apiKey(t.database, 'torbay-schools', ['contacts:write'])
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'torbay-1' },
      payload: referralBody({ urgency: 'urgent' }, { postcode: 'TQ2 5AB' }),
    })
    assert.equal(response.statusCode, 201, response.body)
    assert.equal(response.json().laId, 'torbay')
    const row = await t.database.db
      .selectFrom('referral')
      .select(['queue', 'status'])
      .where('id', '=', response.json().id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(row, { queue: 'la-screening', status: 'awaiting-screening' })
  })
})
