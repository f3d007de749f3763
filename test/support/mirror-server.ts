/**
 * A loopback GOPROXY for tests: serves the canary (rsc.io/quote v1.5.2 list/.info/.mod) and small
 * fake modules the real `go` command can download, and misbehaves on request (Fault) so every
 * failure text of the probe can be provoked. Listens on 127.0.0.1 port 0; parallel-safe.
 */
import { createServer as createHttpsServer } from 'node:https'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { zipSync } from 'fflate'
import { CANARY } from '../../src/probe/canary.js'
import { listenLoopback } from './net-helpers.js'
import { buildTlogDb, sumdbRoute, TEST_SUM_GOLANG_ORG, type TlogHandler } from './sumdb-tlog-server.js'

export { findClosedPortUrl, startConnectProxy, startSilentServer } from './net-helpers.js'

export const FAULTS = [
  'html', // captive portal: 200 text/html on everything
  'html-content-type', // right bytes, labelled text/html (go ignores Content-Type)
  'altered-mod', // canary .mod with different bytes
  'wrong-info', // canary .info says v1.5.1
  'info-not-json', // canary .info is not JSON
  'missing-version', // canary list lacks v1.5.2
  'status-500', // 500 on everything
  'status-404', // 404 on everything
  'reset', // TCP reset on every request
  'redirect-loop', // 302 between two URLs forever
  'redirect-chain', // 302 to a new URL forever (never repeats)
  'endless', // 200 with a body that never ends, as fast as the client reads
  'slow-body', // 200, then one byte every 50 ms forever
  'hang', // accepts the request, never answers
  'gzip', // gzips every answer, asked or not (Go decodes it; so must a probe)
  'bad-gzip', // says Content-Encoding: gzip but sends plain bytes
  'altered-zip', // canary zip with one file changed (its go.sum hash no longer matches)
  'stall-after-mod', // answers list/.info/.mod and the sumdb check, then never answers again
  'sumdb-hang', // answers everything except sumdb/sum.golang.org/supported, which it never answers
] as const
export type Fault = (typeof FAULTS)[number]

export interface FakeModule {
  path: string
  version: string
  /** @default `module <path>\n\ngo 1.16\n` */
  goMod?: string
  /** Extra files by name relative to the module root. @default a hello.go */
  files?: Record<string, string>
  /** @default 2023-01-01T00:00:00Z */
  time?: string
}

export interface MirrorOptions {
  /** Delay before answering each request, in ms. @default 0 */
  latencyMs?: number
  /** Uniform jitter as a fraction of latencyMs (0.3 → ±30%). @default 0 */
  jitter?: number
  fault?: Fault
  /**
   * Whether the mirror proxies sum.golang.org: `supported` answers 200 and `sumdb/sum.golang.org/…`
   * serves a loopback database signed with TEST_SUM_GOLANG_ORG (else 404). @default true
   */
  sumdb?: boolean
  /** Path the GOPROXY lives under, e.g. `/goproxy/`. @default '/' */
  basePath?: string
  /** When set, every request must carry these as Basic auth (else 401). */
  auth?: { user: string; pass: string }
  /** @default [HELLO_MODULE] */
  modules?: FakeModule[]
  /** Serve https with a self-signed certificate (TEST_CERT, for 127.0.0.1), which clients reject unless they trust it. */
  tls?: boolean
  /** Answer every request with a 302 to the same relative path under this base URL. */
  redirectTo?: string
  /** Serve https with this key and certificate (e.g. test/support/certs, signed by a test CA) instead of TEST_CERT. */
  certificate?: { key: string; cert: string }
  /** Answer GET /healthz and /readyz at the root with 200, as Athens does (without credentials). */
  healthEndpoints?: boolean
  /** Offered each path under the base first (`sumdb/<name>/…` for a proxied checksum database); true when it answered. */
  extraRoute?: (rel: string, res: ServerResponse) => boolean
}

