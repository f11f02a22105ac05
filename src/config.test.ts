import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration from the environment', () => {
  it('points email links at this machine unless MASA_PUBLIC_URL says where the service is', () => {
    assert.equal(loadConfig({ PORT: '4100' }).publicUrl, 'http://localhost:4100')
    assert.equal(loadConfig({ MASA_PUBLIC_URL: 'https://masa.example' }).publicUrl, 'https://masa.example')
  })

  it('names the variable that is wrong', () => {
    assert.throws(() => loadConfig({ MASA_PUBLIC_URL: 'masa.example/path' }), ConfigError)
    assert.throws(() => loadConfig({ MASA_PUBLIC_URL: 'ftp://masa.example' }), /MASA_PUBLIC_URL/)
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/)
  })

  it('trusts the reverse proxies MASA_TRUSTED_PROXIES names, and no other', () => {
    assert.deepEqual(loadConfig({}).trustedProxies, [])
    assert.deepEqual(loadConfig({ MASA_TRUSTED_PROXIES: '10.0.0.0/8, loopback,fd00::/8' }).trustedProxies, [
      '10.0.0.0/8',
      'loopback',
      'fd00::/8',
    ])
    assert.throws(() => loadConfig({ MASA_TRUSTED_PROXIES: 'true' }), /MASA_TRUSTED_PROXIES/)
    assert.throws(() => loadConfig({ MASA_TRUSTED_PROXIES: 'proxy.example' }), /MASA_TRUSTED_PROXIES/)
  })
})
