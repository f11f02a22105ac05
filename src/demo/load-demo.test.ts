import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { isValidNhsNumber, isValidUpn } from '../children/index.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../partnership/config.ts'
import { DemoDataError, type DemoLoadResult, loadDemoData } from './load-demo.ts'

const REFERENCE_DATE = '2026-11-15'

let database: TestDatabase
let partnership: PartnershipConfig
let loaded: DemoLoadResult

before(async () => {
  database = await openTestDatabase()
  partnership = await loadPartnershipConfig(
    new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname,
  )
  loaded = await loadDemoData(database, partnership, {
    children: 2000,
    seed: 7,
    referenceDate: REFERENCE_DATE,
  })
})

after(() => database.dispose())

const count = async (table: 'child' | 'household' | 'person' | 'school' | 'professional') => {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('loading demo data', () => {
  it('writes what it reports', async () => {
    assert.equal(loaded.children, 2000)
    assert.equal(await count('child'), 2000)
    assert.equal(await count('household'), loaded.households)
    assert.equal(await count('person'), loaded.adults)
    assert.equal(await count('school'), loaded.schools)
    assert.equal(await count('professional'), loaded.professionals)
    assert.ok(loaded.households > 800 && loaded.households < 2000, `${loaded.households} households`)
    assert.ok(loaded.rows > loaded.children * 4, `${loaded.rows} rows`)
  })

  it("gives every child a household in the child's LA", async () => {
    const orphans = await database.db
      .selectFrom('child')
      .leftJoin('household', 'household.id', 'child.household_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) =>
        eb.or([eb('household.id', 'is', null), eb('household.la_id', '!=', eb.ref('child.la_id'))]),
      )
      .executeTakeFirstOrThrow()
    assert.equal(Number(orphans.n), 0)
  })

  it('stores valid identifiers and calendar dates', async () => {
    const children = await database.db
      .selectFrom('child')
      .select(['nhs_number', 'upn', 'date_of_birth', 'sensitivity'])
      .execute()
    for (const child of children) {
      if (child.nhs_number) assert.ok(isValidNhsNumber(child.nhs_number), child.nhs_number)
      if (child.upn) assert.ok(isValidUpn(child.upn), child.upn)
      if (child.date_of_birth) assert.match(child.date_of_birth, /^\d{4}-\d{2}-\d{2}$/)
      assert.equal(child.sensitivity, 'standard')
    }
  })

  it('records involvements the access policy can read', async () => {
    const byReason = await database.db
      .selectFrom('child_involvement')
      .select(['reason', (eb) => eb.fn.countAll().as('n')])
      .groupBy('reason')
      .execute()
    const reasons = new Map(byReason.map((r) => [r.reason, Number(r.n)]))
    assert.ok((reasons.get('school') ?? 0) > 1000)
    assert.ok((reasons.get('health visitor') ?? 0) > 100)
  })

  it('refuses to load into a database that already has children', async () => {
    await assert.rejects(
      loadDemoData(database, partnership, { children: 10, seed: 7 }),
      (error: unknown) => error instanceof DemoDataError && /already has 2000 children/.test(error.message),
    )
  })

  it('appends when asked, carrying on the numbering', async () => {
    const appended = await loadDemoData(database, partnership, {
      children: 300,
      seed: 7,
      append: true,
      referenceDate: REFERENCE_DATE,
    })
    assert.equal(appended.children, 300)
    assert.equal(await count('child'), 2300)
    const duplicates = await sql<{ n: number }>`
      SELECT (SELECT count(*) - count(DISTINCT la_child_id) FROM child)
           + (SELECT count(nhs_number) - count(DISTINCT nhs_number) FROM child)
           + (SELECT count(upn) - count(DISTINCT upn) FROM child)
           + (SELECT count(*) - count(DISTINCT establishment_number || la_id) FROM school) AS n`.execute(
      database.db,
    )
    assert.equal(Number(duplicates.rows[0]?.n), 0)
    const last = await database.db
      .selectFrom('child')
      .select((eb) => eb.fn.max('la_child_id').as('id'))
      .executeTakeFirstOrThrow()
    assert.equal(last.id, 'D00002300')
  })
})
