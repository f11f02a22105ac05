// The MASA plan's pure rules: a configured agency's kind in the register, pounds and pence, checking
// a plan file or a forum's feedback file against its format (naming the path and the field), and the
// regional forum's comparison of plans section by section. No database, no clock.

import { TypeCompiler } from '@sinclair/typebox/compiler'
import type { ValueError } from '@sinclair/typebox/errors'
import { ValueErrorType } from '@sinclair/typebox/errors'
import { DISALLOWED_TEXT, disallowedTextField } from '../platform/http/input.ts'
import { fieldOfPointer, InvalidInput, isCalendarDate } from '../platform/http/schemas.ts'
import { FeedbackFile, PlanFile } from './schemas.ts'
import {
  type PartnerKind,
  type PlanSection,
  questionId,
  questionIdsOf,
  SECTIONS,
  sectionOf,
} from './sections.ts'

/**
 * A configured agency's kind in the register: the local authority and the police are lead
 * safeguarding partners, as is health's integrated care board (other health agencies are relevant
 * agencies); education agencies are schools. The business unit corrects any of it.
 */
export function partnerKindOf(agency: { kind: string; name: string }): PartnerKind {
  if (agency.kind === 'local-authority' || agency.kind === 'police') return 'safeguarding-partner'
  if (agency.kind === 'health')
    return /integrated care board/i.test(agency.name) ? 'safeguarding-partner' : 'relevant-agency'
  if (agency.kind === 'education') return 'school'
  return 'relevant-agency'
}

/** '£12,500.50' -> 1250050 (the form's pattern has already refused anything else). */
export function penceOf(amount: string): number {
  const [pounds = '0', pence = '00'] = amount.replace(/[£,\s]/g, '').split('.')
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'))
}

/** 1250050 -> '£12,500.50'; 1250000 -> '£12,500'. */
export function poundsOf(pence: number): string {
  const pounds = Math.floor(pence / 100).toLocaleString('en-GB')
  const rest = pence % 100
  return rest === 0 ? `£${pounds}` : `£${pounds}.${String(rest).padStart(2, '0')}`
}

/** The financial year starting in `year`, in words: '2026 to 2027'. */
export const financialYear = (year: number) => `${year} to ${year + 1}`

// ---------------------------------------------------------------------------
// A plan file, or a forum's feedback file, against its format

/** One of the two file formats: its compiled schema, words, and the checks a schema cannot state. */
interface FileKind<T> {
  compiled: ReturnType<typeof TypeCompiler.Compile>
  prefix: string
  empty: string
  notJson: string
  meaning: (file: T, prefix: string) => string | undefined
}

function wordsFor(error: ValueError, field: string, prefix: string): string {
  const at = `field "${field}"`
  if (error.type === ValueErrorType.ObjectRequiredProperty) return `${prefix} ${at} is missing`
  if (error.type === ValueErrorType.ObjectAdditionalProperties)
    return `${prefix} ${at} is not part of the format`
  if (error.type === ValueErrorType.ArrayMaxItems) return `${prefix} ${at} has too many items`
  const description = (error.schema as { description?: string }).description
  return `${prefix} ${at} must be ${description ?? 'of the format’s kind'}`
}

/** Problems the schema cannot state: sections repeated, answers not among the section's questions. */
function planMeaning(file: PlanFile, prefix: string): string | undefined {
  const seen = new Set<string>()
  for (const [i, section] of file.sections.entries()) {
    if (seen.has(section.key))
      return `${prefix} field "sections[${i}].key" repeats the section "${section.key}"`
    seen.add(section.key)
    const ids = questionIdsOf(sectionOf(section.key) as PlanSection)
    const j = section.answers.findIndex((answer) => !ids.includes(answer))
    if (j >= 0)
      return `${prefix} field "sections[${i}].answers[${j}]" must be one of the section’s guiding questions (${ids.join(', ')})`
  }
  for (const [i, contribution] of file.contributions.entries())
    if (contribution.amountPence === undefined && !contribution.inKind?.trim())
      return `${prefix} field "contributions[${i}]" must have an amountPence or an inKind description`
  for (const [i, point] of file.reviewPoints.entries())
    if (!isCalendarDate(point.due)) return `${prefix} field "reviewPoints[${i}].due" must be a real date`
  return undefined
}

/** A file's instant (its format checks only the pattern of some) as a Date, when it is one. */
export function instantOf(value: string): Date | null {
  const at = new Date(value)
  return Number.isNaN(at.getTime()) ? null : at
}

/** An instant the pattern let through that is no real moment (30 February, 25 o'clock). */
const notAnInstant = (value: string) => {
  const at = new Date(value)
  return Number.isNaN(at.getTime()) || at.toISOString().slice(0, 19) !== value.slice(0, 19)
}

