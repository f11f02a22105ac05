// The columns every kind of meeting's invitation table shares (strategy_invitation,
// conference_invitation): a kind of meeting keys its rows by its own id and adds what it needs.

import type { Invitee } from './rules.ts'

export const invitationColumns = (i: Invitee) => ({
  agency_id: i.agencyId,
  agency_kind: i.agencyKind,
  invitee_name: i.name,
  invitee_email: i.email,
})
