// Case audits in people's words: agencies and LAs by name, grades and categories in words, the sample's
// rule as a sentence, and the before-and-after of a re-audit.

import { agencyName } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { CATEGORIES, CHANGE_WORDS, compareRounds, GRADES, type Grade, type SampleRule } from './rules.ts'
import type { PartRow, ProgrammeRow } from './store.ts'

export const laName = (partnership: PartnershipConfig, laId: string) =>
  partnership.local_authorities.find((la) => la.id === laId)?.name ?? laId

export const gradeWords = (grade: Grade | null | undefined) => (grade ? GRADES[grade] : 'Not yet graded')

export const categoryWords = (category: string) => CATEGORIES[category as keyof typeof CATEGORIES] ?? category

/** The sample's rule in words; the page adds the day it counted back from with its date filter. */
export function ruleWords(
  rule: SampleRule,
  pool: number,
): { children: string; category: string; months: string; pool: string } {
  return {
    children: `Up to ${rule.size} ${rule.size === 1 ? 'child' : 'children'}`,
    category: rule.category === 'any' ? 'any category' : CATEGORIES[rule.category].toLowerCase(),
    months: `${rule.months} ${rule.months === 1 ? 'month' : 'months'}`,
    pool: pool === 1 ? '1 child met the rule' : `${pool} children met the rule`,
  }
}

/** Each agency's grades at the audit and the re-audit, with the change, for the case's page. */
export function comparisons(
  partnership: PartnershipConfig,
  programme: ProgrammeRow,
  parts: readonly PartRow[],
) {
  const agencies = [...new Set(parts.map((part) => part.agency_id))].sort()
  const kept = (part: PartRow | undefined) =>
    part?.submitted_at ? { answers: part.answers, overall: part.overall_grade } : undefined
  return agencies.map((agencyId) => {
    const find = (round: number) => parts.find((p) => p.agency_id === agencyId && p.round === round)
    return {
      agency: agencyName(partnership, agencyId),
      rows: compareRounds(programme.questions, kept(find(1)), kept(find(2))).map((row) => ({
        question: row.question,
        before: gradeWords(row.before),
        after: gradeWords(row.after),
        change: CHANGE_WORDS[row.change],
      })),
    }
  })
}
