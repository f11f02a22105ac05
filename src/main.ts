import { Command, InvalidArgumentError } from 'commander'
import { type AppConfig, loadConfig } from './config.ts'
import { loadPartnershipConfig } from './partnership/config.ts'
import { openDatabase } from './platform/db/database.ts'
import { migrate } from './platform/db/migrate.ts'
import { buildApp } from './platform/http/app.ts'

const program = new Command('masa')
  .description('Multi-agency safeguarding arrangements for children')
  .showHelpAfterError()

program
  .command('serve')
  .description('Apply migrations, then serve pages and the API')
  .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', toPort)
  .action(async (options: { port?: number }) => {
    await serve(loadConfig(process.env, definedOnly({ port: options.port })))
  })

program
  .command('migrate')
  .description('Apply the numbered SQL migrations to the configured database')
  .action(async () => {
    const config = loadConfig()
    const database = await openDatabase(config)
    const result = await migrate(database)
    console.log(`Applied ${result.applied.length} migration(s); ${result.alreadyApplied} already applied.`)
    await database.close()
  })

async function serve(config: AppConfig): Promise<void> {
  const partnership = await loadPartnershipConfig(config.partnershipFile)
  const database = await openDatabase(config)
  await migrate(database)
  const app = await buildApp({ database, partnership, logLevel: config.logLevel, demo: config.demo })
  const address = await app.listen({ port: config.port, host: config.host })
  console.log(
    `masa is running for ${partnership.partnership.name} at ${address.replace('127.0.0.1', 'localhost')}`,
  )
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await app.close()
      await database.close()
      process.exit(0)
    })
  }
}

function toPort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('must be a port number')
  return port
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>
}

await program.parseAsync(process.argv)
