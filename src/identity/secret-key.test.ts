import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import QRCode from 'qrcode'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../partnership/config.ts'
import { DEMO_PASSWORD, seedDemoUsers } from './demo-users.ts'
import { checkSecretKey, loadSecretKey, SECRET_KEY_FILE } from './secret-key.ts'
import { hashPassword, newTotpSecret, openSecret, sealSecret, totpCode } from './secrets.ts'
import { createUser } from './store.ts'
import { signIn, TestBrowser } from './testing.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

describe('sealing a TOTP secret', () => {
  const key = randomBytes(32)

  it('opens what it sealed, and seals the same secret differently each time', () => {
    const sealed = sealSecret(SECRET, key)
    assert.match(sealed, /^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/)
    assert.ok(!sealed.includes(SECRET))
    assert.equal(openSecret(sealed, key), SECRET)
    assert.notEqual(sealSecret(SECRET, key), sealed)
  })

  it('refuses a sealed secret altered in any part', () => {
    const sealed = sealSecret(SECRET, key)
    const parts = sealed.split(':')
    for (const index of [1, 2, 3]) {
      const altered = [...parts]
      const part = altered[index] as string
      altered[index] = `${part[0] === 'A' ? 'B' : 'A'}${part.slice(1)}`
      assert.throws(() => openSecret(altered.join(':'), key), Error, `part ${index}`)
    }
    assert.throws(() => openSecret(sealed.slice(0, -2), key), 'a shortened ciphertext')
    assert.throws(() => openSecret(SECRET, key), /Not a sealed secret/)
  })

  it('refuses to open under another key', () => {
    assert.throws(() => openSecret(sealSecret(SECRET, key), randomBytes(32)))
  })
})

describe('the secret key', () => {
  let dataDir: string
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'masa-key-'))
  })
  after(() => rm(dataDir, { recursive: true, force: true }))

  it('is read from MASA_SECRET_KEY as 32 bytes in base64, and a bad one is named', async () => {
    const given = randomBytes(32)
    const config = loadConfig({ MASA_SECRET_KEY: given.toString('base64') })
    assert.deepEqual(await loadSecretKey(config, assert.fail), given)
    for (const bad of [given.toString('hex'), randomBytes(16).toString('base64')]) {
      assert.throws(
        () => loadConfig({ MASA_SECRET_KEY: bad }),
        (error: Error) => {
          assert.ok(error instanceof ConfigError)
          assert.match(error.message, /MASA_SECRET_KEY/)
          assert.ok(!error.message.includes(bad), 'the bad value is not repeated')
          return true
        },
      )
    }
  })

  it('must be given with DATABASE_URL', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db.example/masa', MASA_DATA_DIR: dataDir })
    await assert.rejects(loadSecretKey(config, assert.fail), /MASA_SECRET_KEY must be set with DATABASE_URL/)
  })

  it('is made once in the data folder when not given, readable by its owner alone', async () => {
    const config = loadConfig({ MASA_DATA_DIR: join(dataDir, 'new') })
    const said: string[] = []
    const made = await loadSecretKey(config, (line) => said.push(line))
    const again = await loadSecretKey(config, (line) => said.push(line))
    assert.deepEqual(again, made)
    assert.equal(made.length, 32)
    const file = join(config.dataDir, SECRET_KEY_FILE)
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    assert.match(said[0] as string, new RegExp(`^Made the secret key .*${file}`))
    assert.match(said[1] as string, new RegExp(`^Secret key .*${file}`))

    await writeFile(file, 'not a key')
    await assert.rejects(
      loadSecretKey(config, () => {}),
      new RegExp(`${file} does not hold a secret key`),
    )
  })
})

describe('TOTP secrets in the database', () => {
  let database: TestDatabase
  let partnership: PartnershipConfig
  let app: App
  const storedSecret = async (email: string) =>
    (
      await database.db
        .selectFrom('app_user')
        .select('totp_secret')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).totp_secret

  before(async () => {
    partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
  })
  after(async () => {
    await app?.close()
    await database.dispose()
  })

  it('seals secrets stored in plain text before sealing, at start; their owners still sign in', async () => {
    const email = 'kept.from.before@leicestershire-police.example'
    await createUser(database.db, {
      agencyId: 'leicestershire-police',
      email,
      displayName: 'Kept From Before',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      totpEnrolledAt: new Date(),
      grants: [{ role: 'police-public-protection', laId: null }],
    })
    await database.db
      .updateTable('app_user')
      .set({ totp_secret: SECRET })
      .where('email', '=', email)
      .execute()

    app = await buildApp({ database, partnership, logLevel: 'silent' })
    const stored = (await storedSecret(email)) as string
    assert.match(stored, /^v1:/)
    assert.equal(openSecret(stored), SECRET)
    await signIn(app, { email, password: DEMO_PASSWORD, totpSecret: SECRET })
  })

  it('never holds a secret in plain text: not for demo users, nor one set up at sign-in', async () => {
    const demo = await seedDemoUsers(database, partnership)
    for (const user of demo.filter((candidate) => candidate.totpSecret)) {
      const stored = (await storedSecret(user.email)) as string
      assert.match(stored, /^v1:/)
      assert.ok(!stored.includes(user.totpSecret as string))
    }

    const email = 'setting.up@leicestershire-police.example'
    await createUser(database.db, {
      agencyId: 'leicestershire-police',
      email,
      displayName: 'Setting Up',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      grants: [{ role: 'mace-coordinator', laId: null }],
    })
    const browser = new TestBrowser(app)
    await browser.post('/sign-in', { email, password: DEMO_PASSWORD })
    const setUp = await browser.get('/sign-in/two-factor/set-up')
    const secret = (/id="secret"><code>([A-Z2-7 ]+)</.exec(setUp.body)?.[1] ?? '').replace(/ /g, '')
    const uri = (/<code>(otpauth:[^<]+)<\/code>/.exec(setUp.body)?.[1] ?? '').replaceAll('&amp;', '&')
    assert.ok(uri.includes(`secret=${secret}`), 'the setup address carries the key shown')
    const qrCode = /<img class="masa-qr-code" src="([^"]+)" alt="QR code to add your [^"]+"/.exec(
      setUp.body,
    )?.[1]
    assert.equal(qrCode, await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 200 }))
    const stored = (await storedSecret(email)) as string
    assert.match(stored, /^v1:/)
    assert.ok(!stored.includes(secret))
    const done = await browser.post('/sign-in/two-factor/set-up', {
      code: await totpCode(secret, new Date()),
    })
    assert.equal(done.statusCode, 303)
    assert.equal(done.headers.location, '/')
  })

  it('refuses to start with a key other than the one the secrets were sealed with', async () => {
    const other = await openTestDatabase()
    try {
      const check = sealSecret(newTotpSecret(), randomBytes(32))
      await other.db.insertInto('masa_setting').values({ key: 'secret_key_check', value: check }).execute()
      await assert.rejects(checkSecretKey(other.db), /not the key the stored TOTP secrets were sealed with/)
      await assert.rejects(buildApp({ database: other, partnership, logLevel: 'silent' }))
    } finally {
      await other.dispose()
    }
  })
})
