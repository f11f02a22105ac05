// The front door as one Fastify plugin: the public "worried about a child?" page, the professionals'
// pages and the /api/v1 referral API.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { type EmailSender, LogEmailSender } from '../platform/notify/email.ts'
import { registerFrontDoorApi } from './api.ts'
import { referralIntake } from './intake.ts'
import { registerFrontDoorPages } from './pages.ts'
import type { FrontDoorContext } from './workflow.ts'

export interface FrontDoorOptions {
  database: Database
  partnership: PartnershipConfig
  /** Defaults to writing each email to the log (the outbox table keeps its content). */
  emailSender?: EmailSender
  now?: () => Date
}

function createFrontDoorContext(
  options: FrontDoorOptions & {
    log: FrontDoorContext['log'] & ConstructorParameters<typeof LogEmailSender>[0]
  },
): FrontDoorContext {
  const { database, partnership, log } = options
  return {
    db: database.db,
    partnership,
    emailSender: options.emailSender ?? new LogEmailSender(log),
    now: options.now ?? (() => new Date()),
    log,
    intake: referralIntake(database.db, partnership),
  }
}

export async function frontDoorPlugin(app: FastifyInstance, options: FrontDoorOptions): Promise<void> {
  const ctx = createFrontDoorContext({ ...options, log: app.log })
  registerFrontDoorPages(app, ctx)
  registerFrontDoorApi(app, ctx)
}
