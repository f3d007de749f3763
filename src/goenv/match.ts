/**
 * Module path pattern matching exactly as the go command does it (golang.org/x/mod/module
 * MatchPrefixPatterns over Go's path.Match), so gomirror can tell which modules a GOPRIVATE,
 * GONOSUMDB or GOINSECURE value really covers.
 */

/** Whether `target` (a module path) matches any glob in the comma-separated list. Malformed globs match nothing, as in Go. */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  for (let raw of globs.split(',')) {
    raw = raw.replace(/\/$/, '')
    if (raw === '') continue
    // A glob with N slashes is matched against the first N+1 path elements of the target.
    let n = raw.split('/').length - 1
    let prefix = target
    for (let i = 0; i < target.length; i++) {
      if (target[i] !== '/') continue
      if (n === 0) {
        prefix = target.slice(0, i)
        break
      }
      n--
    }
    if (n > 0) continue
    if (matchPath(raw, prefix) === true) return true
  }
  return false
}

/** Go's path.Match: true/false, or 'bad' for a malformed pattern (Go's ErrBadPattern). */
export function matchPath(pattern: string, name: string): boolean | 'bad' {
  let pat = pattern
  let rest = name
  outer: while (pat.length > 0) {
    const { star, chunk, tail } = scanChunk(pat)
    pat = tail
    if (star && chunk === '') return !rest.includes('/')
    const first = matchChunk(chunk, rest)
    if (first === 'bad') return 'bad'
    if (first !== null && (first.length === 0 || pat.length > 0)) {
      rest = first
      continue
    }
    if (star) {
      // Let the star swallow more, but never a '/'.
      for (let i = 0; i < rest.length && rest[i] !== '/'; i++) {
        const t = matchChunk(chunk, rest.slice(i + 1))
        if (t === 'bad') return 'bad'
        if (t === null || (pat.length === 0 && t.length > 0)) continue
        rest = t
        continue outer
      }
    }
    while (pat.length > 0) {
      const next = scanChunk(pat)
      pat = next.tail
      if (matchChunk(next.chunk, '') === 'bad') return 'bad'
    }
    return false
  }
  return rest.length === 0
}

function scanChunk(pattern: string): { star: boolean; chunk: string; tail: string } {
  let p = pattern
  let star = false
  while (p.startsWith('*')) {
    p = p.slice(1)
    star = true
  }
  let inRange = false
  let i = 0
  for (; i < p.length; i++) {
    const ch = p[i]
    if (ch === '\\') {
      if (i + 1 < p.length) i++
    } else if (ch === '[') inRange = true
    else if (ch === ']') inRange = false
    else if (ch === '*' && !inRange) break
  }
  return { star, chunk: p.slice(0, i), tail: p.slice(i) }
}

/** Match a star-free chunk at the start of s: the rest of s, null for no match, 'bad' for a malformed chunk. */
function matchChunk(chunkIn: string, sIn: string): string | null | 'bad' {
  let chunk = chunkIn
  let s = sIn
  let failed = false
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true
    const c0 = chunk[0]
    if (c0 === '[') {
      let r = -1
      if (!failed) {
        r = s.codePointAt(0) ?? -1
        s = s.slice(String.fromCodePoint(r).length)
      }
      chunk = chunk.slice(1)
      let negated = false
      if (chunk.startsWith('^')) {
        negated = true
        chunk = chunk.slice(1)
      }
      let match = false
      let nrange = 0
      for (;;) {
        if (chunk.startsWith(']') && nrange > 0) {
          chunk = chunk.slice(1)
          break
        }
        const lo = getEsc(chunk)
        if (lo === 'bad') return 'bad'
        chunk = lo.rest
        let hi = lo.r
        if (chunk[0] === '-') {
          const h = getEsc(chunk.slice(1))
          if (h === 'bad') return 'bad'
          chunk = h.rest
          hi = h.r
        }
        if (lo.r <= r && r <= hi) match = true
        nrange++
      }
      if (match === negated) failed = true
      continue
    }
    if (c0 === '?') {
      if (!failed) {
        if (s[0] === '/') failed = true
        s = s.slice(String.fromCodePoint(s.codePointAt(0) ?? 0).length)
      }
      chunk = chunk.slice(1)
      continue
    }
    if (c0 === '\\') {
      chunk = chunk.slice(1)
      if (chunk.length === 0) return 'bad'
    }
    if (!failed) {
      if (chunk[0] !== s[0]) failed = true
      s = s.slice(1)
    }
    chunk = chunk.slice(1)
  }
  return failed ? null : s
}

function getEsc(chunkIn: string): { r: number; rest: string } | 'bad' {
  let chunk = chunkIn
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') return 'bad'
  if (chunk[0] === '\\') {
    chunk = chunk.slice(1)
    if (chunk.length === 0) return 'bad'
  }
  const r = chunk.codePointAt(0) as number
  const rest = chunk.slice(String.fromCodePoint(r).length)
  return rest.length === 0 ? 'bad' : { r, rest }
}

/**
 * Module paths that stand for "public modules": a pattern matching any of them turns a safeguard
 * off for code anyone can publish, not just for the company's own hosts.
 */
export const PUBLIC_MODULE_SAMPLES = [
  'github.com/gin-gonic/gin',
  'golang.org/x/text',
  'google.golang.org/grpc',
  'gopkg.in/yaml.v3',
  'go.uber.org/zap',
  'gitlab.com/gitlab-org/api',
  'bitbucket.org/owner/repo',
  'gitee.com/owner/repo',
  'k8s.io/client-go',
  'sigs.k8s.io/yaml',
  'cloud.google.com/go',
  'go.etcd.io/etcd',
  'go.opentelemetry.io/otel',
  'rsc.io/quote',
  'honnef.co/go/tools',
] as const

/** The public module paths a pattern list would catch (empty when none). */
export function publicPathsMatched(globs: string): string[] {
  return PUBLIC_MODULE_SAMPLES.filter((p) => matchPrefixPatterns(globs, p))
}
