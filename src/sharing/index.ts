// The public face of sharing: what the app and other capabilities may import.

export { type SharingOptions, sharingPlugin } from './plugin.ts'
export type { SharingRuntime } from './workflow.ts'
