// What other capabilities may use of serious incidents and reviews: the plugin the composition root
// registers.

export { reviewsPlugin } from './plugin.ts'
export { type ReviewFigures, reviewFigures } from './figures.ts'
