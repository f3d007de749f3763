/**
 * The built CLI's probe flags: the early cut-off shown in the table and the JSON, --verbose
 * (address, family), --deep (zip rate), --no-cutoff; `use` never picks a cut-off mirror.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'

let fast: Mirror, hang: Mirror
let sb: Sandbox

beforeAll(async () => {
  assertGoInstalled()
  ;[fast, hang] = await Promise.all([startMirror({ latencyMs: 5 }), startMirror({ fault: 'hang' })])
})
afterAll(async () => Promise.all([fast, hang].map((m) => m?.close())))
beforeEach(async () => {
  sb = await createSandbox()
  await sb.setCatalog([{ name: 'fast', url: fast.url }, { name: 'hang', url: hang.url }])
})
afterEach(async () => sb.cleanup())

describe('gomirror test', () => {
  it('reports a mirror that never answers as cut off, with how long it was given', async () => {
    const r = await sb.run(['test', '--json', '--timeout', '20000'])
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.fastest).toBe('fast')
    const row = out.results.find((x: { name: string }) => x.name === 'hang')
    expect(row).toMatchObject({ healthy: false, cutOff: true, latencyMs: null })
    expect(row.cutOffAfterMs).toBeLessThan(20_000)
    expect(row.error).toBe(`cut off after ${row.cutOffAfterMs} ms: ${row.error.split(': ').slice(1).join(': ')}`)
    expect(row.error).toMatch(/could no longer beat fast/)
    expect(out.results.find((x: { name: string }) => x.name === 'fast')).toMatchObject({ cutOff: false, address: '127.0.0.1', family: 'IPv4', proxy: null })
  })

  it('shows the cut-off row and counts it in the summary', async () => {
    const r = await sb.run(['test'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/hang +cut off +after \d+ ms: could no longer beat fast/)
    expect(r.stdout).toMatch(/1 of 2 healthy, 1 cut off as slower; fastest: fast/)
  })

  it('--verbose names the address and family each mirror answered from', async () => {
    const r = await sb.run(['test', 'fast', '--verbose'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/answered from 127\.0\.0\.1 \(IPv4\) · connect [\d.]+ ms\n +\d+ samples \(ms\): [\d. ]+\n/)
  })

  it('--deep adds the zip download rate', async () => {
    const r = await sb.run(['test', 'fast', '--deep'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/SUMDB +ZIP +URL/)
    expect(r.stdout).toMatch(/fast .* yes +\d+(\.\d)? [KM]iB\/s/)
  })

  it('--no-cutoff waits for every mirror', async () => {
    const r = await sb.run(['test', '--json', '--no-cutoff', '--timeout', '800'])
    const row = JSON.parse(r.stdout).results.find((x: { name: string }) => x.name === 'hang')
    expect(row).toMatchObject({ cutOff: false, error: 'list: no answer within 800 ms' })
  })
})

describe('gomirror use', () => {
  it('never picks a cut-off mirror', async () => {
    const r = await sb.run(['use', 'fastest', '--json', '--timeout', '20000'])
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.chosen.name).toBe('fast')
    expect(out.results.find((x: { name: string }) => x.name === 'hang').cutOff).toBe(true)
  })

  it('waits for the mirror named, however slow: it is never cut off', async () => {
    const r = await sb.run(['use', 'hang', '--fallback', '1', '--timeout', '800'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/hang failed its health check \(list: no answer within 800 ms\)/)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBeUndefined()
  })
})