export interface Mirror {
  /** Base URL to use as GOPROXY, ending in `/` (`http://127.0.0.1:PORT/goproxy/`). */
  url: string
  /** Request targets (path and query) in arrival order. */
  requests: string[]
  /** Request headers, parallel to `requests`. */
  headers: IncomingHttpHeaders[]
  /** TCP connections accepted so far. */
  connections(): number
  /** Stops listening and destroys open sockets (hang/endless) so a test ends at once. */
  close(): Promise<void>
}

export const HELLO_MODULE: FakeModule = { path: 'example.com/hello', version: 'v1.0.0' }

export const CANARY_LIST = 'v1.0.0\nv1.1.0\nv1.2.0\nv1.2.1\nv1.3.0\nv1.4.0\nv1.5.0\nv1.5.1\nv1.5.2\nv1.5.3-pre1\n'
const CANARY_INFO = '{"Version":"v1.5.2","Time":"2018-02-14T15:44:20Z"}'

/** Go's module path escaping for proxy URLs: an upper-case letter becomes `!` + lower case. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`)
}

// Self-signed, for 127.0.0.1 and localhost, valid for a century; a test fixture, trusted by nobody
// unless a test passes TEST_CERT as its CA.
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/fBukDhdX85c0v6+
5v51edyKiL1kOm3f0ZP5bSYwOa2hRANCAAQt5Vs5v6bRXGb/YvsbULZxIDp1+xbV
OTuFMsQTaCieP+nyuumzdhFXni0GtSr2DFws3J4Ay3vu+1RksNMClR6g
-----END PRIVATE KEY-----`
export const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBsjCCAVegAwIBAgIUVG1FusHpHRgILNQ7+COJR5sNa4gwCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUZ29taXJyb3IgdGVzdCBtaXJyb3IwIBcNMjYxMTIyMDI1OTE3
WhgPMjEyNjEwMjkwMjU5MTdaMB8xHTAbBgNVBAMMFGdvbWlycm9yIHRlc3QgbWly
cm9yMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAELeVbOb+m0Vxm/2L7G1C2cSA6
dfsW1Tk7hTLEE2gonj/p8rrps3YRV54tBrUq9gxcLNyeAMt77vtUZLDTApUeoKNv
MG0wHQYDVR0OBBYEFEimufXil04itul452/rEGwONIyJMB8GA1UdIwQYMBaAFEim
ufXil04itul452/rEGwONIyJMA8GA1UdEwEB/wQFMAMBAf8wGgYDVR0RBBMwEYcE
fwAAAYIJbG9jYWxob3N0MAoGCCqGSM49BAMCA0kAMEYCIQDDkdVJa7HqaL4G6BxJ
CSaEk3VLKHtorFYgtV2xwRcIbwIhAPmfPPqBSaJw/6E8hvGN2SkrnkazI3XEc4Cn
skNNTNOa
-----END CERTIFICATE-----`

interface Answer { status: number; type: string; body: string | Uint8Array }

/**
 * The real rsc.io/quote v1.5.2 module files (from Go's own cmd/go/testdata, plus its LICENSE and
 * README): zipped, they hash to the go.sum line CANARY.zipHash, as `go mod download` confirms.
 */
const CANARY_FILES = ['LICENSE', 'README.md', 'buggy/buggy_test.go', 'go.mod', 'quote.go', 'quote_test.go']

function canaryZip(altered: boolean): Uint8Array {
  const dir = new URL('./canary-module/', import.meta.url)
  const entries: Record<string, Uint8Array> = {}
  for (const name of CANARY_FILES) {
    let data = readFileSync(new URL(name, dir))
    if (altered && name === 'quote.go') data = Buffer.from(data.toString('utf8').replace('I can eat glass', 'I can eat stone'))
    entries[`${CANARY.module}@${CANARY.version}/${name}`] = data
  }
  return zipSync(entries)
}

