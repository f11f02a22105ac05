// What other capabilities may use of the partnership's MASA plan: its plugin, which the composition
// root registers.

export { masaPlanPlugin } from './plugin.ts'
