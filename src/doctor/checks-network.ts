import { stat } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parseGoproxy, type ProxyEntry } from '../goenv/goproxy.js'
import { parseGosumdb } from '../values/gosumdb.js'
import { probeMirrors } from '../probe/probe.js'
import { parseProxyUrl, readProxyEnv } from '../probe/proxy-env.js'
import { checkSumdbHosts } from '../sumdb/check.js'
import { sumdbKeyFromEnv } from '../sumdb/key.js'
import { PROOF_TEMPLATES } from '../sumdb/proof.js'
import type { ProbeResult } from '../probe/types.js'
import type { Wording } from '../profiles/wording.js'
import { redactUrl } from '../util/url.js'
import { checkProxyAccess } from './checks-auth.js'
import { fileFix } from './checks-settings.js'
import { commandFix } from './fix-command.js'
import { setFix } from './fix-text.js'
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
  // The key go verifies with (GOSUMDB from the go env file too); the proxies' copies are proven with it.
  const sumdbKey = sumdbKeyFromEnv({ ...facts.env, GOSUMDB: facts.snapshot.vars.GOSUMDB.value })
  const results = await probeMirrors(
    httpEntries.map((e, i) => ({ name: `proxy${i + 1}`, url: e.url })),
    { samples: 2, requestTimeoutMs, mirrorTimeoutMs: requestTimeoutMs * 2, ...(opts.userAgent ? { userAgent: opts.userAgent } : {}), credentials: { netrc: facts.goAuth.netrc ? facts.netrc : null }, serviceHealth: true, ...(sumdbKey ? { sumdbKey } : {}) },
  )
  const byUrl = new Map(httpEntries.map((e, i) => [e.url, results[i] as ProbeResult]))
  const checks: Check[] = []
  for (const [i, e] of entries.entries()) {
    if (e.kind !== 'url') continue
    const result = byUrl.get(e.url)
    checks.push(result ? judgeProxy(e, entries[i + 1], result) : await judgeFileProxy(e))
  }
  checks.push(...checkProxyAccess(facts, httpEntries.map((e) => e.url), results))
  checks.push(...(await judgeSumdb(facts, entries, byUrl, opts)))
  checks.push(...judgeHttpProxy(facts.env, results))
  return checks
}

/** Go falls through to the next entry on any error only after '|'; after ',' only on 404/410. */
function judgeProxy(e: ProxyEntry, next: ProxyEntry | undefined, r: ProbeResult): Check {
  const url = redactUrl(e.url)
  const id = `proxy.health.${url}`
  if (r.healthy) {
    const params = { url, ms: String(r.latencyMs) }
    return pass('network', id, r.sumdb ? (t) => t('{url} is healthy ({ms} ms; proxies the checksum database)', params) : (t) => t('{url} is healthy ({ms} ms; does not proxy the checksum database)', params))
  }
  const error = String(r.error)
  if (e.fallBackOnError && next) {
    const then = next.kind === 'url' ? redactUrl(next.url) : next.kind
    return warn('network', id, (t) => t('{url} is unhealthy ({error}); Go falls through to {next} after a delay', { url, error, next: then }), 'gomirror use fastest')
  }
  return fail('network', id, (t) => t('{url} is unhealthy ({error}), and Go stops there: downloads of modules not in the cache fail', { url, error }), 'gomirror use fastest')
}

