import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../platform/http/app.ts'
import { registerStrategyApi } from './api.ts'
import { registerConferencePages } from './pages/conference.ts'
import { registerDiary } from './pages/diary.ts'
import { registerStrategyPages } from './pages/strategy-discussion.ts'

/**
 * Child protection: the strategy discussions API for agencies' systems, and the pages for business
 * support, agencies and chairs (strategy discussions, section 47 enquiries, conferences, plans and
 * the meetings diary).
 */
export const childProtectionPlugin: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  const ctx = { db: deps.database.db, partnership: deps.partnership, now: () => new Date() }
  registerStrategyApi(app, ctx)
  registerStrategyPages(app, ctx)
  registerConferencePages(app, ctx)
  registerDiary(app, ctx)
}
