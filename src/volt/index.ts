// What the app may use of VOLT: its plugin, and the use cases the demo partnership's network is made with.

export { type MaceFlag, maceFlagsIn } from './mace-flag.ts'
export { voltPlugin } from './plugin.ts'
export { recordLink, recordLocation, recordPerson, sharePerson } from './recording.ts'
export { LOCATION_TYPES, themesOf } from './rules.ts'
