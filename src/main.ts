import { readFile } from 'node:fs/promises'
import { Command, InvalidArgumentError, Option } from 'commander'
import { runAnnexCommand } from './annex-a/index.ts'
import { type App, buildApp } from './app.ts'
import { type ReportFormat, runValidateCommand } from './cin-census/index.ts'
import { type AppConfig, ConfigError, hubHost, loadConfig } from './config.ts'
import { type Database, openConfiguredDatabase, openDatabase } from './database.ts'
import { referDemoAllegations } from './demo/allegations.ts'
import { sendDemoAssurance } from './demo/assurance.ts'
import { sendDemoAuditsAndVoice } from './demo/audits-voice.ts'
import { writeCinCensusDemo } from './demo/cin-census-command.ts'
import { runDemoCommand } from './demo/command.ts'
import { sendDemoDisagreements } from './demo/disagreements.ts'
import { sendDemoExploitation } from './demo/exploitation.ts'
import { MAX_HISTORY_YEARS } from './demo/history.ts'
import { loadDemoData } from './demo/load-demo.ts'
import { sendDemoMovesAndNrm } from './demo/moves-nrm.ts'
import { sendDemoReferrals } from './demo/referrals.ts'
import { MAX_REGION_LAS } from './demo/region.ts'
import { type RegionCommandOptions, runRegionCommand } from './demo/region-command.ts'
import { sendDemoScreenings } from './demo/screenings.ts'
import {
  demoUserPlan,
  formatDemoUsers,
  loadSecretKey,
  seedDemoUsers,
  totpCode,
  useSecretKey,
} from './identity/index.ts'
import { loadPartnershipConfig } from './partnership/config.ts'
import type { PartnershipConfig } from './partnership/config-schema.ts'
import { startAuditCheckpoints } from './platform/audit/checkpoints.ts'
import {
  type AuditSigning,
  loadAuditSigning,
  partnershipSigning,
  publicKeyPem,
} from './platform/audit/signing-key.ts'
import { runAuditVerify, type VerifyOptions } from './platform/audit/verify-command.ts'
import { DataDirInUseError } from './platform/db/data-dir-lock.ts'
import { migrate } from './platform/db/migrate.ts'
import { listenByHost } from './platform/http/hub.ts'
import { gracefulShutdown, shutDownOnSignals } from './platform/http/shutdown.ts'
import { backUp, restore } from './platform/maintenance/backup.ts'
import { runDoctor } from './platform/maintenance/doctor.ts'
import { type HoldCommand, runRetentionCommand, runRetentionHoldCommand } from './retention/index.ts'

/** Children in the demo partnership that `npm start` loads on first run: enough to fill the queues. */
const DEMO_CHILDREN = 2_000
const DEMO_SEED = 1

const program = new Command('masa')
  .description('Multi-agency safeguarding arrangements for children')
  .showHelpAfterError()
  .enablePositionalOptions()

program
  .command('serve')
  .description('Apply migrations, then serve pages and the API')
  .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', toPort)
  .action(async (options: { port?: number }) => {
    const config = loadConfig(process.env, definedOnly({ port: options.port }))
    if (config.hub.length > 0) return serveHub(config)
    const { database, partnership, auditSigning } = await openMigrated(config)
    await serve(config, database, partnership, auditSigning)
  })

program
  .command('start')
  .description('Run the synthetic demo partnership: migrate, load demo data and users once, serve')
  .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', toPort)
  .action(async (options: { port?: number }) => {
    const config = loadConfig(process.env, definedOnly({ port: options.port, demo: true }))
    const { database, partnership, auditSigning } = await openMigrated(config)
    const { demoUsers, firstStart } = await ensureDemoPartnership(database, partnership)
    // A stop during the first start's demo activity lets the step in hand finish, then skips the rest.
    const stopping = new AbortController()
    let activity: Promise<void> = Promise.resolve()
    const app = await serve(config, database, partnership, auditSigning, () => {
      stopping.abort()
      return activity.catch(() => {})
    })
    if (firstStart) {
      activity = sendDemoActivity(app, database, partnership, stopping.signal)
      await activity
      if (stopping.signal.aborted) return
    }
    console.log(`\n${formatDemoUsers(demoUsers)}`)
    console.log('\nFor the current code of a TOTP secret: npm run -s masa -- totp-code <secret>')
  })

