// Case audits' pure decisions: the grades and categories in words, the default audit tool, drawing
// a sample by a rule with a seed (the same seed and data give the same sample, spread across the
// LAs), how long an audit grant lasts, and the change between an audit and its re-audit. No I/O.

import type { IsoDate } from '../platform/calendar/working-days.ts'

export const GRADES = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement',
  inadequate: 'Inadequate',
} as const
export type Grade = keyof typeof GRADES
/** Better grades score higher, so a change reads as better or worse. */
const GRADE_SCORE: Record<Grade, number> = {
  outstanding: 4,
  good: 3,
  'requires-improvement': 2,
  inadequate: 1,
}

/** The child protection plan categories (the DfE's codes), as the sample's rule names them. */
export const CATEGORIES = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  SAB: 'Sexual abuse',
  EMO: 'Emotional abuse',
  MUL: 'Multiple categories',
  any: 'Any category',
} as const
export type SampleCategory = keyof typeof CATEGORIES

/** The audit tool a new programme starts from: one question a line, each graded with free text. */
export const DEFAULT_QUESTIONS = [
  'Was the child seen, and were their wishes and feelings heard?',
  'Was information shared between agencies promptly and well?',
  'Was the plan specific, and did it reduce risk to the child?',
  'Did the agency act on concerns and escalate where it should?',
]

export interface Question {
  id: string
  text: string
}

/** A tool's questions, numbered as their answers are kept (q1, q2 …). */
export const questionsOf = (lines: readonly string[]): Question[] =>
  lines.map((text, index) => ({ id: `q${index + 1}`, text }))

/** How long an agency's audit grant opens the child's record: the audit's working window. */
export const AUDIT_GRANT_DAYS = 28
export const grantExpiry = (from: Date): Date => new Date(from.getTime() + AUDIT_GRANT_DAYS * 86_400_000)

// ---------------------------------------------------------------------------
// The sample

export interface SampleRule {
  category: SampleCategory
  /** Plans that started within this many months before `asOf` (inclusive). */
  months: number
  size: number
  /** The day the months count back from: kept so the rule can be drawn again the same. */
  asOf: IsoDate
}

/** A child who meets the rule: their plan, and their LA. */
export interface Candidate {
  childId: string
  laId: string
  planId: string
  startDate: IsoDate
}

/** The first day a plan may have started on to meet the rule: `months` calendar months before `asOf`. */
export function earliestStart(rule: Pick<SampleRule, 'months' | 'asOf'>): IsoDate {
  const [year, month, day] = rule.asOf.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(year, month - 1 - rule.months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(day, last))
  return first.toISOString().slice(0, 10)
}

/** A 32-bit hash of a string (FNV-1a): the seed's words as a number. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function generator(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seeded shuffle (Fisher–Yates) of a list in a fixed order. */
function shuffled<T>(items: readonly T[], seed: string): T[] {
  const random = generator(hash(seed))
  const out = [...items]
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/**
 * Draws `size` children from those who meet the rule, spread across the LAs: each LA's children in a
 * seeded order, then one from each LA in turn (in the order of their ids) until the sample is full or
 * every LA is used up, so LAs differ by at most one unless one has too few. Whatever order the
 * candidates come in, the same seed gives the same sample.
 */
export function drawSample(candidates: readonly Candidate[], size: number, seed: string): Candidate[] {
  const byLa = new Map<string, Candidate[]>()
  const ordered = [...candidates].sort((a, b) => a.childId.localeCompare(b.childId))
  for (const candidate of ordered) byLa.set(candidate.laId, [...(byLa.get(candidate.laId) ?? []), candidate])
  const queues = [...byLa.keys()].sort().map((laId) => shuffled(byLa.get(laId) ?? [], `${seed}:${laId}`))
  const sample: Candidate[] = []
  while (sample.length < size && queues.some((queue) => queue.length > 0))
    for (const queue of queues) {
      const next = queue.shift()
      if (next && sample.length < size) sample.push(next)
    }
  return sample
}

// ---------------------------------------------------------------------------
// The re-audit: the change shown

export type Change = 'better' | 'same' | 'worse' | 'none'

export function changeOf(before: Grade | null | undefined, after: Grade | null | undefined): Change {
  if (!before || !after) return 'none'
  const delta = GRADE_SCORE[after] - GRADE_SCORE[before]
  return delta > 0 ? 'better' : delta < 0 ? 'worse' : 'same'
}

export const CHANGE_WORDS: Record<Change, string> = {
  better: 'Improved',
  same: 'No change',
  worse: 'Worse',
  none: 'Not yet graded',
}

/** An agency's part as kept: each question's grade and comment, and its overall grade. */
export interface Answers {
  [questionId: string]: { grade: Grade; comment: string }
}

export interface ComparedRow {
  question: string
  before: Grade | null
  after: Grade | null
  change: Change
}

/** One agency's grades question by question, and overall, at the audit and at the re-audit. */
export function compareRounds(
  questions: readonly Question[],
  before: { answers: Answers | null; overall: Grade | null } | undefined,
  after: { answers: Answers | null; overall: Grade | null } | undefined,
): ComparedRow[] {
  const row = (question: string, b: Grade | null, a: Grade | null): ComparedRow => ({
    question,
    before: b,
    after: a,
    change: changeOf(b, a),
  })
  return [
    ...questions.map((q) =>
      row(q.text, before?.answers?.[q.id]?.grade ?? null, after?.answers?.[q.id]?.grade ?? null),
    ),
    row('Overall', before?.overall ?? null, after?.overall ?? null),
  ]
}

/**
 * Free text written about a child without the child's names: each of the given names, as a whole word
 * in any case, reads "[name withheld]". Findings are shown so to a reader who may not know who the child is.
 */
export function withoutNames(text: string, names: readonly string[]): string {
  const words = names.map((name) => name.trim()).filter((name) => name.length > 1)
  if (words.length === 0) return text
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return text.replace(
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu'),
    '[name withheld]',
  )
}
