import { describe, expect, it } from 'vitest'
import { parseGoproxy } from '../../src/goenv/goproxy.js'

describe('parseGoproxy (as cmd/go proxyList)', () => {
  it.each([
    ['https://goproxy.cn,direct', ['https://goproxy.cn', 'direct'], [], null],
    ['https://a.example|https://b.example,direct', ['https://a.example', 'https://b.example', 'direct'], [], null],
    ['goproxy.cn,direct', ['https://goproxy.cn', 'direct'], [], null],
    [' https://goproxy.cn , direct ', ['https://goproxy.cn', 'direct'], [], null],
    ['https://goproxy.cn,,direct', ['https://goproxy.cn', 'direct'], [], null],
    ['direct,https://goproxy.cn', ['direct'], ['https://goproxy.cn'], null],
    ['off,https://goproxy.cn', ['off'], ['https://goproxy.cn'], null],
    ['file:///srv/goproxy', ['file:///srv/goproxy'], [], null],
    [',', [], [], 'GOPROXY list is not the empty string, but contains no entries'],
    ['ftp://goproxy.cn', [], [], 'invalid proxy URL scheme (must be https, http, file): ftp://goproxy.cn'],
    ['goproxy', [], [], 'invalid proxy URL missing scheme: goproxy'],
  ])('%s', (value, urls, ignored, error) => {
    const p = parseGoproxy(value)
    expect(p.entries.map((e) => e.url)).toEqual(urls)
    expect(p.ignored).toEqual(ignored)
    expect(p.error).toBe(error)
  })

  it('records which separator follows each entry', () => {
    const p = parseGoproxy('https://a.example|https://b.example,direct')
    expect(p.entries.map((e) => e.fallBackOnError)).toEqual([true, false, false])
  })
})
