/**
 * The HTTP layer of the probe: one kept-alive connection per mirror (so warm samples measure the
 * mirror, not the handshake), connection setup timed apart, and the hygiene a CLI owes the
 * network: User-Agent, a deadline per request, a body cap, a redirect cap, proxy variables.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import diagnosticsChannel from 'node:diagnostics_channel'
import { performance } from 'node:perf_hooks'
import type { ConnectionOptions } from 'node:tls'
import { Agent, Client, ProxyAgent, buildConnector, request, type Dispatcher } from 'undici'
import { gunzipSync } from 'node:zlib'
import { Socket } from 'node:net'
import { ProbeBudget, ProbeFailure, RequestTimeout, describeFailure, type ConnectStage } from './failure.js'
import { proxyForUrl, readProxyEnv, type ProxyEnv } from './proxy-env.js'
import { redactUrl } from '../util/url.js'
import { trustConnectOptions } from '../net/trust-roots.js'

/** What the timed connector saw. With an HTTP proxy, the address is the proxy's. */
export interface ConnectStats {
  /** Connections opened; more than one means the mirror dropped keep-alive. */
  count: number
  /** Setup time (TCP, plus tunnel and TLS) of the first connection, in ms. */
  firstMs: number | null
  address: string | null
  family: string | null
  /** The proxy the first connection went through (credentials masked); null when direct. */
  proxy: string | null
  /** Where a connection being set up is waiting now; null when none is. Names a timeout's cause. */
  stage: ConnectStage | null
}

export function createConnectStats(): ConnectStats {
  return { count: 0, firstMs: null, address: null, family: null, proxy: null, stage: null }
}

/** Sockets to a proxy, by the stats of the mirror whose tunnel they carry (see the channel below). */
const tunnelSockets = new WeakMap<object, ConnectStats>()

// undici announces a CONNECT answered with 200; from then on the tunnel waits for the TLS handshake.
diagnosticsChannel.subscribe('undici:proxy:connected', (message) => {
  const stats = tunnelSockets.get((message as { socket?: object }).socket ?? {})
  if (stats?.stage === 'proxy-answer') stats.stage = 'tls'
})

/** Sockets opened for a mirror and not yet closed, so that closeDispatcher can end connects undici gave up on. */
const openSockets = new WeakMap<ConnectStats, Set<Socket>>()

function trackSocket(stats: ConnectStats, socket: unknown): void {
  if (!(socket instanceof Socket)) return // a tunnel's connector returns nothing; its proxy socket is tracked instead
  let set = openSockets.get(stats)
  if (!set) openSockets.set(stats, (set = new Set()))
  set.add(socket)
  socket.once('close', () => set.delete(socket))
}

/**
 * Destroy a mirror's dispatcher and every connection still being set up. undici lets a connect
 * it no longer waits for run on to its own timeout, which would keep the process alive past the
 * deadline the row reports.
 */
export async function closeDispatcher(dispatcher: Dispatcher, stats: ConnectStats): Promise<void> {
  for (const socket of openSockets.get(stats) ?? []) socket.destroy()
  await dispatcher.destroy().catch(() => undefined)
}

/** buildConnector's connector returns its socket, though undici's types say void. */
type SocketConnector = (options: buildConnector.Options, callback: buildConnector.Callback) => unknown

function timeConnector(base: buildConnector.connector, stats: ConnectStats, proxy: URL | null): buildConnector.connector {
  return (options, callback) => {
    const started = performance.now()
    stats.stage = proxy ? 'proxy-connect' : 'connect'
    const socket = (base as SocketConnector)(options, (...args: Parameters<buildConnector.Callback>) => {
      stats.stage = null
      const [err, socket] = args
      if (err) return callback(proxy ? tunnelFailure(err, proxy) : err, null)
      if (socket) {
        stats.count++
        if (stats.firstMs === null) {
          stats.firstMs = performance.now() - started
          stats.address = socket.remoteAddress ?? null
          stats.family = socket.remoteFamily ?? null
        }
      }
      callback(...args)
    })
    trackSocket(stats, socket)
  }
}

