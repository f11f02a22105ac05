// Schema of a partnership configuration file (config/partnerships/*.yaml).
// One TypeBox schema gives both the TypeScript type and runtime validation;
// property names keep the YAML's snake_case so there is one name everywhere.
// Cross-field rules (uniqueness, references between sections, times) that a
// JSON schema cannot express live in crossFieldIssues below.

import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { type ValueError, type ValueErrorIterator, ValueErrorType } from '@sinclair/typebox/errors'
import { NonBlankText } from '../platform/http/schemas.ts'
import { MEASURE_DEFINITIONS } from './measure-definitions.ts'
import { RetentionSchedule } from './retention-schema.ts'

const strictObject = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description: string) =>
  Type.Object(properties, { additionalProperties: false, description })

const Slug = (what: string) =>
  Type.String({
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    description: `${what} (lower-case letters, digits and single hyphens, e.g. 'leicester')`,
  })

const Phone = Type.String({
  pattern: '^(\\+44 ?|0)\\d{2,4} ?\\d{3,4} ?\\d{3,4}$',
  description: "a UK phone number such as '0116 496 0123'",
})

const Email = Type.String({
  pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
  description: "an email address such as 'frontdoor@leicester.example'",
})

const WebAddress = Type.String({
  pattern: '^https?://[^\\s/]+\\.[^\\s]+$',
  description: "a web address starting with 'https://'",
})

/** 'HH:MM' on the 24-hour clock; '24:00' is allowed as a closing time. */
export const ClockTime = Type.String({
  pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
  description: "a time on the 24-hour clock such as '08:30', in quotes",
})

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export const OpeningHours = strictObject(
  { open: ClockTime, close: ClockTime },
  "opening hours with 'open' and 'close' times",
)
export type OpeningHours = Static<typeof OpeningHours>

/** Days left out are closed days. Bank holidays are not part of this file. */
export const OperatingHours = strictObject(
  {
    mon: Type.Optional(OpeningHours),
    tue: Type.Optional(OpeningHours),
    wed: Type.Optional(OpeningHours),
    thu: Type.Optional(OpeningHours),
    fri: Type.Optional(OpeningHours),
    sat: Type.Optional(OpeningHours),
    sun: Type.Optional(OpeningHours),
  },
  'opening hours per weekday (mon, tue, wed, thu, fri, sat, sun; leave out closed days)',
)
export type OperatingHours = Static<typeof OperatingHours>

export const OutOfHours = strictObject(
  { team_name: NonBlankText('the out-of-hours team name'), phone: Phone, email: Type.Optional(Email) },
  'the out-of-hours arrangement (team_name, phone)',
)
export type OutOfHours = Static<typeof OutOfHours>

export const FrontDoor = strictObject(
  {
    team_name: NonBlankText('the front-door team name'),
    phone: Phone,
    email: Email,
    professionals_url: WebAddress,
    public_url: WebAddress,
  },
  'the front-door contact details (team_name, phone, email, professionals_url, public_url)',
)
export type FrontDoor = Static<typeof FrontDoor>

/** Upper-case postcode area ('LE'), district ('LE15') or sector ('PE9 3'). */
export const PostcodePrefix = Type.String({
  pattern: '^[A-Z]{1,2}(\\d[A-Z\\d]?( \\d)?)?$',
  description: "an upper-case postcode area, district or sector such as 'LE', 'LE15' or 'PE9 3'",
})

export const LocalAuthority = strictObject(
  {
    id: Slug('a local authority id'),
    name: NonBlankText('the local authority name'),
    dfe_code: Type.String({ pattern: '^\\d{3}$', description: 'a 3-digit DfE LA code' }),
    operating_hours: OperatingHours,
    out_of_hours: OutOfHours,
    front_door: FrontDoor,
    postcode_prefixes: Type.Array(PostcodePrefix, {
      minItems: 1,
      description: 'a list of one or more postcode prefixes',
    }),
  },
  'a local authority (id, name, dfe_code, operating_hours, out_of_hours, front_door, postcode_prefixes)',
)
export type LocalAuthority = Static<typeof LocalAuthority>

