// Scoring a search candidate against what the searcher typed: pure functions over the evidence the
// database measured (trigram similarity, edit distance, sound-alike keys) and the dates themselves.
// Names carry the most weight: a misspelt name with a swapped date of birth must still beat a
// stranger born on the typed date.

import type { IsoDate } from '../platform/calendar/working-days.ts'

export interface ParsedName {
  given: string
  family: string
  /** One word typed: compared with both the given and the family name. */
  single: boolean
}

export interface SearchQuery {
  name?: ParsedName
  dateOfBirth?: IsoDate
  nhsNumber?: string
  upn?: string
}

/** One of a candidate's names (the record's own or an alias) and whether each part sounds like the typed one. */
export interface CandidateName {
  givenName: string
  familyName: string
  /** Set when the name is an alias: 'previous name', 'known as', ... */
  aliasKind: string | null
  /** Double metaphone keys agree (the database computes them). */
  givenSoundsAlike: boolean
  familySoundsAlike: boolean
}

export interface Candidate {
  childId: string
  dateOfBirth: IsoDate | null
  nhsNumber: string | null
  upn: string | null
  names: CandidateName[]
}

export interface Reason {
  text: string
  /** Positive for evidence that this is the same child, negative against. */
  points: number
}

export interface ScoredMatch {
  childId: string
  score: number
  likelyDuplicate: boolean
  reasons: Reason[]
  namePoints: number
}

/** At or above this score a candidate is flagged as a likely duplicate of the child being searched for. */
export const LIKELY_DUPLICATE_SCORE = 70
/** Below this score a candidate is not shown at all. */
export const MINIMUM_SCORE = 20

const POINTS = {
  family: 35,
  given: 25,
  nhsSame: 70,
  nhsDifferent: -30,
  upnSame: 70,
  upnDifferent: -15,
  dob: { exact: 30, swapped: 24, 'one-digit': 20, 'one-day': 20, different: -10 },
} as const

// ---------------------------------------------------------------------------
// The typed name

/** 'Oliver James Smith' -> given 'oliver james', family 'smith'; 'Smith, Oliver' -> the same idea. */
export function parseName(input: string): ParsedName | undefined {
  const [before, after] = input.split(',', 2).map(normaliseName)
  if (after !== undefined && before && after) return { given: after, family: before, single: false }
  const words = normaliseName(input).split(' ').filter(Boolean)
  if (words.length === 0) return undefined
  const family = words[words.length - 1] ?? ''
  if (words.length === 1) return { given: family, family, single: true }
  return { given: words.slice(0, -1).join(' '), family, single: false }
}

export const fullName = (name: ParsedName) => (name.single ? name.family : `${name.given} ${name.family}`)

// ---------------------------------------------------------------------------
// Dates of birth

export type DateOfBirthMatch = 'exact' | 'swapped' | 'one-digit' | 'one-day' | 'different'

const DOB_REASONS: Record<Exclude<DateOfBirthMatch, 'different'>, string> = {
  exact: 'same date of birth',
  swapped: 'date of birth with day and month swapped',
  'one-digit': 'date of birth one digit different',
  'one-day': 'date of birth one day apart',
}

const isIsoDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

