import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parse, stringify } from 'yaml'
import {
  findLaByCode,
  getLa,
  isWithinOperatingHours,
  laForPostcode,
  levelLabel,
  loadPartnershipConfig,
  PartnershipConfigError,
  parsePartnershipConfig,
  postcodeKeys,
} from './config.ts'

const LLR = 'config/partnerships/llr.yaml'
const PT = 'config/partnerships/plymouth-torbay.yaml'
const SOURCE = 'config/partnerships/test.yaml'

const llrText = readFileSync(LLR, 'utf8')
const llr = parsePartnershipConfig(llrText, LLR)

/** LLR's YAML as plain data, changed by `edit`, then parsed; returns the error it throws. */
// biome-ignore lint/suspicious/noExplicitAny: tests edit the data into shapes the types forbid
function errorFor(edit: (data: any) => void): PartnershipConfigError {
  const data = parse(llrText)
  edit(data)
  return errorForText(stringify(data))
}

function errorForText(text: string): PartnershipConfigError {
  try {
    parsePartnershipConfig(text, SOURCE)
  } catch (error) {
    assert.ok(error instanceof PartnershipConfigError, `expected PartnershipConfigError, got ${error}`)
    return error
  }
  assert.fail('expected the configuration to be rejected')
}

function assertLine(error: PartnershipConfigError, expected: string) {
  const lines = error.message.split('\n')
  assert.ok(lines.includes(`${SOURCE}: ${expected}`), `no line "${expected}" in:\n${error.message}`)
}

describe('demo configurations', () => {
  it('loads LLR', async () => {
    const config = await loadPartnershipConfig(LLR)
    assert.equal(config.partnership.short_name, 'LLR')
    assert.equal(config.operating_model, '2')
    assert.deepEqual(
      config.local_authorities.map((la) => [la.id, la.dfe_code]),
      [
        ['leicester', '856'],
        ['leicestershire', '855'],
        ['rutland', '857'],
      ],
    )
    assert.ok(config.agencies.some((agency) => agency.kind === 'police' && agency.serves === 'all'))
  })

  it('loads Plymouth and Torbay', async () => {
    const config = await loadPartnershipConfig(PT)
    assert.equal(config.operating_model, '1a')
    assert.deepEqual(
      config.local_authorities.map((la) => la.dfe_code),
      ['879', '880'],
    )
    assert.equal(levelLabel(config, 2), 'Additional')
    assert.equal(levelLabel(config, 4), 'Specialist')
  })

  it('reports a file that cannot be read', async () => {
    await assert.rejects(loadPartnershipConfig('config/partnerships/nope.yaml'), (error: Error) => {
      assert.ok(error instanceof PartnershipConfigError)
      assert.match(error.message, /^config\/partnerships\/nope\.yaml: cannot read the file \(ENOENT\)$/)
      return true
    })
  })
})