program
  .command('migrate')
  .description('Apply the numbered SQL migrations to the configured database')
  .action(async () => {
    const database = await openConfiguredDatabase(loadConfig())
    const result = await migrate(database)
    console.log(`Applied ${result.applied.length} migration(s); ${result.alreadyApplied} already applied.`)
    await database.close()
  })

const demo = program
  .command('demo')
  .description('Load synthetic children, households, schools and professionals (only synthetic people)')
  .option('-c, --children <n>', 'how many children', toCount, DEMO_CHILDREN)
  .option('-s, --seed <n>', 'seed: the same seed gives the same people', toCount, DEMO_SEED)
  .option('--append', 'add to a database that already has children')
  .option(
    '-y, --years <n>',
    'years of history to grow over the children (1 to 5; England-like rates)',
    toYears,
  )
  .action(async (options: { children: number; seed: number; append?: boolean; years?: number }) => {
    await runDemoCommand(options, loadConfig())
  })
  .enablePositionalOptions()

demo
  .command('cin-census')
  .description('Write a synthetic CIN census XML whose seeded rule breaches are known')
  .option('-c, --children <n>', 'how many children', toCount, 1_000)
  .requiredOption('-e, --error-rate <r>', 'share of children (0 to 1) given one rule breach each', toRate)
  .option('-s, --seed <n>', 'seed: the same seed gives the same file', toCount, DEMO_SEED)
  .option(
    '-l, --la <code>',
    "the LA's 3-digit DfE code, in the header and the UPNs (the demo's: 856, 855, 857)",
    toLaCode,
    '201',
  )
  .option('-o, --out <file>', 'file to write (default: standard output)')
  .action(
    async (options: { children: number; errorRate: number; seed: number; la: string; out?: string }) => {
      await writeCinCensusDemo(options)
    },
  )

demo
  .command('region')
  .description(
    "Write a synthetic region's partnership files and, with --children, load each partnership's demo children into the one database",
  )
  .requiredOption('-o, --out <folder>', 'the folder the partnership files are written to')
  .option('-p, --partnerships <n>', 'partnerships in the region', toCount, 11)
  .option('-l, --las <n>', `local authorities in the region (1 to ${MAX_REGION_LAS})`, toCount, 33)
  .option('-s, --seed <n>', 'seed: the same seed gives the same files and people', toCount, DEMO_SEED)
  .option(
    '-c, --children <n>',
    'children in the whole region, shared between LAs by size (none: files only)',
    toCount,
  )
  .option('-y, --years <n>', 'years of history to grow over the children (1 to 5)', toYears)
  .action(async (options: RegionCommandOptions) => {
    await runRegionCommand(options, loadConfig())
  })

program
  .command('cin-census')
  .description('The DfE children in need census return')
  .command('validate')
  .description("Check an LA's CIN census XML against the DfE's validation rules (2024-25)")
  .argument('<file>', 'the census XML file')
  .option('-f, --format <format>', 'text or csv', toReportFormat, 'text' as ReportFormat)
  .action(async (file: string, options: { format: ReportFormat }) => {
    process.exitCode = await runValidateCommand(file, options.format)
  })

program
  .command('annex-a')
  .description(
    "Write Ofsted's Annex A lists (contacts, referrals, s47 enquiries, CP plans) for an LA and period as an Excel workbook",
  )
  .requiredOption('--la <id>', "the LA's id in the partnership configuration")
  .requiredOption('--from <date>', 'the first day of the period, YYYY-MM-DD')
  .requiredOption('--to <date>', 'the last day of the period, YYYY-MM-DD')
  .requiredOption('-o, --out <file>', 'the .xlsx file to write')
  .requiredOption(
    '--as <email>',
    'the analyst making it (their roles decide; the reading is audited in their name)',
  )
  .requiredOption('--agency <id>', "the analyst's agency")
  .action(
    async (options: { la: string; from: string; to: string; out: string; as: string; agency: string }) => {
      process.exitCode = await runAnnexCommand(options, loadConfig())
    },
  )

