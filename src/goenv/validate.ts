import { createHash } from 'node:crypto'
import { UsageError } from '../errors.js'
import { redactList, redactUrl } from '../util/url.js'
import { parseGoproxy } from './goproxy.js'
import { t } from '../ui/i18n.js'

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

/**
 * Parse GOSUMDB as the go command does (modfetch.dbDial + sumdb/note.NewVerifier), returning a
 * reason instead of an error so doctor can report and commands can refuse.
 */
export function parseGosumdb(value: string): ParsedGosumdb | { error: string } {
  if (value === 'off') return { off: true, name: 'off', url: null }
  const expanded = value === 'sum.golang.google.cn' ? 'sum.golang.org https://sum.golang.google.cn' : value
  const fields = expanded.split(/\s+/).filter(Boolean)
  if (fields.length === 0) return { error: t('it is empty') }
  if (fields.length > 2) return { error: t('too many fields (want a key, optionally followed by one URL)') }
  const first = fields[0] as string
  // An own-property lookup: "constructor" or "__proto__" is a (bad) key, not Object's member.
  const key = Object.hasOwn(KNOWN_GOSUMDB, first) ? (KNOWN_GOSUMDB[first] as string) : first
  const verr = checkVerifierKey(key)
  if (verr) return { error: verr }
  const name = key.slice(0, key.indexOf('+'))
  let url: string | null = null
  if (fields[1] !== undefined) {
    try {
      const u = new URL(fields[1])
      if (u.protocol !== 'https:' && u.protocol !== 'http:') return { error: t('the URL {url} must be https or http', { url: fields[1] }) }
      url = fields[1]
    } catch {
      return { error: t('{value} is not a URL', { value: fields[1] }) }
    }
  }
  return { off: false, name, url }
}

