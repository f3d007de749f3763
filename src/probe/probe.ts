/**
 * Probes mirrors with the real GOPROXY protocol (CONTRACT.md, "Health"): the canary's version
 * list, .info and .mod, then whether the checksum database is proxied, then warm latency samples
 * over the same kept-alive connection. Failures become result rows, never exceptions.
 */
import { CANARY_PATHS } from './canary.js'
import { StepFailure, checkInfo, checkList, checkMod, describeStatus, splitCredentials } from './checks.js'
import {
  closeDispatcher,
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
import { CutOff, ProbeCoordinator, soloTracker, type CoordinatorOptions, type Tracker } from './coordinator.js'
import { checkCanaryZip, throughput } from './deep.js'
import { authorizationFor, netrcLineFor, resolveProbeCredentials } from '../net/credentials.js'
import { describeNetrcLine } from '../net/netrc.js'
import { trustConnectOptions } from '../net/trust-roots.js'
import type { ProbeCallbacks, ProbeOptions, ProbeResult, ProbeTarget, ServiceHealth, SumdbProofRow, ZipCheck } from './types.js'
import { sumdbFetcher, verifySumdbProxy } from '../sumdb/proof.js'
import { sumdbKeyName } from '../sumdb/key.js'
import { joinUrl, redactUrl } from '../util/url.js'
import type { Dispatcher } from 'undici'

/** Seams for tests; production code passes nothing. */
export interface ProbeDeps {
  createDispatcher?: typeof createMirrorDispatcher
}

function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10
}

