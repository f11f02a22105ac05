// VOLT's pages: a child's exploitation profile (their network to two hops, as a table), places,
// themes, persons of concern and hotspots, and the forms that record persons, places and links.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, getActor, requireUser } from '../identity/index.ts'
import { mayEver, REFUSED_BECAUSE } from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'
import { changeOrShowAgain, formOf, postedFields } from '../platform/http/forms.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import { registerVoltChangePages } from './change-pages.ts'
import { type VoltContext, viewerOf } from './ends.ts'
import { hotspots } from './hotspots.ts'
import { networkPicture } from './picture.ts'
import { linkForm, recordLink, recordLocation, recordPerson, sharePerson } from './recording.ts'
import {
  HANDLING_CODES,
  INTELLIGENCE_ASSESSMENTS,
  LINK_TYPES,
  LOCATION_TYPES,
  PERSON_KINDS,
  SOURCE_EVALUATIONS,
} from './rules.ts'
import { LinkInput, LocationInput, PersonInput } from './schemas.ts'
import { childNetwork, findPersons, listPlaces, readLocation, readPerson, readTheme } from './workflow.ts'

type Id = { Params: { id: string } }

/** A form is shown only to whoever may ever take its step (the step itself is decided again). */
function mayAsk(request: FastifyRequest, action: 'volt.record' | 'volt.person') {
  if (!mayEver(getActor(request), action)) throw new RequestError(403, REFUSED_BECAUSE.noRole)
}
const signedIn = { schema: { hide: true }, preHandler: requireUser }
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>
const forms = { person: formOf(PersonInput), location: formOf(LocationInput), link: formOf(LinkInput) }
const CODES = {
  PERSON_KINDS,
  LOCATION_TYPES,
  LINK_TYPES,
  SOURCE_EVALUATIONS,
  INTELLIGENCE_ASSESSMENTS,
  HANDLING_CODES,
}

/** Where a link's first end lives: back there once the link is kept. */
function pageOf(end: string): string {
  const [kind, ref] = end.split(':')
  if (kind === 'child') return `/children/${ref}/exploitation-profile`
  if (kind === 'person') return `/volt/persons/${ref}`
  if (kind === 'location') return `/volt/locations/${ref}`
  return '/volt'
}

export function registerVoltPages(app: FastifyInstance, ctx: VoltContext): void {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`volt/views/${view}.njk`, {
      ...CODES,
      police: viewerOf(getActor(reply.request)).police,
      ...context,
    })
  registerVoltChangePages(app, ctx, render)

  app.get<Id>('/children/:id/exploitation-profile', signedIn, async (request, reply) => {
    const network = await childNetwork(ctx, callerOf(request), request.params.id)
    const picture = networkPicture(
      { ref: network.child.childId, name: network.child.name },
      network.ends,
      network.links,
    )
    return render(reply, 'profile', { network, picture })
  })

  app.get('/volt', signedIn, async (request, reply) =>
    render(reply, 'index', await listPlaces(ctx, callerOf(request))),
  )
  app.get('/volt/hotspots', signedIn, async (request, reply) =>
    render(reply, 'hotspots', { hotspots: await hotspots(ctx, callerOf(request)) }),
  )
  // A theme is named by its code, not an id.
  app.get<{ Params: { theme: string } }>('/volt/themes/:theme', signedIn, async (request, reply) =>
    render(reply, 'theme', await readTheme(ctx, callerOf(request), request.params.theme)),
  )

  const locationForm = (
    reply: FastifyReply,
    form: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) => render(reply, 'location-new', { form, ...forms.location.errors(problems) })
  app.get('/volt/locations/new', signedIn, async (request, reply) => {
    mayAsk(request, 'volt.record')
    return locationForm(reply)
  })
  app.post('/volt/locations', signedIn, async (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () =>
        `/volt/locations/${(await recordLocation(ctx, callerOf(request), forms.location.read(request.body))).id}`,
      ({ form, problems }) => locationForm(reply, form, problems),
    ),
  )
  app.get<Id>('/volt/locations/:id', signedIn, async (request, reply) =>
    render(reply, 'location', await readLocation(ctx, callerOf(request), request.params.id)),
  )

  app.get('/volt/persons', signedIn, async (request, reply) => {
    const words = query(request).q ?? ''
    return render(reply, 'persons', { words, ...(await findPersons(ctx, callerOf(request), words)) })
  })
  const personForm = (
    reply: FastifyReply,
    form: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) => render(reply, 'person-new', { form, ...forms.person.errors(problems) })
  app.get('/volt/persons/new', signedIn, async (request, reply) => {
    mayAsk(request, 'volt.person')
    return personForm(reply)
  })
  app.post('/volt/persons', signedIn, async (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () =>
        `/volt/persons/${(await recordPerson(ctx, callerOf(request), forms.person.read(request.body))).id}`,
      ({ form, problems }) => personForm(reply, form, problems),
    ),
  )
  app.get<Id>('/volt/persons/:id', signedIn, async (request, reply) =>
    render(reply, 'person', await readPerson(ctx, callerOf(request), request.params.id)),
  )
  app.post<Id>('/volt/persons/:id/share', signedIn, async (request, reply) => {
    await sharePerson(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/volt/persons/${request.params.id}`, 303)
  })

  const linkPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    from: string,
    form: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) =>
    render(reply, 'link-new', {
      ...(await linkForm(ctx, callerOf(request), from)),
      agencies: ctx.partnership.agencies,
      form: { sourceAgencyId: getActor(request).agencyId, ...form },
      ...forms.link.errors(problems),
    })
  app.get('/volt/links/new', signedIn, async (request, reply) =>
    linkPage(request, reply, query(request).from ?? ''),
  )
  app.post('/volt/links', signedIn, async (request, reply) => {
    const from = postedFields(request.body).from ?? ''
    return changeOrShowAgain(
      request,
      reply,
      async () => {
        await recordLink(ctx, callerOf(request), forms.link.read(request.body))
        return pageOf(from)
      },
      ({ form, problems }) => linkPage(request, reply, from, form, problems),
    )
  })
}
