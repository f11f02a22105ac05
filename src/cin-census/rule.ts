// What a census rule is: a pure check of one child (with the census period), counting the places
// where the child's records breach it. Rules follow the DfE's published definitions as its
// reference validator (data-to-insight/csc-validator-be-cin) implements them.

import { subtractWorkingDays } from '../platform/calendar/working-days.ts'
import type { CensusChild, CensusHeader, IsoDate } from './census.ts'
import { addDays, addYears } from './dates.ts'

export type RuleKind = 'error' | 'query'

/** The census year: 1 April to the reference date (31 March), both included. */
export interface CensusPeriod {
  referenceDate: IsoDate
  start: IsoDate
  end: IsoDate
  /** The reference date minus n working days, as the DfE counts them (n - 1 business days back). */
  workingDaysBeforeEnd(n: number): IsoDate
  /** A date worked out from the period once per file (the rules ask for it for every child). */
  derived(name: string, compute: (period: CensusPeriod) => IsoDate): IsoDate
}

/** A rule's check; its table, kind and message come from the catalogue under the same code. */
export interface CensusRule {
  code: string
  fields: readonly string[]
  /** How many records of this child breach the rule (0: none). */
  breaches(child: CensusChild, period: CensusPeriod): number
}

export function censusPeriod(header: CensusHeader): CensusPeriod | undefined {
  const end = header.referenceDate
  if (end === undefined) return undefined
  const cache = new Map<string, IsoDate>()
  const period: CensusPeriod = {
    referenceDate: end,
    start: addDays(addYears(end, -1), 1),
    end,
    workingDaysBeforeEnd: (n) => period.derived(`working-days-${n}`, () => subtractWorkingDays(end, n - 1)),
    derived(name, compute) {
      let date = cache.get(name)
      if (date === undefined) {
        date = compute(period)
        cache.set(name, date)
      }
      return date
    },
  }
  return period
}

/** Counts the items for which the test holds. */
export function countWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  let count = 0
  for (const item of items) if (test(item)) count += 1
  return count
}

/** Counts over every item of every group, e.g. each assessment of each episode. */
export function countEach<G, T>(
  groups: readonly G[],
  items: (group: G) => readonly T[],
  test: (item: T, group: G) => boolean,
): number {
  let count = 0
  for (const group of groups) for (const item of items(group)) if (test(item, group)) count += 1
  return count
}

/** Both present and a before b. */
export function before(a: IsoDate | undefined, b: IsoDate | undefined): boolean {
  return a !== undefined && b !== undefined && a < b
}

/** Present and outside [start, end]. */
export function outsidePeriod(date: IsoDate | undefined, period: CensusPeriod): boolean {
  return date !== undefined && (date < period.start || date > period.end)
}

/**
 * The review dates the reference validator gives the CP plan at `place` in its episode: it matches
 * reviews to plans by that place alone, so they are the reviews of the plans at the same place in
 * every one of the child's episodes.
 */
export function reviewsAtPlace(child: CensusChild, place: number): IsoDate[] {
  return child.episodes
    .flatMap((e) => e.protectionPlans[place]?.reviewDates ?? [])
    .filter((r) => r !== undefined)
}
