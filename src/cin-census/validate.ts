// Validates a CIN census file in one pass: each child against every implemented rule as it is
// read, then the few rules over the whole return (duplicate identifiers). Findings are handed
// to the caller as they are found, so nothing but the counts per rule and the identifiers seen
// stays in memory.

import { RULE_CATALOGUE } from './catalogue.ts'
import type { CensusChild, CensusHeader } from './census.ts'
import { readCensus } from './reader.ts'
import {
  type CensusPeriod,
  type CensusRule,
  censusPeriod,
  countWhere,
  outsidePeriod,
  type RuleKind,
} from './rule.ts'
import { ACTIVITY_RULES } from './rules-activity.ts'
import { EPISODE_RULES } from './rules-episodes.ts'
import { GROUP_RULES } from './rules-groups.ts'
import { IDENTIFIER_RULES } from './rules-identifiers.ts'

export interface Finding {
  /** The child's LAchildID ('' for the header, '(missing)' when the child has none). */
  child: string
  code: string
  kind: RuleKind
  table: string
  message: string
  fields: readonly string[]
  /** How many of the child's records breach the rule. */
  count: number
}

export interface RuleTally {
  code: string
  kind: RuleKind
  message: string
  children: number
  records: number
}

export interface ValidationSummary {
  header: CensusHeader
  children: number
  rules: RuleTally[]
  errors: number
  queries: number
}

export const CHILD_RULES: readonly CensusRule[] = [
  ...IDENTIFIER_RULES,
  ...EPISODE_RULES,
  ...ACTIVITY_RULES,
  ...GROUP_RULES,
]

/** The codes this validator checks, child rules and rules over the whole return. */
export const IMPLEMENTED_CODES: readonly string[] = [
  ...CHILD_RULES.map((r) => r.code),
  '100',
  '1520',
  '8510',
  '2883',
  '2886Q',
  '2887Q',
  '2888Q',
]

/** The fields each rule names, as its findings give them. */
export const RULE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(CHILD_RULES.map((r) => [r.code, r.fields])),
  '100': ['ReferenceDate'],
  '1520': ['UPN'],
  '8510': ['LAchildID'],
  '2883': ['CPPstartDate'],
  '2886Q': ['Sex'],
  '2887Q': ['Disability'],
  '2888Q': ['Disability'],
}

export async function validateCensus(
  chunks: AsyncIterable<string | Buffer>,
  onFinding: (finding: Finding) => void,
  /** Each child as read, with the census period (none when the header gives no reference date). */
  onChild?: (child: CensusChild, period: CensusPeriod | undefined) => void,
): Promise<ValidationSummary> {
  const tally = new Map<string, RuleTally>()
  const report = (child: string, code: string, fields: readonly string[], count: number) => {
    const finding = describe(child, code, fields, count)
    const rule = tally.get(code) ?? {
      code,
      kind: finding.kind,
      message: finding.message,
      children: 0,
      records: 0,
    }
    rule.children += 1
    rule.records += count
    tally.set(code, rule)
    onFinding(finding)
  }
  const duplicates = new DuplicateTracker()
  const returnWide = new ReturnTally()
  let header: CensusHeader = {}
  let children = 0
  let period: CensusPeriod | undefined
  for await (const item of readCensus(chunks)) {
    if (item.kind === 'header') {
      header = item.header
      period = censusPeriod(header)
      if (referenceDateIncorrect(header)) report('', '100', ['ReferenceDate'], 1)
      continue
    }
    children += 1
    const id = item.child.laChildId ?? '(missing)'
    for (const rule of CHILD_RULES) {
      const count = period ? rule.breaches(item.child, period) : 0
      if (count > 0) report(id, rule.code, rule.fields, count)
    }
    duplicates.see(item.child)
    returnWide.see(item.child, period)
    onChild?.(item.child, period)
  }
  for (const [code, field, ids] of duplicates.found()) for (const id of ids) report(id, code, [field], 1)
  for (const [code, field] of returnWide.breached()) report('', code, [field], 1)
  return summarise(header, children, tally)
}

