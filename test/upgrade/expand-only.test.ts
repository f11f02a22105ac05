// The migrations since the previous release (PREVIOUS-RELEASE) keep to the expand-only rules
// (src/platform/db/expand-only.ts), so the previous release's servers keep working while a rolling
// deploy replaces them. Run by scripts/upgrade-check.sh, which then runs the previous release's own
// tests against the new schema. Needs the repository's history (a full clone).

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'node:test'
import { contractAfter, createdNames, refusals } from '../../src/platform/db/expand-only.ts'
import { MIGRATIONS_DIR } from '../../src/platform/db/migrate.ts'

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: 'pipe' })
const isAncestor = (commit: string, of: string) => {
  try {
    git('merge-base', '--is-ancestor', commit, of)
    return true
  } catch {
    return false
  }
}

const release = (await readFile(new URL('../../PREVIOUS-RELEASE', import.meta.url), 'utf8'))
  .split('\n')
  .filter((line) => !line.startsWith('#'))
  .join('')
  .trim()
if (!isAncestor(release, 'HEAD')) {
  throw new Error(
    `The previous release ${release} (PREVIOUS-RELEASE) is not in this clone's history: fetch it ` +
      '(git fetch --unshallow, or clone without --depth) or correct PREVIOUS-RELEASE.',
  )
}
const migrationName = /^\d{4}_[\w-]+\.sql$/
// The released migrations' blobs, from lines `<mode> blob <id>\t<name>`.
const releasedBlobs = new Map(
  git('ls-tree', `${release}:migrations`)
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([, name]) => name && migrationName.test(name))
    .map(([entry, name]) => [name, entry.split(' ')[2]]),
)
const released = [...releasedBlobs.keys()].sort()
const current = (await readdir(MIGRATIONS_DIR)).filter((name) => migrationName.test(name)).sort()
const since = current.filter((name) => !releasedBlobs.has(name))
const text = (name: string) => readFile(join(MIGRATIONS_DIR, name), 'utf8')

test(`the previous release's ${released.length} migrations are here unchanged, since its databases have run them`, async () => {
  const kept = released.filter((name) => current.includes(name))
  const blobs = git('hash-object', ...kept.map((name) => join(MIGRATIONS_DIR, name))).split('\n')
  const differing = [
    ...released.filter((name) => !current.includes(name)).map((name) => `${name} (removed)`),
    ...kept.filter((name, i) => blobs[i] !== releasedBlobs.get(name)),
  ]
  assert.deepEqual(differing, [], 'put a change to a released migration in a new migration instead')
})

test('each migration since the previous release is numbered after its last', () => {
  const last = released.at(-1) ?? ''
  assert.deepEqual(
    since.filter((name) => name < last),
    [],
    `the previous release ends at ${last}`,
  )
})

test('each migration since the previous release is expand-only, or a contract step whose time has come', async () => {
  const texts = new Map(await Promise.all(since.map(async (name) => [name, await text(name)] as const)))
  const madeSince = new Set([...texts.values()].flatMap(createdNames))
  const problems = [...texts].flatMap(([name, migration]) => {
    const after = contractAfter(migration)
    if (after) {
      return isAncestor(after, release)
        ? []
        : [
            `${name} is a contract step after ${after}, which is not yet the previous release or older ` +
              `(PREVIOUS-RELEASE is ${release.slice(0, 7)}): it must wait for a later release`,
          ]
    }
    return refusals(migration, madeSince).map((refusal) => `${name}: "${refusal.statement}" ${refusal.rule}`)
  })
  assert.deepEqual(problems, [], `not expand-only (README, Operations, "Upgrades"):\n${problems.join('\n')}`)
})
