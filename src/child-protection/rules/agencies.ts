// The partnership's agencies as strategy discussions and conferences name and invite them.

import type { Agency, PartnershipConfig } from '../../partnership/config.ts'

export function agencyOf(partnership: PartnershipConfig, agencyId: string): Agency | undefined {
  return partnership.agencies.find((agency) => agency.id === agencyId)
}

/** The agency's name, or its id when the partnership no longer lists it. */
export const agencyName = (partnership: PartnershipConfig, agencyId: string): string =>
  agencyOf(partnership, agencyId)?.name ?? agencyId

/** Agencies that work in an LA: its own social care, and partners serving it. */
export function agenciesServing(partnership: PartnershipConfig, laId: string): Agency[] {
  return partnership.agencies.filter((agency) =>
    agency.kind === 'local-authority'
      ? agency.la === laId
      : agency.serves === 'all' || agency.serves.includes(laId),
  )
}
