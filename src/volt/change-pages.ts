// VOLT's pages that change what is recorded: a person of concern, a place or a link edited (the
// form shown again with what was typed and the problems named) or deleted (a page to confirm; a
// person or place only once nothing links to it).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { changeOrShowAgain, formOf } from '../platform/http/forms.ts'
import { type FieldProblem, isUuid } from '../platform/http/schemas.ts'
import {
  deleteLink,
  deletePerson,
  deletePlace,
  editLink,
  editPerson,
  editPlace,
  linkToChange,
  personToChange,
  placeToChange,
} from './changes.ts'
import { type End, notFound, type VoltContext } from './ends.ts'
import { LinkChangeInput, LocationInput, PersonInput } from './schemas.ts'

type Id = { Params: { id: string } }
type Render = (reply: FastifyReply, view: string, context: object) => FastifyReply | Promise<unknown>

const signedIn = { schema: { hide: true }, preHandler: requireUser }
const forms = { person: formOf(PersonInput), place: formOf(LocationInput), link: formOf(LinkChangeInput) }

/** A link's page to go back to: its first end's. */
const pageOf = (end: Pick<End, 'kind' | 'ref'>) =>
  end.kind === 'child'
    ? `/children/${end.ref}/exploitation-profile`
    : end.kind === 'person'
      ? `/volt/persons/${end.ref}`
      : end.kind === 'location'
        ? `/volt/locations/${end.ref}`
        : `/volt/themes/${end.ref}`

const asForm = (values: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  )

const dateParts = (name: string, iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year,
  }
}

export function registerVoltChangePages(app: FastifyInstance, ctx: VoltContext, render: Render): void {
  const id = (request: FastifyRequest<Id>) => {
    if (!isUuid(request.params.id)) throw notFound()
    return request.params.id
  }

  // Persons of concern
  const personForm = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    form?: Record<string, string>,
    problems: readonly FieldProblem[] = [],
  ) => {
    const { person } = await personToChange(ctx, callerOf(request), id(request))
    return render(reply, 'person-new', {
      heading: `Change ${person.name}`,
      button: 'Save the changes',
      formAction: `/volt/persons/${person.id}/edit`,
      form: form ?? asForm({ ...person, alsoKnownAs: person.also_known_as }),
      ...forms.person.errors(problems),
    })
  }
  app.get<Id>('/volt/persons/:id/edit', signedIn, (request, reply) => personForm(request, reply))
  app.post<Id>('/volt/persons/:id/edit', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await editPerson(ctx, callerOf(request), id(request), forms.person.read(request.body))
        return `/volt/persons/${request.params.id}`
      },
      ({ form, problems }) => personForm(request, reply, form, problems),
    ),
  )
  app.get<Id>('/volt/persons/:id/delete', signedIn, async (request, reply) => {
    const { person, links } = await personToChange(ctx, callerOf(request), id(request))
    return render(reply, 'delete', {
      what: 'this person',
      name: person.name,
      links,
      formAction: `/volt/persons/${person.id}/delete`,
      back: `/volt/persons/${person.id}`,
    })
  })
  app.post<Id>('/volt/persons/:id/delete', signedIn, async (request, reply) => {
    await deletePerson(ctx, callerOf(request), id(request))
    return reply.redirect('/volt/persons', 303)
  })

  // Places
  const placeForm = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    form?: Record<string, string>,
    problems: readonly FieldProblem[] = [],
  ) => {
    const { place } = await placeToChange(ctx, callerOf(request), id(request))
    return render(reply, 'location-new', {
      heading: `Change ${place.name}`,
      button: 'Save the changes',
      formAction: `/volt/locations/${place.id}/edit`,
      form: form ?? asForm({ ...place, locationType: place.location_type }),
      ...forms.place.errors(problems),
    })
  }
  app.get<Id>('/volt/locations/:id/edit', signedIn, (request, reply) => placeForm(request, reply))
  app.post<Id>('/volt/locations/:id/edit', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await editPlace(ctx, callerOf(request), id(request), forms.place.read(request.body))
        return `/volt/locations/${request.params.id}`
      },
      ({ form, problems }) => placeForm(request, reply, form, problems),
    ),
  )
  app.get<Id>('/volt/locations/:id/delete', signedIn, async (request, reply) => {
    const { place, links } = await placeToChange(ctx, callerOf(request), id(request))
    return render(reply, 'delete', {
      what: 'this place',
      name: place.name,
      links,
      formAction: `/volt/locations/${place.id}/delete`,
      back: `/volt/locations/${place.id}`,
    })
  })
  app.post<Id>('/volt/locations/:id/delete', signedIn, async (request, reply) => {
    await deletePlace(ctx, callerOf(request), id(request))
    return reply.redirect('/volt', 303)
  })

  // Links
  const linkForm = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    form?: Record<string, string>,
    problems: readonly FieldProblem[] = [],
  ) => {
    const found = await linkToChange(ctx, callerOf(request), id(request))
    const { link } = found
    return render(reply, 'link-edit', {
      ...found,
      agencies: ctx.partnership.agencies,
      back: pageOf(found.from),
      form:
        form ??
        asForm({
          linkType: link.link_type,
          sourceAgencyId: link.source_agency_id,
          ...dateParts('seenOn', link.seen_on),
          sourceEvaluation: link.source_evaluation,
          intelligenceAssessment: link.intelligence_assessment,
          handlingCode: link.handling_code,
          handlingConditions: link.handling_conditions,
        }),
      ...forms.link.errors(problems),
    })
  }
  app.get<Id>('/volt/links/:id/edit', signedIn, (request, reply) => linkForm(request, reply))
  app.post<Id>('/volt/links/:id/edit', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        const { from } = await editLink(ctx, callerOf(request), id(request), forms.link.read(request.body))
        return pageOf(from)
      },
      ({ form, problems }) => linkForm(request, reply, form, problems),
    ),
  )
  app.get<Id>('/volt/links/:id/delete', signedIn, async (request, reply) => {
    const { link, from, to } = await linkToChange(ctx, callerOf(request), id(request))
    return render(reply, 'delete', {
      what: 'the link',
      name: `${from.name} and ${to.name}`,
      links: 0,
      formAction: `/volt/links/${link.id}/delete`,
      back: pageOf(from),
    })
  })
  app.post<Id>('/volt/links/:id/delete', signedIn, async (request, reply) => {
    const { from } = await deleteLink(ctx, callerOf(request), id(request))
    return reply.redirect(pageOf(from), 303)
  })
}