async function judgeFileProxy(e: ProxyEntry): Promise<Check> {
  const url = e.url
  const id = `proxy.health.${url}`
  try {
    const s = await stat(fileURLToPath(url))
    if (s.isDirectory()) return pass('network', id, (t) => t('{url} is a directory Go can read modules from', { url }))
  } catch {
    // fall through
  }
  return fail('network', id, (t) => t('{url} is not a readable directory', { url }), commandFix(['ls', '-ld', url.replace(/^file:\/\//, '')]))
}

/**
 * Go asks each proxy in turn for `sumdb/<name>/supported` and uses the first that says 200, else
 * contacts the database directly; `sum.golang.google.cn` (or any GOSUMDB with a URL) bypasses the
 * proxies. When sum.golang.org is out of reach but its China mirror answers, that is the fix.
 */
async function judgeSumdb(facts: DoctorFacts, entries: ProxyEntry[], byUrl: Map<string, ProbeResult>, opts: NetworkOptions): Promise<Check[]> {
  const value = facts.snapshot?.vars.GOSUMDB.value ?? ''
  const parsed = parseGosumdb(value)
  if ('problem' in parsed || parsed.off || parsed.name !== 'sum.golang.org') return []
  if (parsed.url === null) {
    for (const e of entries) {
      if (e.kind !== 'url') break
      const params = { name: parsed.name, url: redactUrl(e.url) }
      const r = byUrl.get(e.url)
      const finding = r?.sumdbProof?.finding
      if (r?.sumdb && finding) {
        return [fail('sumdb', 'gosumdb.reachable', (t) => t('the checksum database {name} is reached through {url}, but what it serves failed verification ({error}): go refuses modules not yet in go.sum', { ...params, error: t(PROOF_TEMPLATES[finding.code], finding.params) }),
          (t) => t('{command}   # picks a mirror and pairs GOSUMDB with it', { command: 'gomirror use fastest' }))]
      }
      if (r?.sumdb) return [pass('sumdb', 'gosumdb.reachable', (t) => t('the checksum database {name} is reached through {url}', params))]
    }
  }
  const hosts = await checkSumdbHosts({ env: facts.env, timeoutMs: opts.requestTimeoutMs ?? 2500, ...(opts.userAgent ? { userAgent: opts.userAgent } : {}) })
  const official = hosts.find((h) => h.host === 'sum.golang.org')
  const china = hosts.find((h) => h.host === 'sum.golang.google.cn')
  const viaChina = parsed.url !== null && /^https:\/\/sum\.golang\.google\.cn\/?$/.test(parsed.url)
  if (parsed.url !== null && !viaChina) return [] // a private mirror of the database: nothing to compare it with
  const used = viaChina ? china : official
  if (used?.reachable) {
    const params = { host: used.host, ms: String(used.ms) }
    return [pass('sumdb', 'gosumdb.reachable', (t) => t('the checksum database answers directly at {host} ({ms} ms)', params))]
  }
  const state = facts.snapshot?.vars.GOSUMDB
  if (!viaChina && china?.reachable && state) {
    const error = official?.error
    return [fail('sumdb', 'gosumdb.reachable', (t) => t('sum.golang.org is unreachable ({error}) and no proxy in GOPROXY serves the checksum database, so verifying new modules fails; sum.golang.google.cn (the same database) answers', { error: error ?? t('no answer') }),
      setFix('GOSUMDB', 'sum.golang.google.cn', state, facts.exportSites.GOSUMDB), fileFix(facts, 'GOSUMDB', 'sum.golang.google.cn'))]
  }
  const host = String(used?.host)
  const error = used?.error
  return [fail('sumdb', 'gosumdb.reachable', (t) => t('the checksum database is unreachable ({host}: {error}) and no proxy in GOPROXY serves it, so verifying new modules fails', { host, error: error ?? t('no answer') }),
    (t) => t('{command}   # picks a mirror and pairs GOSUMDB with it', { command: 'gomirror use fastest' }))]
}

/** HTTPS_PROXY/HTTP_PROXY as Go reads them: well-formed, and which probes went through a proxy. */
function judgeHttpProxy(env: NodeJS.ProcessEnv, results: ProbeResult[]): Check[] {
  const proxyEnv = readProxyEnv(env)
  const set = [['HTTPS_PROXY', proxyEnv.httpsProxy], ['HTTP_PROXY', proxyEnv.httpProxy]].filter(([, v]) => v)
  if (set.length === 0) return [pass('network', 'network.http-proxy', (t) => t('no HTTPS_PROXY/HTTP_PROXY set: mirrors are contacted directly'))]
  for (const [name, value] of set) {
    if (value && parseProxyUrl(value) === null) {
      const setting = `${name}=${redactUrl(value)}`
      return [fail('network', 'network.http-proxy', (t) => t('{setting} is not a proxy URL, so Go cannot use it', { setting }), `export ${name}=http://proxy.example.com:8080`)]
    }
  }
  const shown = set.map(([n, v]) => `${n}=${redactUrl(v ?? '')}`).join(', ')
  const noProxy = proxyEnv.noProxy ? `, NO_PROXY=${proxyEnv.noProxy}` : ''
  const direct = results.filter((r) => !r.proxy).map((r) => r.url).join(', ')
  const message: Wording = (t) => {
    if (results.length === 0) return `${shown}${noProxy}`
    const via = results.filter((r) => r.proxy).map((r) => t('{url} via {proxy}', { url: r.url, proxy: String(r.proxy) })).join(', ') || t('none')
    return `${shown}${noProxy}${direct ? t('; through the proxy: {via}; direct (NO_PROXY or loopback): {direct}', { via, direct }) : t('; through the proxy: {via}', { via })}`
  }
  return [pass('network', 'network.http-proxy', message)]
}
