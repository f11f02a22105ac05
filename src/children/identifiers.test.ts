import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  isValidNhsNumber,
  isValidUpn,
  nhsCheckDigit,
  nhsNumberProblem,
  normaliseNhsNumber,
  normaliseUpn,
  UPN_CHECK_LETTERS,
  upnCheckLetter,
  upnProblem,
} from './identifiers.ts'

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''))

/** Every NHS number that can be issued: nine digits whose check digit is not 10, plus that check digit. */
const issuedNhsNumber = digits(9)
  .filter((nine) => nhsCheckDigit(nine) !== undefined)
  .map((nine) => `${nine}${nhsCheckDigit(nine)}`)

const permanentUpn = digits(12).map((twelve) => `${upnCheckLetter(twelve)}${twelve}`)

/** The same string with the digit at `position` replaced by a different digit. */
const withOneDigitChanged = (value: string, position: number, step: number) => {
  const changed = (Number(value[position]) + step) % 10
  return `${value.slice(0, position)}${changed}${value.slice(position + 1)}`
}

describe('NHS number', () => {
  it('accepts the published examples', () => {
    assert.equal(isValidNhsNumber('9434765919'), true)
    assert.equal(isValidNhsNumber('4010232137'), true)
    assert.equal(nhsCheckDigit('943476591'), 9)
  })

  it('rejects a wrong check digit', () => {
    assert.equal(isValidNhsNumber('9434765918'), false)
    assert.match(nhsNumberProblem('9434765918') ?? '', /not a valid NHS number/)
  })

  it('rejects anything but ten digits', () => {
    for (const bad of ['943476591', '94347659190', '943 476 5919', '943476591X', '']) {
      assert.equal(isValidNhsNumber(bad), false, bad)
      assert.equal(nhsNumberProblem(bad), 'An NHS number must be 10 digits')
    }
  })

  it('normalises typed forms to ten digits', () => {
    assert.equal(normaliseNhsNumber('943 476 5919'), '9434765919')
    assert.equal(normaliseNhsNumber(' 943-476-5919 '), '9434765919')
    assert.equal(isValidNhsNumber(normaliseNhsNumber('943 476 5919')), true)
  })

  it('never issues a number whose check digit would be 10', () => {
    assert.equal(nhsCheckDigit('000000005'), 1) // 5 * 2 = 10; 11 - 10 = 1
    const remainderOne = '000000006' // 6 * 2 = 12, 12 mod 11 = 1, 11 - 1 = 10: never issued
    assert.equal(nhsCheckDigit(remainderOne), undefined)
    for (let check = 0; check <= 9; check++) {
      assert.equal(isValidNhsNumber(`${remainderOne}${check}`), false)
    }
  })

  it('maps a remainder of 0 to check digit 0', () => {
    assert.equal(nhsCheckDigit('000000000'), 0)
    assert.equal(isValidNhsNumber('0000000000'), true)
  })

  it('refuses to compute a check digit for anything but nine digits', () => {
    assert.throws(() => nhsCheckDigit('12345678'), RangeError)
  })

  it('validates every number built with its check digit', () => {
    fc.assert(fc.property(issuedNhsNumber, (nhsNumber) => isValidNhsNumber(nhsNumber)))
  })

  it('catches any single changed digit (weights 10..2 and 1 are all non-zero mod the prime 11)', () => {
    fc.assert(
      fc.property(
        issuedNhsNumber,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (nhsNumber, position, step) => !isValidNhsNumber(withOneDigitChanged(nhsNumber, position, step)),
      ),
    )
  })

  it('catches any swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(issuedNhsNumber, fc.integer({ min: 0, max: 8 }), (nhsNumber, i) => {
        fc.pre(nhsNumber[i] !== nhsNumber[i + 1])
        const swapped = `${nhsNumber.slice(0, i)}${nhsNumber[i + 1]}${nhsNumber[i]}${nhsNumber.slice(i + 2)}`
        return !isValidNhsNumber(swapped)
      }),
    )
  })
})

describe('UPN', () => {
  it('computes the check letter by hand', () => {
    // 2*2 + 4*7 + 9*1 + 10*6 + 12*4 + 13*9 = 266; 266 mod 23 = 13, the 14th letter without I and O: P.
    // (A school-software help page works this example to 'Q' after mis-adding 267: P is right.)
    assert.equal(upnCheckLetter('207000016049'), 'P')
    assert.equal(isValidUpn('P207000016049'), true)
    assert.equal(upnCheckLetter('000000000000'), 'A')
  })

  it('rejects a wrong check letter', () => {
    assert.equal(isValidUpn('Q207000016049'), false)
    assert.match(upnProblem('Q207000016049') ?? '', /not a valid UPN/)
  })

  it('refuses temporary UPNs clearly', () => {
    assert.match(upnProblem('P20700001604A') ?? '', /temporary UPN/)
    assert.equal(isValidUpn('P20700001604A'), false)
  })

  it('rejects other shapes', () => {
    assert.equal(upnProblem('P20700001604'), 'A UPN must be 13 characters')
    assert.equal(upnProblem('1207000016049'), 'A UPN must be a letter followed by 12 digits')
    assert.equal(upnProblem('p207000016049'), 'A UPN must be a letter followed by 12 digits')
    assert.equal(upnProblem('P2070000X6049'), 'A UPN must be a letter followed by 12 digits')
  })

  it('normalises typed forms', () => {
    assert.equal(normaliseUpn(' p207 0000 16049 '), 'P207000016049')
  })

  it('never uses I, O or S as a check letter', () => {
    assert.equal(UPN_CHECK_LETTERS.length, 23)
    assert.doesNotMatch(UPN_CHECK_LETTERS, /[IOS]/)
  })

  it('refuses to compute a check letter for anything but twelve digits', () => {
    assert.throws(() => upnCheckLetter('20700001604A'), RangeError)
  })

  it('validates every UPN built with its check letter', () => {
    fc.assert(fc.property(permanentUpn, (upn) => isValidUpn(upn)))
  })

  it('catches any single changed digit (weights 2..13 are all non-zero mod the prime 23)', () => {
    fc.assert(
      fc.property(
        permanentUpn,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (upn, position, step) => !isValidUpn(withOneDigitChanged(upn, position, step)),
      ),
    )
  })
})
