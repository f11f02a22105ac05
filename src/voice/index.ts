// What other capabilities may use of the voice of children and families: its plugin (the composition root).

export { voicePlugin } from './plugin.ts'