interface Session {
  base: string
  settings: FetchSettings
  tracker: Tracker
  /** Aborted when the mirror's whole-probe budget runs out. */
  budget: AbortSignal
  sumdbKey: string | undefined
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

/** A timed request whose duration is a latency sample. */
async function sampleStep(session: Session, name: string, path: string, check: (res: FetchedResource) => void): Promise<number> {
  session.tracker.beginSample()
  try {
    const ms = roundMs((await fetchStep(session, name, path, check)).ms)
    session.tracker.endSample(ms)
    return ms
  } catch (err) {
    session.tracker.dropSample()
    throw err
  }
}

/** The least time the `supported` question is given, however quick the canary answers were. */
export const SUMDB_ANSWER_FLOOR_MS = 1000

/**
 * 200 means the mirror proxies the database (sum.golang.org unless sumdbKey names another); anything else (even a network error) means no.
 * A mirror answers this from its own settings, as fast as it answered the canary, so the question
 * gets max(SUMDB_ANSWER_FLOOR_MS, 4 × the slowest canary answer), within the request timeout and
 * what is left of the mirror's budget: a mirror that never answers it cannot hold the run for the
 * whole --timeout.
 */
async function askSumdb(session: Session, samples: readonly number[]): Promise<boolean> {
  const quick = Math.max(SUMDB_ANSWER_FLOOR_MS, 4 * Math.max(0, ...samples))
  const settings: FetchSettings = { ...session.settings, timeoutMs: Math.min(session.settings.timeoutMs, Math.ceil(quick)) }
  const path = session.sumdbKey ? `sumdb/${sumdbKeyName(session.sumdbKey)}/supported` : CANARY_PATHS.sumdbSupported
  try {
    const res = await fetchResource(joinUrl(session.base, path), settings)
    return res.status === 200
  } catch {
    return false
  }
}

/**
 * Extra .info samples while the coordinator wants them. Running out of budget or being told to
 * stop ends the sampling, not the mirror's health: the checks already passed.
 */
async function sampleMore(session: Session, result: ProbeResult): Promise<void> {
  const extra: Session = { ...session, settings: { ...session.settings, signal: anySignal([session.settings.signal, session.tracker.stop]) } }
  while (session.tracker.wantsMore() && !session.budget.aborted) {
    try {
      result.samples.push(await sampleStep(extra, 'info', CANARY_PATHS.info, checkInfo))
    } catch (err) {
      if (session.tracker.stop.aborted || session.budget.aborted) break
      throw err
    }
  }
}

async function runSequence(session: Session, result: ProbeResult, opts: ProbeOptions): Promise<void> {
  await fetchStep(session, 'list', CANARY_PATHS.list, checkList) // cold: pays for the connection
  result.samples.push(await sampleStep(session, 'info', CANARY_PATHS.info, checkInfo))
  result.samples.push(await sampleStep(session, 'mod', CANARY_PATHS.mod, checkMod))
  session.tracker.markPassed()
  result.sumdb = await askSumdb(session, result.samples)
  if (opts.serviceHealth) result.serviceHealth = await askServiceHealth(session)
  await sampleMore(session, result)
}

/**
 * Athens answers GET /healthz and /readyz with 200 (under its path prefix, if any); so do many
 * self-hosted goproxy setups. Asked under the base URL, then at the host's root. Best effort:
 * any failure is "no", and the answers never change the verdict.
 */
async function askServiceHealth(session: Session): Promise<ServiceHealth> {
  const out: ServiceHealth = { healthz: null, readyz: null }
  const settings: FetchSettings = { ...session.settings, timeoutMs: Math.min(session.settings.timeoutMs, 1500), maxBodyBytes: 16 * 1024 }
  const bases = [...new Set([session.base, new URL('/', session.base).href])]
  for (const name of ['healthz', 'readyz'] as const) {
    for (const base of bases) {
      if (session.budget.aborted || session.tracker.cut.aborted) return out
      const url = joinUrl(base, name)
      const res = await fetchResource(url, settings).catch(() => null)
      if (res?.status === 200) {
        out[name] = redactUrl(url.href)
        break
      }
    }
  }
  return out
}

/** --deep: download the canary zip with its own deadline (the sampling budget may be spent). */
async function checkZip(session: Session, opts: ProbeOptions, timeoutMs: number): Promise<ZipCheck> {
  const settings: FetchSettings = { ...session.settings, signal: opts.signal, timeoutMs, maxBodyBytes: 4 * 1024 * 1024 }
  const res = await fetchStep({ ...session, settings }, 'zip', CANARY_PATHS.zip, (r) => {
    if (r.status !== 200) throw new ProbeFailure(describeStatus(r.status))
  })
  try {
    const hash = await checkCanaryZip(res.body)
    return { bytes: res.body.length, ms: roundMs(res.ms), kibPerSec: throughput(res.body.length, res.ms), hash }
  } catch (err) {
    if (err instanceof ProbeFailure) throw new StepFailure(`zip: ${err.message}`)
    throw err
  }
}

/**
 * Prove the mirror's checksum-database proxy on the same connection once sampling is over (so its
 * requests never queue in front of a sample). It has a deadline of its own, two request timeouts:
 * the sampling budget may be spent, and a proof cut short would wrongly bar the mirror from GOSUMDB.
 */
async function proveSumdb(session: Session, key: string, opts: ProbeOptions): Promise<SumdbProofRow> {
  const deadline = AbortSignal.timeout(2 * session.settings.timeoutMs)
  const settings: FetchSettings = { ...session.settings, signal: anySignal([deadline, opts.signal]), maxBodyBytes: 64 * 1024 }
  const proof = await verifySumdbProxy({ baseUrl: session.base, verifierKey: key, fetch: sumdbFetcher(settings) })
  return { verified: proof.verified, error: proof.error, finding: proof.finding }
}

/** A malformed HTTPS_PROXY/HTTP_PROXY makes undici throw here; that is this row's failure. */
function openDispatcher(deps: ProbeDeps, timeoutMs: number, stats: ConnectStats): Dispatcher {
  try {
    return (deps.createDispatcher ?? createMirrorDispatcher)(timeoutMs, stats)
  } catch (err) {
    throw new StepFailure(`unusable proxy settings (HTTPS_PROXY/HTTP_PROXY): ${err instanceof Error ? err.message : String(err)}`)
  }
}

function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal {
  return AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined))
}

/**
 * Probe one mirror. Never rejects for the mirror's sake: an unreachable, wrong or slow mirror
 * resolves with `healthy: false` and an `error` naming the request and the cause.
 * Times are in ms rounded to 0.1; `latencyMs` is the median of `samples` (the .info and .mod
 * answers plus extra .info requests, so at least two), `connectMs` the first connection's setup.
 * `tracker` connects the probe to probeMirrors' coordinator; alone, it takes the base samples.
 */
