import { describe, expect, it } from "vitest"
import { matchPath, matchPrefixPatterns, publicPathsMatched } from "../../src/goenv/match.js"

/** Go 1.19 src/path/match_test.go matchTests, verbatim: path.Match is the judge of every glob. */
const GO_MATCH_TESTS: [string, string, boolean | "bad"][] = [
  ["abc", "abc", true],
  ["*", "abc", true],
  ["*c", "abc", true],
  ["a*", "a", true],
  ["a*", "abc", true],
  ["a*", "ab/c", false],
  ["a*/b", "abc/b", true],
  ["a*/b", "a/c/b", false],
  ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false],
  ["a*b?c*x", "abxbbxdbxebxczzx", true],
  ["a*b?c*x", "abxbbxdbxebxczzy", false],
  ["ab[c]", "abc", true],
  ["ab[b-d]", "abc", true],
  ["ab[e-g]", "abc", false],
  ["ab[^c]", "abc", false],
  ["ab[^b-d]", "abc", false],
  ["ab[^e-g]", "abc", true],
  ["a\\*b", "a*b", true],
  ["a\\*b", "ab", false],
  ["a?b", "a☺b", true],
  ["a[^a]b", "a☺b", true],
  ["a???b", "a☺b", false],
  ["a[^a][^a][^a]b", "a☺b", false],
  ["[a-ζ]*", "α", true],
  ["*[a-ζ]", "A", false],
  ["a?b", "a/b", false],
  ["a*b", "a/b", false],
  ["[\\]a]", "]", true],
  ["[\\-]", "-", true],
  ["[x\\-]", "x", true],
  ["[x\\-]", "-", true],
  ["[x\\-]", "z", false],
  ["[\\-x]", "x", true],
  ["[\\-x]", "-", true],
  ["[\\-x]", "a", false],
  ["[]a]", "]", "bad"],
  ["[-]", "-", "bad"],
  ["[x-]", "x", "bad"],
  ["[x-]", "-", "bad"],
  ["[x-]", "z", "bad"],
  ["[-x]", "x", "bad"],
  ["[-x]", "-", "bad"],
  ["[-x]", "a", "bad"],
  ["[a-b-c]", "a", "bad"],
  ["[", "a", "bad"],
  ["[^", "a", "bad"],
  ["[^bc", "a", "bad"],
  ["a[", "a", "bad"],
  ["a[", "ab", "bad"],
  ["a[", "x", "bad"],
  ["a/b[", "x", "bad"],
  ["*x", "xxx", true],
]

describe('matchPath is Go’s path.Match', () => {
  it.each(GO_MATCH_TESTS)('Match(%j, %j) = %j', (pattern, name, want) => expect(matchPath(pattern, name)).toBe(want))
  it.each([
    ['abc', 'abcd', false], ['abc', 'ab', false], ['', '', true], ['', 'a', false], ['a', '', false],
    ['*', '', true], ['*', 'a/b', false], ['**', 'ab', true], ['a*', 'ba', false], ['*a', 'ab', false],
    ['a*c', 'ac', true], ['a*c', 'abcbc', true], ['a*c', 'abcb', false], ['a*c*', 'abcd', true], ['?', '', false], ['?', 'ab', false],
    ['[a-c]', 'd', false], ['[a-c]', '`', false], ['[a-c]', 'a', true], ['[a-c]', 'c', true], ['[ac]', 'b', false], ['[ac]', 'c', true],
    ['[^a-c]', 'd', true], ['[^a-c]', 'b', false], ['[^a-c]', '', false], ['[a]', '', false], ['x[a]', 'x', false],
    ['\\a', 'a', true], ['\\a', 'b', false], ['a\\', 'a', 'bad'], ['[\\a-\\c]', 'b', true], ['[a-\\c]', 'd', false],
    ['*[', 'a', 'bad'], ['a*[', 'abc', 'bad'], ['ab*[', 'a', 'bad'], ['[]', 'a', 'bad'], ['[^]', 'a', 'bad'], ['[a', 'a', 'bad'], ['[a-', 'a', 'bad'],
    ['\\', 'a', 'bad'], ['a]', 'a]', true], ['x*y[', 'xzy', 'bad'], ['*x*[', 'yy', 'bad'], ['a*[b', 'axb', 'bad'], ['☺', '☺', true], ['?', '☺', true], ['[☺]', '☺', true], ['[^☺]', 'a', true], ['[^☺]', '☺', false],
  ] as const)('Match(%j, %j) = %j', (pattern, name, want) => expect(matchPath(pattern, name)).toBe(want))
})

describe('matchPrefixPatterns is x/mod’s module.MatchPrefixPatterns', () => {
  it.each([
    ['github.com', 'github.com/a/b', true], ['github.com', 'github.com', true], ['github.com', 'xgithub.com/a', false], ['ithub.com', 'github.com/a', false],
    ['github.com/a', 'github.com/a/b', true], ['github.com/a', 'github.com/ab', false], ['github.com/a', 'github.com', false],
    ['github.com/a/b/c', 'github.com/a/b', false], ['github.com/a/', 'github.com/a/b', true], ['github.com/a//', 'github.com/a/b', false],
    ['*/a', 'x.com/a/b', true], ['*/*', 'x.com', false], ['*', 'x.com', true], ['', 'x.com', false], [',', 'x.com', false], ['/', 'x.com', false],
    ['a.com,b.com', 'b.com/x', true], ['a.com,b.com', 'a.com/x', true], ['a.com,b.com', 'c.com/x', false], ['a.com,,b.com', 'b.com/x', true], ['[,b.com', 'b.com/x', true], ['a.com,[', 'a.com/x', true],
    ['b.com,', 'b.com/x', true], [' b.com', 'b.com/x', false], ['B.com', 'b.com/x', false], ['b.com/X', 'b.com/x', false],
    ['*.corp', 'git.corp/x', true], ['*.corp', 'corp/x', false], ['git.corp/[a-c]*', 'git.corp/b/x', true], ['git.corp/[a-c]*', 'git.corp/d/x', false],
  ] as const)('MatchPrefixPatterns(%j, %j) = %j', (globs, target, want) => expect(matchPrefixPatterns(globs, target)).toBe(want))

  it('names the public modules a pattern catches', () => {
    expect(publicPathsMatched('github.com')).toEqual(['github.com/gin-gonic/gin'])
    expect(publicPathsMatched('*.corp.example.com')).toEqual([])
    expect(publicPathsMatched('*')).toHaveLength(15)
  })
})
