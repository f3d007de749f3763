import { lookup } from 'node:dns/promises'
import { stat } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parseGoproxy, type ProxyEntry } from '../goenv/goproxy.js'
import { parseGosumdb } from '../goenv/validate.js'
import { probeMirrors } from '../probe/probe.js'
import type { ProbeResult } from '../probe/types.js'
import { redactUrl } from '../util/url.js'
import type { DoctorFacts } from './gather.js'
import { fail, pass, warn, type Check } from './types.js'

export interface NetworkOptions {
  /** Per request; doctor must finish in seconds even when hosts hang. @default 2500 */
  requestTimeoutMs?: number
  userAgent?: string
}

/** Probe every proxy in GOPROXY at once; report each, the checksum database, and the HTTP proxy. */
export async function checkNetwork(facts: DoctorFacts, opts: NetworkOptions = {}): Promise<Check[]> {
  if (!facts.snapshot) return []
  const parsed = parseGoproxy(facts.snapshot.vars.GOPROXY.value)
  if (parsed.error) return []
  const entries = parsed.entries
  const httpEntries = entries.filter((e) => e.kind === 'url' && /^https?:/i.test(e.url))
  const requestTimeoutMs = opts.requestTimeoutMs ?? 2500
  const results = await probeMirrors(
    httpEntries.map((e, i) => ({ name: `proxy${i + 1}`, url: e.url })),
    { samples: 2, requestTimeoutMs, mirrorTimeoutMs: requestTimeoutMs * 2, ...(opts.userAgent ? { userAgent: opts.userAgent } : {}) },
  )
  const byUrl = new Map(httpEntries.map((e, i) => [e.url, results[i] as ProbeResult]))
  const checks: Check[] = []
  for (const [i, e] of entries.entries()) {
    if (e.kind !== 'url') continue
    const result = byUrl.get(e.url)
    checks.push(result ? judgeProxy(e, entries[i + 1], result) : await judgeFileProxy(e))
  }
  checks.push(...judgeSumdb(facts, entries, byUrl))
  checks.push(...(await judgeHttpProxy(facts.env, results)))
  return checks
}

/** Go falls through to the next entry on any error only after '|'; after ',' only on 404/410. */
function judgeProxy(e: ProxyEntry, next: ProxyEntry | undefined, r: ProbeResult): Check {
  const url = redactUrl(e.url)
  const id = `proxy.health.${url}`
  if (r.healthy) {
    return pass('network', id, `${url} is healthy (${r.latencyMs} ms; ${r.sumdb ? 'proxies' : 'does not proxy'} the checksum database)`)
  }
  if (e.fallBackOnError && next) {
    return warn('network', id, `${url} is unhealthy (${r.error}); Go falls through to ${next.kind === 'url' ? redactUrl(next.url) : next.kind} after a delay`, 'gomirror use fastest')
  }
  return fail('network', id, `${url} is unhealthy (${r.error}), and Go stops there: downloads of modules not in the cache fail`, 'gomirror use fastest')
}

async function judgeFileProxy(e: ProxyEntry): Promise<Check> {
  const id = `proxy.health.${e.url}`
  try {
    const s = await stat(fileURLToPath(e.url))
    if (s.isDirectory()) return pass('network', id, `${e.url} is a directory Go can read modules from`)
  } catch {
    // fall through
  }
  return fail('network', id, `${e.url} is not a readable directory`, `ls -ld ${e.url.replace(/^file:\/\//, '')}`)
}

/**
 * Go asks each proxy in turn for `sumdb/<name>/supported` and uses the first that says 200;
 * a GOSUMDB with an explicit URL bypasses the proxies.
 */
function judgeSumdb(facts: DoctorFacts, entries: ProxyEntry[], byUrl: Map<string, ProbeResult>): Check[] {
  const parsed = parseGosumdb(facts.snapshot?.vars.GOSUMDB.value ?? '')
  if ('error' in parsed || parsed.off || parsed.url !== null || parsed.name !== 'sum.golang.org') return []
  for (const e of entries) {
    if (e.kind !== 'url') break
    const r = byUrl.get(e.url)
    if (r?.sumdb) return [pass('sumdb', 'gosumdb.reachable', `the checksum database ${parsed.name} is reached through ${redactUrl(e.url)}`)]
  }
  return []
}

/** HTTPS_PROXY/HTTP_PROXY: well-formed, and which probes went through it. */
async function judgeHttpProxy(env: NodeJS.ProcessEnv, results: ProbeResult[]): Promise<Check[]> {
  const raw = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy
  if (!raw) return [pass('network', 'network.http-proxy', 'no HTTPS_PROXY/HTTP_PROXY set: mirrors are contacted directly')]
  let proxy: URL
  try {
    proxy = new URL(raw.includes('://') ? raw : `http://${raw}`)
  } catch {
    return [fail('network', 'network.http-proxy', `HTTPS_PROXY/HTTP_PROXY=${redactUrl(raw)} is not a URL, so Go cannot use it`, 'export HTTPS_PROXY=http://proxy.example.com:8080')]
  }
  const addresses = new Set([proxy.hostname.replace(/^\[|\]$/g, '')])
  await lookup(proxy.hostname, { all: true }).then((all) => all.forEach((a) => addresses.add(a.address)), () => undefined)
  const through = results.filter((r) => r.address && addresses.has(r.address)).map((r) => r.url)
  const noProxy = env.NO_PROXY || env.no_proxy
  const via = results.length === 0 ? '' : through.length > 0 ? `; probes went through it to ${through.join(', ')}` : '; no probe went through it (NO_PROXY or loopback)'
  return [pass('network', 'network.http-proxy', `HTTPS_PROXY/HTTP_PROXY=${redactUrl(raw)}${noProxy ? `, NO_PROXY=${noProxy}` : ''}${via}`)]
}
