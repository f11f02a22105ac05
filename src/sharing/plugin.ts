// Registers partner information sharing: the batch API for agencies' systems, the practitioner's
// form, each agency's inbox and dashboard, "who else is linked", and the delivery loops.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { accessFrom, consult } from '../platform/access/guard.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerSharingApi } from './api.ts'
import { dispatchNotifications, escalateOverdue } from './inbox.ts'
import { registerSharingPages } from './pages.ts'
import { type AcknowledgementTimes, agencyMayRead, DEFAULT_ACKNOWLEDGEMENT_TIMES } from './rules.ts'
import { escalationRecipients, inboxEmails, type SharingContext } from './store.ts'
import type { SharingRuntime } from './workflow.ts'

export interface SharingOptions {
  database: Database
  partnership: PartnershipConfig
  times?: AcknowledgementTimes
}

declare module 'fastify' {
  interface FastifyInstance {
    sharing: SharingRuntime
  }
}

const LOOP_MS = 1_000
const DISPATCH_BATCH = 2_000

async function sharing(app: FastifyInstance, options: SharingOptions): Promise<void> {
  const db = options.database.db
  const runtime: SharingRuntime = {
    now: () => new Date(),
    async dispatch() {
      let total = 0
      for (;;) {
        const sent = await dispatchNotifications(db, {
          now: runtime.now(),
          limit: DISPATCH_BATCH,
          inboxEmails,
        })
        total += sent
        if (sent < DISPATCH_BATCH) return total
      }
    },
    escalate: () => escalateOverdue(db, { now: runtime.now(), recipients: escalationRecipients }),
  }
  app.decorate('sharing', runtime)
  const context = (request: FastifyRequest): SharingContext => ({
    partnership: options.partnership,
    times: options.times ?? DEFAULT_ACKNOWLEDGEMENT_TIMES,
    mayReceive: agencyMayRead,
    authorizePost: (trx, child, lawfulBasis) =>
      consult(trx, { ...accessFrom(request), action: 'event.post', resource: child, lawfulBasis }),
  })
  startLoops(app, options.database, runtime)
  const deps = { db, partnership: options.partnership, runtime, context }
  registerSharingApi(app, deps)
  registerSharingPages(app, deps)
}

/** On every server: the outbox rows are claimed with SKIP LOCKED, so servers share the work. */
function startLoops(app: FastifyInstance, database: Database, runtime: SharingRuntime) {
  scheduleJob(app, database, {
    name: 'sharing delivery',
    everyMs: LOOP_MS,
    everyServer: true,
    async run() {
      await runtime.dispatch()
      await runtime.escalate()
    },
  })
}

/** Registered on the app itself (like identity), so `app.sharing` is visible to the app and its tests. */
export const sharingPlugin = Object.assign(sharing, { [Symbol.for('skip-override')]: true })
