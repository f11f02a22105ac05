// The composition root: the one place that knows every capability. It builds the platform's
// HTTP server, then registers identity (whose hooks must cover every route), each capability with
// what it needs, and the platform's own pages and loops. Nothing below src/platform imports this.

import { actionGauges } from './actions/index.ts'
import { actionsPlugin } from './actions/plugin.ts'
import { alertsPlugin } from './alerts/index.ts'
import { annexAPlugin } from './annex-a/index.ts'
import { caseAuditsPlugin, programmeReferences } from './case-audits/index.ts'
import { childProtectionFlags, childProtectionPlugin } from './child-protection/index.ts'
import { childIdsInLa, childrenPlugin } from './children/index.ts'
import { chronologyPlugin } from './chronology/index.ts'
import { cinCensusPlugin } from './cin-census/index.ts'
import type { Database } from './database.ts'
import { disruptionNrmPlugin } from './disruption-nrm/index.ts'
import { escalationPlugin } from './escalation/index.ts'
import { exploitationPlugin } from './exploitation/index.ts'
import { exploitationDatasetPlugin } from './exploitation-dataset/index.ts'
import { frontDoorGauges, frontDoorPlugin, openReferralFlags, referredAddresses } from './front-door/index.ts'
import { homePlugin } from './home/index.ts'
import {
  actorForColleague,
  actorNames,
  type IdentityOptions,
  identityPlugin,
  requireUser,
} from './identity/index.ts'
import { intelligencePlugin } from './intelligence/index.ts'
import { allegationFlags, ladoPlugin } from './lado/index.ts'
import { learningPlugin, themesOf } from './learning/index.ts'
import { macePlugin } from './mace/index.ts'
import { masaPlanPlugin } from './masa-plan/index.ts'
import { missingFlags, missingPlugin } from './missing/index.ts'
import { modelComparisonPlugin } from './model-comparison/index.ts'
import { movesPlugin } from './moves/index.ts'
import type { PartnershipConfig } from './partnership/config-schema.ts'
import { auditRoutes } from './platform/audit/routes.ts'
import { registerAboutPages } from './platform/http/about.ts'
import { registerHealth } from './platform/http/health.ts'
import { navigationFor } from './platform/http/navigation.ts'
import { type App, createServer, type ServerOptions } from './platform/http/server.ts'
import { maintenancePlugin } from './platform/maintenance/plugin.ts'
import type { MetricsAccess } from './platform/metrics/access.ts'
import { platformGauges } from './platform/metrics/gauges.ts'
import { registerMetrics } from './platform/metrics/plugin.ts'
import { type EmailSender, LogEmailSender, withServiceLinks } from './platform/notify/email.ts'
import { emailDeliveryPlugin } from './platform/notify/plugin.ts'
import { clamdScanner } from './platform/virus-scan/clamd.ts'
import { webhooksPlugin } from './platform/webhooks/plugin.ts'
import { policeRequestsPlugin } from './police-requests/index.ts'
import { retentionPlugin } from './retention/index.ts'
import { reviewReferences, reviewsPlugin } from './reviews/index.ts'
import { scrutinyPlugin } from './scrutiny/index.ts'
import { selfAssessmentPlugin } from './self-assessment/index.ts'
import { sharingPlugin } from './sharing/index.ts'
import { thresholdToolPlugin } from './threshold/index.ts'
import { trainingPlugin } from './training/index.ts'
import { voicePlugin } from './voice/index.ts'
import { voltPlugin } from './volt/index.ts'
import { yearlyReportPlugin } from './yearly-report/index.ts'

export type { App } from './platform/http/server.ts'

export interface AppDeps extends ServerOptions {
  database: Database
  partnership: PartnershipConfig
  identity?: IdentityOptions
  /** Where emails go; each is written to the log when none is given. */
  emailSender?: EmailSender
  /** The address people reach the service at, for links in emails, e.g. 'https://masa.example'. */
  publicUrl?: string
  /** How often the embedded engine's planner statistics are checked (0: never; benchmarks measuring without them). */
  maintenanceEveryMs?: number
  /** How often the performance dashboard's changed months are counted again (0: never; benchmarks counting live). */
  intelligenceEveryMs?: number
  /** How often new alerts are emailed to those who asked (0: never). */
  alertEmailEveryMs?: number
  /** Who may read /metrics besides loopback: addresses and a bearer token. */
  metrics?: MetricsAccess
  /** The clock meetings are held by (a test moves it past a meeting's start); the real time when none is given. */
  now?: () => Date
  /** The region's key for the exploitation dataset's child keys; none: the keys are refused. */
  regionalKey?: string
  /** ClamAV's daemon (`host:port` or a socket's path) that checks uploaded files; none: they are kept unchecked. */
  clamd?: string
}

/** Where email links point when no public URL is given: tests and a developer's own machine. */
const LOCAL_PUBLIC_URL = 'http://localhost:3000'

