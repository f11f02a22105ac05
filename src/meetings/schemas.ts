// A meeting's inputs as TypeBox (type, validation and OpenAPI in one): who is invited, and their reply.

import { type Static, Type } from '@sinclair/typebox'

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })

/** Someone a meeting's organiser invites: the person an agency sends, and where to email them. */
export const Invitee = Type.Object({
  agencyId: Type.String(),
  name: Type.String({ maxLength: 200 }),
  email: Type.String({ maxLength: 320 }),
})
export type InviteeRequest = Static<typeof Invitee>

export const INVITATION_REPLIES = ['awaiting', 'accepted', 'declined'] as const
export type InvitationReply = (typeof INVITATION_REPLIES)[number]

export const InvitationReplyBody = Type.Object(
  { agencyId: Type.String(), reply: literals(INVITATION_REPLIES) },
  { additionalProperties: false },
)
