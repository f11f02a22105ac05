// The public face of sharing: what the app and other capabilities may import.

export { sharingPlugin } from './plugin.ts'
export { acknowledgementDueAt, agencyMayRead, DEFAULT_ACKNOWLEDGEMENT_TIMES } from './rules.ts'
export { EVENT_TYPE_LABELS } from './schemas.ts'
export { eventsWeShared, inboxToAcknowledge } from './workflow.ts'
