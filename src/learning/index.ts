// What other capabilities may use of learning briefings: its plugin, which the composition root
// registers.

export { learningPlugin } from './plugin.ts'
