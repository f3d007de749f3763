import { describe, expect, it } from 'vitest'
import { parseProxyUrl, proxyForUrl, readProxyEnv, type ProxyEnv } from '../../src/probe/proxy-env.js'

const PROXY = 'http://proxy.corp:3128'

function route(url: string, env: Partial<ProxyEnv>): string {
  const choice = proxyForUrl(new URL(url), { httpProxy: PROXY, httpsProxy: PROXY, noProxy: '', cgi: false, ...env })
  if ('error' in choice) return `error: ${choice.error}`
  return choice.proxy ? choice.proxy.href : 'direct'
}

describe('readProxyEnv (as httpproxy.FromEnvironment)', () => {
  it('reads the upper-case name first, then the lower-case one, skipping empty values', () => {
    expect(readProxyEnv({ HTTP_PROXY: 'http://a', http_proxy: 'http://b', https_proxy: 'http://c', HTTPS_PROXY: '', no_proxy: 'x' }))
      .toEqual({ httpProxy: 'http://a', httpsProxy: 'http://c', noProxy: 'x', cgi: false })
  })
  it('notices a CGI environment', () => {
    expect(readProxyEnv({ REQUEST_METHOD: 'GET' }).cgi).toBe(true)
  })
})

describe('parseProxyUrl (as parseProxy)', () => {
  it.each([
    ['http://proxy:3128', 'http://proxy:3128/'],
    ['https://proxy', 'https://proxy/'],
    ['socks5://proxy:1080', 'socks5://proxy:1080'],
    ['proxy.corp:3128', 'http://proxy.corp:3128/'],
    ['127.0.0.1:8888', 'http://127.0.0.1:8888/'],
    ['proxy', 'http://proxy/'],
  ])('%s → %s', (value, want) => {
    expect(parseProxyUrl(value)?.href).toBe(want)
  })
  it('is null for nothing', () => expect(parseProxyUrl('')).toBeNull())
})

describe('proxyForUrl (as httpproxy config.proxyForURL)', () => {
  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, never one for the other', () => {
    expect(route('https://goproxy.cn/', { httpsProxy: '' })).toBe('direct')
    expect(route('http://goproxy.cn/', { httpProxy: '' })).toBe('direct')
    expect(route('https://goproxy.cn/', { httpProxy: '' })).toBe(`${PROXY}/`)
  })

  it.each(['http://localhost:8080/', 'http://127.0.0.1/', 'http://127.5.6.7:81/', 'http://[::1]:3000/', 'https://localhost/'])(
    'never proxies loopback (%s), even with an empty NO_PROXY', (url) => {
      expect(route(url, {})).toBe('direct')
    })

  it('proxies a name that only resolves to loopback: Go decides on the name', () => {
    expect(route('http://mirror.test:8080/', {})).toBe(`${PROXY}/`)
  })

  const noProxy = 'foobar.com, .barbaz.net, *.zzz.com, 192.168.1.1, 10.0.0.0/8, 2000::/16, 1000::1, [1000::2]:80, example.com:443'
  it.each([
    ['http://foobar.com/', 'direct'],
    ['http://www.foobar.com/', 'direct'], // a bare name matches its subdomains too
    ['http://xfoobar.com/', 'proxy'],
    ['http://barbaz.net/', 'proxy'], // a leading dot matches subdomains only
    ['http://www.barbaz.net/', 'direct'],
    ['http://zzz.com/', 'proxy'],
    ['http://a.zzz.com/', 'direct'],
    ['http://192.168.1.1/', 'direct'],
    ['http://192.168.1.2/', 'proxy'],
    ['http://10.1.2.3/', 'direct'],
    ['http://11.1.2.3/', 'proxy'],
    ['http://[2000::5]/', 'direct'],
    ['http://[1000::1]:8080/', 'direct'],
    ['http://[1000::2]/', 'direct'], // port 80 is the default
    ['http://[1000::2]:8080/', 'proxy'],
    ['https://example.com/', 'direct'],
    ['http://example.com/', 'proxy'],
    ['http://FOOBAR.com/', 'direct'],
  ])('NO_PROXY: %s → %s', (url, want) => {
    expect(route(url, { noProxy })).toBe(want === 'proxy' ? `${PROXY}/` : 'direct')
  })

  it('NO_PROXY=* turns the proxy off', () => {
    expect(route('https://goproxy.cn/', { noProxy: '*' })).toBe('direct')
  })

  it('refuses HTTP_PROXY in a CGI environment, as Go does', () => {
    expect(route('http://goproxy.cn/', { cgi: true })).toMatch(/^error: refusing to use HTTP_PROXY/)
    expect(route('https://goproxy.cn/', { cgi: true })).toBe(`${PROXY}/`)
  })
})
