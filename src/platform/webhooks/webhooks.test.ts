import assert from 'node:assert/strict'
import { createHmac, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { startWebhookReceiver } from '../../../test/support/webhook-receiver.ts'
import { afterAttempt, MAX_ATTEMPTS, resolveSecretRef, retryDelayMs } from './rules.ts'
import { signatureHeader, verifySignature } from './signature.ts'
import { createSubscription, enqueueWebhook, listDeliveriesForEvent } from './store.ts'
import { WebhookWorker } from './worker.ts'

describe('webhook signatures', () => {
  const at = new Date('2024-06-05T10:00:00Z')

  it('signs t.body with HMAC-SHA256', () => {
    const expected = createHmac('sha256', 'secret').update('1717581600.{"a":1}').digest('hex')
    assert.equal(signatureHeader('secret', '{"a":1}', at), `t=1717581600,v1=${expected}`)
  })

  it('verifies its own signature and refuses a changed body, secret, or an old message', () => {
    const header = signatureHeader('secret', 'body', at)
    assert.equal(verifySignature('secret', header, 'body', at), true)
    assert.equal(verifySignature('secret', header, 'body!', at), false)
    assert.equal(verifySignature('other', header, 'body', at), false)
    assert.equal(verifySignature('secret', header, 'body', new Date(at.getTime() + 301_000)), false)
    assert.equal(verifySignature('secret', undefined, 'body', at), false)
    assert.equal(verifySignature('secret', 't=1,v1=zz', 'body', at), false)
  })

  it('round-trips any body and secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (secret, body) =>
        verifySignature(secret, signatureHeader(secret, body, at), body, at),
      ),
    )
  })
})

describe('webhook retries', () => {
  it('backs off exponentially up to a cap', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000])
    assert.equal(retryDelayMs(30), 6 * 60 * 60_000)
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), (n) => retryDelayMs(n + 1) >= retryDelayMs(n)))
  })

  it('gives up after the last attempt', () => {
    const now = new Date('2024-06-05T10:00:00Z')
    const failure = { ok: false as const, statusCode: 500, error: 'HTTP 500' }
    assert.deepEqual(afterAttempt(failure, 1, now), {
      status: 'pending',
      nextAttemptAt: new Date(now.getTime() + 30_000),
    })
    assert.deepEqual(afterAttempt(failure, MAX_ATTEMPTS, now), { status: 'failed' })
    assert.deepEqual(afterAttempt({ ok: true, statusCode: 204 }, 3, now), { status: 'delivered' })
  })

  it('resolves secrets by reference only', () => {
    assert.equal(resolveSecretRef('env:HOOK_SECRET', { HOOK_SECRET: 's' }), 's')
    assert.throws(() => resolveSecretRef('env:MISSING', {}))
    assert.throws(() => resolveSecretRef('plain-secret', {}))
  })
})