program
  .command('totp-code')
  .description('Print the current two-factor code for a TOTP secret (for demo users)')
  .argument('<secret>', 'the base32 secret printed by `npm start`')
  .action(async (secret: string) => {
    console.log(await totpCode(secret, new Date()))
  })

const audit = program.command('audit').description('The tamper-evident audit log')
audit
  .command('verify')
  .description('Check every entry of the audit log against its hash chain (stop an embedded server first)')
  .option('--checkpoints <file>', 'also check the chains against the signed checkpoints in this file')
  .option('--public-key <files...>', 'the PEM public keys of the checkpoints (default: the signing key’s)')
  .action(async (options: VerifyOptions) => {
    process.exitCode = await runAuditVerify(loadConfig(), options)
  })
audit
  .command('public-key')
  .description('Print the public key that checks the audit checkpoints, to give to auditors')
  .action(async () => {
    const { privateKey } = await loadAuditSigning(loadConfig(), console.error)
    process.stdout.write(publicKeyPem(privateKey))
  })

program
  .command('doctor')
  .description(
    "Report each table's rows, last ANALYZE, dead rows and whether the planner's estimates are stale",
  )
  .option('--fix', 'analyse and vacuum the tables that need it')
  .action(async (options: { fix?: boolean }) => {
    process.exitCode = await runDoctor(loadConfig(), options)
  })

program
  .command('backup')
  .description(
    'Write the whole database to a new file (pg_dump, or the embedded folder; stop an embedded server first)',
  )
  .argument('<file>', 'the backup file to write; it must not exist yet')
  .action(async (file: string) => {
    console.log(await backUp(loadConfig(), file))
  })

program
  .command('restore')
  .description('Load a backup into an empty database or data folder, then verify the audit log')
  .argument('<file>', 'a file written by masa backup for the same engine')
  .action(async (file: string) => {
    const config = loadConfig()
    console.log(await restore(config, file))
    process.exitCode = await runAuditVerify(config)
  })

const retention = program
  .command('retention')
  .description(
    "The partnership's retention schedule: report what is past its period (a dry run, the default) or delete it",
  )
  .addOption(
    new Option(
      '--dry-run',
      'report per kind of record how many are past their period, and the oldest (the default)',
    ).conflicts('apply'),
  )
  .option('--apply', 'delete them, each with everything that depends on it, in audited batches')
  .action(async (options: { apply?: boolean }) => {
    process.exitCode = await runRetentionCommand(loadConfig(), { apply: options.apply ?? false })
  })
for (const [name, description] of [
  ['hold', 'Place a legal hold on a record: the schedule keeps it until the hold is released'],
  ['release', 'Release a legal hold'],
] as const)
  retention
    .command(name)
    .description(description)
    .argument('<kind>', 'child_record or lado_allegation', toHoldableType)
    .argument('<id>', "the record's id", toUuid)
    .requiredOption('--by <name>', 'who places or releases it, for the audit')
    .option('--reason <words>', 'why the record is held (required to hold)')
    .action(async (type: HoldCommand['type'], id: string, options: { by: string; reason?: string }) => {
      const command = { type, id, by: options.by, release: name === 'release', ...definedOnly(options) }
      process.exitCode = await runRetentionHoldCommand(loadConfig(), command)
    })

async function openMigrated(
  config: AppConfig,
): Promise<{ database: Database; partnership: PartnershipConfig; auditSigning: AuditSigning }> {
  const partnership = await loadPartnershipConfig(config.partnershipFile)
  useSecretKey(await loadSecretKey(config, console.log))
  const auditSigning = await loadAuditSigning(config, console.log)
  const database = await openDatabase({ ...config, partnership: partnership.partnership.id })
  await migrate(database)
  return { database, partnership, auditSigning }
}

