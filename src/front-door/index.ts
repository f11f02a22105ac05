// What other capabilities, and the app that wires them, may use of the front door.

export { type FrontDoorOptions, frontDoorPlugin } from './plugin.ts'
export type { ChildProtectionPlanTable, FrontDoorTables } from './tables.ts'
