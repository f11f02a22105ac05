import assert from 'node:assert/strict'
import { it, mock } from 'node:test'
import { loadConfig } from '../config.ts'
import { runDemoCommand } from './command.ts'

it('migrates, loads and reports counts and rates', async () => {
  const config = loadConfig({}, { dataDir: 'memory://' })
  const log = mock.method(console, 'log', () => {})
  try {
    const result = await runDemoCommand({ children: 40, seed: 3 }, config)
    assert.equal(result.children, 40)
    const printed = String(log.mock.calls[0]?.arguments[0])
    assert.match(printed, /Loaded synthetic demo data for LLR/)
    assert.match(printed, /40 children in \d+ households/)
    assert.match(printed, /rows\/s, [\d,]+ children\/s/)
  } finally {
    log.mock.restore()
  }
})
