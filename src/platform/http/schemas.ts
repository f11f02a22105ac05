// Input shapes every capability shares, so a rule about ids or dates is written once.

import { FormatRegistry, type Static, Type } from '@sinclair/typebox'

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
const UUID = new RegExp(UUID_PATTERN)

/**
 * A masa id. The pattern as well as the format: the 'uuid' format alone also admits 'urn:uuid:…',
 * which the database refuses.
 */
export const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', pattern: UUID_PATTERN, ...(description ? { description } : {}) })

export const isUuid = (value: string) => UUID.test(value)

/** The params of a route addressed by a record id (`/children/:id`). */
export const IdParams = Type.Object({ id: Uuid() })
export type IdParams = Static<typeof IdParams>

/** 'YYYY-MM-DD' naming a day that exists: not 2026-02-31, not 2026-99-99. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value
}

// Fastify's validator knows these formats; TypeBox's compiled checks learn them here.
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', isCalendarDate)
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', isUuid)

/** A calendar date as input: a real day, written 'YYYY-MM-DD'. */
export const CalendarDate = (description: string) =>
  Type.String({
    format: 'date',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: `${description} (YYYY-MM-DD)`,
  })
