// A meeting's invitation form, whatever its kind (views/_invitees.njk): the agencies ticked
// (`invite`), each with the person invited (`name-<agency>`) and their address (`email-<agency>`).

import { listField, type PostedForm, textField } from '../platform/http/forms.ts'
import type { InviteeRequest } from './schemas.ts'

/** The invitees as the kind's schema takes them; a blank name or address is left to its check. */
export const inviteesFromForm = (form: PostedForm): InviteeRequest[] =>
  listField(form, 'invite').map((agencyId) => ({
    agencyId,
    name: textField(form, `name-${agencyId}`) ?? '',
    email: textField(form, `email-${agencyId}`) ?? '',
  }))
