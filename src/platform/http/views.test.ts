import assert from 'node:assert/strict'
import { test } from 'node:test'
import Fastify from 'fastify'
import nunjucks from 'nunjucks'
import { loadPartnershipConfig } from '../../partnership/config.ts'
import { addFilters, registerViews, templateRoots } from './views.ts'

const child = {
  id: 'c1',
  laId: 'leicester',
  laChildId: 'L-1001',
  givenName: 'Ada',
  familyName: 'Smith',
  aliases: [{ givenName: 'Ada', familyName: 'Jones', kind: 'previous name' }],
  sex: 'F',
  ethnicity: 'WBRI',
  dateOfBirth: '2012-03-04',
  household: { addressLine1: '1 Elm Road', town: 'Leicester', postcode: 'LE1 1AA' },
  mergedIds: [],
  relationships: [
    { name: 'Bo Smith', kind: 'sibling', childId: 'c2', dateOfBirth: '2010-01-02' },
    { name: 'Cy Smith', kind: 'mother' },
  ],
}

test('a child page renders the same through the service’s views as through a plain Nunjucks environment', async () => {
  const partnership = await loadPartnershipConfig(
    new URL('../../../config/partnerships/llr.yaml', import.meta.url).pathname,
  )
  const app = Fastify()
  await registerViews(app, { partnership })
  await app.ready()
  const page = {
    partnership: partnership.partnership,
    localAuthorities: partnership.local_authorities,
    demo: false,
    currentUser: { kind: 'user', displayName: 'Sam Screener', agencyId: 'leicester-city-council' },
    navigation: [{ text: 'Children', href: '/children', active: true }],
    csrfToken: 'token',
    cspNonce: 'nonce',
    laName: () => 'Leicester',
    ethnicities: { WBRI: 'White British' },
    flags: [],
    offers: {},
    mayMerge: true,
    chronology: [
      { occurredAt: '2026-11-05T14:05:00Z', type: 'referral.received', summary: 'A referral arrived' },
    ],
    child,
  }
  const plain = addFilters(
    new nunjucks.Environment(new nunjucks.FileSystemLoader(templateRoots), { autoescape: true }),
    partnership,
  )
  const expected = plain.render('children/views/record.njk', page)
  assert.match(expected, /Bo Smith<\/a>, sibling \(born 2 January 2010\)/)
  for (let time = 0; time < 3; time++)
    assert.equal(await app.view('children/views/record.njk', page), expected)
  // The frame's macros remember their answers: another reader, another section and the demo's banner
  // each still get their own, as plain Nunjucks writes them.
  const others = [
    {
      ...page,
      demo: true,
      currentUser: { kind: 'user', displayName: 'Pat Police', agencyId: 'leicestershire-police' },
      navigation: [
        { text: 'Children', href: '/children', active: false },
        { text: 'Shared events', href: '/sharing/inbox', active: true },
      ],
    },
    { ...page, currentUser: undefined, navigation: [{ text: 'Sign in', href: '/sign-in', active: false }] },
  ]
  for (const other of [...others, page, ...others]) {
    const rendered = await app.view('children/views/record.njk', other)
    assert.equal(rendered, plain.render('children/views/record.njk', other))
    for (const item of other.navigation) assert.ok(rendered.includes(`href="${item.href}"`))
  }
  await app.close()
})
