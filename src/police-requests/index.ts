// What the app may use of form 87a requests: its plugin.

export { policeRequestsPlugin } from './plugin.ts'
