import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { LIKELY_DUPLICATE_SCORE } from './rules.ts'
import { searchChildren } from './search.ts'

interface Seed {
  given: string
  family: string
  dob: string
  nhs?: string
  upn?: string
  aliases?: [string, string, string][]
}

const SEEDS: Record<string, Seed> = {
  oliver: { given: 'Oliver', family: 'Smith', dob: '2015-03-04', nhs: '9434765919' },
  olivia: { given: 'Olivia', family: 'Smith', dob: '2015-03-04' },
  caitlin: { given: 'Caitlin', family: 'Smyth', dob: '2012-11-20' },
  stranger: { given: 'Amir', family: 'Khan', dob: '2015-03-04' },
  jayden: {
    given: 'Jayden',
    family: 'Okafor',
    dob: '2010-07-01',
    aliases: [['Jay', 'Brown', 'previous name']],
  },
  freya: { given: 'Freya', family: 'Wilson', dob: '2019-12-31', upn: 'P207000016049' },
}

describe('child search', () => {
  let t: TestDatabase
  const ids: Record<string, string> = {}
  before(async () => {
    t = await openTestDatabase()
    for (const [key, seed] of Object.entries(SEEDS)) ids[key] = await insertChild(t, key, seed)
  })
  after(() => t.dispose())

  const search = (input: Parameters<typeof searchChildren>[1]) =>
    t.db.transaction().execute((trx) => searchChildren(trx, input))

  it('ranks an exact name and date of birth first and flags it as a likely duplicate', async () => {
    const [first, ...rest] = await search({ name: 'Oliver Smith', dateOfBirth: '2015-03-04' })
    assert.equal(first?.childId, ids.oliver)
    assert.ok(first && first.score >= LIKELY_DUPLICATE_SCORE && first.likelyDuplicate)
    assert.deepEqual(
      first?.reasons.map((r) => r.text),
      ['same name', 'same date of birth'],
    )
    assert.ok(rest.every((match) => match.score < first.score))
  })

  it('finds a misspelt name with the day and month swapped', async () => {
    const [first] = await search({ name: 'Olivr Smiht', dateOfBirth: '2015-04-03' })
    assert.equal(first?.childId, ids.oliver)
    assert.ok(first?.reasons.some((r) => r.text === 'date of birth with day and month swapped'))
  })

  it('finds a name that sounds alike without a date of birth', async () => {
    const matches = await search({ name: 'Kaitlyn Smith' })
    assert.equal(matches[0]?.childId, ids.caitlin)
    assert.match(matches[0]?.reasons.map((r) => r.text).join(', ') ?? '', /sounds alike/)
  })

  it('finds a child by NHS number alone, and by UPN alone', async () => {
    const [byNhs] = await search({ nhsNumber: '9434765919' })
    assert.equal(byNhs?.childId, ids.oliver)
    assert.equal(byNhs?.reasons[0]?.text, 'same NHS number')
    assert.ok(byNhs?.likelyDuplicate)
    const [byUpn] = await search({ upn: 'P207000016049' })
    assert.equal(byUpn?.childId, ids.freya)
  })

  it('finds a child by a previous name', async () => {
    const [first] = await search({ name: 'Jay Brown', dateOfBirth: '2010-07-01' })
    assert.equal(first?.childId, ids.jayden)
    assert.match(first?.reasons[0]?.text ?? '', /previous name Jay Brown/)
  })

  it('counts a different NHS number against a match', async () => {
    const matches = await search({ name: 'Oliver Smith', dateOfBirth: '2015-03-04', nhsNumber: '4010232137' })
    const oliver = matches.find((m) => m.childId === ids.oliver)
    assert.ok(oliver && !oliver.likelyDuplicate)
    assert.ok(oliver.reasons.some((r) => r.text === 'different NHS number' && r.points < 0))
  })

  it('leaves out records merged into another', async () => {
    await t.db
      .updateTable('child')
      .set({ merged_into_id: ids.olivia })
      .where('id', '=', ids.stranger)
      .execute()
    const matches = await search({ name: 'Amir Khan', dateOfBirth: '2015-03-04' })
    assert.ok(!matches.some((m) => m.childId === ids.stranger))
  })
})

let counter = 0
async function insertChild(t: TestDatabase, key: string, seed: Seed): Promise<string> {
  const child = await t.db
    .insertInto('child')
    .values({
      la_id: 'leicester',
      la_child_id: `T${++counter}-${key}`,
      given_name: seed.given,
      family_name: seed.family,
      date_of_birth: seed.dob,
      expected_date_of_birth: null,
      sex: 'U',
      ethnicity: null,
      nhs_number: seed.nhs ?? null,
      upn: seed.upn ?? null,
      upn_unknown: null,
      household_id: null,
      school_id: null,
      merged_into_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [given, family, kind] of seed.aliases ?? []) {
    await t.db
      .insertInto('child_alias')
      .values({ child_id: child.id, given_name: given, family_name: family, kind })
      .execute()
  }
  return child.id
}
