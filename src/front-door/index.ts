// What other capabilities, and the app that wires them, may use of the front door.

export { openReferralFlags } from './flags.ts'
export { frontDoorGauges } from './metrics.ts'
export { frontDoorPlugin } from './plugin.ts'
export { referredAddresses } from './referred-address.ts'
export { formatReferralNumber } from './rules.ts'
export { REFERRAL_SOURCES } from './schemas.ts'
export { openReferralsFor, sentReferralsFor } from './workflow.ts'
