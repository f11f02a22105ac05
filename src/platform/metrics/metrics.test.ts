import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../../test/support/app.ts'
import { loadDemoData } from '../../demo/load-demo.ts'
import { sendDemoReferrals } from '../../demo/referrals.ts'
import { loadPartnershipConfig } from '../../partnership/config.ts'

const TOKEN = 'a-metrics-token-long-enough-to-be-guessed-never'
const PUBLIC_ADDRESS = '203.0.113.9'
const SCRAPER_ADDRESS = '198.51.100.7'

/** The value of one sample line, e.g. sample(text, 'masa_email_outbox{state="waiting"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((each) => each.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

const sumOf = (text: string, name: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)

describe('Prometheus metrics at /metrics', () => {
  let t: TestApp
  const scrape = async () => (await t.app.inject('/metrics')).body
  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr, {
      metrics: { metricsAllowFrom: [`${SCRAPER_ADDRESS}/32`], metricsToken: TOKEN },
    })
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    await loadDemoData(t.database, partnership, { children: 20, seed: 7 })
    assert.ok((await sendDemoReferrals(t.app, t.database, partnership, 3)) > 0)
  })
  after(() => t.close())

  it('refuses the public, and a request a proxy masa does not trust forwarded', async () => {
    const publicRequest = await t.app.inject({ url: '/metrics', remoteAddress: PUBLIC_ADDRESS })
    assert.equal(publicRequest.statusCode, 403)
    assert.doesNotMatch(publicRequest.body, /masa_/)
    const wrongToken = await t.app.inject({
      url: '/metrics',
      remoteAddress: PUBLIC_ADDRESS,
      headers: { authorization: `Bearer ${TOKEN}x` },
    })
    assert.equal(wrongToken.statusCode, 403)
    const forwarded = await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': PUBLIC_ADDRESS } })
    assert.equal(forwarded.statusCode, 403, 'loopback here is an untrusted proxy, not the client')
  })

  it('answers loopback, a configured address, and anyone with the token', async () => {
    for (const request of [
      { remoteAddress: '127.0.0.1' },
      { remoteAddress: '::ffff:127.0.0.1' },
      { remoteAddress: SCRAPER_ADDRESS },
      { remoteAddress: PUBLIC_ADDRESS, headers: { authorization: `Bearer ${TOKEN}` } },
    ]) {
      const response = await t.app.inject({ url: '/metrics', ...request })
      assert.equal(response.statusCode, 200, JSON.stringify(request))
      assert.match(response.headers['content-type'] as string, /^text\/plain/)
    }
  })

  it('times requests by route pattern, never by the address with its ids', async () => {
    const id = randomUUID()
    await t.app.inject({ url: `/children/${id}`, headers: { accept: 'text/html' } })
    await t.app.inject({ url: `/no-such-page/${id}`, headers: { accept: 'text/html' } })
    const text = await scrape()
    assert.match(
      text,
      /masa_http_request_duration_seconds_count\{method="GET",route="\/children\/:id",status_code="\d+"\} 1/,
    )
    assert.match(
      text,
      /masa_http_request_duration_seconds_count\{method="GET",route="no route",status_code="404"\} 1/,
    )
    assert.ok(!text.includes(id), 'no id in any label')
  })

  it('counts the front-door queues, overdue actions and the email and webhook backlogs as the tables hold them', async () => {
    const db = t.database.db
    const child = await db.selectFrom('child').select('id').limit(1).executeTakeFirstOrThrow()
    await db
      .insertInto('action')
      .values({
        source_kind: 'strategy-discussion',
        source_id: randomUUID(),
        child_id: child.id,
        position: 1,
        description: 'Visit the family',
        owner_agency_id: 'leicestershire-police',
        due_by: '2020-01-06',
      })
      .execute()
    const { rows } = await sql<{ waiting: number; unsent: number }>`
      SELECT (SELECT count(*)::int FROM referral WHERE status <> 'decided') AS waiting,
             (SELECT count(*)::int FROM notification_outbox WHERE sent_at IS NULL) AS unsent`.execute(db)
    const text = await scrape()
    assert.ok((rows[0]?.waiting ?? 0) > 0)
    assert.equal(sumOf(text, 'masa_front_door_referrals_waiting'), rows[0]?.waiting)
    assert.match(text, /masa_front_door_referrals_waiting\{la="[\w-]+",queue="[\w-]+"\} \d+/)
    assert.equal(sample(text, 'masa_actions_overdue{agency="leicestershire-police"}'), 1)
    assert.equal(sumOf(text, 'masa_email_outbox'), rows[0]?.unsent)
    assert.equal(sample(text, 'masa_webhook_deliveries{state="failed"}'), 0)
    assert.match(text, /masa_process_cpu_seconds_total/)
    const pool = sample(text, 'masa_db_pool_connections{state="total"}')
    assert.equal(pool === undefined, t.database.engine === 'pglite', 'the pool is counted on PostgreSQL only')
  })
})
