import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../platform/http/app.ts'
import { registerDiary } from './diary.ts'
import { registerConferencePages } from './pages.ts'

/** Conferences, plans and the meetings diary: pages for business support, agencies and chairs. */
export const conferencesPlugin: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  const ctx = { db: deps.database.db, partnership: deps.partnership, now: () => new Date() }
  registerConferencePages(app, ctx)
  registerDiary(app, ctx)
}
