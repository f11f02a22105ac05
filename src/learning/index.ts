// What other capabilities may use of learning briefings: its plugin, which the composition root
// registers, and the partnership's list of learning themes (serious incidents are tagged with it too).

export { learningPlugin } from './plugin.ts'
export { themesOf } from './rules.ts'
// The demo partnership's briefing (src/demo) is written, sent and acknowledged as anyone's.
export { acknowledgeBriefing, publish, writeBriefing } from './workflow.ts'
