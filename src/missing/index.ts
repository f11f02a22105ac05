// What the app may use of missing episodes: the plugin, the flags on the child's record, and the use
// case the demo partnership's episodes are recorded with.

export { missingFlags } from './flags.ts'
export { missingPlugin } from './plugin.ts'
export { recordEpisode } from './workflow.ts'