/** sumdb/note.NewVerifier: name+hash+base64(alg||key) where hash is 8 hex digits of sha256(name\nalg||key). */
function checkVerifierKey(vkey: string): string | null {
  const plus = vkey.indexOf('+')
  if (plus < 0) return t('"{value}" is neither a known database name nor a verifier key (name+hash+key)', { value: vkey })
  const name = vkey.slice(0, plus)
  const rest = vkey.slice(plus + 1)
  const plus2 = rest.indexOf('+')
  const hash16 = plus2 < 0 ? rest : rest.slice(0, plus2)
  const key64 = plus2 < 0 ? '' : rest.slice(plus2 + 1)
  const key = /^[A-Za-z0-9+/]*={0,2}$/.test(key64) && key64.length % 4 === 0 ? Buffer.from(key64, 'base64') : null
  if (!/^[0-9a-fA-F]{8}$/.test(hash16) || !key || key.length === 0 || name === '' || /\s/.test(name) || name.includes('+')) {
    return t('malformed verifier key "{value}" (want name+hash+key)', { value: vkey })
  }
  const sum = createHash('sha256').update(`${name}\n`).update(key).digest()
  if (sum.readUInt32BE(0) !== Number.parseInt(hash16, 16)) return t("the verifier key's hash {hash} does not match its key (copied wrong?)", { hash: hash16 })
  if (key[0] !== 1 || key.length !== 33) return t('unknown verifier algorithm in key "{value}"', { value: vkey })
  if (name.endsWith('/') || !/^[^/:?#@\s]+(\/[^?#\s]*)?$/.test(name)) return t('invalid database name "{name}" (must be host[/path])', { name })
  return null
}

/** Throw a UsageError for a GOSUMDB value the go command would reject. */
export function validateGosumdb(value: string, flag = 'GOSUMDB'): string {
  const parsed = parseGosumdb(value)
  if ('error' in parsed) {
    throw new UsageError(t('invalid {flag} "{value}": {problem}', { flag, value, problem: parsed.error }), t('for example: sum.golang.org, sum.golang.google.cn, or "sum.golang.org https://goproxy.cn/sumdb/sum.golang.org"'))
  }
  return value
}

/**
 * Why a comma-separated module path pattern list (GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE)
 * can never match what the user meant, or null when it is fine. Go itself silently skips empty
 * elements and treats a bad glob as no match.
 */
export function patternListProblem(value: string): string | null {
  if (value === '') return null
  for (const raw of value.split(',')) {
    if (raw === '') return t('it has an empty element (a doubled or trailing comma)')
    if (/\s/.test(raw)) return t('"{pattern}" contains a space; Go compares it as written, so it never matches', { pattern: raw })
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return t('"{pattern}" has a scheme; patterns are module paths like github.com/corp/*', { pattern: raw })
    if (/["'`]/.test(raw)) return t('"{pattern}" contains a quote; remove the quotes', { pattern: raw })
    if (!isValidGlob(raw)) return t('"{pattern}" is not a valid glob (unclosed [ or a trailing \\)', { pattern: raw })
  }
  return null
}

export function validatePatternList(value: string, flag: string): string {
  const problem = patternListProblem(value)
  if (problem) throw new UsageError(t('invalid {flag} "{value}": {problem}', { flag, value, problem }), t('for example: --private "github.com/mycorp/*,*.corp.example.com"'))
  return value
}

/** path.Match's syntax check: brackets closed, escapes complete. */
function isValidGlob(glob: string): boolean {
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]
    if (ch === '\\') {
      if (i + 1 >= glob.length) return false
      i++
    } else if (ch === '[') {
      let j = i + 1
      if (glob[j] === '^') j++
      if (glob[j] === ']') return false
      while (j < glob.length && glob[j] !== ']') {
        if (glob[j] === '\\') j++
        j++
      }
      if (j >= glob.length) return false
      i = j
    } else if (ch === ']') {
      return false
    }
  }
  return true
}

/** What a value check found: Go would refuse it (error), or accept it but likely not as meant (warnings). */
export interface ValueCheck {
  error: string | null
  warnings: string[]
  /** A corrected value to suggest alongside an error, when one can be guessed. */
  fix: string | null
}

// go env -w refuses these itself, but only after a shell has mangled the value; say so first.
const CONTROL = /[\0\n\r\v]/
const QUOTE = /["'`\u2018\u2019\u201c\u201d]/
const QUOTES = new RegExp(QUOTE.source, 'g')

/**
 * GOPROXY as modfetch.proxyList reads it: entries split on ',' or '|', each `direct`, `off`, or a
 * URL with scheme https, http or file (a bare host gets https://). Warns about what Go accepts but
 * ignores or sends in the clear.
 */
export function goproxyProblems(value: string): { errors: string[]; warnings: string[] } {
  const c = checkGoproxy(value)
  return { errors: c.error ? [c.error] : [], warnings: c.warnings }
}

export function checkGoproxy(value: string): ValueCheck {
  if (CONTROL.test(value)) return { error: t('it contains a line break or NUL'), warnings: [], fix: null }
  if (QUOTE.test(value)) {
    const fix = value.replace(QUOTES, '')
    return { error: t('it contains quotes; a shell removes them, a config file keeps them and Go sees a URL without a scheme'), warnings: [], fix: checkGoproxy(fix).error ? null : fix }
  }
  const parsed = parseGoproxy(value)
  if (parsed.error) return { error: parsed.error, warnings: [], fix: null }
  const warnings: string[] = []
  for (const e of parsed.entries) {
    if (e.kind !== 'url') continue
    const u = safeUrl(e.url)
    if (u?.protocol === 'http:' && (u.username || u.password)) {
      return { error: t('Go refuses to send credentials over plain http ({url})', { url: redactUrl(e.url) }), warnings: [], fix: null }
    }
    if (u?.protocol === 'http:' && !isLoopback(u.hostname)) warnings.push(t('{host} is plain http: module downloads can be read and altered on the way', { host: u.host }))
  }
  if (parsed.ignored.length > 0) {
    const end = parsed.entries[parsed.entries.length - 1]?.url ?? 'direct'
    warnings.push(t('Go ignores what follows "{end}": {ignored}', { end, ignored: redactList(parsed.ignored.join(', ')) }))
  }
  return { error: null, warnings, fix: null }
}

/** GOSUMDB as modfetch.dbDial reads it, with a guess at the value meant when it is wrong. */
export function checkGosumdb(value: string): ValueCheck {
  if (CONTROL.test(value)) return { error: t('it contains a line break or NUL'), warnings: [], fix: null }
  if (QUOTE.test(value)) {
    const fix = value.replace(QUOTES, '').trim()
    return { error: t('it contains quotes; a config file keeps them and Go cannot parse the key'), warnings: [], fix: 'error' in parseGosumdb(fix) ? null : fix }
  }
  const parsed = parseGosumdb(value)
  if (!('error' in parsed)) return { error: null, warnings: [], fix: null }
  // The classic blog-post mistake: the mirror's sumdb URL without the key it serves.
  const v = value.trim()
  if (/^https?:\/\/(sum\.golang\.org|sum\.golang\.google\.cn)\/?$/.test(v)) return { error: parsed.error, warnings: [], fix: v.replace(/^https?:\/\/|\/$/g, '') }
  const m = /^(?:(https?):\/\/)?(\S+\/)(sum\.golang\.org)\/?$/.exec(v)
  const fix = m ? `sum.golang.org ${m[1] ?? 'https'}://${m[2]}sum.golang.org` : null
  return { error: parsed.error, warnings: [], fix }
}

/** A module path pattern list, with the list the user probably meant when it is wrong. */
export function checkPatternList(value: string): ValueCheck {
  if (CONTROL.test(value)) return { error: t('it contains a line break or NUL'), warnings: [], fix: null }
  const problem = patternListProblem(value)
  if (!problem) return { error: null, warnings: [], fix: null }
  const fix = value
    .replace(QUOTES, '')
    .split(/[,\s]+/)
    .map((p) => p.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))
    .filter(Boolean)
    .join(',')
  return { error: problem, warnings: [], fix: fix !== '' && patternListProblem(fix) === null ? fix : null }
}

function safeUrl(raw: string): URL | null {
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}
