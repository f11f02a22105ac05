import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it, mock } from 'node:test'
import { sql } from 'kysely'
import { DEMO_PARTNERSHIPS } from '../../test/support/app.ts'
import { migratedSnapshot } from '../../test/support/database.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../database.ts'
import { laForPostcode, loadPartnershipConfig, parsePartnershipConfig } from '../partnership/config.ts'
import { syntheticRegion } from './region.ts'
import { runRegionCommand, shareByPartnership } from './region-command.ts'

const REGION = { partnerships: 11, las: 33, seed: 4 }

describe('a synthetic region', () => {
  const region = syntheticRegion(REGION)
  const las = region.flatMap((p) => p.config.local_authorities)

  it('is 33 LAs in 11 valid partnership files, three LAs each, with every operating model', () => {
    assert.equal(region.length, 11)
    assert.equal(las.length, 33)
    for (const { config, yaml } of region) {
      assert.equal(config.local_authorities.length, 3)
      assert.deepEqual(parsePartnershipConfig(yaml, 'region.yaml'), config)
      assert.match(yaml, /^# Synthetic partnership/)
    }
    assert.deepEqual(new Set(region.map((p) => p.config.operating_model)), new Set(['1a', '1b', '2']))
    assert.equal(new Set(region.map((p) => p.config.partnership.id)).size, 11)
  })

  it('gives each partnership an agency set of its own: local health under 1a, pooled under 1b and 2', () => {
    for (const { config } of region) {
      const community = config.agencies.filter((a) => a.kind === 'health' && /Community/.test(a.name))
      assert.equal(community.length, config.operating_model === '1a' ? 3 : 1, config.partnership.id)
      for (const la of config.local_authorities) {
        const serving = (kind: string) =>
          config.agencies.filter(
            (a) =>
              a.kind === kind &&
              (a.kind === 'local-authority'
                ? a.la === la.id
                : a.serves === 'all' || a.serves.includes(la.id)),
          )
        assert.equal(serving('local-authority').length, 1)
        assert.equal(serving('police').length, 1)
      }
    }
    const agencySets = region.map((p) => p.config.agencies.map((a) => a.id).join())
    assert.equal(new Set(agencySets).size, 11, 'no two partnerships name the same agencies')
  })

  it("invents LAs no real one has: codes below the DfE's, names and postcode areas of no place", async () => {
    const codes = las.map((la) => Number(la.dfe_code))
    assert.equal(new Set(codes).size, 33)
    assert.ok(
      codes.every((code) => code >= 101 && code < 201),
      'the DfE numbers LAs from 201',
    )
    assert.equal(new Set(las.map((la) => la.id)).size, 33)
    const demos = await Promise.all(Object.values(DEMO_PARTNERSHIPS).map(loadPartnershipConfig))
    const demoLas = demos.flatMap((demo) => demo.local_authorities)
    for (const la of las) {
      assert.ok(!demoLas.some((d) => d.dfe_code === la.dfe_code || d.name === la.name || d.id === la.id))
      assert.match(
        la.postcode_prefixes[0] as string,
        /^[QVX][A-Z]\d+$/,
        'no UK postcode area starts Q, V or X',
      )
      for (const demo of demos) assert.equal(laForPostcode(demo, `${la.postcode_prefixes[0]} 1ZA`), undefined)
    }
  })

  it('is the same for the same seed, and another for another', () => {
    assert.deepEqual(
      syntheticRegion(REGION).map((p) => p.yaml),
      region.map((p) => p.yaml),
    )
    assert.notDeepEqual(
      syntheticRegion({ ...REGION, seed: 5 }).map((p) => p.yaml),
      region.map((p) => p.yaml),
    )
  })

  it('refuses a region it cannot make', () => {
    assert.throws(() => syntheticRegion({ ...REGION, partnerships: 34 }), /1 to 33 partnerships/)
    assert.throws(() => syntheticRegion({ ...REGION, las: 79 }), /1 to 78 local authorities/)
  })

  it('shares children between partnerships by the size of their LAs, every child once', () => {
    const configs = region.map((p) => p.config)
    const shares = shareByPartnership(configs, 2_000_000)
    assert.equal(
      shares.reduce((a, b) => a + b, 0),
      2_000_000,
    )
    const districts = configs.map((c) =>
      c.local_authorities.reduce((n, la) => n + la.postcode_prefixes.length, 0),
    )
    const [most, fewest] = [
      districts.indexOf(Math.max(...districts)),
      districts.indexOf(Math.min(...districts)),
    ]
    assert.ok((shares[most] as number) > (shares[fewest] as number))
  })
})

it('writes the files and loads each partnership into one database under its own id, numbered across the region', async () => {
  const out = await mkdtemp(join(tmpdir(), 'masa-region-'))
  const dataDir = join(out, 'data')
  const log = mock.method(console, 'log', () => {})
  try {
    // Migrated already, as the test snapshot is: migrating an embedded database takes most of a minute.
    await (await openDatabase({ dataDir, snapshot: await migratedSnapshot() })).close()
    const config = loadConfig({}, { dataDir })
    const result = await runRegionCommand(
      { partnerships: 3, las: 7, seed: 2, out, children: 120, years: 1 },
      config,
    )
    assert.equal(result?.children, 120)
    assert.match(
      String(log.mock.calls.at(-1)?.arguments[0]),
      /Loaded 3 partnerships, 120 children .* children\/s, .* rows\/s/,
    )
    const files = (await readdir(out)).filter((name) => name.endsWith('.yaml')).sort()
    assert.deepEqual(files, ['region-01.yaml', 'region-02.yaml', 'region-03.yaml'])
    assert.deepEqual(
      await Promise.all(files.map((name) => readFile(join(out, name), 'utf8'))),
      syntheticRegion({ partnerships: 3, las: 7, seed: 2 }).map((p) => p.yaml),
    )
    const database = await openDatabase({ dataDir, partnership: 'region-02' })
    try {
      const seen = await sql<{ partnership: string; children: number; referrals: number; first: string }>`
        SELECT c.partnership_id AS partnership, count(*)::int AS children, min(la_child_id) AS first,
          (SELECT count(*)::int FROM referral) AS referrals
        FROM child c GROUP BY 1`.execute(database.db)
      assert.equal(seen.rows.length, 1, "a partnership's connection sees its own children only")
      assert.equal(seen.rows[0]?.partnership, 'region-02')
      assert.notEqual(seen.rows[0]?.first, 'D00000001', 'numbered after the first partnership')
      assert.ok((seen.rows[0]?.referrals ?? 0) > 0)
      const all = await database.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE NONE`.execute(trx)
        return sql<{ partnerships: number; children: number; ids: number }>`
          SELECT count(DISTINCT partnership_id)::int AS partnerships, count(*)::int AS children,
            count(DISTINCT la_child_id)::int AS ids FROM child`.execute(trx)
      })
      assert.deepEqual(all.rows[0], { partnerships: 3, children: 120, ids: 120 })
    } finally {
      await database.close()
    }
  } finally {
    log.mock.restore()
    await rm(out, { recursive: true, force: true })
  }
})
