import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMirrorDispatcher } from '../../src/probe/http.js'
import { probeMirror, probeMirrors, type ProbeDeps } from '../../src/probe/probe.js'
import { rankResults } from '../../src/probe/rank.js'
import {
  findClosedPortUrl,
  startConnectProxy,
  startMirror,
  startSilentServer,
  TEST_CERT,
  type Fault,
  type MirrorOptions,
} from '../support/mirror-server.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()))
})

async function mirror(opts: MirrorOptions = {}) {
  const m = await startMirror(opts)
  cleanups.push(() => m.close())
  return m
}

// The https mirrors' certificate is a test fixture; trust it for these probes only.
const trustTestCert: ProbeDeps = {
  createDispatcher: (timeoutMs, stats) => createMirrorDispatcher(timeoutMs, stats, { ca: TEST_CERT }),
}

// Short deadlines keep the hang/slow cases quick; loopback answers take a few ms.
const QUICK = { requestTimeoutMs: 800, samples: 3 }

describe('probeMirror against a healthy mirror', () => {
  it('walks list → info → mod → sumdb → warm samples over one connection', async () => {
    const m = await mirror()
    const result = await probeMirror({ name: 'local', url: m.url }, { samples: 5 })
    expect(result).toMatchObject({ name: 'local', url: m.url, healthy: true, sumdb: true, error: null, connections: 1, address: '127.0.0.1' })
    expect(result.samples).toHaveLength(5)
    expect(result.latencyMs).toBe([...result.samples].sort((a, b) => a - b)[2])
    expect(result.connectMs).toBeGreaterThanOrEqual(0)
    expect(m.requests).toEqual([
      '/rsc.io/quote/@v/list',
      '/rsc.io/quote/@v/v1.5.2.info',
      '/rsc.io/quote/@v/v1.5.2.mod',
      '/sumdb/sum.golang.org/supported',
      '/rsc.io/quote/@v/v1.5.2.info',
      '/rsc.io/quote/@v/v1.5.2.info',
      '/rsc.io/quote/@v/v1.5.2.info',
    ])
    expect(m.connections()).toBe(1)
    expect(m.headers[0]?.['user-agent']).toMatch(/^gomirror\/\d+\.\d+\.\d+/)
  })

  it('reports sumdb false when the mirror does not proxy the checksum database', async () => {
    const m = await mirror({ sumdb: false })
    const result = await probeMirror({ name: 'nosum', url: m.url }, QUICK)
    expect(result).toMatchObject({ healthy: true, sumdb: false, error: null })
  })

  it('ignores Content-Type when the bytes are right, as go does', async () => {
    const m = await mirror({ fault: 'html-content-type' })
    expect(await probeMirror({ name: 'mislabelled', url: m.url }, QUICK)).toMatchObject({ healthy: true, error: null })
  })

  it('decodes gzip answers, as go does, even when the mirror gzips unasked', async () => {
    const m = await mirror({ fault: 'gzip' })
    const result = await probeMirror({ name: 'gzip', url: m.url }, QUICK)
    expect(result).toMatchObject({ healthy: true, error: null })
    expect(m.headers[0]?.['accept-encoding']).toBe('gzip')
  })

  it('uses the given User-Agent', async () => {
    const m = await mirror()
    await probeMirror({ name: 'ua', url: m.url }, { ...QUICK, userAgent: 'gomirror/9.9.9-test' })
    expect(m.headers.every((h) => h['user-agent'] === 'gomirror/9.9.9-test')).toBe(true)
  })

  it.each(['/goproxy/', '/goproxy'])('joins paths under a base path (%s) the way Go does', async (basePath) => {
    const m = await mirror({ basePath: '/goproxy/' })
    const url = basePath.endsWith('/') ? m.url : m.url.replace(/\/$/, '')
    const result = await probeMirror({ name: 'sub', url }, QUICK)
    expect(result).toMatchObject({ healthy: true, sumdb: true })
    expect(m.requests[0]).toBe('/goproxy/rsc.io/quote/@v/list')
    expect(m.requests[3]).toBe('/goproxy/sumdb/sum.golang.org/supported')
  })
})

