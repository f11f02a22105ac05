// What other capabilities may use of the LADO's allegations against people who work with children:
// only its plugin, which the composition root registers.

export { ladoPlugin } from './plugin.ts'
