// One input pipeline, shared by every capability: schema helpers and ids, the one FieldProblem type,
// and the compiled check that turns a TypeBox schema's refusals into words for people. forms.ts is
// its web half. How a capability uses it (the front door does exactly this):
//
//   schemas.ts  export const Input = Type.Object({
//                 firstName: Text({ description: 'first name', label: 'first name', maxLength: 200,
//                                   missing: 'Enter the child’s first name' }),
//                 consent: literals(keysOf(CONSENTS), 'whether …', { missing: 'Select whether …' }),
//                 dateOfBirth: Type.Optional(CalendarDate('date of birth', { invalid: '…' })),
//               })
//               export const inputCheck = compileInput(Input)   // the same schema, compiled once
//   rules.ts    const problems = mergeProblems(FORM_ORDER, inputCheck.problems(value), meaning(value))
//   workflow.ts if (problems.length > 0) throw new InvalidInput(problems)   // a 400 naming problems[0].field
//   api.ts      { schema: { body: Input } }                  // Fastify refuses bad shapes: 400 naming the field
//   pages.ts    const form = formOf(Input)                   // forms.ts
//               form.read(request.body)                      // posted fields -> the API's body
//               on InvalidInput: render(view, { form: postedFields(request.body), ...form.errors(problems) })
//
// Words: every field says what to tell a person when it is missing (absent, or blank text where
// required), too long or not valid: `Text`, `literals`, `CalendarDate` and `Uuid` take them, and
// `fieldMessages` adds them to any schema (stored as the 'x-messages' annotation, which Fastify's
// validator is told about through SCHEMA_ANNOTATIONS). Nothing a schema knows internally (a pattern, a
// JSON pointer, a property name) becomes page text: a field without its own words gets "Check this
// answer". Ids: `Uuid` in schemas, `isUuid` before any lookup by id, `IdParams` for `/things/:id`.

import {
  FormatRegistry,
  type Static,
  type StringOptions,
  type TLiteral,
  type TSchema,
  type TUnion,
  Type,
} from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors'
import { RequestError } from './errors.ts'

// ---------------------------------------------------------------------------
// Words for people

/** What to tell a person about a field; each is a whole sentence in GOV.UK style. */
export interface FieldMessages {
  /** Left out or blank: 'Enter the child’s first name', 'Select the decision'. */
  missing?: string
  /** Longer than maxLength; by default '<Label> must be N characters or fewer'. */
  tooLong?: string
  /** Any other refusal: 'Date of birth must be a real date'. */
  invalid?: string
}

/**
 * The schema annotation holding a field's FieldMessages. Fastify's validator is told it is an
 * annotation (app.ts: SCHEMA_ANNOTATIONS), and OpenAPI passes 'x-' keys through.
 */
const MESSAGES = 'x-messages'
export const SCHEMA_ANNOTATIONS = [MESSAGES]

const annotate = (messages: FieldMessages | undefined) => (messages ? { [MESSAGES]: messages } : {})

// ---------------------------------------------------------------------------
// Ids and dates

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
const UUID = new RegExp(UUID_PATTERN)

/**
 * A masa id. The pattern as well as the format: the 'uuid' format alone also admits 'urn:uuid:…',
 * which the database refuses.
 */
export const Uuid = (description?: string, messages?: FieldMessages) =>
  Type.String({
    format: 'uuid',
    pattern: UUID_PATTERN,
    ...(description ? { description } : {}),
    ...annotate(messages),
  })

/** Whether a value is a masa id: check before a lookup, so a malformed id is "not found", not a database error. */
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

/** A calendar date as input: a real day, written 'YYYY-MM-DD' (a form's day, month and year fields). */
export const CalendarDate = (description: string, messages?: FieldMessages) =>
  Type.String({
    format: 'date',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: `${description} (YYYY-MM-DD)`,
    ...annotate(messages),
  })

// ---------------------------------------------------------------------------
// Fields

/** Adds the words for people to any schema. */
export const fieldMessages = <T extends TSchema>(schema: T, messages: FieldMessages): T =>
  ({ ...schema, [MESSAGES]: messages }) as T

export interface TextOptions extends FieldMessages, Omit<StringOptions, 'description'> {
  /** For the API's documentation: what the field holds. */
  description: string
  /** For people, as it reads mid-sentence: 'the child’s first name'. Makes the default tooLong. */
  label?: string
}

/** Free text, as long as `maxLength` at most. Blank text is missing wherever the field is required. */
export function Text({ description, label, missing, tooLong, invalid, ...options }: TextOptions) {
  const { maxLength } = options
  const defaultTooLong =
    label && maxLength
      ? `${capitalise(label)} must be ${maxLength.toLocaleString('en-GB')} characters or fewer`
      : undefined
  return Type.String({
    ...options,
    description,
    ...annotate({ missing, tooLong: tooLong ?? defaultTooLong, invalid }),
  })
}

/** Text in a configuration file that must say something; its description is the file author's guidance. */
export const NonBlankText = (what: string) =>
  Type.String({ pattern: '\\S', description: `${what} as non-blank text` })

/** One of a fixed set of strings, typed as their union. */
export const literals = <T extends string>(
  values: readonly T[],
  description: string,
  messages?: FieldMessages,
) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    { description, ...annotate(messages) },
  ) as unknown as TUnion<TLiteral<T>[]>

