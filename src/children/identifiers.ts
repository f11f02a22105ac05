// National identifiers for children: the NHS number (mod 11 check digit) and the
// unique pupil number (UPN, mod 23 check letter). Pure functions, no I/O.

const NHS_WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const

/** The letters a UPN check letter maps to: 0 = A ... 22 = Z, without I, O and S. */
export const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'

/** An NHS number as typed ('943 476 5919', '943-476-5919') in the 10-digit form we store. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '')
}

/** A UPN as typed (' a207 0000 16049') in the upper-case 13-character form we store. */
export function normaliseUpn(input: string): string {
  return input.replace(/\s/g, '').toUpperCase()
}

/**
 * The check digit for the first nine digits of an NHS number, or undefined when the
 * sum gives 10: no NHS number is ever issued with those nine digits.
 */
export function nhsCheckDigit(nineDigits: string): number | undefined {
  if (!/^\d{9}$/.test(nineDigits)) throw new RangeError(`expected nine digits, got "${nineDigits}"`)
  const sum = NHS_WEIGHTS.reduce((total, weight, i) => total + weight * Number(nineDigits[i]), 0)
  const check = 11 - (sum % 11)
  if (check === 10) return undefined
  return check === 11 ? 0 : check
}

/** Whether a stored-form NHS number (10 digits, no spaces) has the right check digit. */
export function isValidNhsNumber(nhsNumber: string): boolean {
  return nhsNumberProblem(nhsNumber) === undefined
}

/** What is wrong with a stored-form NHS number, in words for an error message; undefined if nothing. */
export function nhsNumberProblem(nhsNumber: string): string | undefined {
  if (!/^\d{10}$/.test(nhsNumber)) return 'An NHS number must be 10 digits'
  if (nhsCheckDigit(nhsNumber.slice(0, 9)) !== Number(nhsNumber[9])) {
    return 'This is not a valid NHS number: check the digits'
  }
  return undefined
}

/** The check letter for the twelve digits after it (LA code, establishment, year, serial). */
export function upnCheckLetter(twelveDigits: string): string {
  if (!/^\d{12}$/.test(twelveDigits)) throw new RangeError(`expected twelve digits, got "${twelveDigits}"`)
  let sum = 0
  for (let i = 0; i < 12; i++) sum += (i + 2) * Number(twelveDigits[i])
  return UPN_CHECK_LETTERS.charAt(sum % 23)
}

/** Whether a stored-form UPN is a permanent UPN with the right check letter. */
export function isValidUpn(upn: string): boolean {
  return upnProblem(upn) === undefined
}

/**
 * What is wrong with a stored-form UPN, in words for an error message; undefined if nothing.
 * Temporary UPNs (ending in a letter) are refused: they are an interim measure schools
 * replace, and a record should carry the permanent one.
 */
export function upnProblem(upn: string): string | undefined {
  if (upn.length !== 13) return 'A UPN must be 13 characters'
  if (/^[A-Z]\d{11}[A-Z]$/.test(upn)) {
    return 'This is a temporary UPN (it ends in a letter): enter the permanent UPN'
  }
  if (!/^[A-Z]\d{12}$/.test(upn)) return 'A UPN must be a letter followed by 12 digits'
  if (upnCheckLetter(upn.slice(1)) !== upn[0]) return 'This is not a valid UPN: check the characters'
  return undefined
}
