import { describe, expect, it } from 'vitest'
import { checkValue, tidyValue, type Finding } from '../../src/values/check.js'
import { parseGosumdb } from '../../src/values/gosumdb.js'
import { renderFinding } from '../../src/ui/render-findings.js'
import { setLang } from '../../src/ui/i18n.js'

const codes = (name: Parameters<typeof checkValue>[0], v: string): string[] => checkValue(name, v).findings.map((f) => `${f.severity}:${f.code}${f.params.reason ? `/${f.params.reason}` : ''}`)

describe('GOPROXY (modfetch.proxyList + newProxyRepo + web.Get)', () => {
  it.each([
    'https://goproxy.cn,direct', 'https://goproxy.io,direct', 'https://mirrors.aliyun.com/goproxy/', 'goproxy.cn', 'goproxy.cn:8443/x',
    'https://goproxy.cn|https://mirrors.aliyun.com/goproxy/,direct', 'off', 'direct', ' direct ', 'file:///srv/goproxy',
    'http://127.0.0.1:3000,direct', 'http://localhost:3000', 'http://[::1]:3000', 'http://127.0.0.1', 'https://[::1]:8443/p', 'https://[fe80::1%25eth0]:8443',
    'https://alice:tok@athens.corp.example.com,direct', 'https://a%20b:c@h.example', 'https://goproxy.cn/%41', 'https://h.example/a?b#c%20',
  ])('accepts %j without findings', (v) => expect(checkValue('GOPROXY', v)).toEqual({ findings: [] }))

  it.each([
    ['https://goproxy.cn,direct\n', 'error:control'],
    ['https://goproxy.cn\r', 'error:control'],
    ['a\0', 'error:control'],
    ['a\vb', 'error:control'],
    ['"https://goproxy.cn"', 'error:quotes'],
    ['ftp://goproxy.cn', 'error:proxy.scheme'],
    ['goproxy', 'error:proxy.no-scheme'],
    ['/srv/goproxy', 'error:proxy.no-scheme'],
    [',', 'error:proxy.empty-list'],
    [' , ', 'error:proxy.empty-list'],
    ['https://goproxy.cn direct', 'error:proxy.url/bad-host-char'],
    ['https://goproxy.cn/%zz', 'error:proxy.url/bad-escape'],
    ['https://goproxy.cn/%4', 'error:proxy.url/bad-escape'],
    ['https://h.example/#%zz', 'error:proxy.url/bad-escape'],
    ['https://%zz:tok@host.example', 'error:proxy.url/bad-escape'],
    ['https://a b:tok@host.example', 'error:proxy.url/bad-userinfo'],
    ['https://go\tproxy.cn', 'error:proxy.url/control'],
    ['https://goproxy.cn:80x', 'error:proxy.url/bad-port'],
    ['https://[::1', 'error:proxy.url/missing-bracket'],
    ['https://[::1]x', 'error:proxy.url/bad-port'],
    ['https://[::1]:8x', 'error:proxy.url/bad-port'],
    ['https://go%41proxy.cn', 'error:proxy.url/bad-escape'],
    ['https://go{proxy.cn', 'error:proxy.url/bad-host-char'],
    ['https://[fe80::1%25eth0%zz]', 'error:proxy.url/bad-escape'],
    ['://goproxy.cn', 'error:proxy.url/missing-scheme'],
    ['1http://goproxy.cn', 'error:proxy.url/colon-first-segment'],
    ['file://localhost/srv', 'error:proxy.file/non-path'],
    ['file://host/srv', 'error:proxy.file/non-path'],
    ['file:srv', 'error:proxy.url/bad-port'],
    ['file:/srv?x', 'error:proxy.file/non-path'],
    ['file:/srv/goproxy', 'error:proxy.file/non-path'],
    ['file:///srv?x', 'error:proxy.file/non-path'],
    ['file:///srv#x', 'error:proxy.file/non-path'],
    ['https:/goproxy.cn', 'error:proxy.no-host'],
    ['https:goproxy.cn', 'error:proxy.url/bad-port'],
    ['https:/', 'error:proxy.no-host'],
    ['http://TOKEN@goproxy.corp.example.com', 'error:proxy.credentials-http'],
    ['http://bob:tok@goproxy.corp.example.com', 'error:proxy.credentials-http'],
    ['https://goproxy.cn;direct', 'warn:proxy.separator'],
    ['https://goproxy.cn，direct', 'warn:proxy.separator'],
    ['https://goproxy.cn/ direct', 'warn:proxy.separator'],
    ['https://a.example,,direct', 'warn:proxy.empty-element'],
    [',https://a.example', 'warn:proxy.empty-element'],
    ['file:///x;direct', 'warn:proxy.separator'],
    ['https://goproxy.cn,direct,https://proxy.golang.org', 'warn:proxy.ignored'],
    ['off,https://proxy.golang.org', 'warn:proxy.ignored'],
    ['http://goproxy.corp.example.com,direct', 'warn:proxy.http'],
    ['http://127.0.0.2.example', 'warn:proxy.http'],
  ])('%j → %s', (v, want) => expect(codes('GOPROXY', v)).toEqual([want]))

  it.each([
    ['https://goproxy.cn;direct', 'https://goproxy.cn,direct'],
    ['https://goproxy.cn，direct', 'https://goproxy.cn,direct'],
    ['https://goproxy.cn direct', 'https://goproxy.cn,direct'],
    ['"https://goproxy.cn,direct"', 'https://goproxy.cn,direct'],
    ['https://a.example,,direct', 'https://a.example,direct'],
    ['https://goproxy.cn,direct,https://proxy.golang.org', 'https://goproxy.cn,direct'],
  ])('%j suggests %j', (v, fix) => expect(checkValue('GOPROXY', v).suggestedFix).toBe(fix))

  it('suggests nothing when no repair is valid, and never a credential-leaking or host-less one', () => {
    expect(checkValue('GOPROXY', 'goproxy').suggestedFix).toBeUndefined()
    expect(checkValue('GOPROXY', 'https:/goproxy.cn;direct').suggestedFix).toBeUndefined()
    expect(checkValue('GOPROXY', 'http://t@h.example;direct').suggestedFix).toBeUndefined()
    expect(checkValue('GOPROXY', 'file:///x;direct').suggestedFix).toBe('file:///x,direct')
  })

  it('masks credentials in what it reports', () => {
    const f = checkValue('GOPROXY', 'http://bob:secret@h.example').findings[0] as Finding
    expect(f.params.entry).toBe('http://bob:***@h.example')
    expect(JSON.stringify(checkValue('GOPROXY', 'off,https://u:secret@x.example'))).not.toContain('secret')
  })

  it('names what follows direct or off', () => {
    expect(checkValue('GOPROXY', 'off,https://a.example,b.example').findings[0]?.params).toEqual({ end: 'off', ignored: 'https://a.example, b.example' })
  })
})

