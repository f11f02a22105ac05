import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify from 'fastify'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { waitBeforeRetryMs } from '../retries.ts'
import {
  deliverPendingEmails,
  EMAIL_RETRIES,
  type EmailMessage,
  queueEmail,
  withServiceLinks,
} from './email.ts'
import { emailDeliveryPlugin } from './plugin.ts'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const { maxAttempts } = EMAIL_RETRIES

/** A provider that is down for its first `failures` calls, then sends (with an optional delay). */
function flakySender(failures: number, delayMs = 0) {
  const sent: EmailMessage[] = []
  let calls = 0
  return {
    sent,
    calls: () => calls,
    async send(message: EmailMessage) {
      calls += 1
      const call = calls
      await sleep(delayMs)
      if (call <= failures) throw new Error(`provider unavailable (${call})`)
      sent.push(message)
    },
  }
}

function recordingLog() {
  const errors: { details: object; message: string }[] = []
  return { errors, error: (details: object, message: string) => errors.push({ details, message }) }
}

const outcome = (reference: string): EmailMessage => ({
  to: 'referrer@school.example',
  templateId: 'referral-outcome',
  personalisation: { outcome: 'early help' },
  reference,
})

describe('links in emails', () => {
  it('become absolute under the public URL as the email is sent; other fields are left alone', async () => {
    const sent: EmailMessage[] = []
    const sender = withServiceLinks(
      { send: async (message) => void sent.push(message) },
      'https://masa.example',
    )
    await sender.send({
      to: 'dsl@school.example',
      templateId: 'referral-outcome',
      reference: 'FD-000001',
      personalisation: {
        link: '/referrals/1',
        record_link: '/strategy-discussions/2/record',
        help_link: 'https://www.gov.uk/report-child-abuse',
        note: '/not a link',
        child_initials: 'AT',
      },
    })
    assert.deepEqual(sent[0]?.personalisation, {
      link: 'https://masa.example/referrals/1',
      record_link: 'https://masa.example/strategy-discussions/2/record',
      help_link: 'https://www.gov.uk/report-child-abuse',
      note: '/not a link',
      child_initials: 'AT',
    })
  })
})

describe('email retry rule', () => {
  it('waits 1 min, 5 min, 25 min, about 2 h and 10 h, then 12 h, and gives up after about three days', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((attempts) => waitBeforeRetryMs(EMAIL_RETRIES, attempts) / MINUTE)
    assert.deepEqual(waits, [1, 5, 25, 125, 625, 720, 720])
    let span = 0
    for (let attempts = 1; attempts < maxAttempts; attempts += 1)
      span += waitBeforeRetryMs(EMAIL_RETRIES, attempts)
    assert.ok(span > 2.75 * DAY && span < 3.25 * DAY, `last try ${span / DAY} days after the first`)
  })
})

describe('email delivery', () => {
  let t: TestDatabase
  before(async () => {
    t = await openTestDatabase()
  })
  after(async () => t.dispose())
  beforeEach(async () => {
    await t.db.deleteFrom('notification_outbox').execute()
  })

  const queue = (message: EmailMessage) => t.db.transaction().execute((trx) => queueEmail(trx, message))
  const row = (reference: string) =>
    t.db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()

  it('retries a failed email only once its wait is over, and sends it exactly once', async () => {
    await queue(outcome('REF-1'))
    const sender = flakySender(2)
    const log = recordingLog()
    const start = Date.now()
    const deliver = (afterMs: number) =>
      deliverPendingEmails(t.db, sender, { now: new Date(start + afterMs), log })

    assert.equal(await deliver(0), 0)
    assert.equal((await row('REF-1')).last_error, 'Error: provider unavailable (1)')
    assert.equal(await deliver(MINUTE - 1_000), 0)
    assert.equal(sender.calls(), 1, 'not retried during the first minute')

    assert.equal(await deliver(MINUTE + 1_000), 0)
    assert.equal(await deliver(5 * MINUTE), 0)
    assert.equal(sender.calls(), 2, 'not retried during the next five minutes')

    assert.equal(await deliver(6 * MINUTE + 1_000), 1)
    assert.equal(await deliver(30 * DAY), 0)
    assert.equal(sender.calls(), 3)
    assert.deepEqual(sender.sent, [outcome('REF-1')])
    const sent = await row('REF-1')
    assert.equal(sent.attempts, 3)
    assert.ok(sent.sent_at)
    assert.deepEqual(log.errors, [])
  })

  it(`gives up after ${maxAttempts} tries, keeping the last error and logging the reference`, async () => {
    await queue(outcome('REF-2'))
    const sender = flakySender(Number.POSITIVE_INFINITY)
    const log = recordingLog()
    const start = Date.now()
    for (let day = 0; day < maxAttempts + 3; day += 1) {
      await deliverPendingEmails(t.db, sender, { now: new Date(start + day * DAY), log })
      if (day < maxAttempts - 1) assert.deepEqual(log.errors, [], 'nothing is logged while tries remain')
    }
    assert.equal(sender.calls(), maxAttempts)
    const given = await row('REF-2')
    assert.equal(given.attempts, maxAttempts)
    assert.equal(given.sent_at, null)
    assert.equal(given.last_error, `Error: provider unavailable (${maxAttempts})`)
    assert.equal(log.errors.length, 1)
    assert.deepEqual(log.errors[0]?.details, {
      reference: 'REF-2',
      templateId: 'referral-outcome',
      attempts: maxAttempts,
      error: `Error: provider unavailable (${maxAttempts})`,
    })
  })

  it('keeps an email’s files in its outbox row and hands them to the sender with it', async () => {
    const invitation = {
      fileName: 'SI-000001.ics',
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
      content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    }
    await queue({ ...outcome('REF-FILE'), attachments: [invitation] })
    await queue(outcome('REF-NONE'))
    assert.deepEqual((await row('REF-FILE')).attachments, [invitation])
    assert.equal((await row('REF-NONE')).attachments, null)
    const sender = flakySender(0)
    await deliverPendingEmails(t.db, withServiceLinks(sender, 'https://masa.example'))
    const sent = new Map(sender.sent.map((message) => [message.reference, message]))
    assert.deepEqual(sent.get('REF-FILE')?.attachments, [invitation])
    assert.equal(sent.get('REF-NONE')?.attachments, undefined)
  })

  it('sends each email once when two servers deliver at the same time', async () => {
    const references = ['A', 'B', 'C', 'D', 'E', 'F', 'G']
    for (const reference of references) await queue(outcome(reference))
    const sender = flakySender(0, 20)
    const [a, b] = await Promise.all([
      deliverPendingEmails(t.db, sender, { batchSize: 2 }),
      deliverPendingEmails(t.db, sender, { batchSize: 2 }),
    ])
    assert.equal(a + b, references.length)
    assert.deepEqual(sender.sent.map((message) => message.reference).sort(), references)
  })

  it('the delivery loop sends a queued email with no other step taken', async () => {
    const sender = flakySender(0)
    const app = Fastify({ logger: false })
    await app.register(emailDeliveryPlugin, { database: t, emailSender: sender, everyMs: 20 })
    await app.ready()
    try {
      await queue(outcome('REF-LOOP'))
      for (let waited = 0; sender.sent.length === 0 && waited < 5_000; waited += 20) await sleep(20)
      assert.deepEqual(sender.sent, [outcome('REF-LOOP')])
      assert.ok((await row('REF-LOOP')).sent_at)
    } finally {
      await app.close()
    }
  })
})
