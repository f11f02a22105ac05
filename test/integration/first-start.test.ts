// The quick start's first command: `npm start` on a fresh data folder loads the demo, serves, and
// stops cleanly on SIGTERM even while it is still sending the demo's activity through the app.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname
const dataDir = mkdtempSync(join(tmpdir(), 'masa-first-start-'))
after(() => rmSync(dataDir, { recursive: true, force: true }))
const env = { ...process.env, MASA_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' }

test('a stop during the first start ends the demo activity at its step and exits cleanly', async () => {
  const start = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start', '--port', '0'], { env })
  let stdout = ''
  let stderr = ''
  start.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => start.once('exit', resolve))
  const address = await new Promise<string>((resolve, reject) => {
    start.stdout.on('data', (chunk) => {
      stdout += chunk
      const running = /is running for .* at (http:\/\/\S+)/.exec(stdout)
      if (running?.[1] && /demo referrals/.test(stdout)) resolve(running[1])
    })
    void exited.then((code) => reject(new Error(`npm start exited ${code} early:\n${stdout}\n${stderr}`)))
  })

  const health = await fetch(`${address}/health`)
  assert.equal(health.status, 200, 'the server answers while the demo activity goes on')
  start.kill('SIGTERM')
  assert.equal(await exited, 0, stderr)
  assert.doesNotMatch(stderr, /\n\s+at /, `a clean stop prints no stack trace:\n${stderr}`)
  assert.doesNotMatch(stderr, /Warning/, 'a connection enters its partnership before its first statement')
  assert.doesNotMatch(
    stdout,
    /For the current code of a TOTP secret/,
    'the rest of the first start is skipped',
  )

  const reopened = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'migrate'], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  })
  assert.equal(reopened.status, 0, `the data folder opens again after the stop:\n${reopened.stderr}`)
})