export const AGENCY_KINDS = ['local-authority', 'police', 'health', 'education', 'other'] as const
export type AgencyKind = (typeof AGENCY_KINDS)[number]

const LaRef = Slug('the id of a local authority in this file')

export const LocalAuthorityAgency = strictObject(
  {
    id: Slug('an agency id'),
    name: NonBlankText('the agency name'),
    kind: Type.Literal('local-authority'),
    description: Type.Optional(NonBlankText('a short description of the agency')),
    la: LaRef,
  },
  'a local-authority agency (id, name, kind, la)',
)
export type LocalAuthorityAgency = Static<typeof LocalAuthorityAgency>

export const PartnerAgency = strictObject(
  {
    id: Slug('an agency id'),
    name: NonBlankText('the agency name'),
    kind: Type.Union([
      Type.Literal('police'),
      Type.Literal('health'),
      Type.Literal('education'),
      Type.Literal('other'),
    ]),
    description: Type.Optional(NonBlankText('a short description of the agency')),
    serves: Type.Union(
      [Type.Literal('all'), Type.Array(LaRef, { minItems: 1, description: 'a list of local authority ids' })],
      { description: "'all' or a list of the ids of the local authorities served" },
    ),
  },
  'a partner agency (id, name, kind, serves)',
)
export type PartnerAgency = Static<typeof PartnerAgency>

export const Agency = Type.Union([LocalAuthorityAgency, PartnerAgency], {
  description: 'an agency (id, name, kind, and la or serves)',
})
export type Agency = Static<typeof Agency>

export const OPERATING_MODELS = ['1a', '1b', '2'] as const
export const OperatingModel = Type.Union([Type.Literal('1a'), Type.Literal('1b'), Type.Literal('2')], {
  description: "one of '1a', '1b' or '2', in quotes",
})
export type OperatingModel = Static<typeof OperatingModel>

export const LEVELS_OF_NEED = [1, 2, 3, 4] as const
export type LevelOfNeed = (typeof LEVELS_OF_NEED)[number]

export const LevelDefinition = strictObject(
  {
    level: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)], {
      description: 'a level of need: 1, 2, 3 or 4',
    }),
    label: NonBlankText('the local label for this level'),
    description: Type.Optional(NonBlankText('a short description of this level')),
  },
  'a level of need (level, label, optional description)',
)
export type LevelDefinition = Static<typeof LevelDefinition>

const StageWorkingDays = Type.Integer({
  minimum: 1,
  maximum: 60,
  description: 'a whole number of working days from 1 to 60',
})

/** Professional disagreements (src/escalation): the reasons offered and each stage's timescale; defaults apply when absent. */
export const EscalationSettings = strictObject(
  {
    reasons: Type.Optional(
      Type.Array(
        strictObject(
          { id: Slug('a reason id'), label: NonBlankText('the reason in words') },
          'a reason for a disagreement (id, label)',
        ),
        { minItems: 1, description: 'a list of one or more reasons' },
      ),
    ),
    stage_working_days: Type.Optional(
      strictObject(
        {
          stage_1: StageWorkingDays,
          stage_2: StageWorkingDays,
          stage_3: StageWorkingDays,
          stage_4: StageWorkingDays,
        },
        'the working days each stage has (stage_1, stage_2, stage_3, stage_4)',
      ),
    ),
  },
  'the escalation of professional disagreements (optional reasons, stage_working_days)',
)
export type EscalationSettings = Static<typeof EscalationSettings>

const Percent = (what: string) =>
  Type.Number({ minimum: 0, maximum: 100, description: `${what}, a percentage from 0 to 100` })

