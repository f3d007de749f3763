/**
 * Module path pattern lists (GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE) as x/mod's
 * module.MatchPrefixPatterns reads them: comma-separated path.Match globs, each matched against the
 * leading path elements of a module path. Go accepts any text and never complains; a glob that is
 * malformed or can never match a module path (module.CheckPath) silently matches nothing.
 */
import { matchPath } from '../goenv/match.js'
import { CONTROL, FAKE_SEPARATORS, QUOTES, finding, type Finding, type ValueJudgement } from './types.js'

export type NeverReason = 'scheme' | 'quote' | 'separator' | 'userinfo' | 'port' | 'uppercase' | 'backslash' | 'char' | 'element'

/** Why no module path can ever match this glob, or null when some can (or it is malformed: see matchPath). */
export function neverMatches(glob: string): NeverReason | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(glob)) return 'scheme'
  if (/["'`\u2018\u2019\u201c\u201d]/.test(glob)) return 'quote'
  if (FAKE_SEPARATORS.test(glob) || glob.includes('|')) return 'separator'
  if (glob.includes('@')) return 'userinfo'
  if (/:\d*(\/|$)/.test(glob)) return 'port'
  // A Windows-style separator in the host ("github.com\\corp"); after the host, "\\x" is just x.
  // Stryker disable next-line StringLiteral: split always yields a first element, the default is never used
  if (/\\[A-Za-z0-9]/.test(glob.split('/')[0] ?? '')) return 'backslash'
  // The caller has already trimmed the one trailing '/' Go trims; a second one is an empty element.
  const elems = glob.split('/')
  for (const [i, elem] of elems.entries()) {
    // Only the literal parts of an element can be judged; a class or '?' may stand for anything.
    const literal = elem.replace(/\[[^\]]*\]|\\.|[*?]/g, '')
    if (/[^A-Za-z0-9\-._~]/.test(literal)) return 'char'
    if (i === 0 && /[A-Z]/.test(literal)) return 'uppercase'
    const hasMeta = /[*?[\\]/.test(elem)
    // module.CheckPath: no empty element, none starting or ending with '.' (so none made only of dots).
    if (!hasMeta && (elem === '' || elem.startsWith('.') || elem.endsWith('.'))) return 'element'
    if (hasMeta && elem.startsWith('.')) return 'element'
  }
  return null
}

/** Judge a pattern list. */
export function judgePatterns(value: string): ValueJudgement {
  const findings = patternFindings(value)
  if (findings.length === 0) return { findings }
  // A malformed glob's meaning cannot be guessed.
  const fix = findings.some((f) => f.code === 'pattern.bad-glob') ? null : repairPatterns(value)
  // A fix has no findings (repairPatterns checks), so it never equals this value, which has some.
  return fix !== null ? { findings, suggestedFix: fix } : { findings }
}

function patternFindings(value: string): Finding[] {
  if (CONTROL.test(value)) return [finding('control', 'error')]
  const findings: Finding[] = []
  let empty = false
  for (const raw of value.split(',')) {
    const glob = raw.replace(/\/$/, '')
    if (glob === '') {
      empty = value !== ''
      continue
    }
    // Go's path.Match checks the whole pattern whatever the name, so matching '' tells a malformed glob.
    // Stryker disable next-line StringLiteral: whether path.Match reports ErrBadPattern does not depend on the name
    if (matchPath(glob, '') === 'bad') {
      findings.push(finding('pattern.bad-glob', 'error', { pattern: raw }))
      continue
    }
    const why = neverMatches(glob)
    if (why) findings.push(finding('pattern.never', 'warn', { pattern: raw, reason: why }))
  }
  if (empty) findings.push(finding('pattern.empty-element', 'warn'))
  return findings
}

/** The list most likely meant: one element per host or path, no scheme, user, port, quotes or empty element. */
export function repairPatterns(value: string): string | null {
  const out = value
    .replace(QUOTES, '')
    .split(/[,|]/)
    .flatMap((p) => p.split(FAKE_SEPARATORS))
    // No trim(): the split on FAKE_SEPARATORS (\s+) has already taken out every blank.
    .map((p) => repairOne(p))
    .filter((p) => p !== '')
  const fix = [...new Set(out)].join(',')
  if (fix === '') return null
  return patternFindings(fix).length === 0 ? fix : null
}

function repairOne(glob: string): string {
  let g = glob.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\\/g, '/')
  // git@host:path (an ssh remote) means host/path.
  const ssh = /^[^@/]+@([^:/]+):(.+)/.exec(g)
  if (ssh) g = `${ssh[1]}/${ssh[2]}`
  g = g.replace(/^[^@/]*@/, '').replace(/\.git$/, '')
  g = g.replace(/^([^/]*?):\d*(?=\/|$)/, '$1')
  const slash = g.indexOf('/')
  const first = slash < 0 ? g : g.slice(0, slash)
  g = first.toLowerCase() + (slash < 0 ? '' : g.slice(slash))
  // "corp.example.com/..." (a go list pattern) means everything under it.
  g = g.replace(/\/\.\.\.$/, '').replace(/\/+$/, '')
  return g
}
