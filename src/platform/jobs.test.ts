// On PostgreSQL, where several app servers share one database: a job that must not run twice at once
// runs on one server at a time, and a server that dies mid-run does not keep others from it.

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { onOneServerAtATime } from './jobs.ts'

const onPostgres = Boolean(process.env.DATABASE_URL)

describe('a job on one server at a time', {
  skip: !onPostgres && 'needs PostgreSQL: the embedded engine serves one process',
}, () => {
  let database: TestDatabase
  before(async () => {
    database = await openTestDatabase()
  })
  after(() => database.dispose())

  it('lets one of two servers run it while the other skips its turn, then either may', async () => {
    const running: string[] = []
    let overlapped = false
    const work = (server: string) => async () => {
      if (running.length > 0) overlapped = true
      running.push(server)
      await sleep(150)
      running.pop()
    }
    const ran = await Promise.all([
      onOneServerAtATime(database.db, 'overdue alerts', work('first')),
      onOneServerAtATime(database.db, 'overdue alerts', work('second')),
    ])
    assert.deepEqual(ran.filter(Boolean).length, 1)
    assert.equal(overlapped, false)
    assert.equal(await onOneServerAtATime(database.db, 'overdue alerts', work('third')), true)
    assert.equal(
      (
        await Promise.all([
          onOneServerAtATime(database.db, 'overdue alerts', work('a')),
          onOneServerAtATime(database.db, 'alert emails', work('b')),
        ])
      ).every(Boolean),
      true,
      'different jobs do not wait for each other',
    )
  })

  it('frees the job when the server holding it is killed', async () => {
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db)
    const url = new URL(process.env.DATABASE_URL as string)
    url.pathname = `/${rows[0]?.name}`
    // Another server, as a process of its own that takes the job's lock and hangs.
    const server = spawn(process.execPath, ['--input-type=module', '-e', HOLD_THE_LOCK, url.toString()], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await once(server.stdout, 'data')
    assert.equal(await onOneServerAtATime(database.db, 'alert emails', async () => {}), false)
    server.kill('SIGKILL')
    await once(server, 'exit')
    let freed = false
    for (let tries = 0; !freed && tries < 50; tries++) {
      freed = await onOneServerAtATime(database.db, 'alert emails', async () => {})
      if (!freed) await sleep(100)
    }
    assert.equal(freed, true)
  })
})

const HOLD_THE_LOCK = `
  import pg from 'pg'
  const client = new pg.Client(process.argv[1])
  await client.connect()
  await client.query("SELECT set_config('masa.partnership_id', 'llr', false)")
  await client.query("SELECT pg_advisory_lock(7102, hashtext(current_setting('masa.partnership_id') || 'alert emails'))")
  process.stdout.write('locked')
  setInterval(() => {}, 60000)
`
