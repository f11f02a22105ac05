// Test helpers: a clean child of the 2024-25 census (reference date 31 March 2025) to change one
// thing at a time, and the census period it is checked in.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { RULE_CATALOGUE } from './catalogue.ts'
import type { Assessment, CensusChild, Episode, ProtectionPlan } from './census.ts'
import { type CensusPeriod, type CensusRule, censusPeriod } from './rule.ts'

export const PERIOD = censusPeriod({ year: '2025', referenceDate: '2025-03-31' }) as CensusPeriod

export function assessment(changes: Partial<Assessment> = {}): Assessment {
  return { startDate: '2024-06-03', authorisationDate: '2024-06-28', factors: ['3A'], ...changes }
}

export function protectionPlan(changes: Partial<ProtectionPlan> = {}): ProtectionPlan {
  return {
    startDate: '2024-06-20',
    initialCategoryOfAbuse: 'NEG',
    latestCategoryOfAbuse: 'NEG',
    numberOfPreviousCPP: '0',
    reviewDates: ['2024-09-19'],
    ...changes,
  }
}

export function episode(changes: Partial<Episode> = {}): Episode {
  return {
    referralDate: '2024-06-01',
    referralSource: '1A',
    primaryNeedCode: 'N1',
    referralNFA: 'false',
    assessments: [assessment()],
    cinPlans: [],
    section47s: [
      {
        startDate: '2024-06-03',
        initialCPCtarget: '2024-06-20',
        dateOfInitialCPC: '2024-06-20',
        icpcNotRequired: 'false',
      },
    ],
    protectionPlans: [protectionPlan()],
    ...changes,
  }
}

export function child(changes: Partial<CensusChild> = {}): CensusChild {
  return {
    laChildId: 'C1',
    upn: 'L201000000011',
    birthDate: '2015-05-01',
    sex: 'F',
    ethnicity: 'WBRI',
    disabilities: ['NONE'],
    episodes: [episode()],
    ...changes,
  }
}

/** Per rule code: a child that passes and one that fails (each a small change to the clean child). */
export type RuleCases = Record<string, [pass: CensusChild, fail: CensusChild]>

/** One test per rule on its passing and failing child, and a check that no rule lacks a case. */
export function checkEachRule(name: string, rules: readonly CensusRule[], cases: RuleCases): void {
  describe(`CIN census ${name}, each on a passing and a failing child`, () => {
    it('has a case for every rule, and every rule is in the catalogue', () => {
      assert.deepEqual(
        rules.map((r) => r.code).filter((code) => !cases[code]),
        [],
      )
      assert.deepEqual(
        rules.map((r) => r.code).filter((code) => !RULE_CATALOGUE[code]),
        [],
      )
    })
    for (const rule of rules) {
      const [pass, fail] = cases[rule.code] ?? [child(), child()]
      it(`${rule.code}: ${RULE_CATALOGUE[rule.code]?.message}`, () => {
        assert.equal(rule.breaches(pass, PERIOD), 0, 'the passing child breaches it')
        assert.ok(rule.breaches(fail, PERIOD) > 0, 'the failing child does not breach it')
      })
    }
  })
}
