// What the app may use of MACE: its plugin, and the use cases the demo partnership's MACE is made with.

export { recordDiscussion } from './discussion.ts'
export { recordMeeting, scheduleMeeting } from './meetings.ts'
export { macePlugin } from './plugin.ts'
export { referToMace } from './workflow.ts'
