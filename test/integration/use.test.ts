import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'

let fast: Mirror, slow: Mirror, portal: Mirror, altered: Mirror, nosumdb: Mirror
let sb: Sandbox

beforeAll(async () => {
  assertGoInstalled()
  ;[fast, slow, portal, altered, nosumdb] = await Promise.all([
    startMirror({ latencyMs: 5 }),
    startMirror({ latencyMs: 60 }),
    startMirror({ fault: 'html' }),
    startMirror({ fault: 'altered-mod' }),
    startMirror({ latencyMs: 5, sumdb: false }),
  ])
})
afterAll(async () => Promise.all([fast, slow, portal, altered, nosumdb].map((m) => m?.close())))
beforeEach(async () => {
  sb = await createSandbox()
  await sb.setCatalog([
    { name: 'fast', url: fast.url },
    { name: 'slow', url: slow.url },
    { name: 'portal', url: portal.url },
    { name: 'altered', url: altered.url },
  ])
})
afterEach(async () => sb.cleanup())

describe('gomirror use fastest', () => {
  it('picks the fastest healthy mirror, writes GOPROXY with go env -w, and go sees it', async () => {
    const r = await sb.run(['use', 'fastest', '--json'])
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.chosen).toMatchObject({ name: 'fast', url: fast.url })
    expect(out.written).toEqual({ GOPROXY: `${fast.url}|${slow.url}`.split('|')[0] + ',direct' })
    expect(out.previous).toEqual({ GOPROXY: null })
    expect(out.dryRun).toBe(false)
    const byName = Object.fromEntries(out.results.map((x: { name: string }) => [x.name, x]))
    expect(byName.portal.healthy).toBe(false)
    expect(byName.portal.error).toMatch(/HTML/)
    expect(byName.altered.healthy).toBe(false)
    expect(byName.altered.error).toMatch(/hash mismatch/)
    const go = await sb.go(['env', 'GOPROXY'])
    expect(go.stdout.trim()).toBe(`${fast.url},direct`)
    // Only GOPROXY was touched.
    expect(Object.keys(envFileVars(await sb.readEnvFile()))).toEqual(['GOPROXY'])
  })

  it('restricts the candidates to the names given', async () => {
    const r = await sb.run(['use', 'fastest', 'slow', 'portal', '--json'])
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.chosen.name).toBe('slow')
    expect(out.results.map((x: { name: string }) => x.name).sort()).toEqual(['portal', 'slow'])
  })

  it('--fallback joins the next healthy mirror with | (Go >= 1.15), then direct', async () => {
    const r = await sb.run(['use', 'fastest', '--fallback', '1', '--json'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe(`${fast.url}|${slow.url},direct`)
  })

  it('--dry-run prints the plan and writes nothing', async () => {
    const r = await sb.run(['use', 'fastest', '--dry-run'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Would switch to fast/)
    expect(r.stdout).toContain(`${fast.url},direct`)
    expect(await sb.readEnvFile()).toBe('')
  })

  it('keeps the private-module settings untouched, and sets GOPRIVATE only with --private', async () => {
    await sb.go(['env', '-w', 'GOPRIVATE=git.corp.example.com/*', 'GONOSUMDB=git.corp.example.com', 'GOINSECURE=dev.corp.example.com'])
    const r1 = await sb.run(['use', 'fastest'])
    expect(r1.exitCode, r1.stderr).toBe(0)
    const vars = envFileVars(await sb.readEnvFile())
    expect(vars).toMatchObject({ GOPRIVATE: 'git.corp.example.com/*', GONOSUMDB: 'git.corp.example.com', GOINSECURE: 'dev.corp.example.com' })
    const r2 = await sb.run(['use', 'slow', '--private', 'github.com/mycorp/*'])
    expect(r2.exitCode, r2.stderr).toBe(0)
    expect(envFileVars(await sb.readEnvFile())).toMatchObject({ GOPROXY: `${slow.url},direct`, GOPRIVATE: 'github.com/mycorp/*', GONOSUMDB: 'git.corp.example.com' })
  })

  it('exits 1 and leaves the go env file untouched when no mirror is healthy', async () => {
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct'])
    const before = await sb.readEnvFile()
    const r = await sb.run(['use', 'fastest', 'portal', 'altered'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/no healthy mirror/)
    expect(r.stdout).toMatch(/portal .*HTML/)
    expect(r.stdout).toMatch(/altered .*hash mismatch/)
    expect(await sb.readEnvFile()).toBe(before)
  })
})

describe('gomirror use <name|url>', () => {
  it('switches to a named mirror after its health check', async () => {
    const r = await sb.run(['use', 'slow'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Switched to slow/)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe(`${slow.url},direct`)
  })

  it('switches to a URL', async () => {
    const r = await sb.run(['use', nosumdb.url, '--json'])
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.written.GOPROXY).toBe(`${nosumdb.url},direct`)
    // Without a checksum-database proxy, GOSUMDB stays Go's default and the user is told.
    expect(out.written.GOSUMDB).toBeUndefined()
    expect(out.notes.join(' ')).toMatch(/does not proxy the checksum database/)
  })

  it('refuses an unhealthy mirror (exit 1, nothing written) unless --force', async () => {
    const r = await sb.run(['use', 'portal'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/portal failed its health check/)
    expect(await sb.readEnvFile()).toBe('')
    const forced = await sb.run(['use', 'portal', '--force'])
    expect(forced.exitCode, forced.stderr).toBe(0)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe(`${portal.url},direct`)
  })

  it('--sumdb VALUE sets GOSUMDB; --sumdb keep and auto leave the user\'s own', async () => {
    const r = await sb.run(['use', 'fast', '--sumdb', 'sum.golang.google.cn'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(envFileVars(await sb.readEnvFile()).GOSUMDB).toBe('sum.golang.google.cn')
    const r2 = await sb.run(['use', 'slow', '--json'])
    expect(JSON.parse(r2.stdout).written.GOSUMDB).toBeUndefined()
    expect(envFileVars(await sb.readEnvFile()).GOSUMDB).toBe('sum.golang.google.cn')
  })

  it('warns plainly when GOPROXY in the OS environment shadows the go env file', async () => {
    const r = await sb.run(['use', 'fast'], { GOPROXY: 'https://goproxy.io,direct' })
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/GOPROXY is set in your OS environment, which overrides the go env file/)
    expect(r.stdout).toMatch(/shell profile/)
    const json = await sb.run(['use', 'slow', '--json'], { GOPROXY: 'https://goproxy.io,direct' })
    expect(JSON.parse(json.stdout).shadowed).toEqual(['GOPROXY'])
  })
})
