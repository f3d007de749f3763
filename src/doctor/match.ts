/**
 * module.MatchPrefixPatterns from golang.org/x/mod, the matcher behind GOPRIVATE, GONOPROXY,
 * GONOSUMDB and GOINSECURE: a glob with N slashes matches the first N+1 path elements of the
 * module path; globs are comma-separated, nothing is trimmed but a trailing '/'.
 */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  for (const raw of globs.split(',')) {
    const glob = raw.replace(/\/$/, '')
    if (glob === '') continue
    let n = (glob.match(/\//g) ?? []).length
    let prefix = target
    for (let i = 0; i < target.length; i++) {
      if (target[i] === '/') {
        if (n === 0) {
          prefix = target.slice(0, i)
          break
        }
        n--
      }
    }
    if (n > 0) continue
    if (globToRegExp(glob)?.test(prefix)) return true
  }
  return false
}

/** path.Match as a RegExp: `*` and `?` never cross '/'; a malformed glob matches nothing (null). */
export function globToRegExp(glob: string): RegExp | null {
  let re = '^'
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string
    if (ch === '*') re += '[^/]*'
    else if (ch === '?') re += '[^/]'
    else if (ch === '\\') {
      if (i + 1 >= glob.length) return null
      re += escape(glob[++i] as string)
    } else if (ch === '[') {
      const end = findClassEnd(glob, i)
      if (end < 0) return null
      let body = glob.slice(i + 1, end)
      const negate = body.startsWith('^')
      if (negate) body = body.slice(1)
      if (body === '') return null
      re += `[${negate ? '^' : ''}${body.replace(/\\(.)/g, (_m, c: string) => escape(c)).replace(/[\]]/g, '\\]')}]`
      i = end
    } else if (ch === ']') return null
    else re += escape(ch)
  }
  try {
    return new RegExp(`${re}$`, 'u')
  } catch {
    return null
  }
}

function findClassEnd(glob: string, open: number): number {
  for (let j = open + 1; j < glob.length; j++) {
    if (glob[j] === '\\') j++
    else if (glob[j] === ']' && j > open + 1 + (glob[open + 1] === '^' ? 1 : 0)) return j
  }
  return -1
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/** Public module paths a private-module setting should never catch. */
export const PUBLIC_MODULE_SAMPLES = [
  'github.com/stretchr/testify',
  'golang.org/x/text',
  'google.golang.org/grpc',
  'gopkg.in/yaml.v3',
  'go.uber.org/zap',
  'k8s.io/api',
  'rsc.io/quote',
] as const

/** The public paths a pattern list would catch (empty when none). */
export function publicPathsMatched(globs: string): string[] {
  return PUBLIC_MODULE_SAMPLES.filter((p) => matchPrefixPatterns(globs, p))
}
