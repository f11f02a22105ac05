// The interactive threshold tool: a walk through the three domains, one page each, then the
// suggested level. Plain GET forms carry the selected indicator ids from page to page, so it works
// without JavaScript, a result can be bookmarked or shared, and no personal data is involved
// (which is also why it is open to anyone, as partnerships publish their threshold documents).

import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { levelLabel, type PartnershipConfig } from '../partnership/config.ts'
import { RequestError } from '../platform/http/errors.ts'
import { DOMAINS, type DomainId, loadThresholdContent, type ThresholdContent } from './content.ts'
import { indicatorsByArea, suggestLevel, unknownIndicatorIds } from './rules.ts'

export interface ThresholdToolOptions {
  partnership: PartnershipConfig
  /** A config/thresholds/*.yaml file; the demo content when absent. */
  contentFile?: string
}

const VIEWS = 'threshold/views'
const Selection = Type.Object({
  indicator: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200 })),
})
const page = { schema: { hide: true, querystring: Selection } }

export async function thresholdToolPlugin(
  app: FastifyInstance,
  options: ThresholdToolOptions,
): Promise<void> {
  const content = await loadThresholdContent(options.contentFile)
  const levels = options.partnership.levels_of_need.map((level) => ({
    ...level,
    label: levelLabel(options.partnership, level.level),
  }))
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`${VIEWS}/${view}.njk`, { title: content.title, domains: content.domains, levels, ...context })

  app.get('/threshold-tool', { schema: { hide: true } }, (_request, reply) => render(reply, 'start', {}))

  app.get<{ Querystring: { indicator?: string[] } }>('/threshold-tool/result', page, (request, reply) => {
    const selected = selection(request.query.indicator, content)
    const suggestion = suggestLevel(selected, content)
    return render(reply, 'result', {
      suggestion,
      level: levels.find((level) => level.level === suggestion.level),
      nextLevel: levels.find((level) => level.level === suggestion.level + 1),
      nextSteps: content.next_steps[suggestion.level],
      selectedByDomain: content.domains.map((domain) => ({
        domain,
        indicators: suggestion.selected.filter((indicator) => indicator.domain === domain.id),
        changeUrl: stepUrl(domain.id, selected),
      })),
      indicatorIds: selected.join(','),
    })
  })

  app.get<{ Params: { id: string } }>(
    '/threshold-tool/indicators/:id',
    // An indicator's id is a name from the content ('fe-3-domestic-abuse'), not a record id.
    { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    (request, reply) => {
      const indicator = content.indicators.find((candidate) => candidate.id === request.params.id)
      if (!indicator) throw new RequestError(404, 'No such indicator')
      const related = content.indicators.filter((candidate) => indicator.related.includes(candidate.id))
      return render(reply, 'indicator', {
        indicator,
        related,
        domain: content.domains.find((domain) => domain.id === indicator.domain),
        level: levels.find((level) => level.level === indicator.level),
      })
    },
  )

  app.get<{ Params: { domain: string }; Querystring: { indicator?: string[] } }>(
    '/threshold-tool/:domain',
    page,
    (request, reply) => {
      const step = DOMAINS.indexOf(request.params.domain as DomainId)
      if (step < 0) throw new RequestError(404, 'No such step')
      const domainId = DOMAINS[step] as DomainId
      const selected = selection(request.query.indicator, content)
      const inDomain = new Set(content.indicators.filter((i) => i.domain === domainId).map((i) => i.id))
      const next = DOMAINS[step + 1]
      return render(reply, 'domain', {
        step: step + 1,
        domain: content.domains.find((domain) => domain.id === domainId),
        areas: indicatorsByArea(content, domainId),
        selected,
        carried: selected.filter((id) => !inDomain.has(id)),
        action: next ? `/threshold-tool/${next}` : '/threshold-tool/result',
        backUrl: step === 0 ? '/threshold-tool' : stepUrl(DOMAINS[step - 1] as DomainId, selected),
      })
    },
  )
}

function selection(ids: string[] | undefined, content: ThresholdContent): string[] {
  const selected = [...new Set(ids ?? [])]
  const unknown = unknownIndicatorIds(selected, content)
  if (unknown.length > 0) throw new RequestError(400, `Unknown indicator: ${unknown.join(', ')}`, 'indicator')
  return selected
}

function stepUrl(domain: DomainId, selected: readonly string[]): string {
  const query = new URLSearchParams(selected.map((id) => ['indicator', id]))
  return `/threshold-tool/${domain}${selected.length > 0 ? `?${query}` : ''}`
}
