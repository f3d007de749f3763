/**
 * Trust boundaries for definitions that come from someone else (a repository's .gomirror.json):
 * what they would change about how module contents are verified, compared with what the user
 * already trusts.
 *
 * Checksum verification is lost in exactly these ways (cmd/go/internal/modfetch, `go help
 * module-auth`): GOSUMDB=off; GOSUMDB naming another database (its key decides what is accepted;
 * `sum.golang.google.cn` or `sum.golang.org <url>` keep sum.golang.org's key and are the same
 * database); and GONOSUMDB, which defaults to GOPRIVATE when unset or empty. GOINSECURE keeps
 * checksums but drops TLS for direct fetches, so it is reported too. GONOPROXY and GOPROXY change
 * where modules come from, not whether their checksums are checked, and are not reported.
 *
 * "Exempts modules that look public" is decided against the user, not a list of hosts: a pattern
 * counts as the user's own when their GOPRIVATE or GONOSUMDB (OS environment, go env file, or
 * their stored profile of that name) already covers it. Every other pattern is reported, and the
 * public module paths it would catch (github.com/..., golang.org/x/...) are named as examples.
 */
import { matchPath, matchPrefixPatterns, PUBLIC_MODULE_SAMPLES } from '../goenv/match.js'
import type { GoSnapshot } from '../goenv/read.js'
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import { KNOWN_GOSUMDB, parseGosumdb } from '../values/gosumdb.js'
import { redactList } from '../util/url.js'
import type { ProfileVars } from './vars.js'
import { bilingual, type Translate } from './wording.js'

/** One way a definition changes what is verified. `message` is English (--json), `text` the user's language. */
export interface TrustChange {
  kind: 'sumdb' | 'nosumdb' | 'insecure'
  /** The variable that does it (GOPRIVATE when GONOSUMDB is left to default to it). */
  variable: 'GOSUMDB' | 'GONOSUMDB' | 'GOPRIVATE' | 'GOINSECURE'
  value: string
  /** kind 'sumdb': the database that would verify checksums instead of sum.golang.org ('off': none). */
  database: string | null
  /** kind 'nosumdb'/'insecure': the patterns not covered by the user's own. */
  patterns: string[]
  /** Public module paths those patterns would catch, as examples. */
  publicExamples: string[]
  message: string
  text: string
}

/** What the user already trusts: their checksum databases (verifier keys) and their own private patterns. */
export interface OwnTrust {
  sumdbKeys: ReadonlySet<string>
  /** Comma-separated: the user's GOPRIVATE and GONOSUMDB. */
  nosumdb: string
  /** Comma-separated: the user's GOINSECURE. */
  insecure: string
}

const OFFICIAL_KEY = KNOWN_GOSUMDB['sum.golang.org'] as string

/** The verifier key a GOSUMDB value trusts: 'off', a key, or null when malformed. */
export function sumdbKey(value: string): string | null {
  const v = value.trim()
  if (v === 'off') return 'off'
  const parsed = parseGosumdb(v)
  if ('problem' in parsed) return null
  const first = v === 'sum.golang.google.cn' ? 'sum.golang.org' : (v.split(/\s+/)[0] as string)
  return Object.hasOwn(KNOWN_GOSUMDB, first) ? (KNOWN_GOSUMDB[first] as string) : first
}

/** The user's own trust: the OS environment and go env file (`snapshot`), and every profile they keep (they accepted each). */
export function ownTrust(snapshot: Pick<GoSnapshot, 'vars'>, stored: readonly ProfileVars[] = []): OwnTrust {
  const fromGo: ProfileVars = {}
  const fromEnv: ProfileVars = {}
  for (const name of MANAGED_VARS) {
    const state = snapshot.vars[name]
    if (state.fileValue) fromGo[name] = state.fileValue
    if (state.envValue) fromEnv[name] = state.envValue
  }
  return ownTrustOf([fromEnv, fromGo, ...stored])
}

/** The user's own trust from sets of values that are theirs (OS environment, go env file, a stored profile). */
export function ownTrustOf(sources: readonly (ProfileVars | null)[]): OwnTrust {
  const keys = new Set<string>([OFFICIAL_KEY])
  const list = (...names: ManagedVar[]): string => sources.flatMap((s) => names.map((n) => s?.[n])).filter((v): v is string => Boolean(v)).join(',')
  for (const source of sources) {
    const key = source?.GOSUMDB ? sumdbKey(source.GOSUMDB) : null
    if (key) keys.add(key)
  }
  return { sumdbKeys: keys, nosumdb: list('GOPRIVATE', 'GONOSUMDB'), insecure: list('GOINSECURE') }
}

/**
 * Whether a pattern can match any module go downloads: module paths need a dot in their first
 * element (golang.org/x/mod/module.CheckPath), so a word such as `none` in GONOPROXY=none matches
 * nothing and is the documented way to say "no exceptions".
 */