function buildRoutes(modules: FakeModule[], fault: Fault | undefined): Map<string, Answer> {
  const routes = new Map<string, Answer>()
  const text = (body: string | Uint8Array, type = 'text/plain; charset=utf-8'): Answer =>
    ({ status: 200, type: fault === 'html-content-type' ? 'text/html; charset=utf-8' : type, body })
  const quote = `${CANARY.module}/@v/`
  routes.set(`${quote}list`, text(fault === 'missing-version' ? CANARY_LIST.replace('v1.5.2\n', '') : CANARY_LIST))
  routes.set(`${quote}${CANARY.version}.info`, text(
    fault === 'wrong-info' ? CANARY_INFO.replace('v1.5.2', 'v1.5.1') : fault === 'info-not-json' ? 'Version: v1.5.2' : CANARY_INFO,
    'application/json',
  ))
  routes.set(`${quote}${CANARY.version}.mod`, text(fault === 'altered-mod' ? `${CANARY.goMod}// altered\n` : CANARY.goMod))
  routes.set(`${quote}${CANARY.version}.zip`, text(canaryZip(fault === 'altered-zip'), 'application/zip'))
  const byModule = new Map<string, FakeModule[]>()
  for (const mod of modules) byModule.set(mod.path, [...(byModule.get(mod.path) ?? []), mod])
  for (const [path, versions] of byModule) {
    const prefix = `${escapeModulePath(path)}/@`
    routes.set(`${prefix}v/list`, text(versions.map((m) => `${m.version}\n`).join('')))
    for (const mod of versions) {
      const goMod = mod.goMod ?? `module ${mod.path}\n\ngo 1.16\n`
      const info = JSON.stringify({ Version: mod.version, Time: mod.time ?? '2023-01-01T00:00:00Z' })
      const files = mod.files ?? { 'hello.go': 'package hello\n\n// Hello greets.\nfunc Hello() string { return "hello" }\n' }
      const entries: Record<string, Uint8Array> = { [`${mod.path}@${mod.version}/go.mod`]: Buffer.from(goMod) }
      for (const [name, content] of Object.entries(files)) entries[`${mod.path}@${mod.version}/${name}`] = Buffer.from(content)
      routes.set(`${prefix}v/${mod.version}.info`, text(info, 'application/json'))
      routes.set(`${prefix}v/${mod.version}.mod`, text(goMod))
      routes.set(`${prefix}v/${mod.version}.zip`, text(zipSync(entries), 'application/zip'))
      routes.set(`${prefix}latest`, text(info, 'application/json'))
    }
  }
  return routes
}

