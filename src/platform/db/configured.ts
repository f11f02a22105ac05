import type { AppConfig } from '../../config.ts'
import { loadPartnershipConfig } from '../../partnership/config.ts'
import { type Database, openDatabase } from './database.ts'
import type { PlatformDB } from './schema.ts'

/** The configured database, whose writes are the partnership file's partnership's. */
export async function openConfiguredDatabase<Schema = PlatformDB>(
  config: AppConfig,
): Promise<Database<Schema>> {
  const { partnership } = await loadPartnershipConfig(config.partnershipFile)
  return openDatabase<Schema>({ ...config, partnership: partnership.id })
}
