// The public face of the home page: what the app may import.

export { homePlugin } from './plugin.ts'