/** One of the partnership's agreed standards: its target and where green ends and red begins. */
export const PerformanceStandard = strictObject(
  {
    id: Slug('a measure id'),
    title: NonBlankText('the measure in words'),
    definition: Type.Union(
      MEASURE_DEFINITIONS.map((key) => Type.Literal(key)),
      { description: `one of ${MEASURE_DEFINITIONS.join(', ')}` },
    ),
    target: Percent('the target'),
    thresholds: strictObject(
      { green: Percent('green from'), amber: Percent('amber from') },
      'green and amber (red is beyond amber)',
    ),
    direction: Type.Union([Type.Literal('higher-is-better'), Type.Literal('lower-is-better')], {
      description: "'higher-is-better' or 'lower-is-better'",
    }),
  },
  'a standard (id, title, definition, target, thresholds, direction)',
)
export type PerformanceStandard = Static<typeof PerformanceStandard>

/**
 * The nominated point of contact of a local authority anywhere in England, by its DfE LA code: who is
 * told when a child (or their family) is placed or relocated there (src/moves). LAs of the
 * partnership are named here too.
 */
export const CrossBorderContact = strictObject(
  {
    dfe_code: Type.String({ pattern: '^\\d{3}$', description: 'a 3-digit DfE LA code' }),
    la_name: NonBlankText('the local authority name'),
    contact_name: NonBlankText('the point of contact (a team or a person)'),
    email: Email,
  },
  'a point of contact (dfe_code, la_name, contact_name, email)',
)
export type CrossBorderContact = Static<typeof CrossBorderContact>
/** One standard of the yearly self-assessment (src/self-assessment): what an agency rates itself against. */
export const SelfAssessmentStandard = strictObject(
  {
    id: Slug('a standard id'),
    title: NonBlankText('the standard in a few words'),
    description: NonBlankText('what meeting the standard looks like'),
  },
  'a self-assessment standard (id, title, description)',
)
export type SelfAssessmentStandard = Static<typeof SelfAssessmentStandard>

const StandardList = (what: string) =>
  Type.Array(SelfAssessmentStandard, { minItems: 1, maxItems: 30, description: `a list of 1 to 30 ${what}` })

/** The self-assessment's standards: Section 11 for agencies, Section 175/157 for schools and colleges. */
export const SelfAssessmentStandards = strictObject(
  {
    section_11: Type.Optional(StandardList('Section 11 standards')),
    section_175: Type.Optional(StandardList('Section 175/157 standards')),
  },
  'the self-assessment standards (optional section_11, section_175)',
)
export type SelfAssessmentStandards = Static<typeof SelfAssessmentStandards>

/** One or more items with an id and a label (themes, tactics) in the partnership's own words. */
const IdLabelList = (item: string, thing: string, items: string) =>
  Type.Array(
    strictObject(
      { id: Slug(`a ${thing} id`), label: NonBlankText(`the ${thing} in words`) },
      `${item} (id, label)`,
    ),
    { minItems: 1, description: `a list of one or more ${items}` },
  )

