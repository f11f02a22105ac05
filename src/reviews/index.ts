// What other capabilities may use of serious incidents and reviews: the plugin the composition root
// registers.

export { reviewFigures } from './figures.ts'
export { reviewsPlugin } from './plugin.ts'
