// The columns every kind of meeting's action table shares (strategy_action now): a kind of meeting
// keys its rows by its own id.

import type { ActionInput } from './schemas.ts'

/** The actions in their order on the record, as rows (position from 1). */
export const actionRows = (actions: readonly ActionInput[]) =>
  actions.map((a, index) => ({
    position: index + 1,
    description: a.description,
    owner_agency_id: a.ownerAgencyId,
    owner_name: a.ownerName,
    due_by: a.dueBy,
  }))
