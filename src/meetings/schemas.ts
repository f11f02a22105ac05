// A meeting's inputs as TypeBox (type, validation and OpenAPI in one): who is invited, and their reply.

import { type Static, Type } from '@sinclair/typebox'
import { compileInput, literals, Text } from '../platform/http/schemas.ts'

/** Someone a meeting's organiser invites: the person an agency sends, and where to email them. */
export const Invitee = Type.Object({
  agencyId: Type.String({ description: 'the agency’s id in the partnership configuration' }),
  name: Text({ description: 'the person invited', label: 'the name of the person invited', maxLength: 200 }),
  email: Text({ description: 'their email address', label: 'the email address', maxLength: 320 }),
})
export type InviteeRequest = Static<typeof Invitee>

export const INVITATION_REPLIES = ['awaiting', 'accepted', 'declined'] as const
export type InvitationReply = (typeof INVITATION_REPLIES)[number]

export const InvitationReplyBody = Type.Object(
  {
    agencyId: Text({ description: 'the invited agency’s id', missing: 'Select the agency replying' }),
    reply: literals(INVITATION_REPLIES, 'the agency’s reply', { missing: 'Select the reply' }),
  },
  { additionalProperties: false },
)
export const invitationReplyCheck = compileInput(InvitationReplyBody)
