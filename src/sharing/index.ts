// The public face of sharing: what the app and other capabilities may import.

export { sharingPlugin } from './plugin.ts'
export { eventsWeShared, inboxToAcknowledge } from './workflow.ts'