export const PartnershipConfig = strictObject(
  {
    partnership: strictObject(
      {
        id: Slug('a partnership id'),
        name: NonBlankText('the partnership name'),
        short_name: NonBlankText('a short name'),
      },
      'the partnership (id, name, short_name)',
    ),
    operating_model: OperatingModel,
    local_authorities: Type.Array(LocalAuthority, {
      minItems: 1,
      description: 'a list of one or more local authorities',
    }),
    agencies: Type.Array(Agency, { minItems: 1, description: 'a list of one or more agencies' }),
    levels_of_need: Type.Array(LevelDefinition, {
      minItems: 4,
      maxItems: 4,
      description: 'a list of exactly four levels of need (1 to 4)',
    }),
    /** An agency's involvement with a child ends after this many days without activity (default 365). */
    involvement_inactivity_days: Type.Optional(
      Type.Integer({ minimum: 30, maximum: 3650, description: 'a whole number of days from 30 to 3650' }),
    ),
    escalation: Type.Optional(EscalationSettings),
    /** The standards the partnership's performance dashboard measures (src/intelligence); defaults apply when absent. */
    performance_standards: Type.Optional(
      Type.Array(PerformanceStandard, { minItems: 1, description: 'a list of one or more standards' }),
    ),
    /** The exploitation themes VOLT links children and persons to (src/volt); its defaults apply when absent. */
    exploitation_themes: Type.Optional(IdLabelList('a theme', 'theme', 'themes')),
    /** The disruption tactics MACE records against offenders and places (src/disruption-nrm); its defaults when absent. */
    disruption_tactics: Type.Optional(IdLabelList('a disruption tactic', 'tactic', 'disruption tactics')),
    /** The themes learning briefings and reviews are tagged with (src/learning); its defaults apply when absent. */
    learning_themes: Type.Optional(IdLabelList('a learning theme', 'theme', 'themes')),
    /** Working days after a learning briefing is sent before those who have not read it are reminded (default 5). */
    learning_reminder_working_days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 30, description: 'a whole number of working days from 1 to 30' }),
    ),
    /** Working days the police have to answer a request for information (form 87a; default 10). */
    police_request_working_days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 60, description: 'a whole number of working days from 1 to 60' }),
    ),
    /** Days before an independent scrutineer's grant ends that they and the lead who granted it are reminded (default 2). */
    scrutiny_grant_reminder_days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 27, description: 'a whole number of days from 1 to 27' }),
    ),
    /** Who each LA (in the partnership or not) names to be told of a child moving in (src/moves). */
    cross_border_contacts: Type.Optional(
      Type.Array(CrossBorderContact, { description: 'a list of points of contact' }),
    ),
    /** The yearly Section 11 and Section 175/157 self-assessment's standards; defaults apply to a list left out. */
    self_assessment_standards: Type.Optional(SelfAssessmentStandards),
    /** Years each kind of record is kept before the retention command deletes it (src/retention). */
    retention: Type.Optional(RetentionSchedule),
  },
  'a mapping with partnership, operating_model, local_authorities, agencies and levels_of_need',
)
export type PartnershipConfig = Static<typeof PartnershipConfig>

/** One problem found in a configuration: a field path in plain words and what is wrong with it. */
export interface ConfigIssue {
  path: string
  message: string
}

export type ValidationResult = { ok: true; config: PartnershipConfig } | { ok: false; issues: ConfigIssue[] }

const checker = TypeCompiler.Compile(PartnershipConfig)

/** Validates parsed YAML: the schema first, then (only if that passes) the cross-field rules. */
export function validatePartnershipConfig(value: unknown): ValidationResult {
  if (!checker.Check(value)) return { ok: false, issues: schemaIssues(checker.Errors(value)) }
  const issues = crossFieldIssues(value)
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config: value }
}

// ---------------------------------------------------------------------------
// Schema errors in plain words

/** 'local_authorities/1/dfe_code' -> 'local_authorities[1].dfe_code'. */
export function plainPath(pointer: string): string {
  const parts = pointer.split('/').slice(1)
  if (parts.length === 0) return 'the configuration'
  return parts
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '')
}

function schemaIssues(errors: ValueErrorIterator): ConfigIssue[] {
  const seen = new Set<string>()
  const issues: ConfigIssue[] = []
  for (const issue of flattenErrors(errors)) {
    if (seen.has(issue.path)) continue
    seen.add(issue.path)
    issues.push(issue)
  }
  return issues
}

function* flattenErrors(errors: Iterable<ValueError>): Generator<ConfigIssue> {
  for (const error of errors) {
    if (error.type === ValueErrorType.Union) yield* unionIssues(error)
    else yield issueFor(error)
  }
}

function issueFor(error: ValueError): ConfigIssue {
  const path = plainPath(error.path)
  const expected = describe(error.schema)
  if (error.type === ValueErrorType.ObjectRequiredProperty) {
    return { path, message: `${path} is missing (expected ${expected})` }
  }
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    return { path, message: `${path} is not a recognised field (check the spelling)` }
  }
  return { path, message: `${path} must be ${expected} (got ${shown(error.value, error.schema)})` }
}

