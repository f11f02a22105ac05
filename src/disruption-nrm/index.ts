// What the app may use of disruption tactics and NRM referrals: its plugin.

export { disruptionNrmPlugin } from './plugin.ts'
