import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import { parseProfileDocument, formatProfileDocument } from '../../src/profiles/document.js'
import { matchPath, matchPrefixPatterns } from '../../src/goenv/match.js'
import { FLAG_ORIGIN, fileOrigin, hasCredentials, validateProfileName, validateVars } from '../../src/profiles/vars.js'
import { findWeakenings } from '../../src/profiles/weaken.js'

/** Values copied from popular blog posts, as a new user would paste them. */
describe('the blog-post corpus', () => {
  it.each([
    ['GOPROXY', 'https://goproxy.cn,direct'],
    ['GOPROXY', 'https://goproxy.io,direct'],
    ['GOPROXY', 'https://mirrors.aliyun.com/goproxy/'],
    ['GOPROXY', 'goproxy.cn'],
    ['GOSUMDB', 'sum.golang.google.cn'],
    ['GOSUMDB', 'gosum.io+ce6e7565+AY5qEHUk/qmHc5btzW45JVoENfazw8LielDsaI+lEbq6'],
    ['GOPRIVATE', '*.gitlab.com,*.gitee.com'],
  ] as const)('%s=%s is accepted and weakens nothing', (name, value) => {
    const { vars } = validateVars({ [name]: value }, FLAG_ORIGIN)
    expect(vars).toEqual({ [name]: value })
    expect(findWeakenings(vars)).toEqual([])
  })

  it.each([
    ['GOPROXY', '"https://goproxy.cn"', /invalid --proxy '"https:\/\/goproxy.cn"': it contains quotes/, /for example: --proxy '?https:\/\/goproxy.cn'?$/],
    ['GOSUMDB', 'https://goproxy.cn/sumdb/sum.golang.org', /invalid --sumdb .*is a URL where the database name or key belongs/, /--sumdb 'sum.golang.org https:\/\/goproxy.cn\/sumdb\/sum.golang.org'/],
    ['GOPROXY', 'https://goproxy.cn/%zz,direct', /invalid --proxy .*go cannot parse the URL https:\/\/goproxy.cn\/%zz: a "%" not followed by two hex digits/, /--proxy '?https:\/\/goproxy.cn,direct'?/],
    ['GOPRIVATE', 'git.corp/[a-z', /invalid --private .*not a valid glob/, /--private 'git.corp.example.com,github.com\/mycorp\/\*'/],
  ] as const)('%s=%s is refused with a reason and a corrected example', (name, value, message, hint) => {
    try {
      validateVars({ [name]: value }, FLAG_ORIGIN)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError)
      expect((error as UsageError).message).toMatch(message)
      expect((error as UsageError).hint).toMatch(hint)
    }
  })

  it.each([
    [{ GOSUMDB: 'off' }, 'GOSUMDB', /turns checksum verification off/],
    [{ GONOSUMDB: '*' }, 'GONOSUMDB', /every module/],
    [{ GONOSUMDB: 'github.com' }, 'GONOSUMDB', /github.com\/gin-gonic\/gin/],
    [{ GOPRIVATE: '*.com' }, 'GOPRIVATE', /GONOSUMDB defaults to it/],
    [{ GOPRIVATE: 'golang.org/*' }, 'GOPRIVATE', /golang.org\/x\/text/],
    [{ GOINSECURE: '*' }, 'GOINSECURE', /plain http or unverified TLS/],
  ] as const)('%j weakens verification', (vars, variable, message) => {
    const w = findWeakenings(vars)
    expect(w).toHaveLength(1)
    expect(w[0]).toMatchObject({ variable })
    expect(w[0]?.message).toMatch(message)
  })

  it('private hosts, and GOPRIVATE overridden by a narrow GONOSUMDB, are not weakenings', () => {
    expect(findWeakenings({ GOPRIVATE: 'git.corp.example.com/*,github.com/mycorp' })).toEqual([])
    expect(findWeakenings({ GOPRIVATE: '*', GONOSUMDB: 'git.corp.example.com' })).toEqual([])
    expect(findWeakenings({ GOINSECURE: 'dev.corp.example.com' })).toEqual([])
  })
})

