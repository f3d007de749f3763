/**
 * The pattern-list judgement (src/values/patterns.ts) at the edges the mutation run found unpinned.
 * "never" means x/mod's MatchPrefixPatterns (path.Match on the leading elements of a module path that
 * passes module.CheckPath) can match no module path; the cross-checks use matchPrefixPatterns, the
 * port of MatchPrefixPatterns, on the module path the pattern was surely meant for.
 */
import { describe, expect, it } from 'vitest'
import { matchPrefixPatterns } from '../../src/goenv/match.js'
import { judgePatterns, neverMatches, repairPatterns } from '../../src/values/patterns.js'

/** "severity:code[/reason]" for each finding, and the suggested fix. */
function judge(value: string): { findings: string[]; fix: string | undefined } {
  const j = judgePatterns(value)
  return {
    findings: j.findings.map((f) => `${f.severity}:${f.code}${f.params.reason ? `/${f.params.reason}` : ''}`),
    fix: j.suggestedFix,
  }
}

describe('judgePatterns: findings', () => {
  it('judges "" as no list at all, not as an empty element', () => {
    expect(judgePatterns('')).toEqual({ findings: [] })
  })

  it('names the glob go cannot parse (path.Match ErrBadPattern: it matches nothing)', () => {
    expect(judgePatterns('a.example.com,b[')).toEqual({
      findings: [{ code: 'pattern.bad-glob', severity: 'error', params: { pattern: 'b[' } }],
    })
    expect(matchPrefixPatterns('b[', 'b[')).toBe(false)
  })

  it('names the glob and the reason when it can never match', () => {
    expect(judgePatterns('ok.example.com,https://git.corp.example.com').findings).toEqual([
      { code: 'pattern.never', severity: 'warn', params: { pattern: 'https://git.corp.example.com', reason: 'scheme' } },
    ])
  })

  it('flags a glob ending in "//": go trims one "/", the empty last element matches no module path', () => {
    expect(judge('corp.example.com//')).toEqual({ findings: ['warn:pattern.never/element'], fix: 'corp.example.com' })
    expect(neverMatches('corp.example.com/')).toBe('element')
    for (const target of ['corp.example.com', 'corp.example.com/x', 'corp.example.com/x/y']) {
      expect(matchPrefixPatterns('corp.example.com//', target)).toBe(false)
    }
    // One trailing "/" is trimmed by go and matches as usual.
    expect(judge('corp.example.com/')).toEqual({ findings: [], fix: undefined })
    expect(matchPrefixPatterns('corp.example.com/', 'corp.example.com/x')).toBe(true)
  })

  it('calls "://" after the first element a port-like colon, not a scheme (a scheme only starts the glob)', () => {
    expect(judge('corp.example.com/https://x')).toEqual({ findings: ['warn:pattern.never/port'], fix: undefined })
  })

  it('judges elements made only of dots as CheckPath does', () => {
    for (const v of ['corp.example.com/..', 'corp.example.com/./x', '...']) {
      expect(judge(v).findings).toEqual(['warn:pattern.never/element'])
    }
  })
})

describe('judgePatterns: the suggested fix', () => {
  it.each([
    // userinfo only before the host
    ['me@corp.example.com', 'corp.example.com'],
    ['@corp.example.com', 'corp.example.com'],
    // ".git" only at the end
    ['https://corp.example.com/a.github.io', 'corp.example.com/a.github.io'],
    ['https://corp.example.com/repo.git', 'corp.example.com/repo'],
    // every trailing slash goes
    ['https://corp.example.com//', 'corp.example.com'],
    ['https://corp.example.com/', 'corp.example.com'],
    // "/..." only at the end; a list element that is only "/..." goes
    ['https://a.example,/...', 'a.example'],
    ['https://a.example,/x', undefined],
    ['HTTPS://Corp.Example.com/Team', 'corp.example.com/Team'],
  ])('%j → %j', (v, fix) => expect(judge(v).fix).toBe(fix))

  it.each([
    // the fix must itself be clean; otherwise none
    'https://corp.example.com/.x',
    'https://corp.example.com/.../x',
    // a scheme, a user or a port is only recognised where it belongs (start, host)
    'corp.example.com/u@x',
    'corp.example.com/u@h:p',
    'corp.example.com/x:1/y',
  ])('%j → no fix', (v) => {
    expect(judge(v).findings).not.toEqual([])
    expect(judge(v).fix).toBeUndefined()
  })

  it('offers no fix when one glob is malformed, even if the others could be repaired', () => {
    expect(judge('a\\,https://b.example')).toEqual({ findings: ['error:pattern.bad-glob', 'warn:pattern.never/scheme'], fix: undefined })
    // The repair alone would have cleaned both.
    expect(repairPatterns('a\\,https://b.example')).toBe('a,b.example')
  })

  it('offers no fix for a list of only empty elements', () => {
    expect(judge(',')).toEqual({ findings: ['warn:pattern.empty-element'], fix: undefined })
    expect(repairPatterns(',,')).toBeNull()
    expect(repairPatterns(' ; ')).toBeNull()
  })
})
