import assert from 'node:assert/strict'
import { generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { ConfigError, loadConfig } from '../../config.ts'
import {
  AUDIT_CHECKPOINTS_FILE,
  AUDIT_SIGNING_KEY_FILE,
  loadAuditPublicKeys,
  loadAuditSigning,
  publicKeyPem,
} from './signing-key.ts'

const folder = mkdtempSync(join(tmpdir(), 'masa-audit-key-'))
after(() => rmSync(folder, { recursive: true, force: true }))

const given = generateKeyPairSync('ed25519')
const givenBase64 = given.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
const POSTGRES = 'postgres://masa@db.example:5432/masa'

describe('the key that signs audit checkpoints', () => {
  it('is made once in the data folder of the embedded database, readable by its owner alone', async () => {
    const config = loadConfig({ MASA_DATA_DIR: join(folder, 'embedded') })
    const said: string[] = []
    const made = await loadAuditSigning(config, (line) => said.push(line))
    const again = await loadAuditSigning(config, (line) => said.push(line))
    const keyFile = join(config.dataDir, AUDIT_SIGNING_KEY_FILE)
    assert.equal(statSync(keyFile).mode & 0o777, 0o600)
    assert.equal(made.checkpointsFile, join(config.dataDir, AUDIT_CHECKPOINTS_FILE))
    assert.equal(publicKeyPem(made.privateKey), publicKeyPem(again.privateKey))
    assert.match(said[0] ?? '', /^Made the key that signs audit checkpoints: /)
    assert.match(said[1] ?? '', /^Key that signs audit checkpoints: /)
    const [publicKey] = await loadAuditPublicKeys(config)
    assert.ok(publicKey)
    assert.ok(verify(null, Buffer.from('x'), publicKey, sign(null, Buffer.from('x'), made.privateKey)))
  })

  it('must be given, with the checkpoint file, when the database is PostgreSQL', async () => {
    const checkpoints = join(folder, 'elsewhere.jsonl')
    await assert.rejects(
      loadAuditSigning(
        loadConfig({ DATABASE_URL: POSTGRES, MASA_AUDIT_SIGNING_KEY: givenBase64 }),
        assert.fail,
      ),
      /MASA_AUDIT_CHECKPOINTS must be set with DATABASE_URL/,
    )
    await assert.rejects(
      loadAuditSigning(
        loadConfig({ DATABASE_URL: POSTGRES, MASA_AUDIT_CHECKPOINTS: checkpoints }),
        assert.fail,
      ),
      /MASA_AUDIT_SIGNING_KEY must be set with DATABASE_URL/,
    )
    const signing = await loadAuditSigning(
      loadConfig({
        DATABASE_URL: POSTGRES,
        MASA_AUDIT_SIGNING_KEY: givenBase64,
        MASA_AUDIT_CHECKPOINTS: checkpoints,
      }),
      assert.fail,
    )
    assert.equal(signing.checkpointsFile, checkpoints)
    assert.equal(publicKeyPem(signing.privateKey), publicKeyPem(given.publicKey))
  })

  it('refuses a key that is not an Ed25519 private key, naming where it came from', async () => {
    assert.throws(() => loadConfig({ MASA_AUDIT_SIGNING_KEY: 'short' }), /MASA_AUDIT_SIGNING_KEY/)
    const notEd25519 = Buffer.alloc(48, 7).toString('base64')
    await assert.rejects(
      loadAuditSigning(
        loadConfig({ MASA_AUDIT_SIGNING_KEY: notEd25519, MASA_DATA_DIR: folder }),
        assert.fail,
      ),
      (error) =>
        error instanceof ConfigError && /MASA_AUDIT_SIGNING_KEY does not hold an Ed25519/.test(error.message),
    )
  })

  it('is checked by an auditor with the public key alone', async () => {
    const pemFile = join(folder, 'audit-public-key.pem')
    writeFileSync(pemFile, publicKeyPem(given.privateKey))
    const config = loadConfig({ DATABASE_URL: POSTGRES })
    const [publicKey] = await loadAuditPublicKeys(config, [pemFile])
    assert.equal(publicKeyPem(publicKey as KeyObject), readFileSync(pemFile, 'utf8'))
    await assert.rejects(loadAuditPublicKeys(config), /give --public-key FILE/)
    writeFileSync(pemFile, 'not a key')
    await assert.rejects(loadAuditPublicKeys(config, [pemFile]), /does not hold an Ed25519 public key/)
  })
})
