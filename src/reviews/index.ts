// What other capabilities may use of serious incidents and reviews: the plugin the composition root
// registers, the incidents by reference that learning briefings (src/learning) draw on and their
// themes (counted there by year), and one
// incident by its reference for a scrutiny grant naming its review, and the incidents about a child
// whose reviews a grant's page links to (src/scrutiny).

export { reviewFigures } from './figures.ts'
export { reviewsPlugin } from './plugin.ts'
// The reviews a learning lead may link a training course to, by reference (src/training, through the root).
export { reviewReferences } from './references.ts'
export { incidentOfReference, incidentsAbout, incidentsToLearnFrom, incidentThemes } from './store.ts'
