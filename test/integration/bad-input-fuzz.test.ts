// Bad input never breaks masa: every operation of the OpenAPI document (with an API key holding every
// scope) and every page route (GET and POST, signed in, with the CSRF token) is sent generated bad
// input: wrong types, NUL and other control characters, huge and deeply nested values, non-UUID and
// near-UUID ids, impossible dates, encoded paths. Any 5xx fails the test. Bounded to run in seconds.

import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { type App, buildApp } from '../../src/app.ts'
import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { hashPassword } from '../../src/identity/secrets.ts'
import { createUser } from '../../src/identity/store.ts'
import { encodeForm, signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { API_SCOPES } from '../../src/platform/access/actor.ts'
import { apiKeyFor, policeEvent, SEEDED_DATE_OF_BIRTH, seedChildren } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { openTestDatabase, type TestDatabase } from '../support/database.ts'

/** Generated cases per operation and per page route: enough to try each kind of bad value, bounded in time. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3)
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const AGENCY = 'leicester-city-council'

// ---------------------------------------------------------------------------
// Bad values

const nestedJson = (depth: number) => `${'{"thresholdResult":['.repeat(depth)}"bottom"${']}'.repeat(depth)}`
/** Stands for JSON nested 5,000 deep, which JSON.stringify itself cannot write; put in as text when sent. */
const DEEP = '\u{1F300}deep\u{1F300}'
const DEEP_JSON = nestedJson(5_000)
const serialise = (value: unknown) =>
  (JSON.stringify(value) ?? 'null').replaceAll(JSON.stringify(DEEP), DEEP_JSON)

const controlText = fc
  .array(
    fc.constantFrom(
      '\u0000',
      '\u0001',
      '\u0008',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u200b',
      '\ufeff',
      'a',
      ' ',
      '\n',
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''))

const nearIds = fc.oneof(
  fc.uuid().map((id) => id.replace(/-/g, '')),
  fc.uuid().map((id) => `urn:uuid:${id}`),
  fc.uuid().map((id) => `{${id}}`),
  fc.uuid().map((id) => `${id.slice(0, -1)}g`),
  fc.uuid().map((id) => `${id} `),
  fc.uuid().map((id) => `${id}\u0000`),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.stringMatching(/^[0-9a-f]{36}$/),
  fc.constantFrom('0', '-1', 'null', 'undefined', '../etc/passwd', '..%2f..%2f', '1e400', 'NaN', ' '),
)

const impossibleDates = fc.constantFrom(
  '2026-02-31',
  '2026-99-99',
  '2026-00-00',
  '0000-01-01',
  '2025-02-29',
  '99999-01-01',
  '2026-13-01T25:61:00Z',
  '2026-02-30T10:00:00+99:00',
  '+275760-09-13',
)

const hugeText = fc.constantFrom('x'.repeat(200_000), 'é'.repeat(100_000), `${'a '.repeat(30_000)}\u0000`)

/** Any value a careless or hostile caller might send where a field is expected. */
const smallBadValue: fc.Arbitrary<unknown> = fc.oneof(
  controlText,
  nearIds,
  impossibleDates,
  fc.constantFrom(
    JSON.parse(nestedJson(40)),
    DEEP,
    [],
    {},
    [null],
    { __proto__: { admin: true } },
    true,
    null,
  ),
  fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(1e308, -0, 2 ** 53 + 1)),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '%00',
    '%2e%2e%2f',
    '%ff%fe',
    '\\\\evil',
    '//evil.example',
    "'; DROP TABLE child; --",
    '!!!',
    '...',
  ),
  fc.anything({ maxDepth: 3 }),
)
const badValue = fc.oneof(smallBadValue, hugeText)

/** A path segment: an id that is not one, or an encoded path. */
const badSegment = fc.oneof(
  nearIds.map(encodeURIComponent),
  controlText.map(encodeURIComponent),
  fc.constantFrom('%00', '%2e%2e', '%2e%2e%2fadmin', '%ff', '%c0%ae', 'x'.repeat(5_000), '%20'),
  fc.uuid(),
)

/** The text of a form field or query value. */
const asText = (value: unknown) => (typeof value === 'string' && value !== DEEP ? value : serialise(value))
const badText = badValue.map(asText)
/** Form fields: huge values only in the always-tried examples, as every field of a form is filled. */
const badFormText = smallBadValue.map(asText)

// ---------------------------------------------------------------------------
// The OpenAPI document, read as a caller would

