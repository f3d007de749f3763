/**
 * Every wait has a deadline: an HTTPS_PROXY that closes on CONNECT, never answers, trickles its
 * answer, stalls the TLS handshake, wants credentials or speaks garbage must make `test`, `use
 * fastest` and `doctor` finish in seconds with a plain error, and write nothing. The mirror is a
 * non-loopback name (Go never proxies loopback), so only the loopback proxy ever sees it; the
 * proxy connects nowhere. Before the fix: close-on-connect reconnected tens of thousands of times
 * and never finished; silent and slowloris ran past 40 s; tls-stall reported "2000 ms in all" after 12 s.
 */
import { beforeAll, describe, expect, it, type TestContext } from 'vitest'
import { PROXY_MODES, startHostileProxy, type HostileProxy, type ProxyMode } from '../support/hostile-proxy.js'
import { assertGoInstalled, createSandbox, type Sandbox } from '../support/sandbox.js'

const MIRROR = 'https://mirror.invalid.test/'
/** Per request. Not smaller: on a loaded machine even an immediate answer can take a second to be read. */
const TIMEOUT_MS = 3000
/**
 * Generous on purpose: node and go start-up on a loaded two-core machine shared with other test
 * runs, plus the deadlines (3 s per request for test/use, 2.5 s for doctor). Alone, each run takes
 * 2-6 s. It only has to tell "ends at its deadline" from the hangs it replaced (sb.run gives up at
 * 60 s; before the fix close-on-connect, silent and slowloris were still running then).
 */
const BOUND_MS = 50_000
/** A proxy's immediate answer can lose the race with the deadline on a machine loaded enough; then the deadline's own text is right too. */
const STAGE_DEADLINE = /^list: (the HTTP proxy did not answer CONNECT|no connection to the HTTP proxy|the TLS handshake through the HTTP proxy did not finish) within \d+ ms$/

function expectReason(error: string | undefined, mode: ProxyMode): void {
  if (STAGE_DEADLINE.test(error ?? '')) return
  expect(error).toMatch(EXPECTED[mode])
}
/** Credentials in the proxy URL; they must reach the proxy and never the output. */
const SECRET = 's3cretPW'

/** The row error each mode must produce (after the request name, `list: `). */
const EXPECTED: Record<ProxyMode, RegExp> = {
  'close-on-connect': /^list: the HTTP proxy closed the connection instead of answering CONNECT$/,
  silent: /^list: the HTTP proxy did not answer CONNECT within 3000 ms$/,
  slowloris: /^list: the HTTP proxy did not answer CONNECT within 3000 ms$/,
  'tls-stall': /^list: the TLS handshake through the HTTP proxy did not finish within 3000 ms$/,
  407: /^list: the HTTP proxy refused the credentials in the proxy URL \(407 Proxy Authentication Required\)$/,
  garbage: /^list: the HTTP proxy answered CONNECT with something that is not HTTP$/,
}

interface Run {
  stdout: string
  stderr: string
  exitCode: number
  ms: number
}

beforeAll(() => assertGoInstalled())

/** Concurrent tests: each cleans up its own sandbox and proxy. */
async function setup(ctx: TestContext, mode: ProxyMode): Promise<{ sb: Sandbox; proxy: HostileProxy; env: NodeJS.ProcessEnv }> {
  const [sb, proxy] = await Promise.all([createSandbox(), startHostileProxy(mode)])
  ctx.onTestFinished(async () => { await Promise.all([proxy.close(), sb.cleanup()]) })
  await sb.setCatalog([{ name: 'hostile', url: MIRROR }])
  const env = { HTTPS_PROXY: proxy.url.replace('http://', `http://alice:${SECRET}@`) }
  return { sb, proxy, env }
}

async function timed(sb: Sandbox, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const started = Date.now()
  const r = await sb.run(args, env)
  return { ...r, ms: Date.now() - started }
}

/** The proxy saw our CONNECT (with the credentials), and did not see a reconnect storm. */
function expectProxyUsed(proxy: HostileProxy): void {
  expect(proxy.requests[0]).toBe('CONNECT mirror.invalid.test:443 HTTP/1.1')
  expect(proxy.auth[0]).toBe(`Basic ${Buffer.from(`alice:${SECRET}`).toString('base64')}`)
  // One mirror probed once: a handful of connections at most (before: tens of thousands, a busy loop).
  expect(proxy.connections()).toBeLessThanOrEqual(3)
}

/** A row's time must be true: the run cannot end before the time the error claims. */
function expectTrueTime(error: string, run: Run): void {
  const claimed = /within (\d+) ms/.exec(error)
  if (claimed) expect(run.ms).toBeGreaterThanOrEqual(Number(claimed[1]))
  expect(run.ms).toBeLessThan(BOUND_MS)
}

