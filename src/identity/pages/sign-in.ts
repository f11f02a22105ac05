// Sign-in with a password and a one-time code, setting up the code, choosing a password after an
// administrator's reset, and sign-out.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import type { RoleGrant } from '../../platform/access/actor.ts'
import type { FieldProblem } from '../../platform/http/schemas.ts'
import { SIGN_IN_STEP_PAGES } from '../guards.ts'
import {
  AUTHENTICATOR_UNREADABLE,
  isSixDigits,
  MIN_PASSWORD_LENGTH,
  newPasswordErrors,
  normaliseCode,
  SIGN_IN_REFUSED,
  type SignInStep,
  safeReturnTo,
  signInStep,
} from '../rules.ts'
import type { IdentityRuntime } from '../runtime.ts'
import {
  groupedSecret,
  hashPassword,
  newTotpSecret,
  openSecret,
  readableSecret,
  totpUri,
  verifyPassword,
} from '../secrets.ts'
import { type CurrentSession, SESSION_COOKIE, startSession } from '../sessions.ts'
import { type AppUser, chooseOwnPassword, deleteSession, findGrants, saveTotpSecret } from '../store.ts'
import { checkCode, checkPassword } from '../workflow.ts'
import { errorContext, field, queryField, rawField } from './forms.ts'

const TWO_FACTOR = SIGN_IN_STEP_PAGES['second-factor']
const SET_UP = '/sign-in/two-factor/set-up'
const NEW_PASSWORD = SIGN_IN_STEP_PAGES['new-password']

export function registerSignInRoutes(app: FastifyInstance, runtime: IdentityRuntime): void {
  const limited = { config: { rateLimit: runtime.signInRateLimit } }
  app.get('/sign-in', showSignInForm(runtime))
  app.post('/sign-in', limited, signInWithPassword(runtime))
  app.get(TWO_FACTOR, showCodeForm)
  app.post(TWO_FACTOR, limited, enterCode(runtime))
  app.get(SET_UP, showSetUp(runtime))
  app.post(SET_UP, limited, finishSetUp(runtime))
  app.get(NEW_PASSWORD, showNewPasswordForm)
  app.post(NEW_PASSWORD, limited, chooseNewPassword(runtime))
  app.get('/sign-out', async (request, reply) =>
    request.userSession ? reply.view('identity/views/sign-out.njk') : reply.redirect('/signed-out', 303),
  )
  app.post('/sign-out', async (request, reply) => {
    await endSession(runtime, request, reply)
    return reply.redirect('/signed-out', 303)
  })
  app.get('/signed-out', async (_request, reply) => reply.view('identity/views/signed-out.njk'))
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>

const withReturn = (path: string, returnTo: string) =>
  returnTo === '/' ? path : `${path}?returnTo=${encodeURIComponent(returnTo)}`

/** Where signing in goes next: the second factor, a new password, or where the person was going. */
function nextPage(user: AppUser, grants: RoleGrant[], secondFactorDone: boolean, returnTo: string) {
  const step = signInStep({ secondFactorDone, grants, mustChangePassword: user.must_change_password })
  if (step === 'second-factor') return withReturn(user.totp_enrolled_at ? TWO_FACTOR : SET_UP, returnTo)
  return step === 'new-password' ? withReturn(NEW_PASSWORD, returnTo) : returnTo
}

const showSignIn = (
  runtime: IdentityRuntime,
  reply: FastifyReply,
  returnTo: string,
  errors: FieldProblem[] = [],
  email = '',
) => signInPage(runtime, reply, { returnTo, errors, email })

const showSignInForm =
  (runtime: IdentityRuntime): Handler =>
  async (request, reply) => {
    const returnTo = safeReturnTo(queryField(request, 'returnTo'))
    if (request.actor) return reply.redirect(returnTo, 303)
    return showSignIn(runtime, reply, returnTo)
  }

const signInWithPassword =
  (runtime: IdentityRuntime): Handler =>
  async (request, reply) => {
    const email = field(request, 'email')
    const password = rawField(request, 'password')
    const returnTo = safeReturnTo(field(request, 'returnTo'))
    const missing: FieldProblem[] = [
      ...(email ? [] : [{ text: 'Enter your email address', field: 'email' }]),
      ...(password ? [] : [{ text: 'Enter your password', field: 'password' }]),
    ]
    if (missing.length > 0) return showSignIn(runtime, reply.code(400), returnTo, missing, email)
    const user = await checkPassword(runtime, email, password)
    if (!user)
      return showSignIn(
        runtime,
        reply.code(401),
        returnTo,
        [{ text: SIGN_IN_REFUSED, field: 'email' }],
        email,
      )
    await endSession(runtime, request, reply)
    await beginSession(runtime, request, reply, user, { secondFactorDone: false })
    return reply.redirect(nextPage(user, await findGrants(runtime.db, user.id), false, returnTo), 303)
  }

const codePage = (reply: FastifyReply, returnTo: string, errors: FieldProblem[] = []) =>
  reply.view('identity/views/two-factor.njk', { returnTo, ...errorContext(errors) })

const showCodeForm: Handler = async (request, reply) => {
  const returnTo = safeReturnTo(queryField(request, 'returnTo'))
  const pending = sessionAt(request, 'second-factor')
  if (!pending) return reply.redirect(request.actor ? returnTo : withReturn('/sign-in', returnTo), 303)
  if (!pending.user.totp_enrolled_at) return reply.redirect(withReturn(SET_UP, returnTo), 303)
  return codePage(reply, returnTo)
}

const enterCode =
  (runtime: IdentityRuntime): Handler =>
  async (request, reply) => {
    const returnTo = safeReturnTo(field(request, 'returnTo'))
    const pending = sessionAt(request, 'second-factor')
    if (!pending?.user.totp_enrolled_at) return reply.redirect(withReturn('/sign-in', returnTo), 303)
    const code = normaliseCode(field(request, 'code'))
    if (!isSixDigits(code)) return codePage(reply.code(400), returnTo, [codeError(code)])
    return finishSecondFactor(runtime, request, reply, { pending, code, returnTo, enrolling: false })
  }

async function setUpPage(
  runtime: IdentityRuntime,
  reply: FastifyReply,
  user: AppUser,
  returnTo: string,
  errors: FieldProblem[] = [],
) {
  const secret = openSecret(user.totp_secret as string)
  const issuer = `${runtime.partnership.partnership.short_name} safeguarding`
  const uri = totpUri(issuer, user.email, secret)
  return reply.view('identity/views/two-factor-set-up.njk', {
    returnTo,
    secret: groupedSecret(secret),
    uri,
    // Drawn here as a PNG data address: no script, and the page's content security policy allows data: images.
    qrCode: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 200 }),
    ...errorContext(errors),
  })
}

