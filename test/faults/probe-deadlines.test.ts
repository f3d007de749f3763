/**
 * The probe's deadlines, in process (no node or go start-up in the timings): each stage of reaching
 * a mirror through a hostile HTTPS_PROXY ends at the request deadline with a text naming the stage,
 * the whole-probe budget ends the probe when it says it does, a closed CONNECT costs no busy loop,
 * and a mirror that never answers `sumdb/.../supported` cannot hold a healthy probe for --timeout.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createMirrorDispatcher } from '../../src/probe/http.js'
import { probeMirror, type ProbeDeps } from '../../src/probe/probe.js'
import { readProxyEnv } from '../../src/probe/proxy-env.js'
import { PROXY_MODES, startHostileProxy, type ProxyMode } from '../support/hostile-proxy.js'
import { startMirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox } from '../support/sandbox.js'

const MIRROR = { name: 'hostile', url: 'https://mirror.invalid.test/' }
/** Slack for a loaded machine: a deadline may fire late, never early. */
const SLACK_MS = 8000

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()))
})

async function viaProxy(mode: ProxyMode): Promise<ProbeDeps> {
  const proxy = await startHostileProxy(mode)
  cleanups.push(() => proxy.close())
  const proxyEnv = readProxyEnv({ HTTPS_PROXY: proxy.url })
  return { createDispatcher: (timeoutMs, stats) => createMirrorDispatcher(timeoutMs, stats, {}, proxyEnv) }
}

const STAGE_TEXT: Record<ProxyMode, string> = {
  'close-on-connect': 'list: the HTTP proxy closed the connection instead of answering CONNECT',
  silent: 'list: the HTTP proxy did not answer CONNECT within 1500 ms',
  slowloris: 'list: the HTTP proxy did not answer CONNECT within 1500 ms',
  'tls-stall': 'list: the TLS handshake through the HTTP proxy did not finish within 1500 ms',
  407: 'list: the HTTP proxy wants credentials (407 Proxy Authentication Required): put the proxy user name and password in the HTTPS_PROXY URL, before the host',
  garbage: 'list: the HTTP proxy answered CONNECT with something that is not HTTP',
}

describe('a hostile HTTPS_PROXY: each stage has a deadline and a name', () => {
  for (const mode of PROXY_MODES) {
    it(mode, async () => {
      const deps = await viaProxy(mode)
      const started = performance.now()
      const cpu = process.cpuUsage()
      const result = await probeMirror(MIRROR, { requestTimeoutMs: 1500, samples: 2 }, deps)
      const ms = performance.now() - started
      const used = process.cpuUsage(cpu)
      expect(result).toMatchObject({ healthy: false, error: STAGE_TEXT[mode], connections: 0 })
      if (/within 1500 ms/.test(STAGE_TEXT[mode])) expect(ms).toBeGreaterThanOrEqual(1490)
      expect(ms).toBeLessThan(1500 + SLACK_MS)
      // No busy loop: before the fix a closed CONNECT made undici reconnect at once, forever.
      expect((used.user + used.system) / 1000).toBeLessThan(500)
    })
  }
})

describe('the whole-probe budget is kept, and the row tells the truth about it', () => {
  it('a trickling proxy is dropped when the budget runs out, not 300 s later', async () => {
    const deps = await viaProxy('slowloris')
    const started = performance.now()
    const result = await probeMirror(MIRROR, { requestTimeoutMs: 5000, mirrorTimeoutMs: 1500, samples: 2 }, deps)
    const ms = performance.now() - started
    expect(result.error).toBe('list: probe not finished within 1500 ms in all (the HTTP proxy did not answer CONNECT)')
    expect(ms).toBeGreaterThanOrEqual(1490)
    expect(ms).toBeLessThan(1500 + SLACK_MS)
  })

  it('a TLS handshake stalled inside the tunnel is dropped at the budget', async () => {
    const deps = await viaProxy('tls-stall')
    const started = performance.now()
    const result = await probeMirror(MIRROR, { requestTimeoutMs: 5000, mirrorTimeoutMs: 1500, samples: 2 }, deps)
    const ms = performance.now() - started
    expect(result.error).toBe('list: probe not finished within 1500 ms in all (the TLS handshake through the HTTP proxy did not finish)')
    expect(ms).toBeLessThan(1500 + SLACK_MS)
  })
})

describe('a mirror that never answers sumdb/.../supported', () => {
  it('is healthy, does not proxy the checksum database, and does not hold the probe for the request timeout', async () => {
    const m = await startMirror({ fault: 'sumdb-hang' })
    cleanups.push(() => m.close())
    const started = performance.now()
    const result = await probeMirror({ name: 'local', url: m.url }, { requestTimeoutMs: 20_000, samples: 3 })
    const ms = performance.now() - started
    expect(result).toMatchObject({ healthy: true, sumdb: false, error: null })
    expect(result.samples).toHaveLength(3)
    expect(m.requests.some((r) => r.endsWith('/sumdb/sum.golang.org/supported'))).toBe(true)
    // Given max(1 s, 4 × the slowest canary answer), not the 20 s request timeout.
    expect(ms).toBeGreaterThanOrEqual(1000)
    expect(ms).toBeLessThan(1000 + SLACK_MS)
  })

  it('gomirror test --json finishes long before --timeout', async () => {
    assertGoInstalled()
    const m = await startMirror({ fault: 'sumdb-hang' })
    const sb = await createSandbox()
    cleanups.push(() => m.close(), () => sb.cleanup())
    await sb.setCatalog([{ name: 'local', url: m.url }])
    const started = Date.now()
    const run = await sb.run(['test', '--json', '--timeout', '60000'])
    const ms = Date.now() - started
    expect(run.exitCode).toBe(0)
    const out = JSON.parse(run.stdout) as { results: { name: string; healthy: boolean; sumdb: boolean | null }[]; fastest: string }
    expect(out.results[0]).toMatchObject({ name: 'local', healthy: true, sumdb: false })
    expect(out.fastest).toBe('local')
    // Before: at least the 60 s --timeout (the run is killed at 60 s). Now about a second plus start-up.
    expect(ms).toBeLessThan(40_000)
  })
})