describe('schema errors name the file and field', () => {
  it('missing field', () => {
    const error = errorFor((data) => delete data.local_authorities[0].front_door.email)
    assertLine(
      error,
      "local_authorities[0].front_door.email is missing (expected an email address such as 'frontdoor@leicester.example')",
    )
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      ['local_authorities[0].front_door.email'],
    )
  })

  it('wrong type', () => {
    const error = errorFor((data) => {
      data.local_authorities[2].postcode_prefixes = 'LE15'
    })
    assertLine(
      error,
      'local_authorities[2].postcode_prefixes must be a list of one or more postcode prefixes (got "LE15")',
    )
  })

  it('unquoted number where text is expected', () => {
    const error = errorFor((data) => {
      data.local_authorities[0].dfe_code = 856
    })
    assertLine(
      error,
      'local_authorities[0].dfe_code must be a 3-digit DfE LA code (got 856; write it in quotes)',
    )
  })

  it('bad LA code', () => {
    const error = errorFor((data) => {
      data.local_authorities[1].dfe_code = '85'
    })
    assert.equal(
      error.message,
      `${SOURCE}: local_authorities[1].dfe_code must be a 3-digit DfE LA code (got "85")`,
    )
  })

  it('duplicate LA code', () => {
    const error = errorFor((data) => {
      data.local_authorities[2].dfe_code = '856'
    })
    assertLine(
      error,
      'local_authorities[2].dfe_code must be unique ("856" is already used by local_authorities[0])',
    )
  })

  it('a point of contact for a move across a border: a 3-digit code, each LA once, an email', () => {
    assertLine(
      errorFor((data) => {
        data.cross_border_contacts[3].dfe_code = '89'
      }),
      'cross_border_contacts[3].dfe_code must be a 3-digit DfE LA code (got "89")',
    )
    assertLine(
      errorFor((data) => {
        data.cross_border_contacts[4].dfe_code = '891'
      }),
      'cross_border_contacts[4].dfe_code must be unique ("891" is already used by cross_border_contacts[3])',
    )
    assert.match(
      errorFor((data) => {
        data.cross_border_contacts[0].email = 'not an address'
      }).message,
      /cross_border_contacts\[0\]\.email must be an email address/,
    )
  })

  it('duplicate LA id', () => {
    const error = errorFor((data) => {
      data.local_authorities[1].id = 'leicester'
    })
    assertLine(
      error,
      'local_authorities[1].id must be unique ("leicester" is already used by local_authorities[0])',
    )
  })

  it('duplicate agency id', () => {
    const error = errorFor((data) => {
      data.agencies[4].id = 'leicestershire-police'
    })
    assertLine(
      error,
      'agencies[4].id must be unique ("leicestershire-police" is already used by agencies[3])',
    )
  })

  it('agency referencing an unknown LA', () => {
    const error = errorFor((data) => {
      data.agencies[7].serves = ['leicester', 'nottingham']
      data.agencies[0].la = 'leicester-city'
    })
    assert.match(
      error.message,
      /test\.yaml: agencies\[7\]\.serves\[1\] refers to local authority "nottingham", which is not in local_authorities/,
    )
    assert.match(error.message, /test\.yaml: agencies\[0\]\.la refers to local authority "leicester-city"/)
    assertLine(
      error,
      `local_authorities[0] ("leicester") has no agency of kind 'local-authority' with la: leicester`,
    )
  })

  it('bad operating model', () => {
    const error = errorFor((data) => {
      data.operating_model = '3'
    })
    assertLine(error, `operating_model must be one of '1a', '1b' or '2', in quotes (got "3")`)
  })

  it('unknown agency kind, and fields of the kind chosen', () => {
    const error = errorFor((data) => {
      data.agencies[3].kind = 'constabulary'
      data.agencies[4].serves = 'everyone'
      data.agencies[0].serves = 'all'
    })
    assertLine(
      error,
      `agencies[3].kind must be one of 'local-authority', 'police', 'health', 'education' or 'other' (got "constabulary")`,
    )
    assertLine(
      error,
      `agencies[4].serves must be 'all' or a list of the ids of the local authorities served (got "everyone")`,
    )
    assertLine(error, 'agencies[0].serves is not a recognised field (check the spelling)')
  })

  it('unknown field', () => {
    const error = errorFor((data) => {
      data.local_authorities[0].operating_hours.monday = { open: '08:30', close: '17:00' }
    })
    assertLine(
      error,
      'local_authorities[0].operating_hours.monday is not a recognised field (check the spelling)',
    )
  })

  it('opening time not before closing time', () => {
    const error = errorFor((data) => {
      data.local_authorities[0].operating_hours.fri = { open: '16:30', close: '08:30' }
    })
    assertLine(
      error,
      'local_authorities[0].operating_hours.fri opens at 16:30, which is not before it closes at 08:30',
    )
  })

  it('performance standards: a known definition, thresholds in the direction, unique ids', () => {
    assert.equal(llr.performance_standards?.[0]?.definition, 'referral-decision-within-1-working-day')
    assertLine(
      errorFor((data) => {
        data.performance_standards[0].thresholds = { green: 80, amber: 90 }
        data.performance_standards[4].thresholds = { green: 30, amber: 20 }
        data.performance_standards[5].id = 're-referrals'
      }),
      'performance_standards[0].thresholds: green must be at least amber when higher-is-better',
    )
    const error = errorFor((data) => {
      data.performance_standards[4].thresholds = { green: 30, amber: 20 }
      data.performance_standards[5].id = 're-referrals'
    })
    assertLine(error, 'performance_standards[4].thresholds: green must be at most amber when lower-is-better')
    assert.match(error.message, /performance_standards\[5\]\.id must be unique/)
    assert.match(
      errorFor((data) => {
        data.performance_standards[0].definition = 'made-up'
      }).message,
      /performance_standards\[0\]\.definition/,
    )
  })

  it('self-assessment standards: optional, each with a title and description, unique ids per list', () => {
    const standard = (id: string) => ({
      id,
      title: `Standard ${id}`,
      description: 'What meeting it looks like',
    })
    assert.match(
      errorFor((data) => {
        data.self_assessment_standards = { section_11: [standard('leadership'), standard('leadership')] }
      }).message,
      /self_assessment_standards\.section_11\[1\]\.id must be unique/,
    )
    assert.match(
      errorFor((data) => {
        data.self_assessment_standards = { section_175: [{ id: 'dsl', title: 'Designated lead' }] }
      }).message,
      /self_assessment_standards\.section_175\[0\]\.description is missing/,
    )
    assert.match(
      errorFor((data) => {
        data.self_assessment_standards = { section_157: [standard('dsl')] }
      }).message,
      /self_assessment_standards\.section_157 is not a recognised field/,
    )
  })

  it('retention schedule: whole years per kind of record, no other kinds', () => {
    assert.equal(llr.retention?.referral_no_further_action, 6)
    const error = errorFor((data) => {
      data.retention = { child_record: 0, closed_cases: 6 }
    })
    assertLine(
      error,
      "retention.child_record must be a whole number of years from 1 to 120 after the child's date of birth (got 0)",
    )
    assertLine(error, 'retention.closed_cases is not a recognised field (check the spelling)')
  })

  it('levels of need: exactly four, each of 1..4 once', () => {
    const three = errorFor((data) => data.levels_of_need.pop())
    assertLine(
      three,
      'levels_of_need must be a list of exactly four levels of need (1 to 4) (got a list of 3)',
    )
    const twice = errorFor((data) => {
      data.levels_of_need[3].level = 3
    })
    assertLine(twice, 'levels_of_need[3].level 3 is listed twice')
    assertLine(twice, 'levels_of_need is missing level 4')
    const five = errorFor((data) => {
      data.levels_of_need[0].level = 5
    })
    assertLine(five, 'levels_of_need[0].level must be a level of need: 1, 2, 3 or 4 (got 5)')
  })

  it('a postcode prefix listed under two LAs', () => {
    const error = errorFor((data) => data.local_authorities[1].postcode_prefixes.push('LE15'))
    assertLine(
      error,
      'local_authorities[2].postcode_prefixes[0] "LE15" is listed more than once (also at local_authorities[1].postcode_prefixes[15])',
    )
  })

  it('reports every problem, one line each', () => {
    const error = errorFor((data) => {
      data.local_authorities[1].dfe_code = '85'
      delete data.partnership.name
    })
    assert.equal(error.issues.length, 2)
    assert.equal(error.message.split('\n').length, 2)
  })

  it('empty file and invalid YAML', () => {
    assertLine(
      errorForText(''),
      'the configuration must be a mapping with partnership, operating_model, local_authorities, agencies and levels_of_need (got nothing)',
    )
    assert.match(
      errorForText('partnership: [\n').message,
      /^config\/partnerships\/test\.yaml: is not valid YAML: /,
    )
    assert.match(errorForText('a: 1\na: 2\n').message, /is not valid YAML: Map keys must be unique/)
  })
})