function normalizeBasePath(basePath: string): string {
  return `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/')
}

function streamForever(res: ServerResponse, timers: Set<NodeJS.Timeout>, slow: boolean): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream' })
  if (slow) {
    const timer = setInterval(() => res.write('x'), 50)
    timers.add(timer)
    res.on('close', () => { clearInterval(timer); timers.delete(timer) })
    return
  }
  const chunk = Buffer.alloc(16 * 1024, 'x')
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk)) { /* fill until backpressure */ }
    if (!res.destroyed) res.once('drain', pump)
  }
  pump()
}

/** Answers a request under an active fault; returns false when the fault does not apply. */
function answerFault(fault: Fault, req: IncomingMessage, res: ServerResponse, timers: Set<NodeJS.Timeout>, count: number): boolean {
  const url = new URL(req.url ?? '/', 'http://mirror')
  switch (fault) {
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><body>Please log in to use the Wi-Fi</body></html>')
      return true
    case 'status-500':
    case 'status-404':
      res.writeHead(fault === 'status-500' ? 500 : 404, { 'content-type': 'text/plain' }).end('nope\n')
      return true
    case 'reset':
      req.socket.resetAndDestroy()
      return true
    case 'redirect-loop':
      url.searchParams.set('hop', url.searchParams.get('hop') === 'a' ? 'b' : 'a')
      res.writeHead(302, { location: `${url.pathname}${url.search}` }).end()
      return true
    case 'redirect-chain':
      url.searchParams.set('hop', String(Number(url.searchParams.get('hop') ?? '0') + 1))
      res.writeHead(302, { location: `${url.pathname}${url.search}` }).end()
      return true
    case 'endless':
    case 'slow-body':
      streamForever(res, timers, fault === 'slow-body')
      return true
    case 'hang':
      return true
    case 'stall-after-mod':
      // The fifth request is the first extra sample: list, .info, .mod and the sumdb check come first.
      return count > 4
    case 'sumdb-hang':
      return url.pathname.endsWith('/sumdb/sum.golang.org/supported')
    default:
      return false // content faults are baked into the routes
  }
}

let sharedSumdb: Promise<TlogHandler> | undefined

/** One loopback sum.golang.org per test process, signed with the test key. */
function defaultSumdb(): Promise<TlogHandler> {
  sharedSumdb ??= buildTlogDb({ name: 'sum.golang.org', keys: TEST_SUM_GOLANG_ORG })
  return sharedSumdb
}

/** Start a loopback GOPROXY. Always `close()` it (afterEach/finally). */
export async function startMirror(opts: MirrorOptions = {}): Promise<Mirror> {
  const basePath = normalizeBasePath(opts.basePath ?? '/')
  const routes = buildRoutes(opts.modules ?? [HELLO_MODULE], opts.fault)
  const expectedAuth = opts.auth ? `Basic ${Buffer.from(`${opts.auth.user}:${opts.auth.pass}`).toString('base64')}` : null
  const sumdbProxy = opts.sumdb === false ? null : sumdbRoute(await defaultSumdb())
  const requests: string[] = []
  const headers: IncomingHttpHeaders[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let connections = 0

  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    if (opts.healthEndpoints && (req.url === '/healthz' || req.url === '/readyz')) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n')
      return
    }
    if (expectedAuth && req.headers.authorization !== expectedAuth) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="mirror"' }).end('unauthorized\n')
      return
    }
    if (opts.fault && answerFault(opts.fault, req, res, timers, requests.length)) return
    const path = new URL(req.url ?? '/', 'http://mirror').pathname
    const rel = path.startsWith(basePath) ? path.slice(basePath.length) : null
    if (opts.redirectTo && rel !== null) {
      res.writeHead(302, { location: new URL(rel, opts.redirectTo).href }).end()
      return
    }
    if (rel !== null && opts.extraRoute?.(rel, res)) return
    if (rel !== null && sumdbProxy?.(rel, res)) return
    if (rel === 'sumdb/sum.golang.org/supported') {
      res.writeHead(opts.sumdb === false ? 404 : 200).end()
      return
    }
    const found = rel === null ? undefined : routes.get(rel)
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
      return
    }
    if (opts.fault === 'gzip' || opts.fault === 'bad-gzip') {
      const body = opts.fault === 'gzip' ? gzipSync(found.body) : Buffer.from(found.body)
      res.writeHead(found.status, { 'content-type': found.type, 'content-encoding': 'gzip', 'content-length': body.length }).end(body)
      return
    }
    res.writeHead(found.status, { 'content-type': found.type, 'content-length': found.body.length }).end(found.body)
  }

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push(req.url ?? '')
    headers.push(req.headers)
    const base = opts.latencyMs ?? 0
    const delay = Math.max(0, base * (1 + (opts.jitter ?? 0) * (2 * Math.random() - 1)))
    if (delay === 0) return answer(req, res)
    const timer = setTimeout(() => { timers.delete(timer); answer(req, res) }, delay)
    timers.add(timer)
  }
  const tls = opts.certificate ?? (opts.tls ? { key: TEST_KEY, cert: TEST_CERT } : null)
  const server = tls ? createHttpsServer(tls, handle) : createServer(handle)
  server.on('connection', (socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listenLoopback(server)
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}${basePath}`,
    requests,
    headers,
    connections: () => connections,
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
