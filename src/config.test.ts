import assert from 'node:assert/strict'
import { resolve } from 'node:path'
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

  it('takes the API calls a system may make a minute from MASA_API_CALLS_PER_MINUTE, a whole number', () => {
    assert.equal(loadConfig({ MASA_API_CALLS_PER_MINUTE: '6000' }).apiCallsPerMinute, 6000)
    assert.equal(loadConfig({}).apiCallsPerMinute, undefined)
    assert.throws(() => loadConfig({ MASA_API_CALLS_PER_MINUTE: '1.5' }), /MASA_API_CALLS_PER_MINUTE/)
    assert.throws(() => loadConfig({ MASA_API_CALLS_PER_MINUTE: 'lots' }), /MASA_API_CALLS_PER_MINUTE/)
  })

  it('takes clamd’s address from MASA_CLAMD: host and port, or a Unix socket’s path', () => {
    assert.equal(loadConfig({}).clamd, undefined)
    for (const address of ['clamav.internal:3310', '127.0.0.1:3310', '[::1]:3310', '/run/clamav/clamd.ctl'])
      assert.equal(loadConfig({ MASA_CLAMD: address }).clamd, address)
    assert.throws(() => loadConfig({ MASA_CLAMD: 'clamav.internal' }), /MASA_CLAMD/)
    assert.throws(() => loadConfig({ MASA_CLAMD: 'tcp://clamav:3310' }), /MASA_CLAMD/)
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

  it('serves several partnerships at their own addresses from MASA_HUB, on PostgreSQL only', () => {
    const database = { DATABASE_URL: 'postgres://masa@db.internal/masa' }
    assert.deepEqual(loadConfig(database).hub, [])
    const hub = loadConfig({
      ...database,
      MASA_HUB:
        'https://north.masa.example=region/north.yaml, https://south.masa.example/=/etc/masa/south.yaml',
    }).hub
    assert.deepEqual(hub, [
      { publicUrl: 'https://north.masa.example', partnershipFile: resolve('region/north.yaml') },
      { publicUrl: 'https://south.masa.example/', partnershipFile: '/etc/masa/south.yaml' },
    ])
    assert.throws(
      () => loadConfig({ MASA_HUB: 'https://north.masa.example=north.yaml' }),
      /MASA_HUB needs DATABASE_URL/,
    )
    assert.throws(
      () => loadConfig({ ...database, MASA_HUB: 'https://a.example=a.yaml,https://A.example=b.yaml' }),
      /MASA_HUB: a.example is given to two partnerships/,
    )
    for (const entry of [
      'north.yaml',
      'https://north.masa.example',
      'https://north.masa.example/path=n.yaml',
    ])
      assert.throws(() => loadConfig({ ...database, MASA_HUB: entry }), /MASA_HUB/, entry)
  })

  it('lets loopback, the addresses MASA_METRICS_ALLOW names, or MASA_METRICS_TOKEN read the metrics', () => {
    assert.deepEqual(loadConfig({}).metricsAllowFrom, [])
    assert.equal(loadConfig({}).metricsToken, undefined)
    const config = loadConfig({
      MASA_METRICS_ALLOW: '10.1.2.3, 192.168.0.0/16',
      MASA_METRICS_TOKEN: 'x'.repeat(32),
    })
    assert.deepEqual(config.metricsAllowFrom, ['10.1.2.3', '192.168.0.0/16'])
    assert.equal(config.metricsToken, 'x'.repeat(32))
    assert.throws(() => loadConfig({ MASA_METRICS_ALLOW: 'loopback' }), /MASA_METRICS_ALLOW/)
    assert.throws(
      () => loadConfig({ MASA_METRICS_ALLOW: ':::' }),
      /MASA_METRICS_ALLOW: ::: is not an IP address/,
    )
    assert.throws(() => loadConfig({ MASA_METRICS_TOKEN: 'short' }), /MASA_METRICS_TOKEN/)
  })
})
