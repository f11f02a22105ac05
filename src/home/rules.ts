// Pure: a home page section from a whole list: its counts in words and its first few items.
import type { TimeLeft } from '../platform/calendar/time-left.ts'

export interface Item {
  text: string
  href: string
  hint?: string
  /** What came of it, in words (a referral's outcome). */
  outcome?: string
  due?: TimeLeft
  /** Each agency told of a shared event, and whether it has acknowledged it. */
  recipients?: { agency: string; acknowledged: boolean; due?: TimeLeft }[]
  /** Where who was told is not the actor's to know (see sharing's eventsWeShared): all of them together. */
  everyoneTold?: { acknowledged: boolean; due?: TimeLeft }
}

export interface Section {
  title: string
  /** The counts in words, e.g. "3 open referrals, 1 overdue"; absent where a count says nothing. */
  summary?: string
  items: Item[]
  /** How many more the full list holds than are shown. */
  notShown: number
  more?: { href: string; text: string }
  empty: string
}

/** How many items a section shows; the full list is a link away. */
export const SHORT_LIST = 5

export interface SectionInput {
  title: string
  /** What one and several of the items are called. */
  noun: readonly [string, string]
  /** The whole list, what is due first at the top. */
  items: readonly Item[]
  /** The count, when the section lists none of what it counts. */
  count?: number
  countShown?: boolean
  more?: { href: string; text: string }
  empty: string
}

export function section(input: SectionInput): Section {
  const { items, noun } = input
  const count = input.count ?? items.length
  const overdue = items.filter((item) => item.due?.state === 'overdue').length
  const today = items.filter((item) => item.due?.state === 'due-today').length
  const summary = [
    `${count} ${count === 1 ? noun[0] : noun[1]}`,
    ...(overdue > 0 ? [`${overdue} overdue`] : []),
    ...(today > 0 ? [`${today} due today`] : []),
  ].join(', ')
  return {
    title: input.title,
    summary: input.countShown === false || count === 0 ? undefined : summary,
    items: items.slice(0, SHORT_LIST),
    notShown: Math.max(0, items.length - SHORT_LIST),
    more: input.more,
    empty: input.empty,
  }
}
