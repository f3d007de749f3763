import { describe, expect, it } from 'vitest'
import { checkGoproxy, checkGosumdb, checkPatternList, goproxyProblems } from '../../src/goenv/validate.js'

describe('checkGoproxy (as modfetch.proxyList + newProxyRepo)', () => {
  it.each([
    'https://goproxy.cn,direct',
    'https://goproxy.io,direct',
    'https://mirrors.aliyun.com/goproxy/',
    'goproxy.cn',
    'https://goproxy.cn|https://mirrors.aliyun.com/goproxy/,direct',
    'off',
    'direct',
    'file:///srv/goproxy',
    'http://127.0.0.1:3000,direct',
    'http://localhost:3000',
    'https://alice:tok@athens.corp.example.com,direct',
  ])('accepts %s without warnings', (v) => {
    expect(checkGoproxy(v)).toEqual({ error: null, warnings: [], fix: null })
  })

  it.each([
    ['"https://goproxy.cn"', /quotes/, 'https://goproxy.cn'],
    ["'https://goproxy.cn,direct'", /quotes/, 'https://goproxy.cn,direct'],
    ['ftp://goproxy.cn', /scheme \(must be https, http, file\)/, null],
    ['goproxy', /missing scheme/, null],
    ['https://goproxy.cn direct', /invalid proxy URL/, null],
    [',', /contains no entries/, null],
    ['http://bob:tok@goproxy.corp.example.com', /credentials over plain http/, null],
    ['https://goproxy.cn,direct\n', /line break/, null],
  ])('rejects %j', (v, why, fix) => {
    const c = checkGoproxy(v)
    expect(c.error).toMatch(why)
    expect(c.fix).toBe(fix)
  })

  it('warns about entries Go ignores after direct or off, and about plain http to another host', () => {
    expect(goproxyProblems('https://goproxy.cn,direct,https://proxy.golang.org')).toEqual({ errors: [], warnings: ['Go ignores what follows "direct": https://proxy.golang.org'] })
    expect(goproxyProblems('http://goproxy.corp.example.com,direct').warnings[0]).toMatch(/goproxy.corp.example.com is plain http/)
    expect(goproxyProblems('off,https://u:secret@x.example').warnings[0]).toBe('Go ignores what follows "off": https://u:***@x.example')
  })
})

describe('checkGosumdb', () => {
  it.each(['sum.golang.org', 'sum.golang.google.cn', 'off', 'gosum.io+ce6e7565+AY5qEHUk/qmHc5btzW45JVoENfazw8LielDsaI+lEbq6', 'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org'])('accepts %s', (v) => {
    expect(checkGosumdb(v).error).toBeNull()
  })

  it.each([
    ['https://goproxy.cn/sumdb/sum.golang.org', 'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org'],
    ['goproxy.cn/sumdb/sum.golang.org', 'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org'],
    ['https://sum.golang.google.cn', 'sum.golang.google.cn'],
    ['"sum.golang.google.cn"', 'sum.golang.google.cn'],
    ['sum.example.com/db', null],
    ['gosum.io+ce6e7566+AY5qEHUk/qmHc5btzW45JVoENfazw8LielDsaI+lEbq6', null],
  ])('rejects %s and suggests %s', (v, fix) => {
    const c = checkGosumdb(v)
    expect(c.error).not.toBeNull()
    expect(c.fix).toBe(fix)
  })
})

describe('checkPatternList', () => {
  it.each([
    ['https://git.corp.com', 'git.corp.com'],
    ['*.corp, *.internal', '*.corp,*.internal'],
    ['"*.gitlab.com,*.gitee.com"', '*.gitlab.com,*.gitee.com'],
    ['a,,b', 'a,b'],
    ['git.corp/[a-z', null],
  ])('rejects %j and suggests %j', (v, fix) => {
    const c = checkPatternList(v)
    expect(c.error).not.toBeNull()
    expect(c.fix).toBe(fix)
  })
  it('accepts a plain list', () => expect(checkPatternList('*.gitlab.com,*.gitee.com').error).toBeNull())
})