describe('credentials in the mirror URL', () => {
  it('are sent as Basic auth over https and masked in the result', async () => {
    const m = await mirror({ tls: true, auth: { user: 'alice', pass: 's3cr3t@x' } })
    const url = m.url.replace('https://', 'https://alice:s3cr3t%40x@')
    const result = await probeMirror({ name: 'private', url }, QUICK, trustTestCert)
    expect(result).toMatchObject({ healthy: true, error: null })
    expect(result.url).not.toContain('s3cr3t')
    expect(result.url).toContain('alice:***@')
    expect(m.headers[0]?.authorization).toBe(`Basic ${Buffer.from('alice:s3cr3t@x').toString('base64')}`)
    expect(m.requests.every((r) => !r.includes('s3cr3t'))).toBe(true)
  })

  it('rejected credentials make the mirror unhealthy with a clear text', async () => {
    const m = await mirror({ tls: true, auth: { user: 'alice', pass: 'right' } })
    const url = m.url.replace('https://', 'https://alice:wrong@')
    const result = await probeMirror({ name: 'private', url }, QUICK, trustTestCert)
    expect(result).toMatchObject({ healthy: false, error: 'list: HTTP 401 (credentials missing or rejected)' })
  })

  it('are never sent over plain http, as go refuses to', async () => {
    const m = await mirror({ auth: { user: 'alice', pass: 'pw' } })
    const result = await probeMirror({ name: 'plain', url: m.url.replace('http://', 'http://alice:pw@') }, QUICK)
    expect(result).toMatchObject({ healthy: false, url: expect.stringContaining('alice:***@') })
    expect(result.error).toBe('refusing to send credentials over plain http (go refuses too; use https)')
    expect(m.requests).toEqual([])
  })
})

describe('redirects', () => {
  it('are followed to another host', async () => {
    const target = await mirror()
    const front = await mirror({ redirectTo: target.url })
    const result = await probeMirror({ name: 'front', url: front.url }, QUICK)
    expect(result).toMatchObject({ healthy: true, sumdb: true })
    expect(target.requests[0]).toBe('/rsc.io/quote/@v/list')
    expect(front.requests).toHaveLength(target.requests.length)
  })

  it('from https to plain http fail, as go refuses them', async () => {
    const target = await mirror()
    const front = await mirror({ tls: true, redirectTo: target.url })
    const result = await probeMirror({ name: 'front', url: front.url }, QUICK, trustTestCert)
    expect(result).toMatchObject({ healthy: false, error: 'list: redirected from https to plain http (go refuses this)' })
    expect(target.requests).toEqual([])
  })

  it('drop the Authorization header when they leave the mirror host', async () => {
    const target = await mirror({ tls: true })
    const front = await mirror({ tls: true, redirectTo: target.url.replace('127.0.0.1', 'localhost') })
    const result = await probeMirror({ name: 'front', url: front.url.replace('https://', 'https://bob:pw@') }, QUICK, trustTestCert)
    expect(result).toMatchObject({ healthy: true })
    expect(front.headers.every((h) => h.authorization?.startsWith('Basic '))).toBe(true)
    expect(target.headers.every((h) => h.authorization === undefined)).toBe(true)
  })
})

