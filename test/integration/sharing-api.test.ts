import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { SharedEventInput } from '../../src/sharing/schemas.ts'
import { apiKeyFor, policeEvent, type SeededChild, seedChildren } from '../../src/sharing/testing.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

const POLICE = 'leicestershire-police'
const NOW = new Date('2026-11-06T12:00:00Z')

async function count(
  t: TestApp,
  table: 'shared_event' | 'sharing_notification' | 'domain_event',
): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
    t.database.db,
  )
  return row.rows[0]?.n ?? -1
}

/** Ten items, each wrong in its own way, and the field each must be answered with. */
const BAD: [number, (item: SharedEventInput) => unknown, string][] = [
  [7, (item) => ({ ...item, risk: 'severe' }), 'risk'],
  [99, (item) => ({ ...item, children: [{ nhsNumber: '9434765918' }] }), 'children[0].nhsNumber'],
  [150, ({ summary: _, ...item }) => item, 'summary'],
  [222, (item) => ({ ...item, type: 'bail' }), 'bailConditions'],
  [301, (item) => ({ ...item, restrictedDetails: undefined }), 'restrictedDetails'],
  [404, (item) => ({ ...item, occurredAt: '2027-01-01T00:00:00Z' }), 'occurredAt'],
  [512, (item) => ({ ...item, lawfulBasis: 'because' }), 'lawfulBasis'],
  [
    640,
    (item) => ({ ...item, children: [{ childId: '11111111-1111-4111-8111-111111111111' }] }),
    'children[0].childId',
  ],
  [777, () => 'not an object', ''],
  [999, (item) => ({ ...item, type: 'court-order' }), 'order'],
]

describe('the shared events batch API', () => {
  let t: TestApp
  let key: string
  let children: SeededChild[]
  const post = (body: unknown, apiKey = key) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/shared-events',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: body as object,
    })

  before(async () => {
    t = await startTestApp()
    t.app.sharing.now = () => NOW
    children = await seedChildren(t.database.db, 100, {
      laId: 'leicester',
      involvedAgencyIds: ['leicester-schools', 'llr-community-health'],
    })
    key = await apiKeyFor(t.database.db, POLICE, ['events:write', 'events:read'])
  })
  after(() => t.close())

  const batch = (): unknown[] => {
    const items: unknown[] = Array.from({ length: 1000 }, (_, i) =>
      policeEvent(`LP-${i}`, children[i % children.length]?.nhsNumber ?? ''),
    )
    for (const [index, spoil] of BAD) items[index] = spoil(items[index] as SharedEventInput)
    return items
  }

  it('accepts 1,000 police events item by item and answers the 10 bad ones with their errors', async () => {
    const response = await post(batch())
    assert.equal(response.statusCode, 207, response.body)
    const body = response.json()
    assert.equal(body.accepted, 990)
    assert.equal(body.rejected, 10)
    assert.equal(body.results.length, 1000)
    for (const [index, , field] of BAD) {
      const result = body.results[index]
      assert.equal(result.status, 'rejected', `item ${index}`)
      assert.ok(
        result.errors.some((e: { field: string }) => e.field === field),
        `item ${index}: ${JSON.stringify(result.errors)}`,
      )
      for (const error of result.errors) assert.equal(typeof error.message, 'string')
    }
    assert.equal(await count(t, 'shared_event'), 990)
    // Each event reaches the child's LA, the school and health: three notifications, none to the sender.
    assert.equal(await count(t, 'sharing_notification'), 990 * 3)
  })

  it('creates nothing new when the same batch is sent again', async () => {
    const events = await count(t, 'shared_event')
    const notifications = await count(t, 'sharing_notification')
    const domainEvents = await count(t, 'domain_event')
    const body = (await post(batch())).json()
    assert.equal(body.duplicate, 990)
    assert.equal(body.rejected, 10)
    assert.equal(body.accepted, 0)
    assert.equal(body.results[0].status, 'duplicate')
    assert.match(body.results[0].id, /^[0-9a-f-]{36}$/)
    assert.equal(await count(t, 'shared_event'), events)
    assert.equal(await count(t, 'sharing_notification'), notifications)
    assert.equal(await count(t, 'domain_event'), domainEvents)
  })

  it('refuses a sender id reused for a different event, and repeats within one batch once', async () => {
    const nhs = children[0]?.nhsNumber ?? ''
    const body = (
      await post([
        policeEvent('LP-0', nhs, { summary: 'Something else entirely' }),
        policeEvent('NEW-1', nhs),
        policeEvent('NEW-1', nhs),
      ])
    ).json()
    assert.equal(body.results[0].status, 'rejected')
    assert.equal(body.results[0].errors[0].field, 'senderEventId')
    assert.equal(body.results[1].status, 'accepted')
    assert.deepEqual(body.results[2], { index: 2, status: 'duplicate', id: body.results[1].id })
  })

  it('answers a body that is not a batch with a clear 400, and no key with 401', async () => {
    const notArray = await post({ senderEventId: 'x' })
    assert.equal(notArray.statusCode, 400)
    assert.match(notArray.json().message, /JSON array/)
    const tooMany = await post(Array.from({ length: 1001 }, () => ({})))
    assert.equal(tooMany.statusCode, 400)
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/shared-events', payload: [] })
    assert.equal(anonymous.statusCode, 401)
  })

  it('refuses a client without the events:write scope', async () => {
    const readOnly = await apiKeyFor(t.database.db, POLICE, ['events:read'])
    const response = await post([policeEvent('RO-1', children[0]?.nhsNumber ?? '')], readOnly)
    assert.equal(response.statusCode, 403)
  })

  it('is described in the OpenAPI document', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json()
    assert.ok(document.paths['/api/v1/shared-events'].post)
  })
})
