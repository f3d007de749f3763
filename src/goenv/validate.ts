import { createHash } from 'node:crypto'
import { UsageError } from '../errors.js'

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
  if (fields.length === 0) return { error: 'it is empty' }
  if (fields.length > 2) return { error: 'too many fields (want a key, optionally followed by one URL)' }
  const key = KNOWN_GOSUMDB[fields[0] as string] ?? (fields[0] as string)
  const verr = checkVerifierKey(key)
  if (verr) return { error: verr }
  const name = key.slice(0, key.indexOf('+'))
  let url: string | null = null
  if (fields[1] !== undefined) {
    try {
      const u = new URL(fields[1])
      if (u.protocol !== 'https:' && u.protocol !== 'http:') return { error: `the URL ${fields[1]} must be https or http` }
      url = fields[1]
    } catch {
      return { error: `${fields[1]} is not a URL` }
    }
  }
  return { off: false, name, url }
}

/** sumdb/note.NewVerifier: name+hash+base64(alg||key) where hash is 8 hex digits of sha256(name\nalg||key). */
function checkVerifierKey(vkey: string): string | null {
  const plus = vkey.indexOf('+')
  if (plus < 0) return `"${vkey}" is neither a known database name nor a verifier key (name+hash+key)`
  const name = vkey.slice(0, plus)
  const rest = vkey.slice(plus + 1)
  const plus2 = rest.indexOf('+')
  const hash16 = plus2 < 0 ? rest : rest.slice(0, plus2)
  const key64 = plus2 < 0 ? '' : rest.slice(plus2 + 1)
  const key = /^[A-Za-z0-9+/]*={0,2}$/.test(key64) && key64.length % 4 === 0 ? Buffer.from(key64, 'base64') : null
  if (!/^[0-9a-fA-F]{8}$/.test(hash16) || !key || key.length === 0 || name === '' || /\s/.test(name) || name.includes('+')) {
    return `malformed verifier key "${vkey}" (want name+hash+key)`
  }
  const sum = createHash('sha256').update(`${name}\n`).update(key).digest()
  if (sum.readUInt32BE(0) !== Number.parseInt(hash16, 16)) return `the verifier key's hash ${hash16} does not match its key (copied wrong?)`
  if (key[0] !== 1 || key.length !== 33) return `unknown verifier algorithm in key "${vkey}"`
  if (name.endsWith('/') || !/^[^/:?#@\s]+(\/[^?#\s]*)?$/.test(name)) return `invalid database name "${name}" (must be host[/path])`
  return null
}

/** Throw a UsageError for a GOSUMDB value the go command would reject. */
export function validateGosumdb(value: string, flag = 'GOSUMDB'): string {
  const parsed = parseGosumdb(value)
  if ('error' in parsed) {
    throw new UsageError(`invalid ${flag} "${value}": ${parsed.error}`, 'for example: sum.golang.org, sum.golang.google.cn, or "sum.golang.org https://goproxy.cn/sumdb/sum.golang.org"')
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
    if (raw === '') return 'it has an empty element (a doubled or trailing comma)'
    if (/\s/.test(raw)) return `"${raw}" contains a space; Go compares it as written, so it never matches`
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return `"${raw}" has a scheme; patterns are module paths like github.com/corp/*`
    if (/["'`]/.test(raw)) return `"${raw}" contains a quote; remove the quotes`
    if (!isValidGlob(raw)) return `"${raw}" is not a valid glob (unclosed [ or a trailing \\)`
  }
  return null
}

export function validatePatternList(value: string, flag: string): string {
  const problem = patternListProblem(value)
  if (problem) throw new UsageError(`invalid ${flag} "${value}": ${problem}`, 'for example: --private "github.com/mycorp/*,*.corp.example.com"')
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