/** The connection to the proxy itself: its own connect deadline, and it marks the wait for CONNECT's answer. */
function proxyConnector(timeoutMs: number, stats: ConnectStats): buildConnector.connector {
  const base = buildConnector({ timeout: timeoutMs })
  return (options, callback) => {
    const socket = (base as SocketConnector)(options, (...args: Parameters<buildConnector.Callback>) => {
      const connected = args[1]
      if (connected) {
        tunnelSockets.set(connected, stats)
        if (stats.stage === 'proxy-connect') stats.stage = 'proxy-answer'
      }
      callback(...args)
    })
    trackSocket(stats, socket)
  }
}

/**
 * Why a tunnel through the proxy failed, in plain words. It also stops a busy loop: undici's client
 * treats a connect error coded UND_ERR_SOCKET (the proxy closed the connection on CONNECT) as
 * belonging to no request and reconnects at once, forever; an error without that code fails the
 * waiting request instead.
 */
function tunnelFailure(err: Error, proxy: URL): Error {
  if (err instanceof ProbeFailure) return err
  const code = (err as { code?: unknown }).code
  const status = /Proxy response \((\d+)\) !== 200/.exec(err.message)?.[1]
  if (status === '407') {
    return new ProbeFailure(proxy.username || proxy.password
      ? 'the HTTP proxy refused the credentials in the proxy URL (407 Proxy Authentication Required)'
      : 'the HTTP proxy wants credentials (407 Proxy Authentication Required): put the proxy user name and password in the HTTPS_PROXY URL, before the host')
  }
  if (code === 'UND_ERR_SOCKET') return new ProbeFailure('the HTTP proxy closed the connection instead of answering CONNECT')
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new ProbeFailure('the HTTP proxy did not answer CONNECT in time')
  if (err.name === 'HTTPParserError' || (typeof code === 'string' && code.startsWith('HPE_'))) {
    return new ProbeFailure('the HTTP proxy answered CONNECT with something that is not HTTP')
  }
  return err
}

/**
 * A dispatcher for one mirror: one connection per origin, and per origin the route Go would take
 * (proxy-env.ts): direct, or through HTTPS_PROXY/HTTP_PROXY. Like Go, plain-http targets are sent
 * to an HTTP proxy as absolute-form requests and https targets are tunnelled with CONNECT. The
 * `factory` hook sees the final connector in every case (direct, tunnel, proxy connection), so
 * wrapping it there times them all.
 */
export function createMirrorDispatcher(timeoutMs: number, stats: ConnectStats, tls?: ConnectionOptions, proxyEnv: ProxyEnv = readProxyEnv()): Dispatcher {
  // The roots go trusts (net/trust-roots.ts), read only once an https origin is contacted; `tls`
  // (tests pass a private CA) replaces them.
  const tlsFor = (target: URL): ConnectionOptions => (tls ?? (target.protocol === 'https:' ? trustConnectOptions() : {}))
  // undici's own timers are a backstop only; our AbortSignal fires first with a better message.
  const timers = { headersTimeout: timeoutMs + 1000, bodyTimeout: timeoutMs + 1000 }
  const timedClient = (proxy: URL | null) => (origin: string | URL, options: object): Dispatcher => {
    const clientOptions = options as Client.Options
    // A plain-http request through an HTTP proxy talks to the proxy itself: undici hands that client
    // a connector without our deadline, so it is replaced. A tunnel's connector is kept (it is the tunnel).
    const toProxy = proxy !== null && new URL(origin).origin === proxy.origin
    const base = typeof clientOptions.connect === 'function' && !toProxy
      ? clientOptions.connect
      : buildConnector({ timeout: timeoutMs, ...(toProxy ? {} : tlsFor(new URL(origin))), ...(typeof clientOptions.connect === 'object' ? clientOptions.connect : {}) })
    return new Client(origin, { ...clientOptions, ...timers, connect: timeConnector(base, stats, proxy) })
  }
  const route = (origin: string | URL, options: object): Dispatcher => {
    const target = new URL(origin)
    const choice = proxyForUrl(target, proxyEnv)
    if ('error' in choice) throw new ProbeFailure(choice.error)
    if (!choice.proxy) return timedClient(null)(origin, options)
    stats.proxy ??= redactUrl(choice.proxy.href)
    const tunnel = target.protocol === 'https:'
    return new ProxyAgent({
      uri: choice.proxy.href,
      proxyTunnel: tunnel,
      connections: 1,
      factory: timedClient(choice.proxy),
      // The CONNECT exchange runs on this client: without these undici waits 10 s to connect and
      // 300 s for an answer, however slowly the proxy trickles it. Backstops, like `timers`.
      clientFactory: (url: URL) => new Client(url, { connect: proxyConnector(timers.headersTimeout, stats), ...timers }),
      // The TLS handshake through the tunnel gets its own deadline too.
      requestTls: { timeout: timers.headersTimeout, ...tlsFor(target) },
      ...timers,
    })
  }
  return new Agent({ connections: 1, factory: route, ...timers })
}

