import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Type } from '@sinclair/typebox'
import { formOf, govukErrors, linesField, postedFields } from './forms.ts'
import { CalendarDate, compileInput, fieldMessages, literals, mergeProblems, Text } from './schemas.ts'

const Input = Type.Object({
  child: Type.Object({
    firstName: Text({
      description: 'first name',
      label: 'first name',
      maxLength: 5,
      missing: 'Enter a name',
    }),
    dateOfBirth: Type.Optional(
      CalendarDate('date of birth', { invalid: 'Date of birth must be a real date' }),
    ),
  }),
  colour: literals(['red', 'blue'], 'favourite colour', { missing: 'Select a colour' }),
  level: fieldMessages(Type.Integer({ minimum: 1, maximum: 4 }), { missing: 'Select a level' }),
  tags: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]+$' }))),
  note: Type.Optional(Type.String({ pattern: '^\\d+$' })),
  attached: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
})
const form = formOf(Input)
const check = compileInput(Input)

describe('the form adapter', () => {
  it('reads posted fields onto the API’s shape: empty is absent, checkboxes repeat, dates join, numbers parse', () => {
    const value = form.read({
      childFirstName: '  Ava ',
      'childDateOfBirth-day': '2',
      'childDateOfBirth-month': '3',
      'childDateOfBirth-year': '2015',
      colour: '',
      level: '3',
      tags: ['a', '', 'b'],
      note: '   ',
      attached: 'forged',
      _csrf: 'token',
    })
    assert.deepEqual(value, {
      child: { firstName: 'Ava', dateOfBirth: '2015-03-02' },
      level: 3,
      tags: ['a', 'b'],
    })
  })

  it('keeps what the schema must refuse, so it is refused rather than guessed', () => {
    const value = form.read({
      childFirstName: 'Ava',
      level: 'three',
      'childDateOfBirth-day': '31',
      'childDateOfBirth-month': '2',
      'childDateOfBirth-year': '2015',
    })
    assert.deepEqual(value, { child: { firstName: 'Ava', dateOfBirth: '2015-02-31' }, level: 'three' })
  })

  it('shows what was typed again, first value of each field', () => {
    assert.deepEqual(postedFields({ a: ' x ', b: ['1', '2'] }), { a: ' x ', b: '1' })
    assert.deepEqual(linesField({ offences: 'one\r\n\n two \n' }, 'offences'), ['one', 'two'])
  })
})

describe('the compiled input check', () => {
  it('names each field at fault in the field’s own words, blank text as missing', () => {
    const problems = check.problems({ child: { firstName: '   ', dateOfBirth: '2015-02-31' }, level: 9 })
    assert.deepEqual(problems, [
      { field: 'child.firstName', text: 'Enter a name' },
      { field: 'colour', text: 'Select a colour' },
      { field: 'child.dateOfBirth', text: 'Date of birth must be a real date' },
      { field: 'level', text: 'Select a level' },
    ])
    assert.deepEqual(check.problems({ child: { firstName: 'Ava Anne' }, colour: 'red', level: 1 }), [
      { field: 'child.firstName', text: 'First name must be 5 characters or fewer' },
    ])
  })

  it('never puts a pattern, a pointer or a schema message into words for people', () => {
    const problems = check.problems({
      child: { firstName: 'Ava' },
      colour: 'red',
      level: 1,
      tags: ['A'],
      note: 'x',
    })
    assert.deepEqual(problems, [
      { field: 'tags[0]', text: 'Check this answer' },
      { field: 'note', text: 'Check this answer' },
    ])
    assert.equal(check.fits({ child: { firstName: 'Ava' }, colour: 'red', level: 1 }), true)
  })

  it('merges the schema’s problems with the rules’, the schema’s first, in the form’s order', () => {
    const merged = mergeProblems(
      ['a', 'b', 'c'],
      [{ field: 'c', text: 'schema c' }],
      [
        { field: 'c', text: 'rule c' },
        { field: 'a', text: 'rule a' },
        { field: 'z', text: 'rule z' },
      ],
    )
    assert.deepEqual(merged, [
      { field: 'a', text: 'rule a' },
      { field: 'c', text: 'schema c' },
      { field: 'z', text: 'rule z' },
    ])
  })
})

describe('GOV.UK errors', () => {
  it('links each problem to its form field, a date to its day, and shows the first problem inline', () => {
    const errors = form.errors([
      { field: 'child.dateOfBirth', text: 'Date of birth must be a real date' },
      { field: 'child.firstName', text: 'Enter a name' },
      { field: 'child.firstName', text: 'Second' },
    ])
    assert.deepEqual(
      errors.errors.map((error) => error.href),
      ['#childDateOfBirth-day', '#childFirstName', '#childFirstName'],
    )
    assert.deepEqual(errors.fieldErrors, {
      childDateOfBirth: { text: 'Date of birth must be a real date' },
      childFirstName: { text: 'Enter a name' },
    })
    const placed = govukErrors([{ field: 'children[0].nhsNumber', text: 'Enter an NHS number' }], {
      names: { 'children[0].nhsNumber': 'nhsNumber' },
    })
    assert.deepEqual(placed.errors, [{ text: 'Enter an NHS number', href: '#nhsNumber' }])
  })
})