/** Builds the whole service from its dependencies; nothing here reads the environment. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { database, partnership } = deps
  const app = await createServer(deps)
  // Before every route, so its response hook times them all.
  registerMetrics(app, {
    ...deps.metrics,
    gauges: [...frontDoorGauges(database.db), ...actionGauges(database.db), ...platformGauges(database)],
  })
  // Before every capability's routes: its hooks (who is asking, CSRF) must cover them all.
  await app.register(identityPlugin, {
    database,
    partnership,
    secureCookies: deps.publicUrl?.startsWith('https:') ? true : 'auto',
    ...deps.identity,
  })
  app.addHook('preHandler', async (request, reply) => {
    reply.locals = { ...reply.locals, navigation: navigationFor(request.actor, request.url) }
  })
  registerHealth(app, database)
  registerAboutPages(app)
  const publicUrl = deps.publicUrl ?? LOCAL_PUBLIC_URL
  const virusScanner = deps.clamd ? clamdScanner(deps.clamd, { log: app.log }) : undefined
  if (!virusScanner)
    app.log.warn('No virus scanner (MASA_CLAMD): uploaded files are kept without a virus check')
  const emailSender = withServiceLinks(deps.emailSender ?? new LogEmailSender(app.log), publicUrl)
  await app.register(frontDoorPlugin, { database, partnership, emailSender })
  await app.register(emailDeliveryPlugin, { database, emailSender })
  await app.register(webhooksPlugin, { database })
  await app.register(childProtectionPlugin, { database, partnership, now: deps.now, publicUrl })
  await app.register(actionsPlugin, { database, partnership, now: deps.now })
  await app.register(sharingPlugin, { database, partnership })
  await app.register(chronologyPlugin, { database, partnership })
  await app.register(thresholdToolPlugin, { partnership })
  await app.register(exploitationPlugin, { database, partnership })
  await app.register(ladoPlugin, { database, partnership, now: deps.now, publicUrl })
  await app.register(escalationPlugin, { database, partnership, now: deps.now })
  await app.register(trainingPlugin, {
    database,
    partnership,
    now: deps.now,
    // A course names the review or audit that asked for it, from those its editor may read.
    askedFor: [
      { kind: 'review', choices: reviewReferences },
      { kind: 'case-audit', choices: programmeReferences },
    ],
  })
  await app.register(exploitationDatasetPlugin, {
    database,
    partnership,
    now: deps.now,
    ...(deps.regionalKey ? { regionalKey: deps.regionalKey } : {}),
  })
  await app.register(macePlugin, { database, partnership })
  await app.register(voltPlugin, { database, partnership })
  await app.register(disruptionNrmPlugin, { database, partnership, now: deps.now })
  await app.register(intelligencePlugin, {
    database,
    partnership,
    now: deps.now,
    ...(deps.intelligenceEveryMs === undefined ? {} : { everyMs: deps.intelligenceEveryMs }),
  })
  await app.register(modelComparisonPlugin, { database, partnership, now: deps.now })
  await app.register(missingPlugin, { database, partnership, now: deps.now })
  await app.register(policeRequestsPlugin, { database, partnership, now: deps.now })
  await app.register(reviewsPlugin, {
    database,
    partnership,
    now: deps.now,
    publicUrl,
    themes: themesOf(partnership),
    ...(virusScanner ? { virusScanner } : {}),
  })
  await app.register(movesPlugin, { database, partnership, now: deps.now })
  await app.register(selfAssessmentPlugin, { database, partnership, now: deps.now })
  await app.register(learningPlugin, { database, partnership, now: deps.now })
  await app.register(caseAuditsPlugin, { database, partnership, now: deps.now, publicUrl })
  await app.register(yearlyReportPlugin, { database, partnership, now: deps.now })
  await app.register(voicePlugin, { database, partnership, now: deps.now })
  await app.register(scrutinyPlugin, { database, partnership, now: deps.now })
  await app.register(retentionPlugin, { database, partnership, now: deps.now })
  await app.register(masaPlanPlugin, { database, partnership, now: deps.now })
  await app.register(cinCensusPlugin, { database, partnership })
  await app.register(annexAPlugin, { database, partnership })
  await app.register(childrenPlugin, {
    database,
    partnership,
    flags: [childProtectionFlags, openReferralFlags, missingFlags, allegationFlags],
    referredAddresses,
  })
  await app.register(alertsPlugin, {
    database,
    partnership,
    actorOf: (reader) => actorForColleague({ db: database.db, partnership }, reader.agencyId, reader.email),
    emailEveryMs: deps.alertEmailEveryMs,
  })
  await app.register(auditRoutes, {
    database,
    preHandler: requireUser,
    childrenOfLa: childIdsInLa,
    actors: actorNames,
    partnership,
  })
  await app.register(maintenancePlugin, {
    database,
    preHandler: requireUser,
    everyMs: deps.maintenanceEveryMs,
  })

  await app.register(homePlugin, { database, partnership })
  return app
}