const showSetUp =
  (runtime: IdentityRuntime): Handler =>
  async (request, reply) => {
    const returnTo = safeReturnTo(queryField(request, 'returnTo'))
    const pending = sessionAt(request, 'second-factor')
    if (!pending) return reply.redirect(withReturn('/sign-in', returnTo), 303)
    if (pending.user.totp_enrolled_at) return reply.redirect(withReturn(TWO_FACTOR, returnTo), 303)
    // Not yet set up, so no app holds a secret that works: one that cannot be opened is replaced too.
    if (readableSecret(pending.user.totp_secret) === undefined)
      pending.user.totp_secret = await saveTotpSecret(runtime.db, pending.user.id, newTotpSecret())
    return setUpPage(runtime, reply, pending.user, returnTo)
  }

const finishSetUp =
  (runtime: IdentityRuntime): Handler =>
  async (request, reply) => {
    const returnTo = safeReturnTo(field(request, 'returnTo'))
    const pending = sessionAt(request, 'second-factor')
    if (!pending?.user.totp_secret || pending.user.totp_enrolled_at)
      return reply.redirect(withReturn('/sign-in', returnTo), 303)
    const code = normaliseCode(field(request, 'code'))
    if (!isSixDigits(code))
      return setUpPage(runtime, reply.code(400), pending.user, returnTo, [codeError(code)])
    return finishSecondFactor(runtime, request, reply, { pending, code, returnTo, enrolling: true })
  }

interface SecondFactor {
  pending: CurrentSession
  code: string
  returnTo: string
  enrolling: boolean
}

