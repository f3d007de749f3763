/**
 * GOPROXY read exactly as cmd/go's modfetch.proxyList and newProxyRepo do (Go 1.19), then judged:
 * what go refuses, what it can parse but never use, and what it silently ignores.
 */
import { redactUrl } from '../util/url.js'
import { parseGoUrl, type GoUrl, type GoUrlError } from './go-url.js'
import { CONTROL, FAKE_SEPARATORS, QUOTES, finding, type Finding, type ValueJudgement } from './types.js'

export interface ProxyEntry {
  kind: 'url' | 'direct' | 'off'
  /** The URL Go will use (with https:// added to a bare host), or 'direct'/'off'. */
  url: string
  /** The entry as written. */
  raw: string
  /** Separator after this entry was '|': fall through on any error, not only 404/410 (Go >= 1.15). */
  fallBackOnError: boolean
}

export type ProxyProblem =
  | { code: 'proxy.url'; entry: string; reason: GoUrlError }
  | { code: 'proxy.no-scheme' | 'proxy.scheme'; entry: string }
  | { code: 'proxy.file'; entry: string; reason: 'non-path' }
  | { code: 'proxy.empty-list'; entry: string }

export interface ParsedGoproxy {
  entries: ProxyEntry[]
  /** Entries Go never reaches because they follow `direct` or `off`. */
  ignored: string[]
  /** Number of empty elements Go skipped (",," or a trailing comma). */
  empty: number
  /** Why Go refuses the whole value, or null when it accepts it. */
  problem: ProxyProblem | null
  /** Go's own complaint, in its words (English, for logs and --json); null when Go accepts it. */
  error: string | null
}

export function parseGoproxy(value: string): ParsedGoproxy {
  const out: ParsedGoproxy = { entries: [], ignored: [], empty: 0, problem: null, error: null }
  let rest = value
  let ended = false
  while (rest !== '') {
    const i = rest.search(/[,|]/)
    const raw = i >= 0 ? rest.slice(0, i) : rest
    const fallBackOnError = i >= 0 && rest[i] === '|'
    rest = i >= 0 ? rest.slice(i + 1) : ''
    const entry = raw.trim()
    if (entry === '') {
      out.empty++
      continue
    }
    if (ended) {
      out.ignored.push(entry)
      continue
    }
    if (entry === 'off' || entry === 'direct') {
      out.entries.push({ kind: entry, url: entry, raw, fallBackOnError })
      ended = true
      continue
    }
    let url = entry
    // Single words are reserved; anything with ":/" or an absolute path must be a full URL.
    if (/[.:/]/.test(url) && !url.includes(':/') && !url.startsWith('/')) url = `https://${url}`
    const problem = checkProxyUrl(url, entry)
    if (problem) return { ...out, problem, error: goWords(problem, url) }
    out.entries.push({ kind: 'url', url, raw, fallBackOnError })
  }
  if (out.entries.length === 0 && value !== '') {
    const problem: ProxyProblem = { code: 'proxy.empty-list', entry: value }
    return { ...out, problem, error: goWords(problem, value) }
  }
  return out
}

/** newProxyRepo's checks. */
function checkProxyUrl(url: string, entry: string): ProxyProblem | null {
  const u = parseGoUrl(url)
  if ('error' in u) return { code: 'proxy.url', entry, reason: u.error }
  if (u.scheme === 'http' || u.scheme === 'https') return null
  if (u.scheme === 'file') {
    return u.opaque === '' && !u.omitHost && u.user === null && u.host === '' && u.rawQuery === '' && u.fragment === '' ? null : { code: 'proxy.file', entry, reason: 'non-path' }
  }
  return { code: u.scheme === '' ? 'proxy.no-scheme' : 'proxy.scheme', entry }
}

function goWords(p: ProxyProblem, url: string): string {
  const shown = redactUrl(url)
  switch (p.code) {
    case 'proxy.url': return `invalid proxy URL: ${shown} (${p.reason})`
    case 'proxy.no-scheme': return `invalid proxy URL missing scheme: ${shown}`
    case 'proxy.scheme': return `invalid proxy URL scheme (must be https, http, file): ${shown}`
    case 'proxy.file': return `invalid file:// proxy URL with non-path elements: ${shown}`
    case 'proxy.empty-list': return 'GOPROXY list is not the empty string, but contains no entries'
  }
}

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])(:\d*)?$/i

/** Judge a GOPROXY value: refuse what go cannot parse or use, warn about what it ignores. */
export function judgeGoproxy(value: string): ValueJudgement {
  if (CONTROL.test(value)) return { findings: [finding('control', 'error')] }
  const parsed = parseGoproxy(value)
  if (parsed.problem) return refused(value, parsed.problem)
  const findings: Finding[] = []
  for (const e of parsed.entries) {
    if (e.kind !== 'url') continue
    const u = parseGoUrl(e.url) as GoUrl
    const shown = redactUrl(e.raw.trim())
    const separator = FAKE_SEPARATORS.exec(e.raw.trim())?.[0]
    if (u.scheme === 'file') {
      if (separator !== undefined) findings.push(finding('proxy.separator', 'warn', { entry: shown, separator }))
    } else if (u.host === '') {
      findings.push(finding('proxy.no-host', 'error', { entry: shown }))
    } else if (u.scheme === 'http' && u.user !== null) {
      findings.push(finding('proxy.credentials-http', 'error', { entry: shown }))
    } else if (separator !== undefined) {
      findings.push(finding('proxy.separator', 'warn', { entry: shown, separator }))
    } else if (u.scheme === 'http' && !LOOPBACK.test(u.host)) {
      findings.push(finding('proxy.http', 'warn', { host: u.host }))
    }
  }
  if (parsed.empty > 0) findings.push(finding('proxy.empty-element', 'warn'))
  if (parsed.ignored.length > 0) {
    findings.push(finding('proxy.ignored', 'warn', { end: parsed.entries.at(-1)?.kind ?? '', ignored: parsed.ignored.map(redactUrl).join(', ') }))
  }
  return withFix(findings, value)
}

function refused(value: string, p: ProxyProblem): ValueJudgement {
  const entry = redactUrl(p.entry.trim())
  const quoted = value.replace(QUOTES, '')
  const findings = [quoted !== value ? finding('quotes', 'error') : p.code === 'proxy.url' || p.code === 'proxy.file' ? finding(p.code, 'error', { entry, reason: p.reason }) : finding(p.code, 'error', { entry })]
  return withFix(findings, value)
}

function withFix(findings: Finding[], value: string): ValueJudgement {
  if (findings.length === 0) return { findings }
  const fix = repairGoproxy(value)
  return fix !== null && fix !== value ? { findings, suggestedFix: fix } : { findings }
}

/** The list the user most likely meant: quotes dropped, look-alike separators made commas, nothing after direct/off, no empty element. */
export function repairGoproxy(value: string): string | null {
  const parts = value
    .replace(QUOTES, '')
    .split(/[,|]/)
    .flatMap((p) => p.split(FAKE_SEPARATORS))
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const kept: string[] = []
  for (const p of parts) {
    kept.push(p)
    if (p === 'direct' || p === 'off') break
  }
  const fix = kept.join(',')
  if (fix === '') return null
  const again = parseGoproxy(fix)
  if (again.problem) return null
  return again.entries.every((e) => e.kind !== 'url' || parseHostOk(e.url)) ? fix : null
}

function parseHostOk(url: string): boolean {
  const u = parseGoUrl(url) as GoUrl
  return u.scheme === 'file' || (u.host !== '' && !(u.scheme === 'http' && u.user !== null))
}