describe('finding local authorities', () => {
  it('by DfE code and by id', () => {
    assert.equal(findLaByCode(llr, '857')?.id, 'rutland')
    assert.equal(findLaByCode(llr, 856)?.id, 'leicester')
    assert.equal(findLaByCode(llr, '879'), undefined)
    assert.equal(getLa(llr, 'leicestershire').dfe_code, '855')
    assert.throws(() => getLa(llr, 'nottingham'), /No local authority "nottingham" in partnership "llr"/)
  })
})

describe('laForPostcode', () => {
  const route = (postcode: string) => laForPostcode(llr, postcode)?.id

  it('routes by district, ignoring case and spaces', () => {
    assert.equal(route('LE1 5WW'), 'leicester')
    assert.equal(route('le15wW'), 'leicester')
    assert.equal(route('  le1   5ww '), 'leicester')
    assert.equal(route('LE65 1AA'), 'leicestershire')
  })

  it('LE15 goes to Rutland, and LE1 does not swallow LE15-LE19', () => {
    assert.equal(route('LE15 6AB'), 'rutland')
    assert.equal(route('le156ab'), 'rutland')
    assert.equal(route('LE16 7AB'), 'leicestershire')
    assert.equal(route('LE19 1AA'), 'leicestershire')
    assert.equal(route('LE15'), 'rutland')
  })

  it('prefers a sector to a district or area', () => {
    assert.equal(route('PE9 3AA'), 'rutland')
    assert.equal(route('PE9 1AA'), undefined)
    assert.deepEqual(postcodeKeys('pe93aa'), ['PE9 3', 'PE9', 'PE'])
  })

  it('longest prefix wins over an area prefix', () => {
    const config = structuredClone(llr)
    config.local_authorities[1]?.postcode_prefixes.push('LE')
    assert.equal(laForPostcode(config, 'LE15 6AB')?.id, 'rutland')
    assert.equal(laForPostcode(config, 'LE1 1AA')?.id, 'leicester')
    assert.equal(laForPostcode(config, 'LE99 1AA')?.id, 'leicestershire')
  })

  it('outside the partnership or not a postcode', () => {
    assert.equal(route('NG1 1AA'), undefined)
    assert.equal(route(''), undefined)
    assert.equal(route('not a postcode'), undefined)
    assert.equal(route('LE1 5W'), undefined)
  })
})

