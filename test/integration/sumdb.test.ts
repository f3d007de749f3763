/**
 * GOSUMDB pairing (--sumdb auto) with loopback stand-ins for sum.golang.org and
 * sum.golang.google.cn (GOMIRROR_SUMDB_HOSTS): the decision table in src/sumdb/decide.ts, end to
 * end through the built CLI and the real go command.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import { checkSumdbHosts, type HostCheck } from '../../src/sumdb/check.js'
import { decideGosumdb } from '../../src/sumdb/decide.js'
import { findClosedPortUrl, startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'
import { startSumdbStandIn, sumdbHostsEnv, type SumdbMode, type SumdbStandIn } from '../support/sumdb-server.js'

const standIns: SumdbStandIn[] = []
async function standIn(mode: SumdbMode): Promise<SumdbStandIn> {
  const s = await startSumdbStandIn(mode)
  standIns.push(s)
  return s
}
afterEach(async () => {
  await Promise.all(standIns.splice(0).map((s) => s.close()))
})

describe('decideGosumdb (the --sumdb auto table)', () => {
  const host = (name: 'sum.golang.org' | 'sum.golang.google.cn', reachable: boolean): HostCheck =>
    ({ host: name, url: `https://${name}/`, reachable, ms: reachable ? 30 : null, error: reachable ? null : 'connection refused' })
  const hosts = (official: boolean, china: boolean) => [host('sum.golang.org', official), host('sum.golang.google.cn', china)]
  it.each([
    [true, null, 'own', hosts(false, true)],
    [false, 'goproxy.cn', 'proxied', hosts(false, false)],
    [false, null, 'direct', hosts(true, false)],
    [false, null, 'direct', hosts(true, true)],
    [false, null, 'china', hosts(false, true)],
    [false, null, 'unreachable', hosts(false, false)],
    [false, null, 'direct', null], // not asked: no evidence to change anything on
  ] as const)('own=%s proxiedBy=%s → %s', (own, proxiedBy, want, rows) => {
    expect(decideGosumdb({ own, proxiedBy, hosts: rows }).kind).toBe(want)
  })
})

describe('checkSumdbHosts', () => {
  it('finds both hosts reachable when both answer with a tree head', async () => {
    const env = { GOMIRROR_SUMDB_HOSTS: sumdbHostsEnv(await standIn('ok'), await standIn('ok')) }
    const rows = await checkSumdbHosts({ env })
    expect(rows.map((r) => [r.host, r.reachable, r.error])).toEqual([['sum.golang.org', true, null], ['sum.golang.google.cn', true, null]])
    expect(rows.every((r) => typeof r.ms === 'number')).toBe(true)
  })

  it('does not wait the full timeout for a silent host once the other has answered', async () => {
    const env = { GOMIRROR_SUMDB_HOSTS: sumdbHostsEnv(await standIn('hang'), await standIn('ok')) }
    const [official, china] = await checkSumdbHosts({ env, timeoutMs: 30_000, settleMs: 300 })
    expect(china).toMatchObject({ reachable: true })
    expect(official).toMatchObject({ reachable: false, ms: null })
    expect(official?.error).toMatch(/^no answer within \d+ ms \(the other host answered in \d+ ms\)$/)
  })

  it('does not count a captive portal or an error status as reachable', async () => {
    const env = { GOMIRROR_SUMDB_HOSTS: sumdbHostsEnv(await standIn('portal'), await standIn('status-404')) }
    const [official, china] = await checkSumdbHosts({ env })
    expect(official).toMatchObject({ reachable: false, error: 'answered, but not with a checksum database tree head (captive portal?)' })
    expect(china).toMatchObject({ reachable: false, error: 'HTTP 404' })
  })

  it('rejects a malformed GOMIRROR_SUMDB_HOSTS as a usage error', async () => {
    await expect(checkSumdbHosts({ env: { GOMIRROR_SUMDB_HOSTS: 'sum.example.org=http://127.0.0.1:1/' } })).rejects.toThrow(UsageError)
  })
})

describe('gomirror use --sumdb auto', () => {
  let nosum: Mirror, withsum: Mirror
  let sb: Sandbox
  beforeAll(async () => {
    assertGoInstalled()
    ;[nosum, withsum] = await Promise.all([startMirror({ latencyMs: 5, sumdb: false }), startMirror({ latencyMs: 40 })])
  })
  afterAll(async () => Promise.all([nosum, withsum].map((m) => m?.close())))
  beforeEach(async () => {
    sb = await createSandbox()
    await sb.setCatalog([{ name: 'nosum', url: nosum.url }, { name: 'withsum', url: withsum.url }])
  })
  afterEach(async () => sb.cleanup())

  async function use(args: string[], official: SumdbMode | 'closed', china: SumdbMode | 'closed') {
    const host = async (mode: SumdbMode | 'closed') => (mode === 'closed' ? findClosedPortUrl() : (await standIn(mode)).url)
    const hosts = `sum.golang.org=${await host(official)},sum.golang.google.cn=${await host(china)}`
    const r = await sb.run(['use', ...args, '--json'], { GOMIRROR_SUMDB_HOSTS: hosts })
    expect(r.exitCode, r.stderr).toBe(0)
    return JSON.parse(r.stdout) as { chosen: { name: string }; written: Record<string, string>; notes: string[]; gosumdb: { decision: string; hosts: { host: string; reachable: boolean }[] | null } | null }
  }

  it('mirror proxies the database: Go\'s default stays', async () => {
    const out = await use(['withsum'], 'closed', 'closed')
    expect(out.gosumdb?.decision).toBe('proxied')
    expect(out.written.GOSUMDB).toBeUndefined()
  })

  it('mirror does not, sum.golang.org reachable: Go\'s default stays, and the user is told', async () => {
    const out = await use(['fastest'], 'ok', 'ok')
    expect(out.chosen.name).toBe('nosum')
    expect(out.gosumdb?.decision).toBe('direct')
    expect(out.written.GOSUMDB).toBeUndefined()
    expect(out.notes.join(' ')).toMatch(/nosum does not proxy the checksum database; go will verify new modules with sum\.golang\.org directly \(reachable from here/)
  })

  it('mirror does not, sum.golang.org unreachable, sum.golang.google.cn reachable: GOSUMDB=sum.golang.google.cn, and undo removes it', async () => {
    const out = await use(['fastest'], 'hang', 'ok')
    expect(out.gosumdb?.decision).toBe('china')
    expect(out.gosumdb?.hosts?.map((h) => [h.host, h.reachable])).toEqual([['sum.golang.org', false], ['sum.golang.google.cn', true]])
    expect(out.written.GOSUMDB).toBe('sum.golang.google.cn')
    expect(out.notes.join(' ')).toMatch(/sum\.golang\.org is unreachable from here .* GOSUMDB set to sum\.golang\.google\.cn/)
    expect((await sb.go(['env', 'GOSUMDB'])).stdout.trim()).toBe('sum.golang.google.cn')
    expect((await sb.run(['undo'])).exitCode).toBe(0)
    expect(envFileVars(await sb.readEnvFile()).GOSUMDB).toBeUndefined()
  })

  it('neither host reachable: nothing is turned off, and the note says what will fail and how to fix it', async () => {
    const out = await use(['fastest'], 'closed', 'portal')
    expect(out.gosumdb?.decision).toBe('unreachable')
    expect(out.written.GOSUMDB).toBeUndefined()
    const note = out.notes.join(' ')
    expect(note).toMatch(/go will fail to verify modules that are not in go\.sum yet/)
    expect(note).toMatch(/gomirror use fastest withsum/)
    expect(note).not.toMatch(/GOSUMDB=off/)
  })

  it('keeps the user\'s own GOSUMDB whatever the hosts say', async () => {
    await sb.go(['env', '-w', 'GOSUMDB=sum.golang.org'])
    const out = await use(['fastest'], 'hang', 'ok')
    expect(out.gosumdb?.decision).toBe('own')
    expect(out.written.GOSUMDB).toBeUndefined()
    expect(envFileVars(await sb.readEnvFile()).GOSUMDB).toBe('sum.golang.org')
  })

  it('a fallback that proxies the database counts: go asks each GOPROXY entry in turn', async () => {
    const out = await use(['fastest', '--fallback', '1'], 'closed', 'ok')
    expect(out.gosumdb?.decision).toBe('proxied')
    expect(out.written.GOSUMDB).toBeUndefined()
    expect(out.notes.join(' ')).toMatch(/go verifies new modules through withsum/)
  })

  it('--sumdb keep asks nobody and decides nothing', async () => {
    const official = await standIn('ok')
    const r = await sb.run(['use', 'fastest', '--sumdb', 'keep', '--json'], { GOMIRROR_SUMDB_HOSTS: sumdbHostsEnv(official, official) })
    expect(JSON.parse(r.stdout).gosumdb).toBeNull()
    expect(official.requests).toEqual([])
  })
})
