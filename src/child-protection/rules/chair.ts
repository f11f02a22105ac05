// Who chairs a meeting: someone the access policy lets chair it, chosen when the meeting is booked.

import type { FieldProblem } from '../../platform/http/schemas.ts'

export interface Chair {
  id: string
  name: string
}

/**
 * The chair chosen from those who may chair the meeting. The booking form asks for one whenever
 * anyone may (`required`); an agency's system may leave it out while no chair is known yet.
 */
export function chooseChair(
  chairUserId: string | undefined,
  mayChair: readonly Chair[],
  { meeting, required }: { meeting: string; required: boolean },
): { chair: Chair | null; problem: FieldProblem | null } {
  if (!chairUserId) {
    const missing = required && mayChair.length > 0
    return {
      chair: null,
      problem: missing ? { field: 'chairUserId', text: `Select who will chair the ${meeting}` } : null,
    }
  }
  const chair = mayChair.find((candidate) => candidate.id === chairUserId) ?? null
  return {
    chair,
    problem: chair ? null : { field: 'chairUserId', text: `Select someone who may chair the ${meeting}` },
  }
}
