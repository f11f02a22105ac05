// What other capabilities may use of learning briefings: its plugin, which the composition root
// registers.

export { learningPlugin } from './plugin.ts'
// The demo partnership's briefing (src/demo) is written, sent and acknowledged as anyone's.
export { acknowledgeBriefing, publish, writeBriefing } from './workflow.ts'
