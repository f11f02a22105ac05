// What other capabilities and the composition root may use of child protection.

export { childProtectionPlugin } from './plugin.ts'
export { CP_CATEGORY_LABELS } from './rules/conference.ts'
export type { ChildProtectionPlanTable } from './tables.ts'
export {
  chairWorkFor,
  DIARY_TYPE_LABELS,
  invitationsAndCirculationFor,
  meetingsToBookFor,
} from './workflow/diary.ts'
export { childProtectionFlags } from './workflow/flags.ts'