interface Schema {
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  anyOf?: Schema[]
  enum?: unknown[]
  const?: unknown
  format?: string
  pattern?: string
  minimum?: number
  maxLength?: number
  $ref?: string
}

interface Operation {
  method: string
  path: string
  query: string[]
  headers: string[]
  body?: Schema
}

function operationsOf(document: {
  paths: Record<string, Record<string, Record<string, unknown>>>
  components?: { schemas?: Record<string, Schema> }
}): Operation[] {
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const parameters = (operation.parameters ?? []) as { in: string; name: string }[]
      const content = (operation.requestBody as { content?: Record<string, { schema: Schema }> })?.content
      operations.push({
        method: method.toUpperCase(),
        path,
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        headers: parameters.filter((p) => p.in === 'header').map((p) => p.name),
        body: content?.['application/json']?.schema,
      })
    }
  }
  return operations
}

/** A value the schema accepts, so that one bad field reaches the code behind the validation. */
function plausible(schema: Schema, components: Record<string, Schema>, depth = 0): unknown {
  if (schema.$ref) return plausible(components[schema.$ref.split('/').pop() ?? ''] ?? {}, components, depth)
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return schema.enum[0]
  if (schema.anyOf) return plausible(schema.anyOf[0] ?? {}, components, depth)
  if (depth > 6) return null
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, s]) => [k, plausible(s, components, depth + 1)]),
      )
    case 'array':
      return schema.items ? [plausible(schema.items, components, depth + 1)] : []
    case 'integer':
    case 'number':
      return schema.minimum ?? 1
    case 'boolean':
      return true
    default:
      if (schema.format === 'uuid') return randomUUID()
      if (schema.format === 'date') return '2026-11-02'
      if (schema.format === 'date-time') return '2026-11-02T09:30:00Z'
      if (schema.format === 'email') return 'someone@example.org'
      if (schema.pattern)
        return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { numRuns: 1, seed: 1 })[0]
      return 'synthetic text'.slice(0, schema.maxLength ?? 14)
  }
}

/** Every path to a leaf of a plausible value, to spoil one at a time. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, i) => leafPaths(item, [...path, i]))]
  if (value && typeof value === 'object')
    return [path, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]))]
  return [path]
}

const valueAt = (value: unknown, path: (string | number)[]) =>
  path.reduce<unknown>((at, part) => (at as Record<string | number, unknown>)?.[part], value)

/** The bad value most likely to get past validation in place of a plausible one: same kind, wrong in content. */
function nearMiss(value: unknown): unknown {
  if (typeof value !== 'string') return value && typeof value === 'object' ? DEEP : 'NaN'
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return '2026-02-31'
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return '2026-02-31T10:00:00Z'
  if (/^[0-9a-f-]{36}$/i.test(value)) return `urn:uuid:${value}`
  return `${value}\u0000`
}

/** Always tried, before the generated cases: each field of the body spoiled the likeliest way. */
const HEX36 = 'abcdef0123456789abcdef0123456789abcd'

function spoil(value: unknown, path: (string | number)[], bad: unknown): unknown {
  if (path.length === 0) return bad
  const copy = structuredClone(value) as Record<string | number, unknown>
  let at = copy
  for (const part of path.slice(0, -1)) at = at[part] as Record<string | number, unknown>
  at[path[path.length - 1] as string | number] = bad
  return copy
}

// ---------------------------------------------------------------------------
// Page routes, as the router lists them

/** Full paths and methods from Fastify's route tree (`printRoutes({ commonPrefix: false })`). */
function pageRoutes(app: App): { path: string; methods: string[] }[] {
  const routes: { path: string; methods: string[] }[] = []
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│]*)[└├]── (\S+)(?: \(([^)]+)\))?$/.exec(line)
    if (!match) continue
    const depth = (match[1] ?? '').length / 4
    const path = (stack[depth - 1] ?? '') + (match[2] ?? '')
    stack[depth] = path
    stack.length = depth + 1
    if (match[3]) routes.push({ path, methods: match[3].split(', ') })
  }
  return routes.filter(
    ({ path }) =>
      !path.startsWith('/api/') &&
      !path.startsWith('/assets/') &&
      !path.startsWith('/health') &&
      path !== '/metrics' &&
      path !== '/*',
  )
}