/** A union of objects told apart by `kind` (agencies): report the errors of the variant `kind` picks. */
function unionIssues(error: ValueError): ConfigIssue[] {
  const variants = error.schema.anyOf as TSchema[]
  const value = error.value
  const discriminated = variants.every((variant) => variant.properties?.kind)
  if (!discriminated || !isRecord(value)) return [issueFor(error)]
  const index = variants.findIndex((variant) => kindValues(variant).includes(value.kind as string))
  if (index >= 0) return [...flattenErrors(error.errors[index] ?? [])]
  const path = plainPath(`${error.path}/kind`)
  const kinds = listInWords(variants.flatMap(kindValues).map((kind) => `'${kind}'`))
  const problem = value.kind === undefined ? 'is missing (expected' : 'must be'
  const got = value.kind === undefined ? ')' : ` (got ${shown(value.kind)})`
  return [{ path, message: `${path} ${problem} one of ${kinds}${got}` }]
}

function kindValues(variant: TSchema): string[] {
  const kind = variant.properties?.kind as TSchema | undefined
  if (!kind) return []
  if (kind.const !== undefined) return [String(kind.const)]
  return ((kind.anyOf ?? []) as TSchema[]).map((option) => String(option.const))
}

function describe(schema: TSchema): string {
  if (typeof schema.description === 'string') return schema.description
  if (schema.const !== undefined) return `'${schema.const}'`
  if (Array.isArray(schema.anyOf)) return `one of ${listInWords(schema.anyOf.map(describe))}`
  if (schema.type === 'string') return 'text'
  return `a value of type ${schema.type ?? 'unknown'}`
}

function shown(value: unknown, schema?: TSchema): string {
  if (value === undefined || value === null) return 'nothing'
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return `a list of ${value.length}`
  if (typeof value === 'object') return 'a mapping'
  const hint = typeof value === 'number' && schema && expectsString(schema) ? '; write it in quotes' : ''
  return `${String(value)}${hint}`
}

function expectsString(schema: TSchema): boolean {
  if (schema.type === 'string') return true
  if (typeof schema.const === 'string') return true
  return Array.isArray(schema.anyOf) && schema.anyOf.some(expectsString)
}

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// ---------------------------------------------------------------------------
// Cross-field rules

/** Rules between fields, run on a value that already matches the schema. */
export function crossFieldIssues(config: PartnershipConfig): ConfigIssue[] {
  return [
    ...duplicates(config.local_authorities, 'local_authorities', 'id', (la) => la.id),
    ...duplicates(config.local_authorities, 'local_authorities', 'dfe_code', (la) => la.dfe_code),
    ...duplicates(config.agencies, 'agencies', 'id', (agency) => agency.id),
    ...postcodePrefixIssues(config),
    ...openingTimeIssues(config),
    ...agencyReferenceIssues(config),
    ...missingLaAgencyIssues(config),
    ...levelIssues(config),
    ...duplicates(
      config.performance_standards ?? [],
      'performance_standards',
      'id',
      (standard) => standard.id,
    ),
    ...thresholdIssues(config),
    ...duplicates(config.cross_border_contacts ?? [], 'cross_border_contacts', 'dfe_code', (c) => c.dfe_code),
    ...(['section_11', 'section_175'] as const).flatMap((list) =>
      duplicates(
        config.self_assessment_standards?.[list] ?? [],
        `self_assessment_standards.${list}`,
        'id',
        (standard) => standard.id,
      ),
    ),
    ...duplicates(config.exploitation_themes ?? [], 'exploitation_themes', 'id', (theme) => theme.id),
    ...duplicates(config.disruption_tactics ?? [], 'disruption_tactics', 'id', (tactic) => tactic.id),
    ...duplicates(config.learning_themes ?? [], 'learning_themes', 'id', (theme) => theme.id),
  ]
}

