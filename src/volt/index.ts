// What the app may use of VOLT: its plugin, and the use cases the demo partnership's network is made with.

export { voltPlugin } from './plugin.ts'
export { recordLink, recordLocation, recordPerson, sharePerson } from './recording.ts'
export { themesOf } from './rules.ts'