/** Always tried on each page: ids that are nearly ids, NUL in every field and the query, impossible dates. */
function formExamples(names: string[]): [string, Record<string, string>, Record<string, string>][] {
  const every = (value: (name: string) => string) =>
    Object.fromEntries(names.map((name) => [name, value(name)]))
  const impossible = (name: string) =>
    /day$/i.test(name) ? '31' : /month$/i.test(name) ? '2' : /year$/i.test(name) ? '2026' : '2026-02-31'
  return [
    [HEX36, { agency: '\u0000', returnTo: '//evil.example' }, every(() => 'a\u0000b')],
    [`urn:uuid:${randomUUID()}`, { before: '2026-99-99' }, every(impossible)],
    ['!!!', { name: '!!!' }, every(() => '!!!')],
    [randomUUID(), {}, { [names[0] ?? 'name']: 'x'.repeat(120_000) }],
  ]
}

/**
 * Bodies that pass validation where a schema-shaped guess would not (the batch's cross-field rules, a
 * referral's postcode), so that one spoiled field reaches storage. Fresh ids each time: no duplicates.
 */
const validBodies = (nhsNumber: string): Record<string, () => unknown> => ({
  'POST /api/v1/shared-events': () => [policeEvent(`FZ-${randomUUID()}`, nhsNumber)],
  'POST /api/v1/referrals': () => ({
    child: { firstName: 'Ava', lastName: 'Testchild', dateOfBirth: '2015-03-02', postcode: 'LE2 1AA' },
    whatHappened: 'A bruise on her cheek.',
    worries: 'Second injury this term.',
    familyKnows: 'Mother knows.',
    consent: 'given',
    urgency: 'standard',
    referralSource: '2A',
    referrer: { name: 'Tess Teacher', role: 'Designated safeguarding lead', email: 'dsl@school.example' },
  }),
  // The seeded child, named as seeded, so a declaration reaches the match and the involvement.
  'POST /api/v1/declarations': () => ({
    lawfulBasis: 'UK GDPR 6(1)(e); DPA 2018 Sch 1 para 18',
    children: [
      { givenName: 'Child0', familyName: 'Synthetic', dateOfBirth: SEEDED_DATE_OF_BIRTH, nhsNumber },
    ],
  }),
  'POST /api/v1/declarations/ended': () => ({ reason: 'Left the school', children: [{ nhsNumber }] }),
})

const FIELD = /<(?:input|textarea|select)\b[^>]*\sname="([^"]+)"/g

// ---------------------------------------------------------------------------