export function patternCanMatchModules(pattern: string): boolean {
  const first = pattern.split('/')[0] ?? ''
  return first.includes('.') || /[*?[\\]/.test(first)
}

/** A pattern list that can match no downloadable module (GONOPROXY=none): a deliberate "no exceptions". */
export function isDeliberatelyEmpty(list: string): boolean {
  const elements = list.split(',').filter((p) => p !== '')
  return elements.length > 0 && !elements.some(patternCanMatchModules)
}

/** Hosts anyone can publish modules on; a pattern whose first element matches one exempts public code. */
export const PUBLIC_HOSTS = [
  ...new Set([...PUBLIC_MODULE_SAMPLES.map((p) => p.split('/')[0] as string), 'gonum.org', 'go.mongodb.org', 'launchpad.net', 'go.googlesource.com', 'codeberg.org', 'sr.ht', 'git.sr.ht']),
] as const

/** Whether a pattern's first element names (or globs over) a public code host. */
export function looksPublic(pattern: string): boolean {
  const first = pattern.split('/')[0] ?? ''
  return PUBLIC_HOSTS.some((host) => matchPath(first, host) === true)
}

/** The elements of `list` that can match modules and that the user's own patterns do not cover. */
function uncovered(list: string, own: string): string[] {
  const mine = new Set(own.split(','))
  return [...new Set(list.split(','))].filter((p) => p !== '' && patternCanMatchModules(p) && !mine.has(p) && !matchPrefixPatterns(own, p.replace(/\/$/, '')))
}

function publicCaught(patterns: readonly string[]): string[] {
  const list = patterns.join(',')
  const samples = PUBLIC_MODULE_SAMPLES.filter((p) => matchPrefixPatterns(list, p))
  // A narrow pattern on a public host (github.com/someone/lib) catches no sample: it is its own example.
  return [...samples, ...patterns.filter((p) => looksPublic(p) && !samples.some((s) => matchPrefixPatterns(p, s)))]
}

/** What `vars` (applied as a whole profile) would stop verifying that the user verifies today. */
export function findTrustChanges(vars: ProfileVars, own: OwnTrust): TrustChange[] {
  const out: TrustChange[] = []
  const sumdb = vars.GOSUMDB
  const key = sumdb === undefined ? OFFICIAL_KEY : sumdbKey(sumdb)
  if (sumdb !== undefined && key !== null && !own.sumdbKeys.has(key)) {
    const value = redactList(sumdb)
    const database = key === 'off' ? 'off' : key.slice(0, key.indexOf('+'))
    out.push({
      kind: 'sumdb', variable: 'GOSUMDB', value: sumdb, database, patterns: [], publicExamples: [],
      ...bilingual((t) => key === 'off'
        ? t('GOSUMDB=off turns checksum verification off for every module: Go will not notice a module that was altered')
        : t('GOSUMDB={value} replaces sum.golang.org: the checksums of every module not yet in go.sum would be checked against the database {name}, which this file chose; whoever holds its key decides what Go accepts', { value, name: database })),
    })
  }
  if (key !== 'off') {
    const variable = vars.GONOSUMDB !== undefined ? 'GONOSUMDB' : 'GOPRIVATE'
    const list = vars.GONOSUMDB ?? vars.GOPRIVATE ?? ''
    const patterns = uncovered(list, own.nosumdb)
    if (patterns.length > 0) {
      const examples = publicCaught(patterns)
      const params = (t: Translate): Record<string, string> => ({
        setting: variable === 'GONOSUMDB' ? `GONOSUMDB=${redactList(list)}` : t('GOPRIVATE={value} (GONOSUMDB defaults to it)', { value: redactList(list) }),
        patterns: patterns.join(', '),
        public: examples.length > 0 ? t(' (public ones included: {modules})', { modules: examples.slice(0, 3).join(', ') }) : '',
      })
      out.push({
        kind: 'nosumdb', variable, value: list, database: null, patterns, publicExamples: examples,
        ...bilingual((t) => t('{setting} exempts {patterns} from checksum verification: modules matching them{public} would not be checked against any checksum database, and Go would accept whatever code is served for them', params(t))),
      })
    }
  }
  if (vars.GOINSECURE !== undefined) {
    const patterns = uncovered(vars.GOINSECURE, own.insecure)
    if (patterns.length > 0) {
      const examples = publicCaught(patterns)
      const value = vars.GOINSECURE
      out.push({
        kind: 'insecure', variable: 'GOINSECURE', value, database: null, patterns, publicExamples: examples,
        ...bilingual((t) => t('GOINSECURE={value} lets Go fetch {patterns}{public} over plain http or without checking TLS certificates (their checksums are still checked)', {
          value: redactList(value), patterns: patterns.join(', '), public: examples.length > 0 ? t(' (public ones included: {modules})', { modules: examples.slice(0, 3).join(', ') }) : '',
        })),
      })
    }
  }
  return out
}