describe('validateVars', () => {
  it('drops empty values (Go reads them as not set) and collects warnings', () => {
    const r = validateVars({ GOPROXY: 'https://goproxy.cn,direct,https://proxy.golang.org', GOPRIVATE: '' }, FLAG_ORIGIN)
    expect(r.vars).toEqual({ GOPROXY: 'https://goproxy.cn,direct,https://proxy.golang.org' })
    expect(r.warnings).toEqual(['GOPROXY: go never uses what follows "direct": https://proxy.golang.org'])
  })
  it('accepts what go accepts but never matches, with a warning naming the intent, and never keeps an empty element', () => {
    const r = validateVars({ GOPRIVATE: 'https://git.corp.com', GOINSECURE: '*.corp,,*.dev', GOPROXY: 'https://goproxy.cn;direct' }, FLAG_ORIGIN)
    expect(r.vars).toEqual({ GOPRIVATE: 'https://git.corp.com', GOINSECURE: '*.corp,*.dev', GOPROXY: 'https://goproxy.cn;direct' })
    expect(r.warnings).toEqual([
      'GOPROXY: ";" is not a separator: go reads https://goproxy.cn;direct as one proxy URL. Did you mean ","?',
      'GOPRIVATE: "https://git.corp.com" can never match a module path: module paths have no scheme',
      'GOINSECURE: it has an empty element (a doubled or trailing comma), which go skips',
    ])
  })
  it('masks credentials in errors', () => {
    expect(() => validateVars({ GOPROXY: 'http://bob:s3cret@x.example' }, FLAG_ORIGIN)).toThrow(/bob:\*\*\*@/)
    expect(() => validateVars({ GOPROXY: 'http://bob:s3cret@x.example' }, FLAG_ORIGIN)).not.toThrow(/s3cret/)
  })
  it('names the JSON field for values from a file', () => {
    expect(() => validateVars({ GOSUMDB: 'nope' }, fileOrigin('team.json'))).toThrow(/invalid "vars.GOSUMDB" in team.json "nope"/)
  })
  it('hasCredentials finds user:token@ in any value', () => {
    expect(hasCredentials({ GOPROXY: 'https://a:b@x.example,direct' })).toBe(true)
    expect(hasCredentials({ GOPROXY: 'https://x.example,direct' })).toBe(false)
  })
})

describe('validateProfileName', () => {
  it.each(['corp', 'home-2', 'corp.eu', 'a_b', 'X'])('accepts %s', (n) => expect(validateProfileName(n)).toBe(n))
  it.each(['', '../corp', 'a/b', '.hidden', '-x', 'has space', 'a'.repeat(65), 'c:\\x'])('rejects %j', (n) => {
    expect(() => validateProfileName(n)).toThrow(UsageError)
  })
})

describe('profile documents (export/import and .gomirror.json)', () => {
  it('round-trips', () => {
    const text = formatProfileDocument('corp', { GOPRIVATE: 'git.corp/*', GOPROXY: 'https://goproxy.cn,direct' })
    expect(text).toBe('{\n  "profile": "corp",\n  "vars": {\n    "GOPROXY": "https://goproxy.cn,direct",\n    "GOPRIVATE": "git.corp/*"\n  }\n}\n')
    expect(parseProfileDocument(text, 'f.json', { requireVars: true })).toEqual({ profile: 'corp', vars: { GOPROXY: 'https://goproxy.cn,direct', GOPRIVATE: 'git.corp/*' }, warnings: [] })
  })
  it('allows a name-only .gomirror.json, but import needs vars', () => {
    expect(parseProfileDocument('{"profile":"corp"}', '.gomirror.json', { requireVars: false }).vars).toBeNull()
    expect(() => parseProfileDocument('{"profile":"corp"}', 'x.json', { requireVars: true })).toThrow(/x.json: "vars" is missing/)
  })
  it.each([
    ['not json', /x.json is not valid JSON/],
    ['[]', /not a JSON object/],
    ['{"profile":"corp","vars":{},"extra":1}', /unknown field "extra"/],
    ['{"vars":{}}', /"profile" must be a string/],
    ['{"profile":"../etc","vars":{}}', /invalid "profile" in x.json/],
    ['{"profile":"corp","vars":[]}', /"vars" must be an object/],
    ['{"profile":"corp","vars":{"GOFLAGS":"-mod=mod"}}', /"vars.GOFLAGS" is not a variable gomirror manages/],
    ['{"profile":"corp","vars":{"GOPROXY":1}}', /"vars.GOPROXY" must be a string/],
    ['{"profile":"corp","vars":{"GOPROXY":"ftp://x"}}', /invalid "vars.GOPROXY" in x.json/],
  ])('refuses %s', (text, why) => {
    expect(() => parseProfileDocument(text, 'x.json', { requireVars: true })).toThrow(why)
  })
})

describe('module path patterns, as module.MatchPrefixPatterns + path.Match', () => {
  it.each([
    ['*', 'github.com/a/b', true],
    ['*.com', 'github.com/a/b', true],
    ['*.gitlab.com', 'gitlab.com/a/b', false],
    ['*.gitlab.com', 'x.gitlab.com/a/b', true],
    ['golang.org/*', 'golang.org/x/text', true],
    ['golang.org/*', 'golang.org', false],
    ['github.com/corp', 'github.com/corp/repo', true],
    ['github.com/corp/', 'github.com/corp/repo', true],
    ['github.com/c?rp', 'github.com/corp', true],
    ['github.com/[a-c]orp', 'github.com/corp', true],
    ['github.com/[^a-c]orp', 'github.com/corp', false],
    ['git.corp/[a-z', 'git.corp/x', false],
    [',,', 'github.com/a', false],
    ['x,github.com', 'github.com/a', true],
  ])('%s matches %s: %s', (globs, target, want) => {
    expect(matchPrefixPatterns(globs, target)).toBe(want)
  })
  it('path.Match reports malformed patterns', () => {
    expect(matchPath('[a-', 'a')).toBe('bad')
    expect(matchPath('a\\', 'a')).toBe('bad')
    expect(matchPath('a*b*c', 'axxbyyc')).toBe(true)
    expect(matchPath('a*', 'ab/c')).toBe(false)
  })
})
