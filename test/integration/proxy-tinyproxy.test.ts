/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY as the go command honours them, against a real forward
 * proxy (tinyproxy): for each setting, the built CLI's probe and `go mod download` must take the
 * same route to the same loopback mirror (through the proxy, or direct), told apart by the
 * `Via` header tinyproxy adds and by the User-Agent of each client.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findClosedPortUrl, startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, type Sandbox } from '../support/sandbox.js'
import { loopbackAlias, startTinyproxy, type Tinyproxy } from '../support/tinyproxy.js'

let mirror: Mirror
let proxy: Tinyproxy
let sb: Sandbox
// A name Go would proxy that still reaches 127.0.0.1 directly (from /etc/hosts); else one that does not resolve.
const host = loopbackAlias() ?? 'mirror.test'
const directWorks = host !== 'mirror.test'

beforeAll(async () => {
  assertGoInstalled()
  mirror = await startMirror()
  proxy = await startTinyproxy(`127.0.0.1:${new URL(mirror.url).port}`)
  sb = await createSandbox()
})
afterAll(async () => {
  await Promise.all([mirror?.close(), proxy?.close()])
  await sb?.cleanup()
})

type Route = 'proxy' | 'direct' | 'none'

/** How the requests whose User-Agent matches reached the mirror since `from`. */
function routeOf(from: number, agent: RegExp): Route {
  const seen = mirror.headers.slice(from).filter((h) => agent.test(String(h['user-agent'])))
  if (seen.length === 0) return 'none'
  const via = seen.map((h) => /tinyproxy/.test(String(h.via ?? '')))
  if (via.every(Boolean)) return 'proxy'
  if (via.every((v) => !v)) return 'direct'
  throw new Error('some requests went through the proxy and some did not')
}

async function goDownload(goproxy: string, env: Record<string, string>): Promise<number> {
  const home = await mkdtemp(join(tmpdir(), 'gomirror-proxy-go-'))
  try {
    return await new Promise<number>((resolve) => {
      execFile('go', ['mod', 'download', '-json', 'example.com/hello@v1.0.0'], {
        cwd: home,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GOENV: join(home, 'env'), GOPATH: join(home, 'gopath'), GOCACHE: join(home, 'cache'), GOPROXY: goproxy, GOSUMDB: 'off', GOFLAGS: '-modcacherw', GOTOOLCHAIN: 'local', ...env },
      }, (err) => resolve(err ? 1 : 0))
    })
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

/** Probe with gomirror and download with go under the same environment; return both routes. */
async function bothRoutes(url: string, env: Record<string, string>): Promise<{ gomirror: Route; go: Route; probe: { healthy: boolean; proxy: string | null; error: string | null } }> {
  await sb.setCatalog([{ name: 'm', url }])
  const start = mirror.headers.length
  const r = await sb.run(['test', '--json', '--samples', '2'], env)
  const probe = JSON.parse(r.stdout).results[0]
  await goDownload(url, env)
  return { gomirror: routeOf(start, /^gomirror\//), go: routeOf(start, /^Go-http-client\//), probe }
}

describe('probes take the route go takes, through a real proxy (tinyproxy)', () => {
  const name = () => `http://${host}:${new URL(mirror.url).port}/`
  const direct: Route = directWorks ? 'direct' : 'none'

  it('HTTP_PROXY: plain-http mirrors go through it', async () => {
    const got = await bothRoutes(name(), { HTTP_PROXY: proxy.url })
    expect(got, JSON.stringify(got.probe)).toMatchObject({ gomirror: 'proxy', go: 'proxy', probe: { healthy: true, proxy: `${proxy.url}/` } })
    expect(proxy.log()).toContain(`GET ${name()}rsc.io/quote/@v/list`)
  })

  it('HTTP_PROXY is read before http_proxy, as go reads it', async () => {
    const got = await bothRoutes(name(), { HTTP_PROXY: proxy.url, http_proxy: await findClosedPortUrl() })
    expect(got).toMatchObject({ gomirror: 'proxy', go: 'proxy', probe: { healthy: true } })
  })

  it('NO_PROXY names the host: direct', async () => {
    const got = await bothRoutes(name(), { HTTP_PROXY: proxy.url, NO_PROXY: host })
    expect(got).toMatchObject({ gomirror: direct, go: direct, probe: { proxy: null } })
  })

  it('HTTPS_PROXY alone does not apply to a plain-http mirror: direct', async () => {
    const got = await bothRoutes(name(), { HTTPS_PROXY: proxy.url })
    expect(got).toMatchObject({ gomirror: direct, go: direct, probe: { proxy: null } })
  })

  it('a loopback address is never proxied, even with NO_PROXY empty', async () => {
    const got = await bothRoutes(mirror.url, { HTTP_PROXY: proxy.url, NO_PROXY: '' })
    expect(got).toMatchObject({ gomirror: 'direct', go: 'direct', probe: { healthy: true, proxy: null } })
  })
})