describe('a hostile HTTPS_PROXY: every command finishes in time, says why, writes nothing', { timeout: 90_000 }, () => {
  for (const mode of PROXY_MODES) {
    it(`${mode}: test --json`, async (ctx) => {
      const { sb, proxy, env } = await setup(ctx, mode)
      const run = await timed(sb, ['test', '--json', '--timeout', String(TIMEOUT_MS)], env)
      expect(run.exitCode).toBe(1)
      const out = JSON.parse(run.stdout) as { results: { name: string; healthy: boolean; error: string; proxy: string }[]; fastest: string | null }
      expect(out.fastest).toBeNull()
      const [row] = out.results
      expect(row).toMatchObject({ name: 'hostile', healthy: false })
      expectReason(row?.error, mode)
      expect(row?.proxy).toBe(proxy.url.replace('http://', 'http://alice:***@') + '/')
      expectTrueTime(row?.error ?? '', run)
      expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET)
      expectProxyUsed(proxy)
      expect(await sb.readEnvFile()).toBe('')
    })

    it(`${mode}: use fastest`, async (ctx) => {
      const { sb, proxy, env } = await setup(ctx, mode)
      const run = await timed(sb, ['use', 'fastest', '--timeout', String(TIMEOUT_MS)], env)
      expect(run.exitCode).toBe(1)
      expect(run.stderr).toMatch(/no healthy mirror among the 1 probed; nothing was changed/)
      // The table shows the reason (it may be cut to the terminal's width, so its start).
      const shown = /failed {2}(.*)$/m.exec(run.stdout)?.[1] ?? ''
      const reason = EXPECTED[mode].source.replace(/^\^list: /, '').replace(/\$$/, '').replace(/\\/g, '')
      if (!/within \d+ ms/.test(shown)) expect(`list: ${reason}`.startsWith(shown.replace(/…$|\.\.\.$/, ''))).toBe(true)
      expect(shown).toMatch(/^list: the (HTTP proxy|TLS handshake)/)
      expect(run.ms).toBeLessThan(BOUND_MS)
      expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET)
      expectProxyUsed(proxy)
      expect(await sb.readEnvFile()).toBe('')
    })

    it(`${mode}: doctor --json`, async (ctx) => {
      const { sb, proxy, env } = await setup(ctx, mode)
      await sb.go(['env', '-w', `GOPROXY=${MIRROR}`])
      const before = await sb.readEnvFile()
      const run = await timed(sb, ['doctor', '--json'], env)
      expect(run.exitCode).toBe(1)
      const out = JSON.parse(run.stdout) as { checks: { id: string; status: string; message: string }[]; ok: boolean }
      expect(out.ok).toBe(false)
      const health = out.checks.find((c) => c.id === `proxy.health.${MIRROR}`)
      expect(health?.status).toBe('fail')
      const reason = /unhealthy \((list: .*?)\), and Go stops there/.exec(health?.message ?? '')?.[1]
      expectReason(reason, mode)
      expect(run.ms).toBeLessThan(BOUND_MS)
      expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET)
      expectProxyUsed(proxy)
      expect(await sb.readEnvFile()).toBe(before)
    })
  }

  it('407 without credentials in HTTPS_PROXY says the proxy wants them', async (ctx) => {
    const { sb, proxy } = await setup(ctx, '407')
    // A long deadline: this one pins the exact text, so the immediate 407 must win the race.
    const run = await timed(sb, ['test', '--json', '--timeout', '10000'], { HTTPS_PROXY: proxy.url })
    expect(run.exitCode).toBe(1)
    const out = JSON.parse(run.stdout) as { results: { error: string }[] }
    expect(out.results[0]?.error).toBe('list: the HTTP proxy wants credentials (407 Proxy Authentication Required): put the proxy user name and password in the HTTPS_PROXY URL, before the host')
    expect(proxy.auth[0]).toBe('')
    expect(run.ms).toBeLessThan(BOUND_MS)
  })
})

/**
 * The verdict is go's: `go mod download` through the same proxy fails too. silent and slowloris are
 * left out only for time (go gives a CONNECT 60 s; checked by hand: "context deadline exceeded").
 */
const GO_SAYS: Partial<Record<ProxyMode, RegExp>> = {
  'close-on-connect': /unexpected EOF/,
  'tls-stall': /TLS handshake timeout/,
  407: /Proxy Authentication Required/,
  garbage: /malformed HTTP response/,
}

describe('real go fails through the same proxy, so "unhealthy" is right', { timeout: 90_000 }, () => {
  for (const [mode, says] of Object.entries(GO_SAYS) as [ProxyMode, RegExp][]) {
    it(`${mode}: go mod download fails`, async (ctx) => {
      const { sb, proxy, env } = await setup(ctx, mode)
      const r = await sb.go(['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], { ...env, GOPROXY: MIRROR, GOSUMDB: 'off' })
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toMatch(says)
      expect(proxy.requests[0]).toBe('CONNECT mirror.invalid.test:443 HTTP/1.1')
    })
  }
})
