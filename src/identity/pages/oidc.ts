// Sign-in through an agency's OpenID Connect provider. The provider does the second factor.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { RequestError } from '../../platform/http/errors.ts'
import { authorisationRequest, redeemCallback } from '../oidc.ts'
import { safeReturnTo } from '../rules.ts'
import type { IdentityRuntime } from '../runtime.ts'
import { hashToken } from '../secrets.ts'
import { saveOidcSignIn, takeOidcSignIn } from '../store.ts'
import { userForProvidedIdentity } from '../workflow.ts'
import { queryField } from './forms.ts'
import { beginSession, endSession, signInPage } from './sign-in.ts'

const CALLBACK = '/sign-in/oidc/callback'
/** Holds the state in the browser that started the sign-in, so nobody can finish it in another. */
const STATE_COOKIE = 'masa_oidc_state'
const SIGN_IN_WINDOW_MS = 10 * 60_000
const INTERRUPTED = 'Your sign-in took too long or was interrupted. Start again.'

export function registerOidcRoutes(app: FastifyInstance, runtime: IdentityRuntime): void {
  const stateCookie = { ...runtime.cookieOptions, path: '/sign-in/oidc', maxAge: SIGN_IN_WINDOW_MS / 1000 }
  const callbackUrl = (request: FastifyRequest) =>
    new URL(CALLBACK, runtime.publicUrl ?? `${request.protocol}://${request.host}`).href

  app.get<{ Params: { agency: string } }>('/sign-in/oidc/:agency', async (request, reply) => {
    const connection = runtime.oidc.find(request.params.agency)
    if (!connection) throw new RequestError(404, 'This agency does not sign in through its own provider')
    const configuration = await runtime.oidc.configuration(connection).catch((error: unknown) => {
      request.log.warn({ err: error, agency: connection.agencyId }, 'OpenID Connect provider unreachable')
      throw new RequestError(
        503,
        `${connection.label} cannot be reached just now. Try again in a few minutes.`,
      )
    })
    const outgoing = await authorisationRequest(configuration, callbackUrl(request))
    const now = runtime.now()
    await saveOidcSignIn(
      runtime.db,
      {
        stateHash: hashToken(outgoing.state),
        agencyId: connection.agencyId,
        codeVerifier: outgoing.codeVerifier,
        nonce: outgoing.nonce,
        returnTo: safeReturnTo(queryField(request, 'returnTo')),
        createdAt: now,
      },
      new Date(now.getTime() - SIGN_IN_WINDOW_MS),
    )
    reply.setCookie(STATE_COOKIE, outgoing.state, stateCookie)
    return reply.redirect(outgoing.url.href, 303)
  })

  app.get(CALLBACK, async (request, reply) => {
    const state = queryField(request, 'state')
    const cookieState = request.cookies[STATE_COOKIE]
    reply.clearCookie(STATE_COOKIE, { path: stateCookie.path })
    if (!state || state !== cookieState) return refuse(reply, 400, INTERRUPTED)
    const signIn = await takeOidcSignIn(runtime.db, hashToken(state))
    const fresh = signIn && runtime.now().getTime() - signIn.createdAt.getTime() < SIGN_IN_WINDOW_MS
    const connection = signIn && runtime.oidc.find(signIn.agencyId)
    if (!signIn || !fresh || !connection) return refuse(reply, 400, INTERRUPTED)
    if (queryField(request, 'error'))
      return refuse(reply, 401, `${connection.label} did not sign you in. Start again.`)

    const configuration = await runtime.oidc.configuration(connection)
    const checks = { state, nonce: signIn.nonce, codeVerifier: signIn.codeVerifier }
    const identity = await redeemCallback(
      configuration,
      new URL(request.url, callbackUrl(request)),
      checks,
    ).catch((error: unknown) => {
      request.log.warn({ err: error, agency: connection.agencyId }, 'OpenID Connect callback refused')
      return null
    })
    if (!identity) return refuse(reply, 401, `${connection.label} did not sign you in. Start again.`)
    const user = await userForProvidedIdentity(runtime.db, { agencyId: connection.agencyId, ...identity })
    if (!user) {
      const who = identity.email ?? 'this account'
      return refuse(
        reply,
        403,
        `There is no active account for ${who} in this service. Ask your agency administrator.`,
      )
    }
    await endSession(runtime, request, reply)
    await beginSession(runtime, request, reply, user, { secondFactorDone: true })
    return reply.redirect(signIn.returnTo, 303)
  })

  const refuse = (reply: FastifyReply, status: number, text: string) =>
    signInPage(runtime, reply.code(status), { returnTo: '/', errors: [{ field: 'email', text }] })
}