describe('unhealthy mirrors are results, with an error naming the request and cause', () => {
  const cases: [Fault, string | RegExp][] = [
    ['html', 'list: answered with an HTML page (captive portal or login page?)'],
    ['altered-mod', /^mod: go\.mod hash mismatch \(got h1:\S+, want h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe\+TKr0=\)$/],
    ['wrong-info', 'info: Version is "v1.5.1", want "v1.5.2"'],
    ['info-not-json', 'info: not JSON'],
    ['missing-version', 'list: v1.5.2 not listed'],
    ['status-500', 'list: HTTP 500'],
    ['status-404', 'list: HTTP 404 (is this the GOPROXY base URL? e.g. https://mirrors.aliyun.com/goproxy/)'],
    ['bad-gzip', 'list: body is not valid gzip although the mirror said it was'],
    ['reset', 'list: connection reset'],
    ['redirect-loop', 'list: redirect loop'],
    ['redirect-chain', 'list: too many redirects (more than 5)'],
    ['endless', 'list: body exceeds 256 KiB'],
    ['slow-body', 'list: answer not complete within 800 ms'],
    ['hang', 'list: no answer within 800 ms'],
  ]
  it.each(cases)('%s → %s', async (fault, want) => {
    const m = await mirror({ fault })
    const result = await probeMirror({ name: fault, url: m.url }, QUICK)
    expect(result.healthy).toBe(false)
    if (typeof want === 'string') expect(result.error).toBe(want)
    else expect(result.error).toMatch(want)
    // The checksum database is only asked about once the canary checks pass.
    expect(result.sumdb).toBeNull()
  })

  it('a mirror whose answers each come in time but add up past the per-mirror budget is cut off', async () => {
    const m = await mirror({ latencyMs: 150 })
    const result = await probeMirror({ name: 'trickle', url: m.url }, { requestTimeoutMs: 1000, mirrorTimeoutMs: 400, samples: 5 })
    expect(result.healthy).toBe(false)
    expect(result.error).toMatch(/^(info|mod): probe not finished within 400 ms in all \(answers too slow\)$/)
  })

  it('honours a custom body cap and redirect cap', async () => {
    const endless = await mirror({ fault: 'endless' })
    const chain = await mirror({ fault: 'redirect-chain' })
    const [big, far] = await probeMirrors([
      { name: 'endless', url: endless.url },
      { name: 'chain', url: chain.url },
    ], { ...QUICK, maxBodyBytes: 1024, maxRedirects: 2 })
    expect(big?.error).toBe('list: body exceeds 1 KiB')
    expect(far?.error).toBe('list: too many redirects (more than 2)')
    expect(chain.requests).toHaveLength(3)
  })

  it('names network failures plainly', async () => {
    const silent = await startSilentServer()
    cleanups.push(() => silent.close())
    const tls = await mirror({ tls: true })
    const results = await probeMirrors([
      { name: 'silent', url: silent.url },
      { name: 'closed', url: await findClosedPortUrl() },
      { name: 'nxdomain', url: 'http://gomirror-test.invalid/' },
      { name: 'tls', url: tls.url },
      { name: 'garbage', url: 'not a url' },
      { name: 'file', url: 'file:///tmp/goproxy' },
    ], QUICK)
    expect(results.map((r) => [r.name, r.healthy, r.error])).toEqual([
      ['silent', false, 'list: no answer within 800 ms'],
      ['closed', false, 'list: connection refused'],
      ['nxdomain', false, expect.stringMatching(/^list: host not found/)],
      ['tls', false, expect.stringMatching(/^list: TLS error: .*(self-signed|not yet valid)/)],
      ['garbage', false, 'invalid URL'],
      ['file', false, 'unsupported URL scheme "file:" (only http and https can be probed)'],
    ])
  })
})