describe('isWithinOperatingHours (Europe/London)', () => {
  const leicester = getLa(llr, 'leicester')
  const open = (iso: string) => isWithinOperatingHours(leicester, new Date(iso))

  it('summer time: 07:45Z is 08:45 BST', () => {
    assert.equal(open('2026-07-01T07:45:00Z'), true) // Wednesday 08:45 BST
    assert.equal(open('2026-07-01T07:29:00Z'), false) // 08:29 BST
    assert.equal(open('2026-07-01T07:30:00Z'), true) // 08:30 BST, opening minute
    assert.equal(open('2026-07-01T15:59:00Z'), true) // 16:59 BST
    assert.equal(open('2026-07-01T16:00:00Z'), false) // 17:00 BST, closed
  })

  it('winter time: 07:45Z is 07:45 GMT', () => {
    assert.equal(open('2026-01-07T07:45:00Z'), false) // Wednesday 07:45 GMT
    assert.equal(open('2026-01-07T08:30:00Z'), true)
    assert.equal(open('2026-01-07T16:59:00Z'), true)
    assert.equal(open('2026-01-07T17:00:00Z'), false)
  })

  it('Friday closes earlier', () => {
    assert.equal(open('2026-01-09T16:29:00Z'), true)
    assert.equal(open('2026-01-09T16:30:00Z'), false)
  })

  it('closed at weekends, judged by the London date', () => {
    assert.equal(open('2026-07-04T10:00:00Z'), false) // Saturday
    assert.equal(open('2026-07-05T10:00:00Z'), false) // Sunday
    // Sunday 23:30 UTC in summer is already Monday 00:30 in London: still closed.
    assert.equal(open('2026-07-05T23:30:00Z'), false)
  })

  it('clock changes: last Sunday in March and October', () => {
    // Monday after the spring change: 08:30 BST = 07:30Z.
    assert.equal(open('2026-03-30T07:30:00Z'), true)
    assert.equal(open('2026-03-27T07:30:00Z'), false) // Friday before, 07:30 GMT
    // Monday after the autumn change: 08:30 GMT = 08:30Z.
    assert.equal(open('2026-10-26T07:30:00Z'), false)
    assert.equal(open('2026-10-26T08:30:00Z'), true)
  })

  it('extra closed dates such as bank holidays', () => {
    const bankHolidays = new Set(['2026-08-31'])
    const closed = (date: string) => bankHolidays.has(date)
    assert.equal(
      isWithinOperatingHours(leicester, new Date('2026-08-31T10:00:00Z'), { isClosedDate: closed }),
      false,
    )
    assert.equal(
      isWithinOperatingHours(leicester, new Date('2026-09-01T10:00:00Z'), { isClosedDate: closed }),
      true,
    )
  })
})

describe('levelLabel', () => {
  it('returns the local label', () => {
    assert.equal(levelLabel(llr, 1), 'Universal')
    assert.equal(levelLabel(llr, 4), 'Acute needs')
  })
})
