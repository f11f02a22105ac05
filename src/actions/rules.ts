// Pure decisions about actions agreed at a meeting about a child, whatever the meeting: what a
// complete action holds, when it is due (in working days, by the caller's timescale), its status,
// which are overdue, and what evidence closes one. No I/O.

import type { AgencyKind } from '../partnership/config.ts'
import { clockStatus } from '../platform/calendar/clocks.ts'
import { addWorkingDays, type IsoDate } from '../platform/calendar/working-days.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import type { ActionInput } from './schemas.ts'
import type { ActionSourceKind } from './tables.ts'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * What is missing or wrong in the action numbered `n` on a form (`actions-<n>-description`, ...): an
 * owning agency the meeting knows, a person there, a due date no earlier than `earliest` (the meeting).
 */
export function actionProblems(
  action: ActionInput,
  n: number,
  earliest: { date: IsoDate; name: string },
  kindOf: (agencyId: string) => AgencyKind | undefined,
): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!action.description.trim())
    problems.push({ field: `actions-${n}-description`, text: `Enter what action ${n} is` })
  if (!kindOf(action.ownerAgencyId))
    problems.push({ field: `actions-${n}-agency`, text: `Select the agency that owns action ${n}` })
  if (!action.ownerName.trim())
    problems.push({ field: `actions-${n}-owner`, text: `Enter the person who owns action ${n}` })
  if (!ISO_DATE.test(action.dueBy) || action.dueBy < earliest.date)
    problems.push({
      field: `actions-${n}-due`,
      text: `Enter a due date for action ${n} on or after ${earliest.name}`,
    })
  return problems
}

const FORM_PARTS: Record<string, string> = {
  description: 'description',
  ownerAgencyId: 'agency',
  ownerName: 'owner',
  dueBy: 'due',
}

/** An action's field as its form names it: 'actions[0].dueBy' -> 'actions-1-due'; any other field as it is. */
export function actionFormField(field: string): string {
  const [, index, part] = /^actions\[(\d+)\]\.(\w+)$/.exec(field) ?? []
  return index && part && FORM_PARTS[part] ? `actions-${Number(index) + 1}-${FORM_PARTS[part]}` : field
}

/** A due date set by a timescale in working days from a day (the meeting, the decision). */
export const actionDueBy = (from: IsoDate, workingDays: number): IsoDate => addWorkingDays(from, workingDays)

export type ActionStatus = 'done' | 'open' | 'due-today' | 'overdue'

/** An action as its table holds it: done once completed, else by its due date. */
export interface ActionState {
  due_by: IsoDate
  completed_at: Date | null
}

export function actionStatus(action: ActionState, today: IsoDate): ActionStatus {
  if (action.completed_at) return 'done'
  const { state } = clockStatus(action.due_by, today)
  return state === 'due' ? 'open' : state
}

/** Working days from today to the due date: 0 on the day, negative once past it. */
export const workingDaysLeft = (action: ActionState, today: IsoDate): number =>
  clockStatus(action.due_by, today).workingDaysRemaining

/** Where an action stands, in words: 'Due in 2 working days', 'Due today', 'Overdue', 'Done'. */
export function statusWords(status: ActionStatus, workingDaysRemaining: number): string {
  if (status !== 'open') return STATUS_WORDS[status]
  return `Due in ${workingDaysRemaining} working day${workingDaysRemaining === 1 ? '' : 's'}`
}

/** Where an action stands today, in words. */
export const statusInWords = (action: ActionState, today: IsoDate): string =>
  statusWords(actionStatus(action, today), workingDaysLeft(action, today))

const STATUS_WORDS: Record<Exclude<ActionStatus, 'open'>, string> = {
  'due-today': 'Due today',
  overdue: 'Overdue',
  done: 'Done',
}

/** The meeting an action was agreed at, as a page links to it. */
export const SOURCES: Readonly<Record<ActionSourceKind, { name: string; href: (id: string) => string }>> = {
  'strategy-discussion': { name: 'Strategy discussion', href: (id) => `/strategy-discussions/${id}/record` },
  'mace-discussion': { name: 'MACE meeting', href: (id) => `/mace/discussions/${id}` },
  'rapid-review': { name: 'Rapid review', href: (id) => `/reviews/${id}` },
  'case-audit': { name: 'Case audit', href: (id) => `/case-audits/cases/${id}` },
}

/** An action is closed with evidence of what was done, not just a tick. */
export function completionProblems(evidence: string): FieldProblem[] {
  return evidence.trim() ? [] : [{ field: 'evidence', text: 'Enter what was done to complete the action' }]
}
