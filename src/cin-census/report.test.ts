import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { CENSUS_CLOSING, censusOpening, childXml } from './census-xml.ts'
import { runValidateCommand } from './command.ts'
import { findingWriter } from './report.ts'
import { child } from './testing.ts'
import type { Finding } from './validate.ts'

const finding = (changes: Partial<Finding>): Finding => ({
  child: 'C1',
  code: '8520',
  kind: 'error',
  table: 'ChildIdentifiers',
  message: 'Date of Birth is after data collection period',
  fields: ['PersonBirthDate'],
  count: 1,
  ...changes,
})

describe('writing CIN census findings', () => {
  it('groups text by child and names the return for return-wide queries', () => {
    const lines: string[] = []
    const write = findingWriter('text', (line) => lines.push(line))
    write(finding({}))
    write(
      finding({
        code: '8608',
        count: 2,
        fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
      }),
    )
    write(
      finding({
        child: '',
        code: '2887Q',
        kind: 'query',
        message: 'Less than 8 codes',
        fields: ['Disability'],
      }),
    )
    assert.deepEqual(lines, [
      'Child C1',
      '  error 8520  Date of Birth is after data collection period (PersonBirthDate)',
      '  error 8608  Date of Birth is after data collection period (AssessmentActualStartDate, AssessmentAuthorisationDate) [2 records]',
      'The return as a whole',
      '  query 2887Q Less than 8 codes (Disability)',
    ])
  })

  it('writes CSV with a header and quotes fields that need it', () => {
    const lines: string[] = []
    const write = findingWriter('csv', (line) => lines.push(line))
    write(finding({ message: 'Reason, with a "quote"' }))
    assert.deepEqual(lines, [
      'LAchildID,Rule,Type,Table,Message,Fields,Records',
      'C1,8520,error,ChildIdentifiers,"Reason, with a ""quote""",PersonBirthDate,1',
    ])
  })

  it('validates a file from the command line: findings, a summary, and exit code 1 on an error', async () => {
    const file = join(tmpdir(), `masa-cin-census-command-${process.pid}.xml`)
    const header = { collection: 'CIN', year: '2025', referenceDate: '2025-03-31', lea: '201' }
    const disabilities = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS']
    writeFileSync(file, censusOpening(header) + childXml(child({ disabilities, sex: 'Z' })) + CENSUS_CLOSING)
    const lines: string[] = []
    const exitCode = await runValidateCommand(file, 'text', (line) => lines.push(line))
    assert.equal(exitCode, 1)
    assert.equal(lines[0], 'Child C1')
    assert.match(lines.join('\n'), /1 children\n1 error\(s\) and 0 query\(ies\)/)
  })
})
