// The public face of the chronology: what the app and other capabilities may import.

export { chronologyPlugin } from './plugin.ts'
export { readableOn } from './rules.ts'
