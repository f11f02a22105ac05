// The threshold tool's content (config/thresholds/*.yaml): the indicators of need by level and
// Assessment Framework domain, and what to do next at each level. Validated on load; every problem
// names the file and the field.

import { readFile } from 'node:fs/promises'
import { type Static, Type } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { parseDocument } from 'yaml'
import { plainPath } from '../partnership/config-schema.ts'

export const DEMO_THRESHOLD_CONTENT = new URL('../../config/thresholds/demo.yaml', import.meta.url).pathname

export const DOMAINS = ['child-development', 'parenting-capacity', 'family-and-environment'] as const
export type DomainId = (typeof DOMAINS)[number]

const Text = (what: string) => Type.String({ pattern: '\\S', description: `${what} as non-blank text` })
const Level = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)], {
  description: 'a level of need: 1, 2, 3 or 4',
})
const Domain = Type.Union(
  DOMAINS.map((id) => Type.Literal(id)),
  { description: `one of ${DOMAINS.map((id) => `'${id}'`).join(', ')}` },
)
const IndicatorId = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  description: "an indicator id (lower-case letters, digits and single hyphens, e.g. 'cd-2-health')",
})

const Resource = Type.Object(
  {
    title: Text('the resource title'),
    url: Type.String({ pattern: '^https?://\\S+$', description: "a web address starting with 'https://'" }),
  },
  { additionalProperties: false, description: 'a resource (title, url)' },
)

export const Indicator = Type.Object(
  {
    id: IndicatorId,
    level: Level,
    domain: Domain,
    area: Text('the area within the domain (e.g. Health, Housing)'),
    text: Text('what a practitioner may see, in plain words'),
    resources: Type.Array(Resource, { description: 'a list of resources (may be empty)' }),
    related: Type.Array(IndicatorId, { description: 'a list of related indicator ids (may be empty)' }),
  },
  {
    additionalProperties: false,
    description: 'an indicator (id, level, domain, area, text, resources, related)',
  },
)
export type Indicator = Static<typeof Indicator>

const DomainDefinition = Type.Object(
  { id: Domain, title: Text('the domain title'), hint: Text('what the domain covers') },
  { additionalProperties: false, description: 'a domain (id, title, hint)' },
)
export type DomainDefinition = Static<typeof DomainDefinition>

const Steps = Type.Array(Text('a next step'), {
  minItems: 1,
  description: 'a list of one or more next steps',
})

export const ThresholdContent = Type.Object(
  {
    title: Text('the title of the guidance'),
    domains: Type.Array(DomainDefinition, {
      minItems: 3,
      maxItems: 3,
      description: 'the three domains, in order',
    }),
    next_steps: Type.Object(
      { 1: Steps, 2: Steps, 3: Steps, 4: Steps },
      { additionalProperties: false, description: 'next steps for each level, 1 to 4' },
    ),
    indicators: Type.Array(Indicator, { minItems: 1, description: 'a list of indicators' }),
  },
  { additionalProperties: false, description: 'a mapping with title, domains, next_steps and indicators' },
)
export type ThresholdContent = Static<typeof ThresholdContent>

export class ThresholdContentError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(problems.map((problem) => `${source}: ${problem}`).join('\n'))
    this.name = 'ThresholdContentError'
  }
}

const checker = TypeCompiler.Compile(ThresholdContent)

export async function loadThresholdContent(path = DEMO_THRESHOLD_CONTENT): Promise<ThresholdContent> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ThresholdContentError(path, [`cannot read the file (${(error as NodeJS.ErrnoException).code})`])
  }
  return parseThresholdContent(text, path)
}

export function parseThresholdContent(text: string, source: string): ThresholdContent {
  const document = parseDocument(text)
  if (document.errors.length > 0) {
    throw new ThresholdContentError(
      source,
      document.errors.map((e) => `is not valid YAML: ${e.message.split('\n')[0]}`),
    )
  }
  const value: unknown = document.toJS()
  if (!checker.Check(value)) throw new ThresholdContentError(source, schemaProblems(value))
  const problems = crossFieldProblems(value)
  if (problems.length > 0) throw new ThresholdContentError(source, problems)
  return value
}

function schemaProblems(value: unknown): string[] {
  const seen = new Set<string>()
  const problems: string[] = []
  for (const error of checker.Errors(value)) {
    const path = plainPath(error.path)
    if (seen.has(path)) continue
    seen.add(path)
    const expected = (error.schema.description as string | undefined) ?? error.message
    problems.push(
      error.value === undefined ? `${path} is missing (expected ${expected})` : `${path} must be ${expected}`,
    )
  }
  return problems
}

function crossFieldProblems(content: ThresholdContent): string[] {
  const problems: string[] = []
  const firstIndex = new Map<string, number>()
  content.indicators.forEach((indicator, index) => {
    const first = firstIndex.get(indicator.id)
    if (first === undefined) firstIndex.set(indicator.id, index)
    else problems.push(`indicators[${index}].id "${indicator.id}" is already used by indicators[${first}]`)
  })
  content.indicators.forEach((indicator, index) => {
    indicator.related.forEach((id, j) => {
      const path = `indicators[${index}].related[${j}]`
      if (id === indicator.id) problems.push(`${path} is the indicator itself`)
      else if (!firstIndex.has(id))
        problems.push(`${path} refers to "${id}", which is not an indicator in this file`)
    })
  })
  DOMAINS.forEach((domain) => {
    const declared = content.domains.filter((d) => d.id === domain).length
    if (declared !== 1) problems.push(`domains must list '${domain}' exactly once (found ${declared})`)
    if (!content.indicators.some((indicator) => indicator.domain === domain)) {
      problems.push(`indicators has none in the domain '${domain}'`)
    }
  })
  return problems
}
