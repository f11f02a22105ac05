// What the app may use of form 87a requests: its plugin, and the use cases the demo partnership's
// requests are made with.

export { policeRequestsPlugin } from './plugin.ts'
export { answerRequest, requestInformation } from './workflow.ts'
