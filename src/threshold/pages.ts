// The interactive threshold tool: a walk through the three domains, one page each, then the
// suggested level. Plain GET forms carry the selected indicator ids from page to page, so it works
// without JavaScript, a result can be bookmarked or shared, and no personal data is involved
// (which is also why it is open to anyone, as partnerships publish their threshold documents).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { levelLabel, type PartnershipConfig } from '../partnership/config.ts'
import { RequestError } from '../platform/http/errors.ts'
import { indicatorsByArea, suggestLevel, unknownIndicatorIds } from './rules.ts'
import { DOMAINS, type DomainId, IndicatorParams, Selection, type ThresholdContent } from './schemas.ts'

const VIEWS = 'threshold/views'
const page = { schema: { hide: true, querystring: Selection } }

type SelectionRequest = FastifyRequest<{ Querystring: Selection }>

/** The tool's pages over one content file, one handler per route. */
export class ThresholdPages {
  private readonly levels

  constructor(
    private readonly content: ThresholdContent,
    partnership: PartnershipConfig,
  ) {
    this.levels = partnership.levels_of_need.map((level) => ({
      ...level,
      label: levelLabel(partnership, level.level),
    }))
  }

  register(app: FastifyInstance): void {
    app.get('/threshold-tool', { schema: { hide: true } }, this.start)
    app.get('/threshold-tool/result', page, this.result)
    app.get(
      '/threshold-tool/indicators/:id',
      { schema: { hide: true, params: IndicatorParams } },
      this.indicator,
    )
    app.get('/threshold-tool/:domain', page, this.domain)
  }

  private render(reply: FastifyReply, view: string, context: object) {
    const { title, domains } = this.content
    return reply.view(`${VIEWS}/${view}.njk`, { title, domains, levels: this.levels, ...context })
  }

  private levelOf = (level: number) => this.levels.find((candidate) => candidate.level === level)

  start = (_request: FastifyRequest, reply: FastifyReply) => this.render(reply, 'start', {})

  result = (request: SelectionRequest, reply: FastifyReply) => {
    const { content } = this
    const selected = selection(request.query.indicator, content)
    const suggestion = suggestLevel(selected, content)
    return this.render(reply, 'result', {
      suggestion,
      level: this.levelOf(suggestion.level),
      nextLevel: this.levelOf(suggestion.level + 1),
      nextSteps: content.next_steps[suggestion.level],
      selectedByDomain: content.domains.map((domain) => ({
        domain,
        indicators: suggestion.selected.filter((indicator) => indicator.domain === domain.id),
        changeUrl: stepUrl(domain.id, selected),
      })),
      indicatorIds: selected.join(','),
    })
  }

  indicator = (request: FastifyRequest<{ Params: IndicatorParams }>, reply: FastifyReply) => {
    const { content } = this
    const indicator = content.indicators.find((candidate) => candidate.id === request.params.id)
    if (!indicator) throw new RequestError(404, 'No such indicator')
    return this.render(reply, 'indicator', {
      indicator,
      related: content.indicators.filter((candidate) => indicator.related.includes(candidate.id)),
      domain: content.domains.find((domain) => domain.id === indicator.domain),
      level: this.levelOf(indicator.level),
    })
  }

  domain = (
    request: FastifyRequest<{ Params: { domain: string }; Querystring: Selection }>,
    reply: FastifyReply,
  ) => {
    const { content } = this
    const step = DOMAINS.indexOf(request.params.domain as DomainId)
    if (step < 0) throw new RequestError(404, 'No such step')
    const domainId = DOMAINS[step] as DomainId
    const selected = selection(request.query.indicator, content)
    const inDomain = new Set(content.indicators.filter((i) => i.domain === domainId).map((i) => i.id))
    const next = DOMAINS[step + 1]
    return this.render(reply, 'domain', {
      step: step + 1,
      domain: content.domains.find((domain) => domain.id === domainId),
      areas: indicatorsByArea(content, domainId),
      selected,
      carried: selected.filter((id) => !inDomain.has(id)),
      action: next ? `/threshold-tool/${next}` : '/threshold-tool/result',
      backUrl: step === 0 ? '/threshold-tool' : stepUrl(DOMAINS[step - 1] as DomainId, selected),
    })
  }
}

function selection(ids: string[] | undefined, content: ThresholdContent): string[] {
  const selected = [...new Set(ids ?? [])]
  const unknown = unknownIndicatorIds(selected, content)
  if (unknown.length > 0)
    throw new RequestError(
      400,
      'Some of the chosen indicators are not in this guidance: start again',
      'indicator',
    )
  return selected
}

function stepUrl(domain: DomainId, selected: readonly string[]): string {
  const query = new URLSearchParams(selected.map((id) => ['indicator', id]))
  return `/threshold-tool/${domain}${selected.length > 0 ? `?${query}` : ''}`
}