function describe(child: string, code: string, fields: readonly string[], count: number): Finding {
  const definition = RULE_CATALOGUE[code]
  if (!definition) throw new Error(`Rule ${code} is not in the catalogue`)
  return { child, code, ...definition, fields, count }
}

// The rules on the return as a whole (reported for the LA, not a child): 2883, more CP plans
// starting in the year than initial conferences held in it (on episodes and s47s); 2886Q, more than
// 2% of children (unborn ones aside) with no sex recorded; 2887Q, fewer than 8 disability codes used
// (NONE aside); 2888Q, no child with more than one disability recorded (NONE aside).
class ReturnTally {
  private plansStarting = 0
  private conferences = 0
  private children = 0
  private noSex = 0
  private readonly codes = new Set<string>()
  private severalDisabilities = false

  see(child: CensusChild, period: CensusPeriod | undefined): void {
    if (period) this.countConferences(child, period)
    this.children += 1
    if ((child.sex === undefined || child.sex === 'U') && child.expectedBirthDate === undefined)
      this.noSex += 1
    const disabilities = child.disabilities.filter((d) => d !== 'NONE')
    for (const code of disabilities) if (this.codes.size < 8) this.codes.add(ownCopy(code))
    if (disabilities.length > 1) this.severalDisabilities = true
  }

  private countConferences(child: CensusChild, period: CensusPeriod): void {
    const inYear = (date: string | undefined) => date !== undefined && !outsidePeriod(date, period)
    for (const e of child.episodes) {
      this.plansStarting += countWhere(e.protectionPlans, (p) => inYear(p.startDate))
      this.conferences +=
        (inYear(e.dateOfInitialCPC) ? 1 : 0) + countWhere(e.section47s, (s) => inYear(s.dateOfInitialCPC))
    }
  }

  *breached(): Generator<[string, string]> {
    if (this.plansStarting > this.conferences) yield ['2883', 'CPPstartDate']
    if (this.children > 0 && this.noSex / this.children > 0.02) yield ['2886Q', 'Sex']
    if (this.codes.size < 8) yield ['2887Q', 'Disability']
    if (!this.severalDisabilities) yield ['2888Q', 'Disability']
  }
}

/** Rule 100: the reference date must be 31 March of the collection year. */
function referenceDateIncorrect(header: CensusHeader): boolean {
  return header.referenceDate === undefined || header.referenceDate !== `${header.year}-03-31`
}

function summarise(header: CensusHeader, children: number, tally: Map<string, RuleTally>): ValidationSummary {
  const rules = [...tally.values()].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))
  const sum = (kind: RuleKind) => rules.filter((r) => r.kind === kind).reduce((n, r) => n + r.children, 0)
  return { header, children, rules, errors: sum('error'), queries: sum('query') }
}

/**
 * A copy of a string that shares no memory with the text it was cut from: V8 keeps a slice of 13
 * characters or more (a UPN) as a view of the whole chunk it was read in, so keeping the slice
 * would keep every chunk of the file.
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}

// Rules 1520 and 8510: every child whose UPN or LAchildID another child also has. Only the
// identifiers (not the children) are kept, to find the repeats at the end of the file.
class DuplicateTracker {
  private readonly upns = new Map<string, string[] | string>()
  private readonly ids = new Map<string, number>()

  see(child: CensusChild): void {
    const id = child.laChildId === undefined ? undefined : ownCopy(child.laChildId)
    if (child.upn !== undefined) {
      const seen = this.upns.get(child.upn)
      if (seen === undefined) this.upns.set(ownCopy(child.upn), id ?? '(missing)')
      else this.upns.set(child.upn, [...(typeof seen === 'string' ? [seen] : seen), id ?? '(missing)'])
    }
    if (id !== undefined) this.ids.set(id, (this.ids.get(id) ?? 0) + 1)
  }

  *found(): Generator<[string, string, string[]]> {
    const repeatedUpns = [...this.upns.values()].filter((ids) => typeof ids !== 'string')
    yield ['1520', 'UPN', repeatedUpns.flat()]
    const repeatedIds = [...this.ids].filter(([, n]) => n > 1)
    yield ['8510', 'LAchildID', repeatedIds.flatMap(([id, n]) => Array<string>(n).fill(id))]
  }
}
