import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'

let a: Mirror, b: Mirror
let sb: Sandbox

beforeAll(async () => {
  assertGoInstalled()
  ;[a, b] = await Promise.all([startMirror(), startMirror()])
})
afterAll(async () => Promise.all([a?.close(), b?.close()]))
beforeEach(async () => {
  sb = await createSandbox()
  await sb.setCatalog([{ name: 'a', url: a.url }, { name: 'b', url: b.url }])
})
afterEach(async () => sb.cleanup())

describe('gomirror undo', () => {
  it('walks back one change at a time, restoring "was not set" with go env -u', async () => {
    await sb.go(['env', '-w', 'GOPRIVATE=git.corp.example.com/*'])
    expect((await sb.run(['use', 'a'])).exitCode).toBe(0)
    expect((await sb.run(['use', 'b', '--sumdb', 'sum.golang.google.cn'])).exitCode).toBe(0)
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOPRIVATE: 'git.corp.example.com/*', GOPROXY: `${b.url},direct`, GOSUMDB: 'sum.golang.google.cn' })

    const u1 = await sb.run(['undo', '--json'])
    expect(u1.exitCode, u1.stderr).toBe(0)
    expect(JSON.parse(u1.stdout)).toMatchObject({ undone: { command: 'use b' }, written: { GOPROXY: `${a.url},direct`, GOSUMDB: null } })
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOPRIVATE: 'git.corp.example.com/*', GOPROXY: `${a.url},direct` })

    const u2 = await sb.run(['undo'])
    expect(u2.exitCode, u2.stderr).toBe(0)
    expect(u2.stdout).toMatch(/oldest change/)
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOPRIVATE: 'git.corp.example.com/*' })
    expect((await sb.go(['env', 'GOPROXY'])).stdout.trim()).toBe('https://proxy.golang.org,direct')

    const u3 = await sb.run(['undo'])
    expect(u3.exitCode).toBe(1)
    expect(u3.stderr).toMatch(/nothing to undo/)
  })

  it('refuses to overwrite values edited after gomirror wrote them, unless --force', async () => {
    expect((await sb.run(['use', 'a'])).exitCode).toBe(0)
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.io,direct'])
    const r = await sb.run(['undo'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/changed after gomirror's last write \(GOPROXY=https:\/\/goproxy.io,direct\)/)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe('https://goproxy.io,direct')
    const forced = await sb.run(['undo', '--force'])
    expect(forced.exitCode, forced.stderr).toBe(0)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBeUndefined()
  })

  it('--dry-run shows what would be put back and keeps the history', async () => {
    expect((await sb.run(['use', 'a'])).exitCode).toBe(0)
    const r = await sb.run(['undo', '--dry-run'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Would undo "gomirror use a"/)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe(`${a.url},direct`)
    expect((await sb.run(['undo'])).exitCode).toBe(0)
  })

  it('keeps undo history per go env file', async () => {
    expect((await sb.run(['use', 'a'])).exitCode).toBe(0)
    const other = `${sb.dir}/other-env`
    const r = await sb.run(['undo'], { GOENV: other })
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/nothing to undo/)
  })
})

describe('gomirror reset', () => {
  it('removes only the managed keys and is undoable', async () => {
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct', 'GOPRIVATE=*.corp', 'GOFLAGS=-mod=mod'])
    const r = await sb.run(['reset'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOFLAGS: '-mod=mod' })
    expect((await sb.run(['undo'])).exitCode).toBe(0)
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOFLAGS: '-mod=mod', GOPROXY: 'https://goproxy.cn,direct', GOPRIVATE: '*.corp' })
  })

  it('says so when there is nothing to remove', async () => {
    const r = await sb.run(['reset'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/Go's defaults already apply/)
  })
})
