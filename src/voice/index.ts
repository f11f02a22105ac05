// What other capabilities may use of the voice of children and families: its plugin (the composition root).

export { type VoiceFigures, voiceFigures } from './figures.ts'
export { voicePlugin } from './plugin.ts'