describe('bad input never gets a server error', () => {
  let app: App
  let database: TestDatabase
  let browser: TestBrowser
  let keys: string[]
  let realIds: string[]
  let valid: Record<string, () => unknown>
  let requests = 0
  const serverErrors: string[] = []

  /** Each request is counted; a server error is kept to report, and the walk goes on. */
  const check = (label: string, response: LightMyRequestResponse, sent?: unknown) => {
    requests += 1
    if (response.statusCode >= 500) {
      const shown = JSON.stringify(sent)?.slice(0, 300)
      serverErrors.push(`${label} -> ${response.statusCode} ${response.body.slice(0, 200)} sent ${shown}`)
    }
  }

  before(async () => {
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership,
      logLevel: 'silent',
      identity: { rateLimits: { apiPerMinute: 1_000_000, signInPerMinute: 1_000_000 } },
    })
    const email = `fuzz@${AGENCY}.example`
    await createUser(database.db, {
      agencyId: AGENCY,
      email,
      displayName: 'Fuzz Tester',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      totpSecret: TOTP,
      totpEnrolledAt: new Date(),
      grants: [
        ...(
          [
            'front-door-screener',
            'mat-practitioner',
            'business-support',
            'strategy-discussion-chair',
            'conference-chair',
            'safeguarding-manager',
            'lado',
          ] as const
        ).map((role) => ({ role, laId: 'leicester' })),
        { role: 'agency-admin', laId: null },
      ],
    })
    browser = await signIn(app, { email, password: DEMO_PASSWORD, totpSecret: TOTP })
    keys = [
      await apiKeyFor(database.db, AGENCY, API_SCOPES),
      await apiKeyFor(database.db, 'leicestershire-police', ['events:write', 'events:read']),
      // A school's system declares its roll (the LA's own keeps none).
      await apiKeyFor(database.db, 'leicester-schools', ['roll:write']),
    ]
    const children = await seedChildren(database.db, 3, {
      laId: 'leicester',
      involvedAgencyIds: ['leicester-schools'],
    })
    realIds = children.map((child) => child.id)
    valid = validBodies(children[0]?.nhsNumber ?? '')
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('answers every API operation with a 4xx at worst', async () => {
    const started = Date.now()
    const document = (await app.inject({ url: '/api/openapi.json' })).json()
    const components = document.components?.schemas ?? {}
    const operations = operationsOf(document)
    assert.ok(operations.length >= 15, `the OpenAPI document lists ${operations.length} operations`)
    for (const operation of operations) {
      const fillPath = (segments: string[]) => {
        let i = 0
        return operation.path.replace(/\{[^}]+\}/g, () => segments[i++] ?? randomUUID())
      }
      const fresh = valid[`${operation.method} ${operation.path}`]
      const template = fresh ? fresh() : operation.body ? plausible(operation.body, components) : undefined
      const paths = template === undefined ? [[]] : leafPaths(template)
      const query = { [operation.query[0] ?? 'extra']: '\u0000' }
      const examples = paths.map(
        (leaf, i) =>
          [
            [HEX36, `urn:uuid:${randomUUID()}`],
            keys[i % 2],
            query,
            leaf,
            nearMiss(valueAt(template, leaf)),
            'spoil-one',
          ] as const,
      )
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(badSegment, fc.constantFrom(...realIds)), { minLength: 2, maxLength: 2 }),
          fc.constantFrom(...keys),
          fc.dictionary(fc.constantFrom(...operation.query, 'extra'), badText, { maxKeys: 3 }),
          fc.constantFrom(...paths),
          badValue,
          fc.constantFrom('spoil-one', 'whole', 'raw'),
          async (segments, key, query, leaf, bad, how) => {
            const search = new URLSearchParams(query).toString()
            const url = `${fillPath(segments)}${search ? `?${search}` : ''}`
            const body =
              operation.method === 'GET'
                ? undefined
                : how === 'whole'
                  ? serialise(bad)
                  : how === 'raw'
                    ? `{"a":${'['.repeat(3000)}`
                    : serialise(spoil(fresh ? fresh() : template, leaf, bad))
            const response = await app.inject({
              method: operation.method as 'GET',
              url,
              headers: {
                authorization: `Bearer ${key}`,
                ...Object.fromEntries(operation.headers.map((name) => [name, randomUUID()])),
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              },
              ...(body === undefined ? {} : { payload: body }),
            })
            check(`${operation.method} ${url.slice(0, 120)}`, response, body?.slice(0, 300))
          },
        ),
        { numRuns: RUNS + examples.length, examples: examples as never },
      )
    }
    console.log(
      `API fuzz: ${operations.length} operations, ${requests} requests, ${serverErrors.length} server errors, ${Date.now() - started} ms`,
    )
    assert.deepEqual(serverErrors, [])
  })

  it('answers every page and form with a 4xx at worst', async () => {
    const started = Date.now()
    const before = requests
    serverErrors.length = 0
    const routes = pageRoutes(app)
    assert.ok(routes.length >= 50, `the router lists ${routes.length} page routes`)
    for (const route of routes) {
      if (route.path === '/sign-out') continue // the session is the fuzzer's own
      const withId = (id: string) => route.path.replace(/:[a-z]+/gi, id)
      // The fields the page's own form offers, from the page of a real record where there is one.
      const page = await browser.get(withId(realIds[0] ?? randomUUID()))
      check(`GET ${route.path}`, page)
      const fields = [...new Set([...page.body.matchAll(FIELD)].map((m) => m[1] as string))].filter(
        (name) => name !== '_csrf',
      )
      const names = fields.length > 0 ? fields : ['name', 'reason', 'date']
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(badSegment, fc.constantFrom(...realIds)),
          fc.dictionary(fc.constantFrom(...names, 'returnTo', 'agency', 'before'), badText, { maxKeys: 4 }),
          fc.dictionary(fc.constantFrom(...names), badFormText, { minKeys: 1, maxKeys: names.length }),
          async (segment: string, query: Record<string, string>, form: Record<string, string>) => {
            const url = withId(segment)
            const search = new URLSearchParams(query).toString()
            const got = await browser.get(`${url}${search ? `?${search}` : ''}`)
            check(`GET ${url.slice(0, 120)}?${search.slice(0, 120)}`, got)
            if (!route.methods.includes('POST')) return
            const posted = await browser.post(url, form)
            check(`POST ${url.slice(0, 120)}`, posted, encodeForm(form).slice(0, 300))
          },
        ),
        { numRuns: RUNS + 4, examples: formExamples(names) },
      )
    }
    console.log(
      `Page fuzz: ${routes.length} routes, ${requests - before} requests, ${serverErrors.length} server errors, ${Date.now() - started} ms`,
    )
    assert.deepEqual(serverErrors, [])
  })
})
