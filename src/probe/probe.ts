/**
 * Probes mirrors with the real GOPROXY protocol (CONTRACT.md, "Health"): the canary's version
 * list, .info and .mod, then whether the checksum database is proxied, then warm latency samples
 * over the same kept-alive connection. Failures become result rows, never exceptions.
 */
import { CANARY, CANARY_PATHS } from './canary.js'
import { hashGoMod } from './hash.js'
import {
  createConnectStats,
  createMirrorDispatcher,
  fetchResource,
  resolveUserAgent,
  type ConnectStats,
  type FetchSettings,
  type FetchedResource,
} from './http.js'
import { ProbeBudget, ProbeFailure } from './failure.js'
import { median } from './rank.js'
import type { ProbeCallbacks, ProbeOptions, ProbeResult, ProbeTarget } from './types.js'
import { joinUrl, redactUrl } from '../util/url.js'
import type { Dispatcher } from 'undici'

/** Seams for tests; production code passes nothing. */
export interface ProbeDeps {
  createDispatcher?: typeof createMirrorDispatcher
}

/** A failure of one named request (`list`, `info`, `mod`), as `<request>: <cause>`. */
class StepFailure extends Error {}

const HTML_TEXT = 'answered with an HTML page (captive portal or login page?)'

function describeStatus(status: number, step?: string): string {
  if (status === 404 && step === 'list') return 'HTTP 404 (is this the GOPROXY base URL? e.g. https://mirrors.aliyun.com/goproxy/)'
  if (status === 401) return 'HTTP 401 (credentials missing or rejected)'
  if (status === 407) return 'HTTP 407 (the HTTP proxy wants credentials)'
  return `HTTP ${status}`
}

function expectOk(res: FetchedResource, step?: string): string {
  if (res.status !== 200) throw new ProbeFailure(describeStatus(res.status, step))
  return res.body.toString('utf8')
}

/**
 * Go ignores Content-Type, so a right answer is right whatever its type; only a wrong answer that
 * looks like HTML gets the captive-portal text, since that is the likelier story than bad bytes.
 */
function failWith(res: FetchedResource, text: string, cause: string): never {
  const html = /text\/html/i.test(res.contentType) || text.trimStart().startsWith('<')
  throw new ProbeFailure(html ? HTML_TEXT : cause)
}

function checkList(res: FetchedResource): void {
  const text = expectOk(res, 'list')
  // Go reads the first field of each line as the version and ignores the rest.
  const listed = text.split('\n').some((line) => line.trim().split(/\s+/)[0] === CANARY.version)
  if (!listed) failWith(res, text, `${CANARY.version} not listed`)
}

function checkInfo(res: FetchedResource): void {
  const text = expectOk(res)
  let info: unknown
  try {
    info = JSON.parse(text)
  } catch {
    failWith(res, text, 'not JSON')
  }
  const version = typeof info === 'object' && info !== null ? (info as { Version?: unknown }).Version : undefined
  if (version === undefined) failWith(res, text, `no Version field, want "${CANARY.version}"`)
  if (version !== CANARY.version) failWith(res, text, `Version is ${JSON.stringify(version)}, want "${CANARY.version}"`)
}

function checkMod(res: FetchedResource): void {
  const text = expectOk(res)
  const got = hashGoMod(res.body)
  if (got !== CANARY.goModHash) failWith(res, text, `go.mod hash mismatch (got ${got}, want ${CANARY.goModHash})`)
}

/** The base URL without credentials, and the Basic header Go would send for them. */
function splitCredentials(raw: string): { base: string; authorization: string | null } {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new StepFailure('invalid URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StepFailure(`unsupported URL scheme "${url.protocol}" (only http and https can be probed)`)
  }
  if (!url.username && !url.password) return { base: url.href, authorization: null }
  // cmd/go says "refusing to pass credentials to insecure URL"; a healthy row here would mislead.
  if (url.protocol === 'http:') throw new StepFailure('refusing to send credentials over plain http (go refuses too; use https)')
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
  url.username = ''
  url.password = ''
  return { base: url.href, authorization: `Basic ${Buffer.from(pair).toString('base64')}` }
}

function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10
}

interface Session {
  base: string
  settings: FetchSettings
}

async function fetchStep(session: Session, name: string, path: string, check: (res: FetchedResource) => void): Promise<FetchedResource> {
  try {
    const res = await fetchResource(joinUrl(session.base, path), session.settings)
    check(res)
    return res
  } catch (err) {
    if (err instanceof ProbeFailure) throw new StepFailure(`${name}: ${err.message}`)
    throw err
  }
}

