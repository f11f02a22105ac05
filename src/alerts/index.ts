// The public face of alerts: what the app and other capabilities may import.

export { alertsPlugin } from './plugin.ts'
export { viewAlerts } from './workflow.ts'
