// What other capabilities may use of serious incidents and reviews: the plugin the composition root
// registers, and the incidents by reference that learning briefings (src/learning) draw on.

export { reviewFigures } from './figures.ts'
export { reviewsPlugin } from './plugin.ts'
export { incidentsToLearnFrom } from './store.ts'
