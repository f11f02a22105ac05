// What other capabilities and the root may use of retention: its page's plugin and the operator's command.

export { type HoldCommand, runRetentionCommand, runRetentionHoldCommand } from './command.ts'
export { retentionPlugin } from './plugin.ts'