describe('probeMirrors', () => {
  it('ranks by warm latency: 20 ms beats 80 ms', async () => {
    const slow = await mirror({ latencyMs: 80, jitter: 0.1 })
    const fast = await mirror({ latencyMs: 20, jitter: 0.1 })
    const results = await probeMirrors([{ name: 'slow', url: slow.url }, { name: 'fast', url: fast.url }], QUICK)
    expect(results.map((r) => r.name)).toEqual(['slow', 'fast']) // input order
    expect(rankResults(results).map((r) => r.name)).toEqual(['fast', 'slow'])
    expect(results[1]?.latencyMs).toBeLessThan(results[0]?.latencyMs ?? 0)
    expect(results[0]?.latencyMs).toBeGreaterThanOrEqual(70)
  })

  it('probes all mirrors at once and reports each as it starts and finishes', async () => {
    const mirrors = await Promise.all([1, 2, 3].map(() => mirror({ latencyMs: 300 })))
    const events: string[] = []
    const started = performance.now()
    const results = await probeMirrors(
      mirrors.map((m, i) => ({ name: `m${i}`, url: m.url })),
      { samples: 2, maxSamples: 2 }, // identical mirrors would otherwise take extra samples to tell apart
      { onStart: (t) => events.push(`start ${t.name}`), onResult: (r) => events.push(`done ${r.name}`) },
    )
    const elapsed = performance.now() - started
    expect(results.every((r) => r.healthy)).toBe(true)
    // Each probe is 4 requests × 300 ms; one after another would take 3.6 s.
    expect(events.slice(0, 3)).toEqual(['start m0', 'start m1', 'start m2'])
    expect(elapsed).toBeLessThan(2 * 4 * 300)
  })

  it('stops everything when the caller aborts', async () => {
    const hang = await mirror({ fault: 'hang' })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const started = performance.now()
    const [result] = await probeMirrors([{ name: 'hang', url: hang.url }], { requestTimeoutMs: 10_000, signal: controller.signal })
    expect(result).toMatchObject({ healthy: false, error: 'list: cancelled' })
    expect(performance.now() - started).toBeLessThan(5000)
  })

  describe('with HTTP_PROXY set', () => {
    const names = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const
    let saved: Record<string, string | undefined> = {}
    beforeEach(async () => {
      saved = Object.fromEntries(names.map((n) => [n, process.env[n]]))
      for (const n of names) delete process.env[n]
    })
    afterEach(() => {
      for (const n of names) {
        if (saved[n] === undefined) delete process.env[n]
        else process.env[n] = saved[n]
      }
    })

    it('sends plain-http requests through the proxy in absolute form, as go does', async () => {
      const proxy = await startConnectProxy()
      cleanups.push(() => proxy.close())
      const m = await mirror()
      process.env.HTTP_PROXY = proxy.url
      const port = new URL(m.url).port
      const result = await probeMirror({ name: 'proxied', url: `http://mirror.test:${port}/` }, QUICK)
      expect(result).toMatchObject({ healthy: true, connections: 1, address: '127.0.0.1', proxy: `${proxy.url}/` })
      expect(result.connectMs).not.toBeNull()
      expect(proxy.tunnels).toEqual([])
      expect(proxy.forwarded[0]).toBe(`http://mirror.test:${port}/rsc.io/quote/@v/list`)
    })

    it('tunnels https through HTTPS_PROXY with CONNECT', async () => {
      const proxy = await startConnectProxy()
      cleanups.push(() => proxy.close())
      const m = await mirror({ tls: true })
      process.env.HTTPS_PROXY = proxy.url
      const port = new URL(m.url).port
      // A name, not 127.0.0.1, so Go would proxy it; the test certificate is checked against localhost.
      const trust: ProbeDeps = { createDispatcher: (t, stats) => createMirrorDispatcher(t, stats, { ca: TEST_CERT, servername: 'localhost' }) }
      const result = await probeMirror({ name: 'tunnelled', url: `https://mirror.test:${port}/` }, QUICK, trust)
      expect(result).toMatchObject({ healthy: true, connections: 1, proxy: `${proxy.url}/` })
      expect(proxy.tunnels).toEqual([`mirror.test:${port}`])
    })

    it('never proxies loopback mirrors, like Go', async () => {
      const proxy = await startConnectProxy()
      cleanups.push(() => proxy.close())
      const m = await mirror()
      process.env.HTTP_PROXY = proxy.url
      expect(await probeMirror({ name: 'local', url: m.url }, QUICK)).toMatchObject({ healthy: true })
      expect(proxy.tunnels).toEqual([])
    })

    it('names a proxy that is down', async () => {
      process.env.HTTP_PROXY = await findClosedPortUrl()
      const result = await probeMirror({ name: 'proxied', url: 'http://mirror.test:1/' }, QUICK)
      expect(result).toMatchObject({ healthy: false, error: 'list: connection refused' })
    })
  })
})
