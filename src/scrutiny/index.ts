// What other capabilities may use of independent scrutiny: its plugin, which the composition root registers.

export { scrutinyPlugin } from './plugin.ts'
