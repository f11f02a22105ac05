// What other capabilities, and the app that wires them, may use of the threshold tool.

export { loadThresholdContent, schemaProblems } from './content.ts'
export { thresholdToolPlugin } from './plugin.ts'
export { parseThresholdResult } from './rules.ts'
