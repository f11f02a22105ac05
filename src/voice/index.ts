// What other capabilities may use of the voice of children and families: its plugin (the composition root).

export { type VoiceFigures, voiceFigures } from './figures.ts'
export { voicePlugin } from './plugin.ts'
// The demo partnership's answers (src/demo) are given as anyone's.
export { answerPractitionerSurvey, answerSurvey, issueSurvey, recordChange } from './workflow.ts'