/** The demo's people are created on the first start only; later starts keep what was done in the demo. */
async function ensureDemoPartnership(database: Database, partnership: PartnershipConfig) {
  const { count } = await database.db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  if (Number(count) > 0) return { demoUsers: demoUserPlan(partnership), firstStart: false }
  console.log(`First start: loading ${DEMO_CHILDREN.toLocaleString('en-GB')} synthetic children...`)
  await loadDemoData(database, partnership, { children: DEMO_CHILDREN, seed: DEMO_SEED })
  return { demoUsers: await seedDemoUsers(database, partnership), firstStart: true }
}

/** What the first start does through the running app, a line said for each step. */
const DEMO_ACTIVITY: readonly ((
  app: App,
  database: Database,
  partnership: PartnershipConfig,
) => Promise<string>)[] = [
  async (app, database, partnership) =>
    `Sent ${await sendDemoReferrals(app, database, partnership)} demo referrals from a school's system to the front door.`,
  async (app, database) =>
    `Sent ${await sendDemoScreenings(app, database)} demo exploitation screenings from schools' systems.`,
  async (_app, database, partnership) =>
    `Referred ${await referDemoAllegations(database, partnership)} demo allegations to the LADO.`,
  async (app, database, partnership) =>
    `Raised ${await sendDemoDisagreements(app, database, partnership)} demo professional disagreements from schools' systems.`,
  async (_app, database, partnership) =>
    `Took ${await sendDemoExploitation(database, partnership)} demo children through missing episodes, MACE and requests to the police.`,
  async (_app, database, partnership) => {
    const followed = await sendDemoMovesAndNrm(database, partnership)
    return `Recorded ${followed.disruptions} disruption tactics, ${followed.nrmReferrals} NRM referrals and ${followed.moves} moves across borders.`
  },
  async (_app, database, partnership) => {
    const assured = await sendDemoAssurance(database, partnership)
    return `Opened two self-assessment rounds (${assured.returnsSubmitted} returns submitted, ${assured.challenges} challenged) and sent a learning briefing to ${assured.briefingSentTo} people.`
  },
  async (_app, database, partnership) => {
    const audited = await sendDemoAuditsAndVoice(database, partnership)
    return `Drew a case audit sample of ${audited.sampled} children and had ${audited.familyAnswers} families and ${audited.practitionerAnswers} practitioners answer the feedback survey.`
  },
]

async function sendDemoActivity(
  app: App,
  database: Database,
  partnership: PartnershipConfig,
  stopping: AbortSignal,
): Promise<void> {
  for (const step of DEMO_ACTIVITY) {
    if (stopping.aborted) return
    console.log(await step(app, database, partnership))
  }
}

/** `beforeClose` runs on a stop signal before the server closes: work that needs the app and database. */
async function serve(
  config: AppConfig,
  database: Database,
  partnership: PartnershipConfig,
  auditSigning: AuditSigning,
  beforeClose: () => Promise<unknown> = async () => {},
): Promise<App> {
  const app = await partnershipApp(config, database, partnership)
  const stopCheckpoints = await startAuditCheckpoints(database.db, auditSigning, app.log)
  const address = await app.listen({ port: config.port, host: config.host })
  console.log(
    `\nmasa is running for ${partnership.partnership.name} at ${address.replace('127.0.0.1', 'localhost')}`,
  )
  const shutDown = gracefulShutdown(app, [stopCheckpoints, () => database.close()])
  shutDownOnSignals(async () => {
    await beforeClose()
    await shutDown()
  }, app.log)
  return app
}

/** Connections a hub keeps open in all, shared out between its partnerships' handles (2 each at least). */
const HUB_CONNECTIONS = 20

/**
 * A region's hub (MASA_HUB): one process serving each partnership at its own address. Each has its
 * own database handle, bound to it, and signs its audit's checkpoints to a file of its own.
 */
