// Test helpers for any capability: a cookie-keeping client over app.inject that submits forms as a
// browser without JavaScript would (with their CSRF token), and signing in as a user.

import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Role } from '../platform/access/actor.ts'
import type { DemoUser } from './demo-users.ts'
import { totpCode } from './secrets.ts'

/** Keeps cookies by name from Set-Cookie headers, dropping those set to expire. */
export class CookieJar {
  readonly #cookies = new Map<string, string>()

  take(setCookie: string | string[] | undefined | null): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair = '', ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a),
      )
      if (expired) this.#cookies.delete(name)
      else this.#cookies.set(name, pair.slice(at + 1).trim())
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name)
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

type Form = Record<string, string | readonly string[]>

const CSRF_FIELD = /name="_csrf" value="([^"]+)"/

export class TestBrowser {
  readonly jar = new CookieJar()
  #csrfToken: string | undefined

  constructor(readonly app: Pick<FastifyInstance, 'inject'>) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: this.#headers(headers) })
    this.#keep(response)
    return response
  }

  /** Posts a form with the CSRF token of the last page seen (fetching one first if needed). */
  async post(url: string, form: Form, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.#csrfToken) await this.get('/sign-in')
    const fields = options.csrf === false ? form : { ...form, _csrf: this.#csrfToken as string }
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: this.#headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: encodeForm(fields),
    })
    this.#keep(response)
    return response
  }

  /** Posts a file upload form (multipart): the CSRF token first, as the page's form sends it, then the file. */
  async upload(
    url: string,
    file: { field: string; name: string; content: string | Buffer; type?: string },
    options: { csrf?: boolean; fields?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.#csrfToken) await this.get('/sign-in')
    const boundary = `----masa-test-${Math.random().toString(16).slice(2)}`
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
    const payload = Buffer.concat([
      Buffer.from(options.csrf === false ? '' : field('_csrf', this.#csrfToken as string)),
      Buffer.from(
        Object.entries(options.fields ?? {})
          .map(([name, value]) => field(name, value))
          .join(''),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/xml'}\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: this.#headers({ 'content-type': `multipart/form-data; boundary=${boundary}` }),
      payload,
    })
    this.#keep(response)
    return response
  }

  #headers(extra: Record<string, string>): Record<string, string> {
    const cookie = this.jar.header()
    return { accept: 'text/html', ...(cookie ? { cookie } : {}), ...extra }
  }

  #keep(response: LightMyRequestResponse): void {
    this.jar.take(response.headers['set-cookie'])
    const token = CSRF_FIELD.exec(response.body)?.[1]
    if (token) this.#csrfToken = token
  }
}

export function encodeForm(form: Form): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(form))
    for (const item of [value].flat()) params.append(name, item)
  return params.toString()
}

export interface Credentials {
  email: string
  password: string
  totpSecret?: string | null
}

/**
 * Signs in with a password and, when asked for one, the code an authenticator app shows at `now`
 * (the app's clock). A code is accepted once: move the clock 30 s before signing the same user in again.
 */
export async function signIn(
  app: Pick<FastifyInstance, 'inject'>,
  credentials: Credentials,
  now = new Date(),
) {
  const browser = new TestBrowser(app)
  const answer = await browser.post('/sign-in', { email: credentials.email, password: credentials.password })
  const next = String(answer.headers.location ?? '')
  if (answer.statusCode !== 303)
    throw new Error(`sign-in refused (${answer.statusCode}) for ${credentials.email}`)
  if (next.startsWith('/sign-in/two-factor')) {
    if (!credentials.totpSecret) throw new Error(`${credentials.email} needs a TOTP secret to sign in`)
    const path = next.startsWith('/sign-in/two-factor/set-up')
      ? '/sign-in/two-factor/set-up'
      : '/sign-in/two-factor'
    const code = await browser.post(path, { code: await totpCode(credentials.totpSecret, now) })
    if (code.statusCode !== 303) throw new Error(`code refused (${code.statusCode}) for ${credentials.email}`)
  }
  return browser
}

/** The first of the demo users who holds `role` (the demo plan has one for every role it signs in). */
export function holderOf(users: readonly DemoUser[], role: Role): DemoUser {
  const holder = users.find((user) => user.grants.some((grant) => grant.role === role))
  if (!holder) throw new Error(`no demo user holds the role ${role}`)
  return holder
}
