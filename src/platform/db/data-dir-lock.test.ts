import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { DataDirInUseError, LOCK_FILE, lockDataDir } from './data-dir-lock.ts'
import { openDatabase } from './database.ts'

const folders: string[] = []
const freshFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'masa-lock-'))
  folders.push(folder)
  return folder
}
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

const MAIN = new URL('../../main.ts', import.meta.url).pathname

/** `masa migrate` as a second process on the folder, as an operator would start it. */
function migrateInAnotherProcess(dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'migrate'], {
    env: { ...process.env, MASA_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

/** The pid of a process that has finished: nobody holds a lock with it any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''])
  await new Promise((resolve) => child.once('exit', resolve))
  return child.pid as number
}

test('a second process on an open data folder refuses to start, naming the folder and the process', async () => {
  const dataDir = freshFolder()
  const database = await openDatabase({ dataDir })
  try {
    await database.pool.query('CREATE TABLE referral_number (n int PRIMARY KEY)')
    await database.pool.query('INSERT INTO referral_number VALUES (1)')
    const second = migrateInAnotherProcess(dataDir)
    assert.equal(second.status, 1)
    assert.match(second.stderr, new RegExp(`data folder ${dataDir} is in use by process ${process.pid}`))
    assert.doesNotMatch(second.stderr, /at .*\.ts:\d+/, 'a message, not a stack trace')
    const { rows } = await database.pool.query('SELECT n FROM referral_number')
    assert.deepEqual(rows, [{ n: 1 }], 'the first process carries on with its data')
  } finally {
    await database.close()
  }
  assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, 'closing releases the lock')
  const after = migrateInAnotherProcess(dataDir)
  assert.equal(after.status, 0, after.stderr)
})

test('a lock left by a process that died is taken over, with a log line', async () => {
  const dataDir = freshFolder()
  const pid = await deadPid()
  writeFileSync(
    join(dataDir, LOCK_FILE),
    JSON.stringify({ pid, host: hostname(), startedAt: '2026-12-01T09:00:00.000Z' }),
  )
  const logged: string[] = []
  const release = await lockDataDir(dataDir, (line) => logged.push(line))
  assert.equal(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid, process.pid)
  assert.match(logged.join('\n'), new RegExp(`stale lock on ${dataDir} left by process ${pid}`))
  await release()
  assert.equal(existsSync(join(dataDir, LOCK_FILE)), false)
})

test('a lock naming this process that it does not hold (a restarted container reuses pids) is stale', async () => {
  const dataDir = freshFolder()
  writeFileSync(
    join(dataDir, LOCK_FILE),
    JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-12-01T09:00:00.000Z' }),
  )
  const release = await lockDataDir(dataDir, () => {})
  await assert.rejects(
    lockDataDir(dataDir, () => {}),
    DataDirInUseError,
    'but one it holds is live',
  )
  await release()
})

test('a live process on another host keeps its lock: it cannot be checked from here', async () => {
  const dataDir = freshFolder()
  writeFileSync(
    join(dataDir, LOCK_FILE),
    JSON.stringify({ pid: 4242, host: 'other-server', startedAt: '2026-12-01T09:00:00.000Z' }),
  )
  await assert.rejects(
    lockDataDir(dataDir, () => {}),
    /in use by process 4242 on other-server/,
  )
})

test('two processes racing for a stale lock: exactly one gets it', async () => {
  const dataDir = freshFolder()
  const pid = await deadPid()
  writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), startedAt: 'then' }))
  const script = `
    import { lockDataDir } from ${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).pathname)}
    try { await lockDataDir(process.argv[1], () => {}); console.log('got it'); setTimeout(() => {}, 1500) }
    catch (error) { console.log(error.name) }`
  const racers = [1, 2, 3].map(
    () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
          dataDir,
        ])
        let out = ''
        child.stdout.on('data', (chunk) => {
          out += chunk
        })
        child.once('exit', () => resolve(out.trim()))
      }),
  )
  const outcomes = (await Promise.all(racers)).sort()
  assert.deepEqual(outcomes, ['DataDirInUseError', 'DataDirInUseError', 'got it'])
})