/** The keys of a record of labels, as the values of a `literals` field. */
export const keysOf = <T extends object>(record: T) => Object.keys(record) as (keyof T & string)[]

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

// ---------------------------------------------------------------------------
// Problems

/** One thing wrong with an input: the field as the API names it, and the words for the person. */
export interface FieldProblem {
  /** 'child.firstName', 'children[0].nhsNumber': the API's name; a page turns it into a link. */
  field: string
  /** For people: what to do, in GOV.UK style ('Enter the child’s first name'). */
  text: string
}

/** 'children', 0, 'nhsNumber' -> 'children[0].nhsNumber' */
export const fieldName = (path: readonly (string | number)[]) =>
  path.reduce<string>(
    (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    '',
  )

/** '/children/0/nhsNumber' -> 'children[0].nhsNumber' */
export const fieldOfPointer = (pointer: string) =>
  fieldName(
    pointer
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
  )

const GENERIC = 'Check this answer'

function textFor(error: ValueError): string {
  const messages = (error.schema as { [MESSAGES]?: FieldMessages })[MESSAGES] ?? {}
  const blank = typeof error.value === 'string' && error.value.trim() === ''
  if (error.type === ValueErrorType.ObjectRequiredProperty || (blank && messages.missing))
    return messages.missing ?? messages.invalid ?? GENERIC
  if (error.type === ValueErrorType.StringMaxLength || error.type === ValueErrorType.ArrayMaxItems)
    return messages.tooLong ?? messages.invalid ?? GENERIC
  return messages.invalid ?? messages.missing ?? GENERIC
}

/** A required text field holding only spaces is as missing as one left out. */
function* blankRequired(schema: TSchema, value: unknown, path: string): Generator<ValueError> {
  if (schema.type !== 'object' || !value || typeof value !== 'object') return
  const properties = (schema.properties ?? {}) as Record<string, TSchema>
  const required = new Set<string>(schema.required ?? [])
  for (const [key, property] of Object.entries(properties)) {
    const item = (value as Record<string, unknown>)[key]
    const at = `${path}/${key}`
    if (property.type === 'string' && required.has(key) && typeof item === 'string' && item.trim() === '')
      yield {
        type: ValueErrorType.ObjectRequiredProperty,
        schema: property,
        path: at,
        value: item,
        message: 'blank',
        errors: [],
      }
    else yield* blankRequired(property, item, at)
  }
}

/** Bad input: the API reports the first problem (with its field), a form shows them all. */
export class InvalidInput extends RequestError {
  constructor(override readonly problems: FieldProblem[]) {
    super(400, problems[0]?.text ?? 'Invalid input', problems[0]?.field)
  }
}

/** The input as its schema types it, or InvalidInput with every problem (the schema's, then `more`). */
export function checkedInput<T extends TSchema>(
  check: InputCheck<T>,
  input: unknown,
  more: FieldProblem[] = [],
): Static<T> {
  // An item of a list of checkboxes is a problem of the list: the form has one field for it.
  const problems = [...check.problems(input), ...more].map((problem) => ({
    ...problem,
    field: problem.field.replace(/\[\d+\]$/, ''),
  }))
  if (problems.length > 0 || !check.fits(input)) throw new InvalidInput(problems)
  return input
}

export interface InputCheck<T extends TSchema> {
  /** Every field at fault (the first refusal of each), for people; empty when the value fits. */
  problems(value: unknown): FieldProblem[]
  /** Whether the value fits the schema, blank required text aside. */
  fits(value: unknown): value is Static<T>
}

/**
 * The compiled check of one input schema, the same one the API runs: what a form posted (through
 * forms.ts `formValue`) or a batch item gets exactly the API's limits, and words for people.
 */
export function compileInput<T extends TSchema>(schema: T): InputCheck<T> {
  const compiled = TypeCompiler.Compile(schema)
  return {
    problems(value) {
      const byField = new Map<string, string>()
      for (const error of [...blankRequired(schema, value, ''), ...compiled.Errors(value)]) {
        const field = fieldOfPointer(error.path)
        if (!byField.has(field)) byField.set(field, textFor(error))
      }
      return [...byField].map(([field, text]) => ({ field, text }))
    },
    fits: (value): value is Static<T> => compiled.Check(value),
  }
}

/**
 * Problems from several checks, the first for each field kept (the schema's before the rules'), in
 * the order the fields are listed in `order` (the form's order), then any others.
 */
export function mergeProblems(
  order: readonly string[],
  ...lists: readonly (readonly FieldProblem[])[]
): FieldProblem[] {
  const byField = new Map<string, FieldProblem>()
  for (const problem of lists.flat()) if (!byField.has(problem.field)) byField.set(problem.field, problem)
  const rank = (field: string) => {
    const index = order.indexOf(field)
    return index < 0 ? order.length : index
  }
  return [...byField.values()].sort((a, b) => rank(a.field) - rank(b.field))
}

/** The fields of an object schema, nested ones as 'child.firstName', in the order they are declared. */
export function fieldsOf(schema: TSchema, prefix = ''): string[] {
  if (schema.type !== 'object') return prefix ? [prefix] : []
  return Object.entries((schema.properties ?? {}) as Record<string, TSchema>).flatMap(([key, property]) =>
    fieldsOf(property, prefix ? `${prefix}.${key}` : key),
  )
}
