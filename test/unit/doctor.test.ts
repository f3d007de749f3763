import { describe, expect, it } from 'vitest'
import { matchPath, matchPrefixPatterns, publicPathsMatched } from '../../src/goenv/match.js'
import { collectFixPlan } from '../../src/doctor/run.js'
import { cleanPatterns } from '../../src/doctor/checks-settings.js'
import { warn } from '../../src/doctor/types.js'

describe('matchPrefixPatterns (as golang.org/x/mod/module)', () => {
  it.each([
    ['*.corp.example.com', 'git.corp.example.com/team/repo', true],
    ['*.corp.example.com', 'corp.example.com/x', false],
    ['github.com/mycorp', 'github.com/mycorp/tool', true],
    ['github.com/mycorp/', 'github.com/mycorp/tool', true],
    ['github.com/mycorp/*', 'github.com/mycorp/tool/sub', true],
    ['github.com/mycorp/*', 'github.com/mycorp', false],
    ['github.com/mycorp', 'github.com/mycorpx/tool', false],
    ['*', 'github.com/anything', true],
    [' git.internal', 'git.internal/x', false],
    ['a,,git.internal', 'git.internal/x', true],
    ['git.corp/[a-c]*', 'git.corp/beta/x', true],
    ['git.corp/[^a-c]*', 'git.corp/beta/x', false],
    ['git.corp/[a-c', 'git.corp/a', false],
    ['rsc.io/qu?te', 'rsc.io/quote', true],
  ])('%s matches %s: %s', (globs, target, want) => {
    expect(matchPrefixPatterns(globs, target)).toBe(want)
  })

  it('a malformed glob matches nothing, as path.Match reports ErrBadPattern', () => {
    expect(matchPath('a[', 'a')).toBe('bad')
    expect(matchPath('a\\', 'a')).toBe('bad')
  })

  it('knows which patterns catch public modules', () => {
    expect(publicPathsMatched('*')).toContain('golang.org/x/text')
    expect(publicPathsMatched('github.com')).toEqual(['github.com/gin-gonic/gin'])
    expect(publicPathsMatched('*.corp.example.com,github.com/mycorp')).toEqual([])
  })
})

describe('doctor fixes', () => {
  it('cleanPatterns drops spaces, quotes, schemes, trailing slashes and empty elements', () => {
    expect(cleanPatterns(' *.corp.example.com ,,"git.internal",https://github.com/mycorp/')).toBe('*.corp.example.com,git.internal,github.com/mycorp')
  })

  it('merges fixes into one plan; a second fix for the same variable waits for another run', () => {
    const a = warn('proxy', 'a', 'a', undefined, { set: { GOPROXY: 'x' }, unset: [] })
    const b = warn('private', 'b', 'b', undefined, { set: { GOPRIVATE: 'p' }, unset: [] })
    const c = warn('private', 'c', 'c', undefined, { set: { GOPROXY: 'y' }, unset: [] })
    const { plan, applied, deferred } = collectFixPlan([a, b, c])
    expect(plan).toEqual({ set: { GOPROXY: 'x', GOPRIVATE: 'p' }, unset: [] })
    expect(applied.map((x) => x.id)).toEqual(['a', 'b'])
    expect(deferred.map((x) => x.id)).toEqual(['c'])
  })
})
