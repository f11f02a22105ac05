// Registers children's routes (pages, API, involvement pages, break-glass) and the job that ends
// involvements without activity.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerChildApi } from './api.ts'
import { registerBreakGlass } from './break-glass.ts'
import { registerDeclarations } from './declaration-routes.ts'
import type { ChildFlagSource } from './flags.ts'
import { endInactiveInvolvements, inactiveBefore } from './involvement.ts'
import { registerInvolvementPages } from './involvement-pages.ts'
import { registerChildPages } from './pages.ts'
import {
  NO_REFERRED_ADDRESSES,
  type ReferredAddressSource,
  registerReferredAddress,
} from './referred-address.ts'
import type { Context } from './workflow.ts'

export interface ChildrenOptions {
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  /** The flags the child's record shows, each from the capability that owns the step. */
  flags?: readonly ChildFlagSource[]
  /** The addresses the child's referrals gave, offered to the record. */
  referredAddresses?: ReferredAddressSource
}

export async function childrenPlugin(app: FastifyInstance, options: ChildrenOptions): Promise<void> {
  const now = options.now ?? (() => new Date())
  const ctx: Context = {
    db: options.database.db,
    partnership: options.partnership,
    now,
    today: () => toIsoDate(now()),
    flags: options.flags ?? [],
    referredAddresses: options.referredAddresses ?? NO_REFERRED_ADDRESSES,
  }
  registerChildPages(app, ctx)
  registerReferredAddress(app, ctx)
  registerInvolvementPages(app, { db: ctx.db, partnership: ctx.partnership, now })
  registerDeclarations(app, { db: ctx.db, now })
  endInvolvementsWithoutActivity(app, options.database, ctx)
  registerBreakGlass(app, { ...ctx, now })
  registerChildApi(app, ctx)
}

/**
 * A job, hourly while the app runs: involvements with no activity for the partnership's period
 * (involvement_inactivity_days) end, so they stop giving access and stay as history.
 */
function endInvolvementsWithoutActivity(app: FastifyInstance, database: Database, ctx: Context) {
  const days = ctx.partnership.involvement_inactivity_days
  scheduleJob(app, database, {
    name: 'ending inactive involvements',
    everyMs: HOUR_MS,
    async run() {
      const ended = await endInactiveInvolvements(ctx.db, inactiveBefore(ctx.now(), days), ctx.now())
      if (ended > 0) app.log.info({ ended }, 'involvements ended after a period without activity')
    },
  })
}

const HOUR_MS = 60 * 60 * 1000
