// What the app may use of missing episodes: the plugin, and the flags on the child's record.

export { missingFlags } from './flags.ts'
export { missingPlugin } from './plugin.ts'
