import multipart from '@fastify/multipart'
import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { scheduleJob } from '../platform/jobs.ts'
import type { VirusScanner } from '../platform/virus-scan/clamd.ts'
import { alertOverdueRecommendations, remindParts, warnDueSoon } from './alerts.ts'
import { registerReviewsApi } from './api.ts'
import { registerReviewPages } from './pages.ts'
import { warnPublicationDueSoon } from './practice-review.ts'
import { LARGEST_DRAFT_FILE } from './rules.ts'

/** Every 15 minutes: a deadline is warned of a working day before it, once; parts and recommendations as they fall due. */
const WARN_EVERY_MS = 15 * 60_000

/** Serious incidents, rapid reviews and practice reviews: the pages, the warnings before deadlines and the reminders. */
export const reviewsPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  /** The address people reach the service at, for the links in calendar invitations. */
  publicUrl?: string
  warnEveryMs?: number
  /** The themes incidents are tagged with (the partnership's learning themes, from the root). */
  themes?: readonly { id: string; label: string }[]
  /** Checks each uploaded draft file before it is kept; none configured: files are kept unchecked. */
  virusScanner?: VirusScanner
}> = async (
  app,
  {
    database,
    partnership,
    now = () => new Date(),
    publicUrl,
    warnEveryMs = WARN_EVERY_MS,
    themes = [],
    virusScanner,
  },
) => {
  // A practice review's draft uploaded as a file: the token, the note, the file (held whole, 10 MB at most).
  await app.register(multipart, { limits: { fileSize: LARGEST_DRAFT_FILE, files: 1, fields: 2, parts: 3 } })
  const ctx = { db: database.db, partnership, now, publicUrl, themes, virusScanner }
  registerReviewPages(app, ctx)
  registerReviewsApi(app, ctx)
  // Reads, decides, then writes: on one server at a time.
  scheduleJob(app, database, {
    name: 'serious incident warnings',
    everyMs: warnEveryMs,
    async run() {
      const warned = await warnDueSoon(ctx, now())
      if (warned > 0) app.log.info({ incidents: warned }, 'warned of serious incidents due soon')
      const reviews = await warnPublicationDueSoon(ctx, now())
      if (reviews > 0) app.log.info({ reviews }, 'warned of practice reviews due for publication')
    },
  })
  // Each part and recommendation is claimed as it is told of: every server may run it.
  scheduleJob(app, database, {
    name: 'rapid review parts and recommendations overdue',
    everyMs: warnEveryMs,
    everyServer: true,
    async run() {
      const parts = await remindParts(ctx, now())
      if (parts > 0) app.log.info({ parts }, 'reminded agencies of their rapid review parts')
      const recommendations = await alertOverdueRecommendations(ctx, now())
      if (recommendations > 0)
        app.log.info({ recommendations }, 'told the reviews leads of recommendations overdue')
    },
  })
}
