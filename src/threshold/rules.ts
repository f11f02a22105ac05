// The threshold tool's rule, pure: which level of need the selected indicators suggest, and why.
//
// The suggested level is the highest level among the selected indicators; the indicators at that
// level are the ones that decided it. Indicators never add up to a higher level on their own:
// several level 3 needs across the domains do not make level 4, because level 4 turns on
// reasonable cause to suspect significant harm, which is a judgement about the impact on this
// child, not a count. Instead, when the deciding indicators span two or more domains, the result
// asks the practitioner to consider the next level up with their safeguarding lead or the front
// door: needs in several areas of a child's life at once often compound.

import type { LevelOfNeed } from '../partnership/config.ts'
import type { DomainId, Indicator, ThresholdContent } from './schemas.ts'

export interface Suggestion {
  level: LevelOfNeed
  /** The selected indicators at the suggested level: what led there. Empty when nothing was selected. */
  deciding: Indicator[]
  /** Every selected indicator, highest level first. */
  selected: Indicator[]
  /** The deciding indicators span several domains: talk through whether the next level up is met. */
  considerNextLevel: boolean
}

/** The suggestion for a set of selected indicator ids; ids not in the content are ignored. */
export function suggestLevel(selectedIds: Iterable<string>, content: ThresholdContent): Suggestion {
  const wanted = new Set(selectedIds)
  const selected = content.indicators
    .filter((indicator) => wanted.has(indicator.id))
    .sort((a, b) => b.level - a.level)
  const level = (selected[0]?.level ?? 1) as LevelOfNeed
  const deciding = selected.filter((indicator) => indicator.level === level)
  const domains = new Set(deciding.map((indicator) => indicator.domain))
  return { level, deciding, selected, considerNextLevel: level < 4 && domains.size >= 2 }
}

/** The ids in `ids` that are not indicators in the content. */
export function unknownIndicatorIds(ids: Iterable<string>, content: ThresholdContent): string[] {
  const known = new Set(content.indicators.map((indicator) => indicator.id))
  return [...new Set(ids)].filter((id) => !known.has(id))
}

/** The indicators of one domain, grouped by area in the order areas first appear, lowest level first. */
export function indicatorsByArea(
  content: ThresholdContent,
  domain: DomainId,
): { area: string; indicators: Indicator[] }[] {
  const areas = new Map<string, Indicator[]>()
  const inDomain = content.indicators.filter((i) => i.domain === domain).sort((a, b) => a.level - b.level)
  for (const indicator of inDomain)
    areas.set(indicator.area, [...(areas.get(indicator.area) ?? []), indicator])
  return [...areas].map(([area, indicators]) => ({ area, indicators }))
}

/** A threshold result as a referral carries it: the level and the ids that were selected. */
export interface ThresholdResult {
  level: LevelOfNeed
  indicatorIds: string[]
}

/** Reads the `threshold_level` and `threshold_indicators` fields the result page sends to a referral. */
export function parseThresholdResult(
  level: string | undefined,
  indicators: string | undefined,
  content: ThresholdContent,
): ThresholdResult | undefined {
  const ids = (indicators ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
  if (unknownIndicatorIds(ids, content).length > 0) return undefined
  const suggestion = suggestLevel(ids, content)
  return String(suggestion.level) === level ? { level: suggestion.level, indicatorIds: ids } : undefined
}
