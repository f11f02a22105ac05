// The public face of identity: what the app and other capabilities may import. Tests of any
// capability sign in through testing.ts.

export { DEMO_PASSWORD, type DemoUser, demoUserPlan, formatDemoUsers, seedDemoUsers } from './demo-users.ts'
export { callerOf, getActor, requireSystem, requireUser } from './guards.ts'
export { identityPlugin } from './plugin.ts'
export { ROLE_LABELS, safeReturnTo } from './rules.ts'
export type { IdentityOptions } from './runtime.ts'
export { loadSecretKey } from './secret-key.ts'
export { totpCode, useSecretKey } from './secrets.ts'
export { activeUserActors, actorForColleague } from './sessions.ts'
export { actorNames, emailOfPerson, holdersOfRoles, peopleWithRoles } from './store.ts'
export { formTokenHolds } from './upload-csrf.ts'
export { issueApiKey } from './workflow.ts'