const addDays = (date: IsoDate, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

const swapDayAndMonth = (date: IsoDate) => `${date.slice(0, 4)}-${date.slice(8, 10)}-${date.slice(5, 7)}`

/** Dates one keystroke away: one digit of YYYY-MM-DD moved up or down by one. */
function oneDigitNeighbours(date: IsoDate): IsoDate[] {
  const neighbours: IsoDate[] = []
  for (let i = 0; i < date.length; i++) {
    const digit = Number(date[i])
    if (date[i] === '-') continue
    for (const next of [digit - 1, digit + 1]) {
      if (next >= 0 && next <= 9) neighbours.push(`${date.slice(0, i)}${next}${date.slice(i + 1)}`)
    }
  }
  return neighbours
}

/**
 * The dates a mistyped date of birth may stand for, the typed one first: the same date, day and
 * month swapped, one digit up or down, a day either side. A small set, so an index finds them all.
 */
export function dateOfBirthVariants(date: IsoDate): IsoDate[] {
  const variants = [
    date,
    swapDayAndMonth(date),
    ...oneDigitNeighbours(date),
    addDays(date, -1),
    addDays(date, 1),
  ]
  return [...new Set(variants)].filter((d) => isIsoDate(d) && d >= '1900-01-01')
}

export function compareDatesOfBirth(typed: IsoDate, recorded: IsoDate): DateOfBirthMatch {
  if (typed === recorded) return 'exact'
  if (swapDayAndMonth(typed) === recorded) return 'swapped'
  if (oneDigitNeighbours(typed).includes(recorded)) return 'one-digit'
  if (addDays(typed, -1) === recorded || addDays(typed, 1) === recorded) return 'one-day'
  return 'different'
}

// ---------------------------------------------------------------------------
// Names

/** Lower case, accents off, letters and digits only: 'Róisín O'Brien' -> 'roisin obrien'. */
export function normaliseName(text: string): string {
  const lower = text.toLowerCase()
  if (/^[a-z]+$/.test(lower)) return lower
  return lower
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) from one string to the other, counted up
 * to `limit`: anything further is reported as limit + 1.
 */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let before = new Array<number>(b.length + 1).fill(0)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowBest = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] as number) + 1)
      current[j] = best
      rowBest = Math.min(rowBest, best)
    }
    if (rowBest > limit) return limit + 1
    before = previous
    previous = current
  }
  return Math.min(previous[b.length] as number, limit + 1)
}

function trigrams(text: string): Set<string> {
  const grams = new Set<string>()
  for (const word of text.split(' ').filter(Boolean)) {
    const padded = `  ${word} `
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3))
  }
  return grams
}

function setSimilarity(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 || y.size === 0) return 0
  let shared = 0
  for (const gram of x) if (y.has(gram)) shared++
  return shared / (x.size + y.size - shared)
}

/** pg_trgm's similarity: shared trigrams over all trigrams, words padded as pg_trgm pads them. */
export function trigramSimilarity(a: string, b: string): number {
  return setSimilarity(trigrams(a), trigrams(b))
}

type PartMatch = 'same' | 'one letter different' | 'spelt slightly differently' | 'sounds alike' | 'other'

/** How strongly a recorded name part supports the typed one, from 1 (the same) to 0. */
export function comparePart(
  typed: string,
  recorded: string,
  soundsAlike: boolean,
): { match: PartMatch; strength: number } {
  if (typed === recorded) return { match: 'same', strength: 1 }
  const edits = editDistance(typed, recorded, 2)
  const length = Math.max(typed.length, recorded.length)
  if (edits === 1) return { match: 'one letter different', strength: length >= 4 ? 0.9 : 0.75 }
  if (soundsAlike && length >= 5) return { match: 'sounds alike', strength: 0.8 }
  if (edits === 2 && length >= 6) return { match: 'spelt slightly differently', strength: 0.75 }
  // Sound-alike keys drop vowels, so short names collide ('Ivy', 'Ava'): worth less there.
  const similar = { match: 'other' as const, strength: 0.7 * trigramSimilarity(typed, recorded) }
  return soundsAlike && similar.strength < 0.5 ? { match: 'sounds alike', strength: 0.5 } : similar
}

const CLOSE: readonly PartMatch[] = [
  'same',
  'one letter different',
  'spelt slightly differently',
  'sounds alike',
]

function describeName(given: PartMatch, family: PartMatch, single: boolean): string | undefined {
  if (single) {
    const best = CLOSE.find((m) => m === given || m === family)
    if (!best) return undefined
    return best === 'same' ? 'same name' : `name ${best}`
  }
  if (given === 'same' && family === 'same') return 'same name'
  if (CLOSE.includes(given) && CLOSE.includes(family)) {
    return given === 'sounds alike' || family === 'sounds alike'
      ? 'name sounds alike'
      : 'name spelt slightly differently'
  }
  const parts = [
    CLOSE.includes(family)
      ? `${family === 'same' ? 'same family name' : `family name ${family}`}`
      : undefined,
    CLOSE.includes(given) ? `${given === 'same' ? 'same given name' : `given name ${given}`}` : undefined,
  ]
  return parts.filter(Boolean).join(', ') || undefined
}