async function finishSecondFactor(
  runtime: IdentityRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
  { pending, code, returnTo, enrolling }: SecondFactor,
) {
  const result = await checkCode(runtime, pending.user.id, code, enrolling)
  if (result === 'unreadable') {
    request.log.error(
      { userId: pending.user.id },
      'a TOTP secret sealed under another secret key: an administrator must reset this person’s authenticator app',
    )
    await endSession(runtime, request, reply)
    return showSignIn(runtime, reply.code(403), returnTo, [
      { text: AUTHENTICATOR_UNREADABLE, field: 'email' },
    ])
  }
  if (result === 'locked') {
    await endSession(runtime, request, reply)
    return showSignIn(runtime, reply.code(401), returnTo, [{ text: SIGN_IN_REFUSED, field: 'email' }])
  }
  const wrong = {
    text: 'The code is not right: enter the 6-digit code your authenticator app shows now',
    field: 'code',
  }
  if (result === 'wrong') {
    return enrolling
      ? setUpPage(runtime, reply.code(401), pending.user, returnTo, [wrong])
      : codePage(reply.code(401), returnTo, [wrong])
  }
  // A new token once the second factor is done, so a token seen before it is worth nothing after.
  await endSession(runtime, request, reply)
  await beginSession(runtime, request, reply, pending.user, {
    secondFactorDone: true,
    expiresAt: pending.expiresAt,
  })
  return reply.redirect(nextPage(pending.user, pending.grants, true, returnTo), 303)
}

const newPasswordPage = (reply: FastifyReply, returnTo: string, errors: FieldProblem[] = []) =>
  reply.view('identity/views/new-password.njk', {
    returnTo,
    minimumLength: MIN_PASSWORD_LENGTH,
    ...errorContext(errors),
  })

const showNewPasswordForm: Handler = async (request, reply) => {
  const returnTo = safeReturnTo(queryField(request, 'returnTo'))
  if (!sessionAt(request, 'new-password'))
    return reply.redirect(request.actor ? returnTo : withReturn('/sign-in', returnTo), 303)
  return newPasswordPage(reply, returnTo)
}

const chooseNewPassword =
  (runtime: IdentityRuntime): Handler =>
  async (request, reply) => {
    const returnTo = safeReturnTo(field(request, 'returnTo'))
    const session = sessionAt(request, 'new-password')
    if (!session) return reply.redirect(withReturn('/sign-in', returnTo), 303)
    const password = rawField(request, 'password')
    const temporaryHash = session.user.password_hash
    const sameAsTemporary = Boolean(
      password && temporaryHash && (await verifyPassword(temporaryHash, password)),
    )
    const errors = newPasswordErrors(password, { sameAsTemporary })
    if (errors.length > 0) return newPasswordPage(reply.code(400), returnTo, errors)
    await chooseOwnPassword(runtime.db, session.user.id, await hashPassword(password), session.id)
    return reply.redirect(returnTo, 303)
  }

const sessionAt = (request: FastifyRequest, step: SignInStep): CurrentSession | null =>
  request.userSession?.step === step ? request.userSession : null

const codeError = (code: string): FieldProblem => ({
  text: code
    ? 'The code must be 6 digits, like 123456'
    : 'Enter the 6-digit code from your authenticator app',
  field: 'code',
})

export function signInPage(
  runtime: IdentityRuntime,
  reply: FastifyReply,
  page: { returnTo: string; errors: FieldProblem[]; email?: string },
) {
  return reply.view('identity/views/sign-in.njk', {
    returnTo: page.returnTo,
    values: { email: page.email ?? '' },
    providers: runtime.oidc.connections.map(({ agencyId, label }) => ({ agencyId, label })),
    ...errorContext(page.errors),
  })
}

export async function beginSession(
  runtime: IdentityRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
  user: AppUser,
  start: { secondFactorDone: boolean; expiresAt?: Date },
): Promise<void> {
  const token = await startSession(runtime, user, {
    ...start,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
  })
  reply.setCookie(SESSION_COOKIE, token, runtime.cookieOptions)
}

export async function endSession(
  runtime: IdentityRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (request.userSession) await deleteSession(runtime.db, request.userSession.id)
  request.userSession = null
  request.actor = null
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}
