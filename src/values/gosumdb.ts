/**
 * GOSUMDB read exactly as cmd/go's modfetch.dbDial and x/mod sumdb/note.NewVerifier do (Go 1.19),
 * then judged. The URL after the key is fetched with cmd/go/internal/web: no scheme means https,
 * file:// is read from disk, and credentials never go over plain http.
 */
import { createHash } from 'node:crypto'
import { redactUrl } from '../util/url.js'
import { parseGoUrl } from './go-url.js'
import { CONTROL, QUOTES, finding, type Finding, type ValueJudgement } from './types.js'

/** Go's built-in checksum database keys (cmd/go/internal/modfetch knownGOSUMDB). */
export const KNOWN_GOSUMDB: Record<string, string> = {
  'sum.golang.org': 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
}

export interface ParsedGosumdb {
  off: boolean
  /** The database name the verifier key names (e.g. sum.golang.org). */
  name: string
  /** The explicit URL after the key, if any. */
  url: string | null
}

export type SumdbProblem =
  | { code: 'sumdb.empty' | 'sumdb.fields' }
  | { code: 'sumdb.key'; key: string; reason: 'format' | 'hash' | 'alg' }
  | { code: 'sumdb.name'; name: string }
  | { code: 'sumdb.url'; url: string; reason: string }

// strings.Fields: Unicode white space (unicode.IsSpace).
const FIELD_SEP = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

export function parseGosumdb(value: string): ParsedGosumdb | { problem: SumdbProblem } {
  if (value === 'off') return { off: true, name: 'off', url: null }
  const expanded = value === 'sum.golang.google.cn' ? 'sum.golang.org https://sum.golang.google.cn' : value
  const fields = expanded.split(FIELD_SEP).filter(Boolean)
  if (fields.length === 0) return { problem: { code: 'sumdb.empty' } }
  if (fields.length > 2) return { problem: { code: 'sumdb.fields' } }
  const first = fields[0] as string
  // An own-property lookup: "constructor" or "__proto__" is a (bad) key, not Object's member.
  const key = Object.hasOwn(KNOWN_GOSUMDB, first) ? (KNOWN_GOSUMDB[first] as string) : first
  const reason = checkVerifierKey(key)
  if (reason) return { problem: { code: 'sumdb.key', key: fields[0] as string, reason } }
  const name = key.slice(0, key.indexOf('+'))
  if (!validDbName(name)) return { problem: { code: 'sumdb.name', name } }
  const url = fields[1] ?? null
  if (url !== null) {
    const u = parseGoUrl(url)
    if ('error' in u) return { problem: { code: 'sumdb.url', url, reason: u.error } }
    // web.Get: https (or no scheme, fetched as https), http, file; nothing else.
    if (!['', 'https', 'http', 'file'].includes(u.scheme)) return { problem: { code: 'sumdb.url', url, reason: 'scheme' } }
    if (u.scheme === 'http' && u.user !== null) return { problem: { code: 'sumdb.url', url, reason: 'credentials-http' } }
    if ((u.scheme === 'http' || u.scheme === 'https') && u.host === '') return { problem: { code: 'sumdb.url', url, reason: 'no-host' } }
  }
  return { off: false, name, url }
}

/** sumdb/note.NewVerifier: name+hash+base64(alg||key), hash = first 4 bytes of sha256(name\nalg||key). */
function checkVerifierKey(vkey: string): 'format' | 'hash' | 'alg' | null {
  const [name, rest] = chop(vkey)
  const [hash16, key64] = chop(rest)
  const key = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(key64) ? Buffer.from(key64, 'base64') : null
  if (!/^[0-9a-fA-F]{8}$/.test(hash16) || key === null || key.length === 0 || name === '' || FIELD_SEP.test(name)) return 'format'
  const sum = createHash('sha256').update(`${name}\n`).update(key).digest()
  if (sum.readUInt32BE(0) !== Number.parseInt(hash16, 16)) return 'hash'
  if (key[0] !== 1) return 'alg'
  return key.length === 33 ? null : 'format'
}

function chop(s: string): [string, string] {
  // Go's chop: before the first '+', and after it ("" when there is none).
  const [head, ...tail] = s.split('+')
  return [head as string, tail.join('+')]
}

/** dbDial: "https://"+name must parse to a host and a path only, no trailing '/', no escapes. */
export function validDbName(name: string): boolean {
  if (name.endsWith('/')) return false
  const u = parseGoUrl(`https://${name}`)
  // Stryker disable next-line ConditionalExpression,StringLiteral: an error result has no user (undefined !== null), so the line below says false too
  if ('error' in u) return false
  // Any '?' makes the URL differ (a query, or ForceQuery for a bare '?'); a bare '#' leaves it whole.
  return u.host !== '' && u.user === null && u.fragment === '' && !name.includes('?') && reescapes(u.path)
}

/** url.setPath leaves RawPath empty only when Go's own escaping of the decoded path gives it back. */
function reescapes(path: string): boolean {
  let escaped = ''
  for (let i = 0; i < path.length; i++) {
    const hex = /^%([0-9A-Fa-f]{2})/.exec(path.slice(i))
    const c = hex ? String.fromCharCode(Number.parseInt(hex[1] as string, 16)) : (path[i] as string)
    if (hex) i += 2
    // Go escapes every byte outside this set, so a raw non-ASCII character never comes back as written.
    escaped += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  }
  return escaped === path
}
/** Judge a GOSUMDB value. */
export function judgeGosumdb(value: string): ValueJudgement {
  if (CONTROL.test(value)) return { findings: [finding('control', 'error')] }
  const parsed = parseGosumdb(value)
  if (!('problem' in parsed)) return { findings: [] }
  const findings: Finding[] = [problemFinding(parsed.problem, value)]
  const fix = repairGosumdb(value)
  return fix ? { findings, suggestedFix: fix } : { findings }
}

function problemFinding(p: SumdbProblem, value: string): Finding {
  if (value.search(QUOTES) >= 0) return finding('quotes', 'error')
  switch (p.code) {
    case 'sumdb.key':
      return /^[a-z][a-z0-9+.-]*:\/\//i.test(p.key) ? finding('sumdb.url-as-key', 'error', { key: redactUrl(p.key) }) : finding(p.code, 'error', { key: redactUrl(p.key), reason: p.reason })
    case 'sumdb.name': return finding(p.code, 'error', { name: p.name })
    case 'sumdb.url': return finding(p.code, 'error', { url: redactUrl(p.url), reason: p.reason })
    default: return finding(p.code, 'error')
  }
}

/** The value meant: quotes dropped; a mirror's sumdb URL given where the key belongs. */
export function repairGosumdb(value: string): string | null {
  const v = value.replace(QUOTES, '').trim()
  if (v !== value && !('problem' in parseGosumdb(v))) return v
  const known = /^https?:\/\/(sum\.golang\.org|sum\.golang\.google\.cn)\/?$/.exec(v)
  if (known) return known[1] as string
  const m = /^(?:(https?):\/\/)?(\S+\/)(sum\.golang\.org)\/?$/.exec(v)
  return m ? `sum.golang.org ${m[1] ?? 'https'}://${m[2]}sum.golang.org` : null
}
