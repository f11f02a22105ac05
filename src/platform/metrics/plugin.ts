// Prometheus metrics at /metrics: request latency by route pattern (never a URL with ids in it), the
// gauges each capability and the platform give (queues, overdue work, backlogs, the pool) and the
// process's own. Read only from loopback, from the configured addresses, or with the bearer token.

import type { FastifyInstance, FastifyRequest } from 'fastify'
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { type MetricsAccess, metricsGate } from './access.ts'
import type { GaugeSource } from './gauges.ts'

export interface MetricsOptions extends MetricsAccess {
  gauges: readonly GaugeSource[]
}

const METRICS_PATH = '/metrics'
/** Seconds: from a fast page (5 ms) to a slow report (10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Registered on the app itself, so its response hook times every route. */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions): void {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'masa_' })
  const latency = new Histogram({
    name: 'masa_http_request_duration_seconds',
    help: 'Time to answer a request, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  for (const source of options.gauges) registerGauge(registry, source)
  const mayRead = metricsGate(options)
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: routeLabel(request),
      status_code: String(reply.statusCode),
    }
    latency.observe(labels, reply.elapsedTime / 1000)
  })
  app.get(METRICS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!mayRead(request))
      return reply
        .code(403)
        .type('text/plain; charset=utf-8')
        .send(
          'Metrics are for the service’s operators: ask from an allowed address or with the metrics token.\n',
        )
    return reply.type(registry.contentType).send(await registry.metrics())
  })
}

/** The route's pattern ('/children/:id'); a request no route answers is counted as one. */
const routeLabel = (request: FastifyRequest) => request.routeOptions.url ?? 'no route'

function registerGauge(registry: Registry, source: GaugeSource): void {
  new Gauge({
    name: source.name,
    help: source.help,
    labelNames: source.labelNames ?? [],
    registers: [registry],
    async collect() {
      const readings = await source.read()
      this.reset()
      for (const { labels, value } of readings) labels ? this.set(labels, value) : this.set(value)
    },
  })
}
