// The voice of children and families, pure: the questions each audience is asked, the themes they
// are gathered by, how long a family's link lasts, and the counts shown (small numbers hidden).

/** A family's link lasts 14 days from when it is sent. */
export const LINK_LIFETIME_MS = 14 * 24 * 60 * 60_000
export const LINK_LIFETIME_WORDS = '14 days'

/** The answers every closed question offers, in the order they are shown. */
export const SCALE = [
  { value: 'yes', text: 'Yes' },
  { value: 'partly', text: 'Partly' },
  { value: 'no', text: 'No' },
] as const
export type ScaleValue = (typeof SCALE)[number]['value']

/** The themes results are gathered by (and what was changed is recorded against). */
export const THEMES = [
  { key: 'understanding', text: 'Understanding why we met' },
  { key: 'being-heard', text: 'Being listened to' },
  { key: 'information', text: 'Information before the meeting' },
  { key: 'what-would-help', text: 'What would have helped' },
] as const
export type ThemeKey = (typeof THEMES)[number]['key']
export const themeText = (key: string) => THEMES.find((t) => t.key === key)?.text ?? key

/** Who a link's survey is for: a parent or carer, or the child or young person themselves. */
export type SurveyFor = 'family' | 'child'
export type Audience = SurveyFor | 'practitioner'
/** Each audience's answers as the results page names them, in order. */
export const AUDIENCES: readonly Audience[] = ['family', 'child', 'practitioner']

export interface Question {
  key: string
  theme: ThemeKey
  text: string
}

/** The family's closed questions, in plain words (the free-text question follows them). */
export const FAMILY_QUESTIONS: readonly Question[] = [
  { key: 'understood', theme: 'understanding', text: 'Did you understand why the conference was held?' },
  { key: 'heard', theme: 'being-heard', text: 'Did you feel your views were listened to?' },
  {
    key: 'reports',
    theme: 'information',
    text: 'Did you get the reports in time to read them before the conference?',
  },
]
export const FAMILY_SUGGESTION = 'What would have helped you?'

/** The child's or young person's questions: the family's themes, in plain words for a child. */
export const CHILD_QUESTIONS: readonly Question[] = [
  {
    key: 'understood',
    theme: 'understanding',
    text: 'Did you know why the grown-ups were meeting about you?',
  },
  { key: 'heard', theme: 'being-heard', text: 'Did the grown-ups listen to what you think and feel?' },
  {
    key: 'explained',
    theme: 'information',
    text: 'Did someone tell you what would happen at the meeting before it started?',
  },
]
export const CHILD_SUGGESTION = 'What would have made it better for you?'

/** The practitioner's closed questions after a strategy discussion or conference. */
export const PRACTITIONER_QUESTIONS: readonly Question[] = [
  { key: 'purpose', theme: 'understanding', text: 'Was the purpose of the meeting clear?' },
  { key: 'contributed', theme: 'being-heard', text: 'Could you share what your agency knows?' },
  {
    key: 'prepared',
    theme: 'information',
    text: 'Did you have the information you needed before the meeting?',
  },
]
export const PRACTITIONER_SUGGESTION = 'What would have made the meeting better?'

const QUESTIONS: Record<Audience, readonly Question[]> = {
  family: FAMILY_QUESTIONS,
  child: CHILD_QUESTIONS,
  practitioner: PRACTITIONER_QUESTIONS,
}
export const questionsFor = (audience: Audience): readonly Question[] => QUESTIONS[audience]

/** The meetings practitioners are asked about, in words. */
export const MEETING_KINDS = {
  conference: 'child protection conference',
  'strategy-discussion': 'strategy discussion',
} as const

/** Fewer than this many answers are shown as "fewer than 5", never as the number. */
export const SMALL_NUMBER = 5

/** A count as it may be shown: 0, "fewer than 5" for 1 to 4, the number from 5. */
export function shownCount(count: number): string {
  if (count > 0 && count < SMALL_NUMBER) return `fewer than ${SMALL_NUMBER}`
  return String(count)
}

export interface QuestionResult {
  key: string
  theme: ThemeKey
  text: string
  answered: string
  counts: { value: ScaleValue; text: string; shown: string }[]
}

export interface ThemeResult {
  key: ThemeKey
  text: string
  questions: QuestionResult[]
  suggestions: string
}

/**
 * The answers gathered by theme, each question's answers counted (1 to 4 shown as "fewer than 5"),
 * and how many answered the free-text question. Nothing says who answered or about which child.
 */
export function resultsByTheme(
  audience: Audience,
  responses: readonly { answers: Record<string, string>; suggestion: string | null }[],
): ThemeResult[] {
  const questions = questionsFor(audience)
  return THEMES.map((theme) => ({
    key: theme.key,
    text: theme.text,
    questions: questions
      .filter((q) => q.theme === theme.key)
      .map((q) => ({
        ...q,
        answered: shownCount(responses.filter((r) => r.answers[q.key] !== undefined).length),
        counts: SCALE.map((option) => ({
          value: option.value,
          text: option.text,
          shown: shownCount(responses.filter((r) => r.answers[q.key] === option.value).length),
        })),
      })),
    suggestions:
      theme.key === 'what-would-help'
        ? shownCount(responses.filter((r) => (r.suggestion ?? '').trim() !== '').length)
        : '',
  }))
}
