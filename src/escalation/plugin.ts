// Professional disagreements as one Fastify plugin: the pages, the API, and the loop that prompts
// the raiser once a stage has run out of time (and tells the next stage's people).

import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerDisagreementApi } from './api.ts'
import { registerDisagreementPages } from './pages.ts'
import { promptOutOfTime } from './workflow.ts'

/** Every 5 minutes: a stage runs out of time at the end of its due day; each stage is prompted once. */
const PROMPT_EVERY_MS = 5 * 60_000

export const escalationPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  promptEveryMs?: number
}> = async (app, { database, partnership, now = () => new Date(), promptEveryMs = PROMPT_EVERY_MS }) => {
  const ctx = { db: database.db, partnership, now }
  registerDisagreementPages(app, ctx)
  registerDisagreementApi(app, ctx)
  scheduleJob(app, database, {
    name: 'disagreement prompts',
    everyMs: promptEveryMs,
    everyServer: true,
    async run() {
      const prompted = await promptOutOfTime(database.db, now())
      if (prompted > 0)
        app.log.info({ disagreements: prompted }, 'prompted raisers of disagreements out of time')
    },
  })
}
