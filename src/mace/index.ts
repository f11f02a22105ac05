// What the app may use of MACE: its plugin.

export { macePlugin } from './plugin.ts'
