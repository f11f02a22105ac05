// Writes the test files given on the command line into a few group files, one Node process each, and
// prints their paths. A process costs about 4 s before its first test (Node, the TypeScript loader,
// the app's ~800 modules): one per group rather than per file saves most of that on two cores.
// Each file runs as a suite of its own, so its top-level hooks stay its own and a hang fails that
// file after MASA_FILE_TIMEOUT_MS.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [stage, groupCount, ...files] = process.argv.slice(2)
const folder = join(tmpdir(), `masa-test-groups-${process.getuid?.() ?? 'user'}`, stage)
rmSync(folder, { recursive: true, force: true })
mkdirSync(folder, { recursive: true })

// Longest first onto the lightest group: file size stands in for duration.
const groups = Array.from({ length: Math.min(Number(groupCount), files.length) }, () => ({
  size: 0,
  files: [],
}))
for (const file of [...files].sort((a, b) => statSync(b).size - statSync(a).size)) {
  const lightest = groups.reduce((a, b) => (b.size < a.size ? b : a))
  lightest.size += statSync(file).size
  lightest.files.push(file)
}

groups.forEach((group, i) => {
  const path = join(folder, `group-${i + 1}.test.mjs`)
  const suites = group.files.sort().map((file) => [relative('.', file), pathToFileURL(resolve(file)).href])
  writeFileSync(
    path,
    `import { describe } from 'node:test'\n` +
      `const timeout = Number(process.env.MASA_FILE_TIMEOUT_MS ?? 300000)\n` +
      `for (const [file, url] of ${JSON.stringify(suites, null, 2)})\n` +
      `  describe(file, { timeout }, async () => { await import(url) })\n`,
  )
  console.log(path)
})