describe('GOSUMDB (modfetch.dbDial + note.NewVerifier)', () => {
  it.each([
    ['sum.golang.org', 'sum.golang.org', null],
    ['sum.golang.google.cn', 'sum.golang.org', 'https://sum.golang.google.cn'],
    ['sum.golang.org https://goproxy.cn/sumdb/sum.golang.org', 'sum.golang.org', 'https://goproxy.cn/sumdb/sum.golang.org'],
    ['sum.golang.org goproxy.cn/sumdb/sum.golang.org', 'sum.golang.org', 'goproxy.cn/sumdb/sum.golang.org'],
    ['sum.golang.org file:///srv/sumdb', 'sum.golang.org', 'file:///srv/sumdb'],
    ['sum.golang.org http://127.0.0.1:9/x', 'sum.golang.org', 'http://127.0.0.1:9/x'],
    ['  sum.golang.org\t https://x.example  ', 'sum.golang.org', 'https://x.example'],
    ['sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8', 'sum.golang.org', null],
    ['gosum.io+ce6e7565+AY5qEHUk/qmHc5btzW45JVoENfazw8LielDsaI+lEbq6', 'gosum.io', null],
    ['GOSUM.IO+CE6E7565+AY5qEHUk/qmHc5btzW45JVoENfazw8LielDsaI+lEbq6'.replace('GOSUM.IO', 'gosum.io'), 'gosum.io', null],
  ])('accepts %j (database %s via %s)', (value, name, url) => {
    expect(parseGosumdb(value)).toEqual({ off: false, name, url })
    expect(checkValue('GOSUMDB', value)).toEqual({ findings: [] })
  })

  it('accepts off', () => expect(parseGosumdb('off')).toEqual({ off: true, name: 'off', url: null }))

  it.each([
    ['goproxy.cn/sumdb/sum.golang.org', 'error:sumdb.key/format'],
    ['https://goproxy.cn/sumdb/sum.golang.org', 'error:sumdb.url-as-key'],
    ['sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8', 'error:sumdb.key/hash'],
    ['sum.golang.org+033de0ae', 'error:sumdb.key/format'],
    ['sum.golang.org+033de0a+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8', 'error:sumdb.key/format'],
    ['sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn', 'error:sumdb.key/format'],
    ['+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8', 'error:sumdb.key/format'],
    ['a b c', 'error:sumdb.fields'],
    ['   ', 'error:sumdb.empty'],
    ['sum.golang.org ftp://x', 'error:sumdb.url/scheme'],
    ['sum.golang.org https://x/%zz', 'error:sumdb.url/bad-escape'],
    ['sum.golang.org http://t@x.example', 'error:sumdb.url/credentials-http'],
    ['sum.golang.org https:/x', 'error:sumdb.url/no-host'],
    ['sum.golang.org\nhttps://x', 'error:control'],
    ['"sum.golang.google.cn"', 'error:quotes'],
  ])('%j → %s', (v, want) => expect(codes('GOSUMDB', v)).toEqual([want]))

  it.each([
    ['https://goproxy.cn/sumdb/sum.golang.org', 'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org'],
    ['goproxy.cn/sumdb/sum.golang.org', 'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org'],
    ['http://goproxy.cn/sumdb/sum.golang.org/', 'sum.golang.org http://goproxy.cn/sumdb/sum.golang.org'],
    ['https://sum.golang.google.cn', 'sum.golang.google.cn'],
    ['https://sum.golang.org/', 'sum.golang.org'],
    ['"sum.golang.google.cn"', 'sum.golang.google.cn'],
    ['sum.example.com/db', undefined],
    ['gosum.io+ce6e7566+AY5qEHUk/qmHc5btzW45JVoENfazw8LielDsaI+lEbq6', undefined],
  ])('%j suggests %j', (v, fix) => expect(checkValue('GOSUMDB', v).suggestedFix).toBe(fix))
})