/** Problems the schema cannot state: a piece of feedback repeated, an instant that never was. */
function feedbackMeaning(file: FeedbackFile, prefix: string): string | undefined {
  if (notAnInstant(file.exportedAt)) return `${prefix} field "exportedAt" must be a real moment`
  const seen = new Set<string>()
  for (const [i, item] of file.feedback.entries()) {
    if (seen.has(item.id)) return `${prefix} field "feedback[${i}].id" repeats an earlier piece of feedback`
    seen.add(item.id)
    if (notAnInstant(item.writtenAt))
      return `${prefix} field "feedback[${i}].writtenAt" must be a real moment`
  }
  return undefined
}

const PLAN_FILE: FileKind<PlanFile> = {
  compiled: TypeCompiler.Compile(PlanFile),
  prefix: 'The file does not fit the MASA plan format:',
  empty: 'Paste a MASA plan file',
  notJson: 'The file is not JSON: paste the whole file downloaded from a partnership’s MASA plan',
  meaning: planMeaning,
}

const FEEDBACK_FILE: FileKind<FeedbackFile> = {
  compiled: TypeCompiler.Compile(FeedbackFile),
  prefix: 'The file does not fit the forum feedback format:',
  empty: 'Paste the regional forum’s feedback file',
  notJson: 'The file is not JSON: paste the whole feedback file the regional forum sent',
  meaning: feedbackMeaning,
}

function fileProblem<T>(kind: FileKind<T>, value: unknown): string | undefined {
  const error = kind.compiled.Errors(value).First()
  if (error) return wordsFor(error, fieldOfPointer(error.path) || 'the file', kind.prefix)
  return kind.meaning(value as T, kind.prefix)
}

/** JSON.stringify writes a lone surrogate (which the database refuses) as an escape; a pair stays as it is. */
const LONE_SURROGATE = /\\ud[89a-f][0-9a-f]{2}/i

function readFileOf<T>(kind: FileKind<T>, text: string, field: string): T {
  const refuse = (words: string) => new InvalidInput([{ field, text: words }])
  if (!text.trim()) throw refuse(kind.empty)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw refuse(kind.notJson)
  }
  const control = disallowedTextField(value)
  if (control) throw refuse(`${kind.prefix} field "${control}" ${DISALLOWED_TEXT}`)
  if (LONE_SURROGATE.test(JSON.stringify(value)))
    throw refuse(`${kind.prefix} the file holds text that is not valid Unicode`)
  const problem = fileProblem(kind, value)
  if (problem) throw refuse(problem)
  return value as T
}

/** The first thing wrong with a plan file, in words naming its path and field; none when it fits. */
export const planFileProblem = (value: unknown) => fileProblem(PLAN_FILE, value)

/** A pasted plan file, parsed and checked: the plan, or InvalidInput on `field` naming what is wrong. */
export const readPlanFile = (text: string, field = 'file') => readFileOf(PLAN_FILE, text, field)

/** The first thing wrong with a forum's feedback file; none when it fits. */
export const feedbackFileProblem = (value: unknown) => fileProblem(FEEDBACK_FILE, value)

/** A pasted feedback file, parsed and checked, or InvalidInput on `field` naming what is wrong. */
export const readFeedbackFile = (text: string, field = 'file') => readFileOf(FEEDBACK_FILE, text, field)

// ---------------------------------------------------------------------------
// The forum's comparison

export interface ComparedPlan {
  /** 'own' or the imported plan's id. */
  ref: string
  name: string
  file: PlanFile
}

export interface ComparedSection {
  key: string
  title: string
  questions: {
    id: string
    text: string
    /** Per plan, in the plans' order: whether its text answers the question. */
    answered: boolean[]
    /** Some plans answer it and others do not. */
    differs: boolean
  }[]
  /** Per plan: its text (empty when not written) and how many questions it answers. */
  plans: { ref: string; name: string; text: string; answers: number; written: boolean }[]
  /** Written by some plans and not others, or answering different questions. */
  differs: boolean
}

/** The plans side by side by section, with which guiding questions each answers and where they differ. */
export function compareSections(plans: readonly ComparedPlan[]): ComparedSection[] {
  return SECTIONS.map((section) => {
    const texts = plans.map((plan) => plan.file.sections.find((s) => s.key === section.key))
    const questions = section.questions.map((text, index) => {
      const id = questionId(index)
      const answered = texts.map((s) => s?.answers.includes(id) ?? false)
      return { id, text, answered, differs: answered.some(Boolean) && !answered.every(Boolean) }
    })
    const written = texts.map((s) => Boolean(s?.text.trim()))
    return {
      key: section.key,
      title: section.title,
      questions,
      plans: plans.map((plan, i) => ({
        ref: plan.ref,
        name: plan.name,
        text: texts[i]?.text ?? '',
        answers: texts[i]?.answers.length ?? 0,
        written: written[i] ?? false,
      })),
      differs: questions.some((q) => q.differs) || (written.some(Boolean) && !written.every(Boolean)),
    }
  })
}