export async function probeMirror(target: ProbeTarget, opts: ProbeOptions = {}, deps: ProbeDeps = {}, tracker: Tracker = soloTracker(baseSamples(opts))): Promise<ProbeResult> {
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
  // Read before the budget starts: reading files is not the mirror's time.
  const creds = opts.credentials ?? (await resolveProbeCredentials())
  let finished = false
  const finish = (healthy: boolean): void => {
    if (finished) return
    finished = true
    const middle = median(result.samples)
    result.latencyMs = middle === null ? null : roundMs(middle)
    tracker.finish(healthy, healthy ? result.latencyMs : null)
  }
  const budgetMs = opts.mirrorTimeoutMs ?? 2 * timeoutMs
  const budget = new AbortController()
  const budgetTimer = setTimeout(() => budget.abort(new ProbeBudget(budgetMs)), budgetMs)
  try {
    const { base, authorization: fromUrl } = splitCredentials(target.url)
    const netrcLine = netrcLineFor(creds, target.url)
    const authorization = authorizationFor(creds, target.url, fromUrl)
    result.credentials = netrcLine && creds.netrc
      ? { source: 'netrc', ...describeNetrcLine(creds.netrc, netrcLine) }
      : fromUrl ? { source: 'url' } : null
    dispatcher = openDispatcher(deps, timeoutMs, stats)
    const settings: FetchSettings = {
      dispatcher,
      userAgent: opts.userAgent ?? resolveUserAgent(),
      authorization,
      timeoutMs,
      maxBodyBytes: opts.maxBodyBytes ?? 256 * 1024,
      maxRedirects: opts.maxRedirects ?? 5,
      signal: anySignal([budget.signal, opts.signal, tracker.cut]),
      connections: () => stats.count,
      stage: () => stats.stage,
    }
    const session: Session = { base, settings, tracker, budget: budget.signal, sumdbKey: opts.sumdbKey }
    await runSequence(session, result, opts)
    if (opts.deep) result.zip = await checkZip(session, opts, timeoutMs)
    result.healthy = true
    if (opts.sumdbKey) {
      // The coordinator hears of this mirror's latency now; the proof does not change it.
      finish(true)
      result.sumdbProof = result.sumdb ? await proveSumdb(session, opts.sumdbKey, opts) : null
    }
  } catch (err) {
    if (tracker.cut.aborted && tracker.cut.reason instanceof CutOff) {
      result.cutOff = true
      result.cutOffAfterMs = Math.round(tracker.cut.reason.afterMs)
      result.error = tracker.cut.reason.message
    } else {
      // A bug must not take the other mirrors' results down with it; it shows in the row instead.
      result.error = err instanceof StepFailure ? err.message : `internal error: ${String(err)}`
    }
  } finally {
    clearTimeout(budgetTimer)
    // destroy, not close: nothing is left to wait for, and the CLI must exit promptly.
    if (dispatcher) await closeDispatcher(dispatcher, stats)
  }
  finish(result.healthy)
  result.connectMs = stats.firstMs === null ? null : roundMs(stats.firstMs)
  result.address = stats.address
  result.family = stats.family
  result.proxy = stats.proxy
  result.connections = stats.count
  return result
}

function baseSamples(opts: ProbeOptions): number {
  return Math.max(2, opts.samples ?? 5)
}

/** The coordinator's settings from the probe options (defaults documented on ProbeOptions). */
export function coordinatorOptions(opts: ProbeOptions): CoordinatorOptions {
  const base = baseSamples(opts)
  const early = opts.decideEarly === false ? null : (opts.decideEarly ?? {})
  return {
    base,
    cap: Math.max(base, opts.maxSamples ?? 4 * base),
    keep: Math.max(1, early?.keep ?? 1),
    graceMs: early?.graceMs ?? 500,
    decideEarly: early !== null,
    exempt: new Set(early?.exempt ?? []),
  }
}

/**
 * Probe every target at once; results come back in input order (see rankResults for ranking).
 * A coordinator watches them all: see decide.ts for when it cuts a mirror off or changes how many
 * samples it takes.
 */
export async function probeMirrors(
  targets: readonly ProbeTarget[],
  opts: ProbeOptions = {},
  callbacks: ProbeCallbacks = {},
  deps: ProbeDeps = {},
): Promise<ProbeResult[]> {
  // Files go reads (netrc, trust roots) are read once, before any mirror's clock starts.
  const shared: ProbeOptions = { ...opts, credentials: opts.credentials ?? (await resolveProbeCredentials()) }
  if (!deps.createDispatcher && targets.some((t) => /^https:/i.test(t.url))) {
    try {
      trustConnectOptions()
    } catch {
      // each https row then reports the failure itself
    }
  }
  const coordinator = new ProbeCoordinator(coordinatorOptions(opts))
  try {
    return await Promise.all(targets.map(async (target) => {
      callbacks.onStart?.(target)
      const result = await probeMirror(target, shared, deps, coordinator.track(target.name))
      callbacks.onResult?.(result)
      return result
    }))
  } finally {
    coordinator.close()
  }
}
