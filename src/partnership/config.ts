// Loading a partnership configuration (config/partnerships/*.yaml) and small
// pure helpers over it: finding LAs, routing a postcode, opening hours, labels.

import { readFile } from 'node:fs/promises'
import { parseDocument, type YAMLError } from 'yaml'
import {
  type ConfigIssue,
  type LevelOfNeed,
  type LocalAuthority,
  minutesOfDay,
  type PartnershipConfig,
  validatePartnershipConfig,
  type Weekday,
} from './config-schema.ts'

export type {
  Agency,
  AgencyKind,
  ConfigIssue,
  CrossBorderContact,
  LevelOfNeed,
  LocalAuthority,
  OperatingModel,
  PartnershipConfig,
  Weekday,
} from './config-schema.ts'

/** Thrown for an unreadable, malformed or invalid file; one line per problem, each naming the file. */
export class PartnershipConfigError extends Error {
  readonly source: string
  readonly issues: readonly ConfigIssue[]

  constructor(source: string, issues: ConfigIssue[]) {
    super(issues.map((issue) => `${source}: ${issue.message}`).join('\n'))
    this.name = 'PartnershipConfigError'
    this.source = source
    this.issues = issues
  }
}

export async function loadPartnershipConfig(path: string): Promise<PartnershipConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new PartnershipConfigError(path, [{ path: '', message: `cannot read the file (${reason})` }])
  }
  return parsePartnershipConfig(text, path)
}

/** Parses and validates YAML text; `sourceName` (usually the file path) prefixes every error line. */
export function parsePartnershipConfig(text: string, sourceName: string): PartnershipConfig {
  const document = parseDocument(text)
  if (document.errors.length > 0) {
    throw new PartnershipConfigError(sourceName, document.errors.map(yamlIssue))
  }
  const result = validatePartnershipConfig(document.toJS())
  if (!result.ok) throw new PartnershipConfigError(sourceName, result.issues)
  return result.config
}

function yamlIssue(error: YAMLError): ConfigIssue {
  const firstLine = (error.message.split('\n')[0] ?? error.message).replace(/:$/, '')
  return { path: '', message: `is not valid YAML: ${firstLine}` }
}

// ---------------------------------------------------------------------------
// Local authorities

/** The LA with this DfE code (e.g. '856'), if it is in the partnership. */
export function findLaByCode(config: PartnershipConfig, code: string | number): LocalAuthority | undefined {
  const wanted = String(code).trim()
  return config.local_authorities.find((la) => la.dfe_code === wanted)
}

/** The LA with this id; throws if there is none (ids come from the same configuration). */
export function getLa(config: PartnershipConfig, id: string): LocalAuthority {
  const la = config.local_authorities.find((candidate) => candidate.id === id)
  if (!la) throw new Error(`No local authority "${id}" in partnership "${config.partnership.id}"`)
  return la
}

// ---------------------------------------------------------------------------
// Postcode routing

const FULL_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/
const OUTWARD_CODE = /^[A-Z]{1,2}\d[A-Z\d]?$/

/**
 * The LA a postcode routes to: the most specific configured prefix wins
 * (sector 'PE9 3' over district 'LE15' over area 'LE'). Case and spaces in the
 * postcode are ignored; an outward code alone ('LE15') is accepted. Prefixes
 * match whole parts only, so 'LE1' does not catch 'LE16 7AB'.
 */
export function laForPostcode(config: PartnershipConfig, postcode: string): LocalAuthority | undefined {
  const keys = postcodeKeys(postcode)
  if (keys.length === 0) return undefined
  const byPrefix = new Map(config.local_authorities.flatMap((la) => la.postcode_prefixes.map((p) => [p, la])))
  for (const key of keys) {
    const la = byPrefix.get(key)
    if (la) return la
  }
  return undefined
}

/** Prefix keys a postcode can match, most specific first: sector, district, area. */
export function postcodeKeys(postcode: string): string[] {
  const compact = postcode.toUpperCase().replace(/\s+/g, '')
  const full = FULL_POSTCODE.exec(compact)
  const outward = full ? full[1] : OUTWARD_CODE.test(compact) ? compact : undefined
  if (!outward) return []
  const area = outward.replace(/\d.*$/, '')
  const sector = full ? [`${outward} ${full[2]?.charAt(0)}`] : []
  return [...sector, outward, area]
}

// ---------------------------------------------------------------------------
// Operating hours (Europe/London)

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

export interface LondonTime {
  /** Local calendar date, 'YYYY-MM-DD'. */
  date: string
  weekday: Weekday
  /** Minutes since local midnight. */
  minutes: number
}

/** The wall-clock date, weekday and time in London (GMT or BST) at an instant. */
export function londonTime(instant: Date): LondonTime {
  const parts = Object.fromEntries(londonClock.formatToParts(instant).map((part) => [part.type, part.value]))
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).slice(0, 3).toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  }
}

export interface OperatingHoursOptions {
  /** Extra closed days by London date 'YYYY-MM-DD', e.g. England and Wales bank holidays. */
  isClosedDate?: (date: string) => boolean
}

/** Whether the LA's front door is open at this instant: open <= London time < close. */
export function isWithinOperatingHours(
  la: LocalAuthority,
  instant: Date,
  options: OperatingHoursOptions = {},
): boolean {
  const now = londonTime(instant)
  const hours = la.operating_hours[now.weekday]
  if (!hours || options.isClosedDate?.(now.date)) return false
  return minutesOfDay(hours.open) <= now.minutes && now.minutes < minutesOfDay(hours.close)
}

// ---------------------------------------------------------------------------
// Levels of need

/** The partnership's local label for a level of need, e.g. 'Early help' for 2. */
export function levelLabel(config: PartnershipConfig, level: LevelOfNeed): string {
  const definition = config.levels_of_need.find((candidate) => candidate.level === level)
  if (!definition) throw new Error(`Level of need ${level} is not defined for "${config.partnership.id}"`)
  return definition.label
}
