// The threshold tool's inputs: its content file (config/thresholds/*.yaml: the indicators of need by
// level and Assessment Framework domain, and what to do next at each level), and the indicators a
// person selects as they walk through the tool.

import { type Static, Type } from '@sinclair/typebox'
import { NonBlankText } from '../platform/http/schemas.ts'

export const DOMAINS = ['child-development', 'parenting-capacity', 'family-and-environment'] as const
export type DomainId = (typeof DOMAINS)[number]

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
    title: NonBlankText('the resource title'),
    url: Type.String({ pattern: '^https?://\\S+$', description: "a web address starting with 'https://'" }),
  },
  { additionalProperties: false, description: 'a resource (title, url)' },
)

export const Indicator = Type.Object(
  {
    id: IndicatorId,
    level: Level,
    domain: Domain,
    area: NonBlankText('the area within the domain (e.g. Health, Housing)'),
    text: NonBlankText('what a practitioner may see, in plain words'),
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
  { id: Domain, title: NonBlankText('the domain title'), hint: NonBlankText('what the domain covers') },
  { additionalProperties: false, description: 'a domain (id, title, hint)' },
)
export type DomainDefinition = Static<typeof DomainDefinition>

const Steps = Type.Array(NonBlankText('a next step'), {
  minItems: 1,
  description: 'a list of one or more next steps',
})

export const ThresholdContent = Type.Object(
  {
    title: NonBlankText('the title of the guidance'),
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

/** The indicators selected so far, carried from page to page by plain GET forms (repeated checkboxes). */
export const Selection = Type.Object({
  indicator: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200 })),
})
export type Selection = Static<typeof Selection>

/** An indicator's id is a name from the content ('fe-3-domestic-abuse'), not a record id. */
export const IndicatorParams = Type.Object({ id: Type.String({ maxLength: 64 }) })
export type IndicatorParams = Static<typeof IndicatorParams>