function duplicates<T>(items: T[], listPath: string, field: string, key: (item: T) => string): ConfigIssue[] {
  const firstIndex = new Map<string, number>()
  const issues: ConfigIssue[] = []
  for (const [index, item] of items.entries()) {
    const value = key(item)
    const first = firstIndex.get(value)
    if (first === undefined) {
      firstIndex.set(value, index)
      continue
    }
    const path = `${listPath}[${index}].${field}`
    issues.push({
      path,
      message: `${path} must be unique ("${value}" is already used by ${listPath}[${first}])`,
    })
  }
  return issues
}

function postcodePrefixIssues(config: PartnershipConfig): ConfigIssue[] {
  const entries = config.local_authorities.flatMap((la, laIndex) =>
    la.postcode_prefixes.map((prefix, index) => ({
      prefix,
      path: `local_authorities[${laIndex}].postcode_prefixes[${index}]`,
    })),
  )
  return entries.flatMap(({ prefix, path }, i) => {
    const first = entries.findIndex((entry) => entry.prefix === prefix)
    if (first === i) return []
    return [
      { path, message: `${path} "${prefix}" is listed more than once (also at ${entries[first]?.path})` },
    ]
  })
}

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

function openingTimeIssues(config: PartnershipConfig): ConfigIssue[] {
  return config.local_authorities.flatMap((la, laIndex) =>
    WEEKDAYS.flatMap((day) => {
      const hours = la.operating_hours[day]
      if (!hours || minutesOfDay(hours.open) < minutesOfDay(hours.close)) return []
      const path = `local_authorities[${laIndex}].operating_hours.${day}`
      return [
        { path, message: `${path} opens at ${hours.open}, which is not before it closes at ${hours.close}` },
      ]
    }),
  )
}

function agencyReferenceIssues(config: PartnershipConfig): ConfigIssue[] {
  const laIds = new Set(config.local_authorities.map((la) => la.id))
  const unknown = (path: string, id: string) => ({
    path,
    message: `${path} refers to local authority "${id}", which is not in local_authorities (known: ${[...laIds].join(', ')})`,
  })
  return config.agencies.flatMap((agency, index) => {
    if (agency.kind === 'local-authority') {
      return laIds.has(agency.la) ? [] : [unknown(`agencies[${index}].la`, agency.la)]
    }
    if (agency.serves === 'all') return []
    return agency.serves.flatMap((id, j) =>
      laIds.has(id) ? [] : [unknown(`agencies[${index}].serves[${j}]`, id)],
    )
  })
}

function missingLaAgencyIssues(config: PartnershipConfig): ConfigIssue[] {
  const covered = new Set(
    config.agencies.flatMap((agency) => (agency.kind === 'local-authority' ? [agency.la] : [])),
  )
  return config.local_authorities.flatMap((la, index) => {
    if (covered.has(la.id)) return []
    const path = `local_authorities[${index}]`
    return [
      { path, message: `${path} ("${la.id}") has no agency of kind 'local-authority' with la: ${la.id}` },
    ]
  })
}

function levelIssues(config: PartnershipConfig): ConfigIssue[] {
  const seen = new Set<number>()
  const issues: ConfigIssue[] = []
  config.levels_of_need.forEach((definition, index) => {
    const path = `levels_of_need[${index}].level`
    if (seen.has(definition.level))
      issues.push({ path, message: `${path} ${definition.level} is listed twice` })
    seen.add(definition.level)
  })
  const missing = LEVELS_OF_NEED.filter((level) => !seen.has(level))
  if (missing.length > 0) {
    issues.push({ path: 'levels_of_need', message: `levels_of_need is missing level ${missing.join(', ')}` })
  }
  return issues
}

function thresholdIssues(config: PartnershipConfig): ConfigIssue[] {
  return (config.performance_standards ?? []).flatMap(({ direction, thresholds }, index) => {
    const higher = direction === 'higher-is-better'
    if (higher ? thresholds.green >= thresholds.amber : thresholds.green <= thresholds.amber) return []
    const path = `performance_standards[${index}].thresholds`
    const order = higher ? 'at least' : 'at most'
    return [{ path, message: `${path}: green must be ${order} amber when ${direction}` }]
  })
}
