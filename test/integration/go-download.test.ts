import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, type Sandbox } from '../support/sandbox.js'

let near: Mirror, far: Mirror, broken: Mirror
let sb: Sandbox

beforeAll(async () => {
  assertGoInstalled()
  ;[near, far, broken] = await Promise.all([startMirror({ latencyMs: 2 }), startMirror({ latencyMs: 80 }), startMirror({ fault: 'status-500' })])
})
afterAll(async () => Promise.all([near, far, broken].map((m) => m?.close())))
beforeEach(async () => {
  sb = await createSandbox()
  await sb.setCatalog([{ name: 'near', url: near.url }, { name: 'far', url: far.url }, { name: 'broken', url: broken.url }])
})
afterEach(async () => sb.cleanup())

it('go mod download fetches through the mirror gomirror chose', async () => {
  const use = await sb.run(['use', 'fastest'])
  expect(use.exitCode, use.stderr).toBe(0)
  expect(use.stdout).toMatch(/Switched to near/)
  const before = near.requests.length
  // The fake module is not in the public checksum database; the test (not gomirror) opts it out.
  const dl = await sb.go(['mod', 'download', '-json', 'example.com/hello@v1.0.0'], { GONOSUMDB: 'example.com' })
  expect(dl.exitCode, dl.stderr).toBe(0)
  const info = JSON.parse(dl.stdout) as { Version: string; Sum: string; Error?: string }
  expect(info.Error).toBeUndefined()
  expect(info.Version).toBe('v1.0.0')
  expect(info.Sum).toMatch(/^h1:/)
  const fetched = near.requests.slice(before)
  expect(fetched).toContain('/example.com/hello/@v/v1.0.0.zip')
  expect(far.requests.some((r) => r.includes('example.com/hello'))).toBe(false)
  expect(broken.requests.some((r) => r.includes('example.com/hello'))).toBe(false)
})

it('agrees with go about a mirror that gzips unasked: healthy to both', async () => {
  const gz = await startMirror({ fault: 'gzip' })
  try {
    const test = await sb.run(['test', gz.url, '--json'])
    expect(test.exitCode, test.stderr).toBe(0)
    expect(JSON.parse(test.stdout).results[0]).toMatchObject({ healthy: true })
    const dl = await sb.go(['mod', 'download', '-json', 'example.com/hello@v1.0.0'], { GOPROXY: gz.url, GONOSUMDB: 'example.com' })
    expect(dl.exitCode, dl.stderr).toBe(0)
  } finally {
    await gz.close()
  }
})
