// The partnership a benchmark acts in: LLR's file by default, or any other partnership file (one of
// `masa demo region`'s, to measure a partnership of a region's database). Its first LA is the one
// whose screeners sign in, whose schools refer and whose children are opened.

import type { PartnershipConfig } from '../../src/partnership/config.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'

export const LLR_FILE = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

export interface BenchPartnership {
  config: PartnershipConfig
  /** The id of its first LA. */
  laId: string
  /** The first LA's schools: the agency whose API key sends referrals. */
  schoolsAgencyId: string
  /** Full postcodes in the districts of each of its LAs (a few each), so referrals route to all of them. */
  postcodes: string[]
}

export async function benchPartnership(file: string = LLR_FILE): Promise<BenchPartnership> {
  const config = await loadPartnershipConfig(file)
  const la = config.local_authorities[0]
  if (!la) throw new Error(`${file}: a partnership without an LA`)
  const schools = config.agencies.find(
    (agency) => agency.kind === 'education' && (agency.serves === 'all' || agency.serves.includes(la.id)),
  )
  if (!schools) throw new Error(`${file}: ${la.name} has no schools agency to refer from`)
  // A prefix is a district (LE1) or a sector (PE9 3).
  const postcodes = config.local_authorities.flatMap((each) =>
    each.postcode_prefixes
      .slice(0, 3)
      .map((prefix, n) => (prefix.includes(' ') ? `${prefix}WW` : `${prefix} ${1 + n}WW`)),
  )
  return { config, laId: la.id, schoolsAgencyId: schools.id, postcodes }
}