let cachedUserAgent: string | undefined

/** `gomirror/<version>`, read once from our package.json (src/ and dist/src/ layouts). */
export function resolveUserAgent(): string {
  if (cachedUserAgent) return cachedUserAgent
  cachedUserAgent = 'gomirror'
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let up = 0; up < 4; up++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown }
      if (pkg.name === 'gomirror' && typeof pkg.version === 'string') {
        cachedUserAgent = `gomirror/${pkg.version}`
        break
      }
    } catch {
      // not here; keep walking up
    }
  }
  return cachedUserAgent
}

export interface FetchSettings {
  dispatcher: Dispatcher
  userAgent: string
  /** `Basic …` for the mirror's own host; dropped when a redirect leaves it. */
  authorization: string | null
  timeoutMs: number
  maxBodyBytes: number
  maxRedirects: number
  signal: AbortSignal | undefined
  /** Connections opened so far (ConnectStats.count): tells a reused connection from a new one. */
  connections?: () => number
  /** Where a connection being set up waits (ConnectStats.stage): names what a deadline cut short. */
  stage?: () => ConnectStage | null
}

export interface FetchedResource {
  status: number
  contentType: string
  /** The body of a 200 answer; empty for any other status. */
  body: Buffer
  /** From sending the request to the last body byte, redirects included. */
  ms: number
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

function formatSize(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`
}

async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  // Reading a small leftover keeps the connection reusable; past the limit undici drops it.
  await body.dump({ limit: 64 * 1024 }).catch(() => undefined)
}

/**
 * Go's transport asks for gzip and decodes it transparently, so a mirror that compresses is healthy
 * to Go; decode it too, keeping the size cap on the decoded bytes (a gzip bomb is an endless body).
 */
function decodeBody(raw: Buffer, encoding: string, maxBytes: number): Buffer {
  const enc = encoding.trim().toLowerCase()
  if (enc === '' || enc === 'identity') return raw
  if (enc !== 'gzip' && enc !== 'x-gzip') throw new ProbeFailure(`body in an encoding go cannot read (${enc})`)
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes })
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ProbeFailure(`body exceeds ${formatSize(maxBytes)}`)
    throw new ProbeFailure('body is not valid gzip although the mirror said it was')
  }
}

async function readCapped(res: Dispatcher.ResponseData, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length'])
  const tooLarge = new ProbeFailure(`body exceeds ${formatSize(maxBytes)}`)
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.body.destroy()
    throw tooLarge
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total > maxBytes) {
      res.body.destroy()
      throw tooLarge
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function resolveRedirect(from: URL, location: string): URL {
  let next: URL
  try {
    next = new URL(location, from)
  } catch {
    throw new ProbeFailure(`redirected to an invalid URL (${JSON.stringify(location)})`)
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new ProbeFailure(`redirected to an unsupported URL scheme (${next.protocol})`)
  }
  return next
}

const CLOSED_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'])

function isClosedConnection(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && CLOSED_CODES.has(code)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

/**
 * GET once, and once more when a reused keep-alive connection turns out to have been closed before
 * any answer: Go's transport does the same for idempotent requests (net/http shouldRetryRequest),
 * and some proxies (tinyproxy) close after every answer without saying so.
 */
async function sendGet(url: URL, headers: Record<string, string>, s: FetchSettings, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
  const before = s.connections?.() ?? 0
  try {
    return await request(url, { dispatcher: s.dispatcher, method: 'GET', headers, signal })
  } catch (err) {
    const reused = before > 0 && s.connections?.() === before
    if (!reused || signal.aborted || !isClosedConnection(err)) throw err
    return await request(url, { dispatcher: s.dispatcher, method: 'GET', headers, signal })
  }
}

function firstHeader(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

/**
 * Settle with `work`, or reject with the signal's reason the moment it aborts. undici leaves a
 * request that still waits for its connection pending until the connection is made (which a
 * silent or trickling proxy may never allow), so a deadline must not depend on undici noticing it.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined) // once abandoned, its late failure is nobody's business
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * GET a URL, following redirects by hand. Resolves with any final status (the caller judges it);
 * rejects with a ProbeFailure whose message is the plain cause. One deadline covers the whole
 * exchange: every redirect hop, the headers and the body.
 */
export async function fetchResource(start: URL, s: FetchSettings): Promise<FetchedResource> {
  const timeout = new RequestTimeout(s.timeoutMs)
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(timeout), s.timeoutMs)
  const signal = s.signal ? AbortSignal.any([deadline.signal, s.signal]) : deadline.signal
  const started = performance.now()
  const seen = new Set<string>()
  let headersSeen = false
  // Every await races the deadline: see untilAborted.
  try {
    for (let url = start, hop = 0; ; hop++) {
      seen.add(url.href)
      const headers: Record<string, string> = { 'user-agent': s.userAgent, 'accept-encoding': 'gzip' }
      if (s.authorization && url.host === start.host) headers.authorization = s.authorization
      headersSeen = false
      const res = await untilAborted(sendGet(url, headers, s, signal), signal)
      headersSeen = true
      const location = REDIRECTS.has(res.statusCode) ? firstHeader(res.headers.location) : ''
      if (location) {
        await untilAborted(discard(res.body), signal)
        const next = resolveRedirect(url, location)
        // Go's securityPreservingHTTPClient refuses this downgrade; a probe must not call it healthy.
        if (start.protocol === 'https:' && next.protocol !== 'https:') throw new ProbeFailure('redirected from https to plain http (go refuses this)')
        if (seen.has(next.href)) throw new ProbeFailure('redirect loop')
        if (hop >= s.maxRedirects) throw new ProbeFailure(`too many redirects (more than ${s.maxRedirects})`)
        url = next
        continue
      }
      const contentType = firstHeader(res.headers['content-type'])
      if (res.statusCode !== 200) {
        await untilAborted(discard(res.body), signal)
        return { status: res.statusCode, contentType, body: Buffer.alloc(0), ms: performance.now() - started }
      }
      const body = decodeBody(await untilAborted(readCapped(res, s.maxBodyBytes), signal), firstHeader(res.headers['content-encoding']), s.maxBodyBytes)
      return { status: 200, contentType, body, ms: performance.now() - started }
    }
  } catch (err) {
    throw new ProbeFailure(describeFailure(err, {
      timedOut: deadline.signal.aborted ? timeout : null,
      cancelled: s.signal?.aborted ?? false,
      budget: s.signal?.reason instanceof ProbeBudget ? s.signal.reason : null,
      headersSeen,
      stage: headersSeen ? null : (s.stage?.() ?? null),
    }))
  } finally {
    clearTimeout(timer)
  }
}
