/**
 * Can go reach the checksum database directly from here? GET `<host>/latest` must answer 200 with
 * a signed tree head ("go.sum database tree\n…"); a captive portal's 200 page does not count.
 * Both hosts are asked at once, through HTTPS_PROXY as go would route it. Failures are data.
 */
import { performance } from 'node:perf_hooks'
import { closeDispatcher, createConnectStats, createMirrorDispatcher, fetchResource, resolveUserAgent } from '../probe/http.js'
import { ProbeFailure } from '../probe/failure.js'
import { joinUrl, redactUrl } from '../util/url.js'
import { SUMDB_HOSTS, sumdbBaseUrls, type SumdbHost } from './hosts.js'

export interface HostCheck {
  host: SumdbHost
  /** The URL asked (a stand-in's under GOMIRROR_SUMDB_HOSTS). */
  url: string
  reachable: boolean
  /** Time to the whole answer, in ms rounded to 0.1; null when unreachable. */
  ms: number | null
  error: string | null
}

export interface SumdbCheckOptions {
  /** Time allowed for each host. @default 4000 */
  timeoutMs?: number
  signal?: AbortSignal
  userAgent?: string
  env?: NodeJS.ProcessEnv
  /**
   * Once one host has answered in t ms, the other is given max(this, 4 × t) before it counts as
   * unreachable: no reason to wait the full timeout for a host that is far slower anyway. @default 1000
   */
  settleMs?: number
}

const TREE_HEAD = 'go.sum database tree\n'

/** Ask both checksum database hosts; resolves with one row each, in SUMDB_HOSTS order. Never rejects. */
export async function checkSumdbHosts(opts: SumdbCheckOptions = {}): Promise<HostCheck[]> {
  const urls = sumdbBaseUrls(opts.env) // may throw a UsageError: a setup mistake, before any request
  const timeoutMs = opts.timeoutMs ?? 4000
  const settleMs = opts.settleMs ?? 1000
  const started = performance.now()
  const controllers = SUMDB_HOSTS.map(() => new AbortController())
  let settleTimer: NodeJS.Timeout | undefined
  const onAnswer = (index: number, ms: number): void => {
    if (settleTimer) return
    const giveMs = Math.max(settleMs, 4 * ms)
    settleTimer = setTimeout(() => controllers.forEach((c, i) => i !== index && c.abort(new ProbeFailure(`no answer within ${Math.round(giveMs)} ms (the other host answered in ${Math.round(ms)} ms)`))), Math.max(0, giveMs - (performance.now() - started)))
  }
  try {
    return await Promise.all(SUMDB_HOSTS.map((host, i) => checkHost(host, urls[host], timeoutMs, opts, controllers[i] as AbortController, (ms) => onAnswer(i, ms))))
  } finally {
    clearTimeout(settleTimer)
  }
}

async function checkHost(host: SumdbHost, base: string, timeoutMs: number, opts: SumdbCheckOptions, controller: AbortController, answered: (ms: number) => void): Promise<HostCheck> {
  const row: HostCheck = { host, url: redactUrl(base), reachable: false, ms: null, error: null }
  const stats = createConnectStats()
  const dispatcher = createMirrorDispatcher(timeoutMs, stats)
  const signal = opts.signal ? AbortSignal.any([controller.signal, opts.signal]) : controller.signal
  try {
    const res = await fetchResource(joinUrl(base, 'latest'), {
      dispatcher, userAgent: opts.userAgent ?? resolveUserAgent(), authorization: null, timeoutMs,
      maxBodyBytes: 64 * 1024, maxRedirects: 5, signal, stage: () => stats.stage,
    })
    if (res.status !== 200) row.error = `HTTP ${res.status}`
    else if (!res.body.toString('utf8').startsWith(TREE_HEAD)) row.error = 'answered, but not with a checksum database tree head (captive portal?)'
    else {
      row.reachable = true
      row.ms = Math.round(res.ms * 10) / 10
      answered(res.ms)
    }
  } catch (err) {
    const reason: unknown = controller.signal.reason
    row.error = reason instanceof ProbeFailure ? reason.message : err instanceof Error ? err.message : String(err)
  } finally {
    await closeDispatcher(dispatcher, stats)
  }
  return row
}