describe('pattern lists (module.MatchPrefixPatterns over path.Match)', () => {
  it.each(['github.com/corp/*', '*.corp.example.com,rsc.io/private', 'git.corp/[a-z]*', 'github.com/MyCorp', 'corp.example.com/', 'a.b/c\\.d', 'x.example/~u/*', 'git.corp.example.com/[^.]*'])('accepts %j', (v) => {
    expect(checkValue('GOPRIVATE', v)).toEqual({ findings: [] })
  })
  it.each([
    ['a.example.com,,b.example.com', 'warn:pattern.empty-element', 'a.example.com,b.example.com'],
    ['github.com/corp,', 'warn:pattern.empty-element', 'github.com/corp'],
    ['corp.example.com/...', 'warn:pattern.never/element', 'corp.example.com'],
    ['git@git.corp.example.com:team/repo.git', 'warn:pattern.never/userinfo', 'git.corp.example.com/team/repo'],
    ['192.168.1.10:3000', 'warn:pattern.never/port', '192.168.1.10'],
    ['git.corp.example.com:8443/team', 'warn:pattern.never/port', 'git.corp.example.com/team'],
    ['GitHub.com/MyCorp', 'warn:pattern.never/uppercase', 'github.com/MyCorp'],
    ['a.example.com;b.example.com', 'warn:pattern.never/separator', 'a.example.com,b.example.com'],
    ['a.example.com|b.example.com', 'warn:pattern.never/separator', 'a.example.com,b.example.com'],
    ['*.corp, *.internal', 'warn:pattern.never/separator', '*.corp,*.internal'],
    ['github.com\\mycorp', 'warn:pattern.never/backslash', 'github.com/mycorp'],
    ['https://git.corp.com', 'warn:pattern.never/scheme', 'git.corp.com'],
    ['"github.com/corp/*"', 'warn:pattern.never/quote', 'github.com/corp/*'],
    ['github.com/co rp', 'warn:pattern.never/separator', 'github.com/co,rp'],
    ['git.corp.example.com/team^x', 'warn:pattern.never/char', undefined],
    ['.corp.example.com', 'warn:pattern.never/element', undefined],
    ['corp.example.com/.x', 'warn:pattern.never/element', undefined],
    ['corp.example.com/x.', 'warn:pattern.never/element', undefined],
    ['corp.example.com//x', 'warn:pattern.never/element', undefined],
    ['corp.example.com/.*', 'warn:pattern.never/element', undefined],
    ['git.corp/[a-z', 'error:pattern.bad-glob', undefined],
    ['a\\', 'error:pattern.bad-glob', undefined],
    ['a]', 'warn:pattern.never/char', undefined],
    ['a.example.com,b[', 'error:pattern.bad-glob', undefined],
    ['x\0', 'error:control', undefined],
  ])('%j → %s, suggests %j', (v, want, fix) => {
    expect(codes('GONOSUMDB', v)).toEqual([want])
    expect(checkValue('GOINSECURE', v).suggestedFix).toBe(fix)
  })
})

describe('tidyValue: what gomirror writes has no empty element', () => {
  it.each([
    ['GOPRIVATE', 'a,,b', 'a,b'], ['GOPRIVATE', ',', ''], ['GOPRIVATE', 'a,', 'a'], ['GONOPROXY', ',a', 'a'],
    ['GOPROXY', 'https://x|,https://y', 'https://x|https://y'], ['GOPROXY', 'https://x|https://y,direct', 'https://x|https://y,direct'],
    ['GOSUMDB', 'a,,b', 'a,,b'], ['GOPRIVATE', 'a|,b', 'a|,b'],
  ] as const)('%s=%j → %j', (name, v, want) => expect(tidyValue(name, v)).toBe(want))
})

describe('checkValue', () => {
  it('treats "" as not set', () => {
    for (const n of ['GOPROXY', 'GOSUMDB', 'GOPRIVATE'] as const) expect(checkValue(n, '')).toEqual({ findings: [] })
  })
  it('words every finding in English and Chinese, with its parameters', () => {
    const f = checkValue('GOPROXY', 'https://goproxy.cn;direct').findings[0] as Finding
    expect(renderFinding(f)).toBe('";" is not a separator: go reads https://goproxy.cn;direct as one proxy URL. Did you mean ","?')
    setLang('zh')
    try {
      expect(renderFinding(f)).toContain('不是分隔符')
    } finally {
      setLang('en')
    }
  })
})