/** Scores names against one typed name; names repeat across candidates, so each is compared once. */
function nameScorer(query: ParsedName) {
  const typedTrigrams = trigrams(fullName(query))
  const parts = new Map<string, ReturnType<typeof comparePart>>()
  const part = (typed: string, recorded: string, soundsAlike: boolean) => {
    const key = `${typed}|${recorded}|${soundsAlike}`
    const known = parts.get(key) ?? comparePart(typed, recorded, soundsAlike)
    parts.set(key, known)
    return known
  }
  const maxByWhole = 0.9 * (POINTS.family + POINTS.given)

  const score = (name: CandidateName): Reason | undefined => {
    const recordedGiven = normaliseName(name.givenName)
    const recordedFamily = normaliseName(name.familyName)
    const given = part(query.given, recordedGiven, name.givenSoundsAlike)
    const family = part(query.family, recordedFamily, name.familySoundsAlike)
    const byParts = query.single
      ? POINTS.family * Math.max(given.strength, family.strength)
      : POINTS.family * family.strength + POINTS.given * given.strength
    // Trigrams ignore word order, so this also catches names typed family first or with a middle name.
    const similarity =
      byParts >= maxByWhole ? 0 : setSimilarity(typedTrigrams, trigrams(`${recordedGiven} ${recordedFamily}`))
    const byWhole = maxByWhole * similarity
    const points = Math.round(Math.max(byParts, byWhole))
    if (points <= 0) return undefined
    const described = byParts >= byWhole ? describeName(given.match, family.match, query.single) : undefined
    const text = described ?? `similar name (${Math.round(similarity * 100)}% alike)`
    if (!name.aliasKind) return { text, points }
    return { text: `${text}: ${name.aliasKind} ${name.givenName} ${name.familyName}`, points }
  }

  return (names: readonly CandidateName[]): Reason | undefined => {
    let best: Reason | undefined
    for (const name of names) {
      const reason = score(name)
      if (reason && (!best || reason.points > best.points)) best = reason
    }
    return best
  }
}

// ---------------------------------------------------------------------------
// Identifiers and the whole score

function identifierReasons(query: SearchQuery, candidate: Candidate): Reason[] {
  const reasons: Reason[] = []
  if (query.nhsNumber && candidate.nhsNumber) {
    reasons.push(
      query.nhsNumber === candidate.nhsNumber
        ? { text: 'same NHS number', points: POINTS.nhsSame }
        : { text: 'different NHS number', points: POINTS.nhsDifferent },
    )
  }
  if (query.upn && candidate.upn) {
    reasons.push(
      query.upn === candidate.upn
        ? { text: 'same UPN', points: POINTS.upnSame }
        : { text: 'different UPN', points: POINTS.upnDifferent },
    )
  }
  return reasons
}

function dateOfBirthReason(query: SearchQuery, candidate: Candidate): Reason | undefined {
  if (!query.dateOfBirth || !candidate.dateOfBirth) return undefined
  const match =
    query.dateOfBirth === candidate.dateOfBirth
      ? 'exact'
      : compareDatesOfBirth(query.dateOfBirth, candidate.dateOfBirth)
  const text = match === 'different' ? 'different date of birth' : DOB_REASONS[match]
  return { text, points: POINTS.dob[match] }
}

type NameScorer = ReturnType<typeof nameScorer>

export function scoreCandidate(
  query: SearchQuery,
  candidate: Candidate,
  scoreNames?: NameScorer,
): ScoredMatch {
  const bestName = scoreNames ?? (query.name ? nameScorer(query.name) : undefined)
  const name = bestName?.(candidate.names)
  const reasons = [...identifierReasons(query, candidate), name, dateOfBirthReason(query, candidate)].filter(
    (reason): reason is Reason => reason !== undefined,
  )
  const total = reasons.reduce((sum, reason) => sum + reason.points, 0)
  const score = Math.max(0, Math.min(100, total))
  reasons.sort((a, b) => b.points - a.points)
  return {
    childId: candidate.childId,
    score,
    likelyDuplicate: score >= LIKELY_DUPLICATE_SCORE,
    reasons,
    namePoints: name?.points ?? 0,
  }
}

/** Best first: score, then the strength of the name, then a stable order. */
export function rankCandidates(query: SearchQuery, candidates: Candidate[], limit: number): ScoredMatch[] {
  const scoreNames = query.name ? nameScorer(query.name) : undefined
  return candidates
    .map((candidate) => scoreCandidate(query, candidate, scoreNames))
    .filter((match) => match.score >= MINIMUM_SCORE)
    .sort((a, b) => b.score - a.score || b.namePoints - a.namePoints || a.childId.localeCompare(b.childId))
    .slice(0, limit)
}
