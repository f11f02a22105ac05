// The working-day clocks of the demo history's shared events and disagreements, worked out by the
// modules' own rules (bank holidays too) for every day of the window and written to a temporary
// table, so the set-based SQL looks a due time up instead of guessing at working days.

import { type Kysely, sql } from 'kysely'
import type { DB } from '../database.ts'
import { escalationSettings, STAGE_NUMBERS, stageDueBy } from '../escalation/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { acknowledgementDueAt } from '../sharing/index.ts'

const DAY_MS = 86_400_000

/**
 * h_calendar (day, ack_due_at, stage_due): for a notification created on the day (medium or low risk)
 * the instant its acknowledgement is due (acknowledgementDueAt), and each stage's due day for a
 * disagreement stage started on it (stageDueBy), from `years` (and a month) before now to a month after.
 */
export async function writeHistoryCalendar(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  { years, now }: { years: number; now: Date },
): Promise<void> {
  const settings = escalationSettings(partnership)
  const today = Date.parse(`${toIsoDate(now)}T00:00:00Z`)
  const days: IsoDate[] = []
  for (let at = today - (years * 366 + 31) * DAY_MS; at <= today + 31 * DAY_MS; at += DAY_MS)
    days.push(new Date(at).toISOString().slice(0, 10))
  // A medium or low risk event's clock runs by the London day it arrived (noon UTC is that day).
  const dueAt = days.map((day) => acknowledgementDueAt(new Date(`${day}T12:00:00Z`), 'low').toISOString())
  const stageDue = days.map(
    (day) => `{${STAGE_NUMBERS.map((stage) => stageDueBy(settings, stage, day)).join(',')}}`,
  )
  await sql`
    CREATE TEMP TABLE h_calendar ON COMMIT DROP AS
    SELECT c.day, c.ack_due_at, c.stage_due::date[] AS stage_due
    FROM unnest(${days}::date[], ${dueAt}::timestamptz[], ${stageDue}::text[]) AS c(day, ack_due_at, stage_due)`.execute(
    db,
  )
  await sql`ALTER TABLE h_calendar ADD PRIMARY KEY (day)`.execute(db)
  await sql`ANALYZE h_calendar`.execute(db)
}
