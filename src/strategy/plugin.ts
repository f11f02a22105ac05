import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../platform/http/app.ts'
import { registerStrategyApi } from './routes.ts'

/** Strategy discussions: the API now; the pages for business support, agencies and chairs next. */
export const strategyPlugin: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  registerStrategyApi(app, deps)
}
