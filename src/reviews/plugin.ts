import multipart from '@fastify/multipart'
import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { pollEvery } from '../platform/poll.ts'
import type { VirusScanner } from '../platform/virus-scan/clamd.ts'
import { registerReviewsApi } from './api.ts'
import { registerReviewPages } from './pages.ts'
import { warnPublicationDueSoon } from './practice-review.ts'
import { LARGEST_DRAFT_FILE } from './rules.ts'
import { warnDueSoon } from './workflow.ts'

/** Every 15 minutes: a deadline is warned of a working day before it, once. */
const WARN_EVERY_MS = 15 * 60_000

/** Serious incidents, rapid reviews and practice reviews: the pages, and the warnings before deadlines. */
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
  if (warnEveryMs <= 0) return
  let stop: (() => Promise<void>) | undefined
  app.addHook('onReady', async () => {
    stop = pollEvery(
      warnEveryMs,
      async () => {
        const warned = await warnDueSoon({ db: database.db, partnership }, now())
        if (warned > 0) app.log.info({ incidents: warned }, 'warned of serious incidents due soon')
        const reviews = await warnPublicationDueSoon({ db: database.db, partnership }, now())
        if (reviews > 0) app.log.info({ reviews }, 'warned of practice reviews due for publication')
      },
      (error) => app.log.error({ err: error }, 'serious incident warnings failed'),
    )
  })
  app.addHook('onClose', async () => stop?.())
}