/** 200 means the mirror proxies sum.golang.org; anything else (even a network error) means no. */
async function askSumdb(session: Session): Promise<boolean> {
  try {
    const res = await fetchResource(joinUrl(session.base, CANARY_PATHS.sumdbSupported), session.settings)
    return res.status === 200
  } catch {
    return false
  }
}

async function runSequence(session: Session, result: ProbeResult, wanted: number): Promise<void> {
  await fetchStep(session, 'list', CANARY_PATHS.list, checkList) // cold: pays for the connection
  result.samples.push(roundMs((await fetchStep(session, 'info', CANARY_PATHS.info, checkInfo)).ms))
  result.samples.push(roundMs((await fetchStep(session, 'mod', CANARY_PATHS.mod, checkMod)).ms))
  result.sumdb = await askSumdb(session)
  while (result.samples.length < wanted) {
    result.samples.push(roundMs((await fetchStep(session, 'info', CANARY_PATHS.info, checkInfo)).ms))
  }
}

/** A malformed HTTPS_PROXY/HTTP_PROXY makes undici throw here; that is this row's failure. */
function openDispatcher(deps: ProbeDeps, timeoutMs: number, stats: ConnectStats): Dispatcher {
  try {
    return (deps.createDispatcher ?? createMirrorDispatcher)(timeoutMs, stats)
  } catch (err) {
    throw new StepFailure(`unusable proxy settings (HTTPS_PROXY/HTTP_PROXY): ${err instanceof Error ? err.message : String(err)}`)
  }
}

/**
 * Probe one mirror. Never rejects for the mirror's sake: an unreachable, wrong or slow mirror
 * resolves with `healthy: false` and an `error` naming the request and the cause.
 * Times are in ms rounded to 0.1; `latencyMs` is the median of `samples` (the .info and .mod
 * answers plus extra .info requests, so at least two), `connectMs` the first connection's setup.
 */
export async function probeMirror(target: ProbeTarget, opts: ProbeOptions = {}, deps: ProbeDeps = {}): Promise<ProbeResult> {
  const timeoutMs = opts.requestTimeoutMs ?? 4000
  const result: ProbeResult = {
    name: target.name,
    url: redactUrl(target.url),
    healthy: false,
    latencyMs: null,
    connectMs: null,
    samples: [],
    sumdb: null,
    error: null,
  }
  const stats = createConnectStats()
  let dispatcher: Dispatcher | undefined
  const budgetMs = opts.mirrorTimeoutMs ?? 2 * timeoutMs
  const budget = new AbortController()
  const budgetTimer = setTimeout(() => budget.abort(new ProbeBudget(budgetMs)), budgetMs)
  const signal = opts.signal ? AbortSignal.any([budget.signal, opts.signal]) : budget.signal
  try {
    const { base, authorization } = splitCredentials(target.url)
    dispatcher = openDispatcher(deps, timeoutMs, stats)
    const settings: FetchSettings = {
      dispatcher,
      userAgent: opts.userAgent ?? resolveUserAgent(),
      authorization,
      timeoutMs,
      maxBodyBytes: opts.maxBodyBytes ?? 256 * 1024,
      maxRedirects: opts.maxRedirects ?? 5,
      signal,
    }
    await runSequence({ base, settings }, result, opts.samples ?? 5)
    result.healthy = true
  } catch (err) {
    // A bug must not take the other mirrors' results down with it; it shows in the row instead.
    result.error = err instanceof StepFailure ? err.message : `internal error: ${String(err)}`
  } finally {
    clearTimeout(budgetTimer)
    // destroy, not close: nothing is left to wait for, and the CLI must exit promptly.
    await dispatcher?.destroy().catch(() => undefined)
  }
  const middle = median(result.samples)
  result.latencyMs = middle === null ? null : roundMs(middle)
  result.connectMs = stats.firstMs === null ? null : roundMs(stats.firstMs)
  result.address = stats.address
  result.family = stats.family
  result.connections = stats.count
  return result
}

/** Probe every target at once; results come back in input order (see rankResults for ranking). */
export async function probeMirrors(
  targets: readonly ProbeTarget[],
  opts: ProbeOptions = {},
  callbacks: ProbeCallbacks = {},
  deps: ProbeDeps = {},
): Promise<ProbeResult[]> {
  return Promise.all(targets.map(async (target) => {
    callbacks.onStart?.(target)
    const result = await probeMirror(target, opts, deps)
    callbacks.onResult?.(result)
    return result
  }))
}