async function serveHub(config: AppConfig): Promise<void> {
  useSecretKey(await loadSecretKey(config, console.log))
  const auditSigning = await loadAuditSigning(config, console.log)
  const poolSize = Math.max(2, Math.ceil(HUB_CONNECTIONS / config.hub.length))
  const sites: { host: string; app: App; close: () => Promise<void> }[] = []
  for (const { publicUrl, partnershipFile } of config.hub) {
    const partnership = await loadPartnershipConfig(partnershipFile)
    const { id } = partnership.partnership
    const database = await openDatabase({ ...config, partnership: id, poolSize })
    if (sites.length === 0) await migrate(database)
    const app = await partnershipApp({ ...config, publicUrl }, database, partnership)
    const stopCheckpoints = await startAuditCheckpoints(
      database.db,
      partnershipSigning(auditSigning, id),
      app.log,
    )
    sites.push({
      host: hubHost(publicUrl),
      app,
      close: gracefulShutdown(app, [stopCheckpoints, () => database.close()]),
    })
    console.log(`Serving ${partnership.partnership.name} at ${publicUrl}`)
  }
  const hub = await listenByHost(
    new Map(sites.map((site) => [site.host, site.app])),
    config.port,
    config.host,
  )
  console.log(`\nmasa is running as a hub of ${sites.length} partnerships, listening at ${hub.address}`)
  shutDownOnSignals(
    async () => {
      await hub.close()
      for (const site of sites) await site.close()
    },
    (sites[0] as (typeof sites)[0]).app.log,
  )
}

/** One partnership's app as `masa serve` runs it, reached at `config.publicUrl`. */
async function partnershipApp(
  config: AppConfig,
  database: Database,
  partnership: PartnershipConfig,
): Promise<App> {
  return buildApp({
    database,
    partnership,
    logLevel: config.logLevel,
    demo: config.demo,
    publicUrl: config.publicUrl,
    trustedProxies: config.trustedProxies,
    metrics: { metricsAllowFrom: config.metricsAllowFrom, metricsToken: config.metricsToken },
    identity: { rateLimits: { apiPerMinute: config.apiCallsPerMinute } },
    regionalKey: await regionalKeyOf(config),
    ...(config.clamd ? { clamd: config.clamd } : {}),
  })
}

function toPort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('must be a port number')
  return port
}

function toCount(value: string): number {
  const count = Number(value)
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('must be a whole number')
  return count
}

function toYears(value: string): number {
  const years = Number(value)
  if (!Number.isInteger(years) || years < 0 || years > MAX_HISTORY_YEARS)
    throw new InvalidArgumentError(`must be a whole number from 0 to ${MAX_HISTORY_YEARS}`)
  return years
}

function toRate(value: string): number {
  const rate = Number(value)
  if (!(rate >= 0 && rate <= 1)) throw new InvalidArgumentError('must be a number from 0 to 1')
  return rate
}

function toLaCode(value: string): string {
  if (!/^\d{3}$/.test(value)) throw new InvalidArgumentError('must be a 3-digit DfE LA code, such as 856')
  return value
}

function toReportFormat(value: string): ReportFormat {
  if (value !== 'text' && value !== 'csv') throw new InvalidArgumentError('must be text or csv')
  return value
}

function toHoldableType(value: string): HoldCommand['type'] {
  if (value !== 'child_record' && value !== 'lado_allegation')
    throw new InvalidArgumentError('must be child_record or lado_allegation')
  return value
}

function toUuid(value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    throw new InvalidArgumentError("must be a record's id, such as 3f2b8c1e-0d4a-4c5e-9b7a-1e2f3a4b5c6d")
  return value.toLowerCase()
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>
}

await program.parseAsync(process.argv).catch((error: unknown) => {
  // A folder another process has open, or a setting to change, is an expected refusal: say why, without a stack trace.
  if (!(error instanceof DataDirInUseError || error instanceof ConfigError)) throw error
  console.error(error.message)
  process.exit(1)
})

/** The exploitation dataset's regional key: MASA_REGIONAL_KEY, else the first line of MASA_REGIONAL_KEY_FILE. */
async function regionalKeyOf(config: AppConfig): Promise<string | undefined> {
  if (config.regionalKey) return config.regionalKey
  if (!config.regionalKeyFile) return undefined
  const key = (await readFile(config.regionalKeyFile, 'utf8')).split(/\r?\n/)[0]?.trim()
  if (!key || key.length < 32)
    throw new ConfigError('MASA_REGIONAL_KEY_FILE must hold a key of at least 32 characters')
  return key
}