describe('webhook deliveries on the database', () => {
  let database: TestDatabase
  const env = { POLICE_HOOK_SECRET: 'police-secret' }
  before(async () => {
    database = await openTestDatabase()
  })
  after(() => database.dispose())

  async function queue(agencyIds: string[], type = 'strategy.record-circulated') {
    const eventId = randomUUID()
    await database.db.transaction().execute((trx) =>
      enqueueWebhook(trx, {
        eventId,
        type,
        occurredAt: new Date(),
        agencyIds,
        data: { record: { ok: true } },
      }),
    )
    return eventId
  }

  it('gets a signed event to a receiver that fails twice, on the third try, exactly once', async () => {
    const receiver = await startWebhookReceiver({ secret: 'police-secret', failFirst: 2 })
    try {
      await createSubscription(database.db, {
        agencyId: 'leicestershire-police',
        url: receiver.url,
        secretRef: 'env:POLICE_HOOK_SECRET',
        eventTypes: ['strategy.record-circulated'],
      })
      const worker = new WebhookWorker(database.db, { env })
      const eventId = await queue(['leicestershire-police', 'llr-icb'])
      const start = Date.now()
      const at = (ms: number) => () => new Date(start + ms)

      assert.equal(await worker.drain(at(0)), 1)
      assert.equal(await worker.drain(at(10_000)), 0, 'nothing is due during the backoff')
      assert.equal(await worker.drain(at(31_000)), 1)
      assert.equal(await worker.drain(at(31_000 + 61_000)), 1)
      assert.equal(await worker.drain(at(24 * 3600_000)), 0, 'a delivered event is not sent again')

      assert.equal(receiver.requests, 3)
      assert.equal(receiver.badSignatures, 0)
      assert.equal(receiver.received.length, 1)
      assert.equal(receiver.received[0]?.idempotencyKey, eventId)
      assert.equal(receiver.received[0]?.body.data.record instanceof Object, true)

      const [delivery] = await listDeliveriesForEvent(database.db, eventId)
      assert.equal(delivery?.status, 'delivered')
      assert.equal(delivery?.attempts, 3)
      const attempts = await database.db
        .selectFrom('webhook_attempt')
        .select(['attempt', 'status_code'])
        .where('delivery_id', '=', delivery?.id ?? '')
        .orderBy('attempt')
        .execute()
      assert.deepEqual(attempts, [
        { attempt: 1, status_code: 503 },
        { attempt: 2, status_code: 503 },
        { attempt: 3, status_code: 204 },
      ])

      // Sent again (say the process died after sending but before logging): the receiver keeps it once.
      await database.db
        .updateTable('webhook_delivery')
        .set({ status: 'pending' })
        .where('event_id', '=', eventId)
        .execute()
      await worker.drain(at(25 * 3600_000))
      assert.equal(receiver.requests, 4)
      assert.equal(receiver.received.length, 1)
    } finally {
      await receiver.close()
    }
  })

  it('queues only for subscribed agencies and event types', async () => {
    const other = await queue(['leicester-schools'])
    assert.deepEqual(await listDeliveriesForEvent(database.db, other), [])
    const wrongType = await queue(['leicestershire-police'], 'conference.booked')
    assert.deepEqual(await listDeliveriesForEvent(database.db, wrongType), [])
  })

  it('marks a delivery failed after the last attempt when the signature is refused', async () => {
    const receiver = await startWebhookReceiver({ secret: 'a-different-secret' })
    try {
      await createSubscription(database.db, {
        agencyId: 'llr-icb',
        url: receiver.url,
        secretRef: 'env:POLICE_HOOK_SECRET',
        eventTypes: ['conference.decided'],
      })
      const worker = new WebhookWorker(database.db, { env })
      const eventId = await queue(['llr-icb'], 'conference.decided')
      for (let day = 0; day < MAX_ATTEMPTS + 2; day += 1)
        await worker.drain(() => new Date(Date.now() + day * 86_400_000))
      const [delivery] = await listDeliveriesForEvent(database.db, eventId)
      assert.equal(delivery?.status, 'failed')
      assert.equal(delivery?.attempts, MAX_ATTEMPTS)
      assert.equal(delivery?.lastStatusCode, 401)
      assert.equal(receiver.badSignatures, MAX_ATTEMPTS)
    } finally {
      await receiver.close()
    }
  })

  it('lets two workers share the queue without sending anything twice', async () => {
    const receiver = await startWebhookReceiver({ secret: 'police-secret' })
    try {
      await createSubscription(database.db, {
        agencyId: 'leicestershire-police',
        url: receiver.url,
        secretRef: 'env:POLICE_HOOK_SECRET',
        eventTypes: ['strategy.shared'],
      })
      for (let i = 0; i < 12; i += 1) await queue(['leicestershire-police'], 'strategy.shared')
      const a = new WebhookWorker(database.db, { env, batchSize: 3 })
      const b = new WebhookWorker(database.db, { env, batchSize: 3 })
      const [sentA, sentB] = await Promise.all([a.drain(), b.drain()])
      assert.equal(sentA + sentB, 12)
      assert.equal(receiver.requests, 12)
      assert.equal(receiver.received.length, 12)
    } finally {
      await receiver.close()
    }
  })
})
