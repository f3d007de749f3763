/**
 * The loopback mirror must be good enough for the real `go` command, or the CLI's integration
 * tests prove nothing. Also cross-checks our dirhash against the go.sum hashes Go computes.
 */
import { execFile, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { unzipSync } from 'fflate'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hash1, hashGoMod } from '../../src/probe/hash.js'
import { startMirror, type Mirror, type MirrorOptions } from '../support/mirror-server.js'

const run = promisify(execFile)

interface DownloadJson { Path: string; Version: string; Sum: string; GoModSum: string; Zip: string; Error?: string }

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()))
})

beforeAll(() => {
  // Fail loudly: a silently skipped test would hide a broken setup.
  const go = spawnSync('go', ['version'], { encoding: 'utf8' })
  if (go.error || go.status !== 0) throw new Error(`these tests need the go command on PATH (${go.error?.message ?? go.stderr})`)
})

async function mirror(opts: MirrorOptions = {}): Promise<Mirror> {
  const m = await startMirror(opts)
  cleanups.push(() => m.close())
  return m
}

/** Run go with a private GOENV/GOPATH/HOME and nothing inherited but PATH. */
async function goModDownload(goproxy: string, query: string): Promise<DownloadJson> {
  const home = await mkdtemp(join(tmpdir(), 'gomirror-go-'))
  cleanups.push(() => rm(home, { recursive: true, force: true }))
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GOENV: join(home, 'env'),
    GOPATH: join(home, 'gopath'),
    GOCACHE: join(home, 'cache'),
    GOPROXY: goproxy,
    GONOSUMDB: 'example.com',
    GOFLAGS: '-modcacherw', // lets rm delete the module cache
    GOTOOLCHAIN: 'local', // newer Go must not try to download another toolchain
  }
  const { stdout } = await run('go', ['mod', 'download', '-json', query], { cwd: home, env })
  return JSON.parse(stdout) as DownloadJson
}

describe('the loopback mirror speaks GOPROXY well enough for go', () => {
  it('serves example.com/hello@v1.0.0 to go mod download', async () => {
    const m = await mirror()
    const got = await goModDownload(m.url, 'example.com/hello@v1.0.0')
    expect(got).toMatchObject({ Path: 'example.com/hello', Version: 'v1.0.0' })
    expect(got.Error).toBeUndefined()
    expect(m.requests).toContain('/example.com/hello/@v/v1.0.0.zip')
  })

  it('answers @latest and works under a base path', async () => {
    const m = await mirror({ basePath: '/goproxy/' })
    const got = await goModDownload(m.url, 'example.com/hello@latest')
    expect(got.Version).toBe('v1.0.0')
    expect(m.requests.every((r) => r.startsWith('/goproxy/'))).toBe(true)
  })

  it('agrees with go on the go.sum hashes (dirhash h1)', async () => {
    const m = await mirror()
    const got = await goModDownload(m.url, 'example.com/hello@v1.0.0')
    expect(hashGoMod(Buffer.from('module example.com/hello\n\ngo 1.16\n'))).toBe(got.GoModSum)
    const res = await fetch(new URL('example.com/hello/@v/v1.0.0.zip', m.url))
    const entries = unzipSync(new Uint8Array(await res.arrayBuffer()))
    const files = Object.entries(entries).map(([name, data]) => ({ name, data }))
    expect(files.length).toBeGreaterThan(1)
    expect(hash1(files)).toBe(got.Sum)
  })
})
