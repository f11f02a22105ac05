// A small OpenID Connect provider on a random local port for tests (node-oidc-provider), standing in
// for an agency's Entra ID or NHS CIS2: one confidential client, test accounts with passwords, and a
// plain HTML login form any HTTP client can fill in. No browser needed.

import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TestAccount {
  subject: string
  login: string
  password: string
  email: string
  name: string
}

export interface TestOidcProvider {
  issuer: string
  clientId: string
  clientSecret: string
  close(): Promise<void>
}

interface Interaction {
  uid: string
  params: Record<string, string>
}

/** The parts of node-oidc-provider used here (it ships no type declarations). */
interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: object,
    options: object,
  ): Promise<void>
  Grant: new (init: {
    accountId: string
    clientId: string
  }) => { addOIDCScope(scope: string): void; save(): Promise<string> }
}
type ProviderClass = new (issuer: string, configuration: object) => Provider

const loadProvider = async (): Promise<ProviderClass> => {
  const specifier = 'oidc-provider'
  return (await import(specifier)).default as ProviderClass
}

export async function startOidcProvider(options: {
  redirectUri: string
  accounts: readonly TestAccount[]
}): Promise<TestOidcProvider> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'masa-test'
  const clientSecret = randomBytes(24).toString('hex')
  const Provider = await loadProvider()
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', kid: 'test' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: Interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    findAccount: (_ctx: unknown, subject: string) => {
      const account = options.accounts.find((candidate) => candidate.subject === subject)
      if (!account) return undefined
      return {
        accountId: subject,
        claims: async () => ({
          sub: subject,
          email: account.email,
          email_verified: true,
          name: account.name,
        }),
      }
    },
  })
  const handle = provider.callback()
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      interact(provider, options.accounts, req, res).catch((error: unknown) => {
        res.statusCode = 500
        res.end(String(error))
      })
    } else handle(req, res)
  })
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** The login page, and its answer: with the right password, sign in and consent in one step. */
async function interact(
  provider: Provider,
  accounts: readonly TestAccount[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res)
  if (req.method !== 'POST') return loginPage(res, details.uid, false)
  const form = new URLSearchParams(await readBody(req))
  const account = accounts.find((candidate) => candidate.login === form.get('login'))
  if (!account || account.password !== form.get('password')) return loginPage(res, details.uid, true)
  const grant = new provider.Grant({
    accountId: account.subject,
    clientId: details.params.client_id as string,
  })
  grant.addOIDCScope('openid email profile')
  const grantId = await grant.save()
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.subject }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  )
}

function loginPage(res: ServerResponse, uid: string, failed: boolean): void {
  res.statusCode = failed ? 401 : 200
  res.setHeader('content-type', 'text/html; charset=utf-8')
  res.end(
    `<!doctype html><title>Test provider</title>${failed ? '<p>Wrong login or password</p>' : ''}` +
      `<form method="post" action="/interaction/${uid}"><input name="login"><input name="password" type="password">` +
      '<button>Sign in</button></form>',
  )
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
