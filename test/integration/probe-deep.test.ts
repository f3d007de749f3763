/**
 * --deep: the canary zip is downloaded, timed and checked against its go.sum line, with a dirhash
 * that must agree with the one the real go command computes.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CANARY } from '../../src/probe/canary.js'
import { readModuleZip } from '../../src/probe/deep.js'
import { hash1 } from '../../src/probe/hash.js'
import { probeMirror } from '../../src/probe/probe.js'
import { startMirror, type Mirror, type MirrorOptions } from '../support/mirror-server.js'
import { assertGoInstalled } from '../support/sandbox.js'

const run = promisify(execFile)

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()))
})
beforeAll(() => assertGoInstalled())

async function mirror(opts: MirrorOptions = {}): Promise<Mirror> {
  const m = await startMirror(opts)
  cleanups.push(() => m.close())
  return m
}

/** `go mod download -json` from a private GOPATH, checksum database off (the loopback mirror is the source of truth). */
async function goDownload(goproxy: string, query: string): Promise<{ Sum: string; Zip: string; Error?: string }> {
  const home = await mkdtemp(join(tmpdir(), 'gomirror-deep-'))
  cleanups.push(() => rm(home, { recursive: true, force: true }))
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GOENV: join(home, 'env'), GOPATH: join(home, 'gopath'),
    GOCACHE: join(home, 'cache'), GOPROXY: goproxy, GOSUMDB: 'off', GOFLAGS: '-modcacherw', GOTOOLCHAIN: 'local',
  }
  const { stdout } = await run('go', ['mod', 'download', '-json', query], { cwd: home, env })
  return JSON.parse(stdout) as { Sum: string; Zip: string }
}

describe('--deep', () => {
  it('downloads the canary zip, reports its size and rate, and checks it against go.sum', async () => {
    const m = await mirror()
    const result = await probeMirror({ name: 'deep', url: m.url }, { samples: 2, deep: true })
    expect(result).toMatchObject({ healthy: true, error: null, zip: { hash: CANARY.zipHash } })
    expect(result.zip?.bytes).toBeGreaterThan(1000)
    expect(result.zip?.kibPerSec).toBeGreaterThan(0)
    expect(m.requests).toContain('/rsc.io/quote/@v/v1.5.2.zip')
  })

  it('a zip whose contents differ from go.sum makes the mirror unhealthy', async () => {
    const m = await mirror({ fault: 'altered-zip' })
    const result = await probeMirror({ name: 'altered', url: m.url }, { samples: 2, deep: true })
    expect(result.healthy).toBe(false)
    expect(result.error).toMatch(/^zip: hash mismatch \(got h1:\S+, want h1:w5fcysjrx7yqtD\/aO\+QwRjYZOKnaM9Uh2b40tElTs3Y= from go\.sum\)$/)
  })

  it('without --deep the zip is never asked for', async () => {
    const m = await mirror()
    const result = await probeMirror({ name: 'shallow', url: m.url }, { samples: 2 })
    expect(result.zip).toBeUndefined()
    expect(m.requests.some((r) => r.endsWith('.zip'))).toBe(false)
  })

  it('refuses a zip that is not one, or holds files outside module@version/', async () => {
    const { zipSync } = await import('fflate')
    await expect(readModuleZip(Buffer.from('not a zip'))).rejects.toThrow(/not a valid zip archive/)
    const stray = zipSync({ 'rsc.io/quote@v1.5.2/go.mod': Buffer.from('x'), 'evil.txt': Buffer.from('y') })
    await expect(readModuleZip(stray)).rejects.toThrow(/unexpected file "evil.txt"/)
  })
})

describe('our dirhash agrees with go mod download -json', () => {
  it('for the canary served by the loopback mirror: go reports exactly the go.sum hash', async () => {
    const m = await mirror()
    const got = await goDownload(m.url, `${CANARY.module}@${CANARY.version}`)
    expect(got.Error).toBeUndefined()
    expect(got.Sum).toBe(CANARY.zipHash)
  })

  it('for a module built here, with sub-directories and non-ASCII names', async () => {
    const files = { 'a/b/deep.go': 'package b\n', 'z.go': 'package m\n', 'é.txt': 'accent\n', 'B.txt': 'upper\n', 'LICENSE': 'MIT\n' }
    const m = await mirror({ modules: [{ path: 'example.com/mixed', version: 'v0.3.0', files }] })
    const got = await goDownload(m.url, 'example.com/mixed@v0.3.0')
    const res = await fetch(new URL('example.com/mixed/@v/v0.3.0.zip', m.url))
    const ours = hash1(await readModuleZip(new Uint8Array(await res.arrayBuffer()), 'example.com/mixed@v0.3.0/'))
    expect(ours).toBe(got.Sum)
  })
})
