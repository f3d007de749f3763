import { describe, expect, it } from 'vitest'
import { parseGoUrl } from '../../src/values/go-url.js'

const none = { scheme: '', opaque: '', user: null, host: '', path: '', rawQuery: '', fragment: '', omitHost: false }

describe("parseGoUrl is Go's net/url.Parse where GOPROXY and GOSUMDB need it", () => {
  it.each([
    ['https://goproxy.cn', { scheme: 'https', host: 'goproxy.cn' }],
    ['HTTPS://GoProxy.cn/A', { scheme: 'https', host: 'GoProxy.cn', path: '/A' }],
    ['https://u:p@h.example:8443/a%20b?x=1&y#frag', { scheme: 'https', user: 'u:p', host: 'h.example:8443', path: '/a%20b', rawQuery: 'x=1&y', fragment: 'frag' }],
    ['https://a@b@h.example', { scheme: 'https', user: 'a@b', host: 'h.example' }],
    ['https://h.example?', { scheme: 'https', host: 'h.example' }],
    ['https://h.example/p??', { scheme: 'https', host: 'h.example', path: '/p', rawQuery: '?' }],
    ['https:goproxy.cn', { scheme: 'https', opaque: 'goproxy.cn' }],
    ['https:/goproxy.cn', { scheme: 'https', path: '/goproxy.cn', omitHost: true }],
    ['file:///srv/x', { scheme: 'file', path: '/srv/x' }],
    ['file:/srv/x', { scheme: 'file', path: '/srv/x', omitHost: true }],
    ['/srv/x', { path: '/srv/x' }],
    ['//h.example/x', { host: 'h.example', path: '/x' }],
    ['///x', { path: '///x' }],
    ['goproxy', { path: 'goproxy' }],
    ['a/b:c', { path: 'a/b:c' }],
    ['a1+.-:x', { scheme: 'a1+.-', opaque: 'x' }],
    ['http://h:8:9', { scheme: 'http', host: 'h:8:9' }],
    ['http://a/b@h', { scheme: 'http', host: 'a', path: '/b@h' }],
    ['http://h%25', { scheme: 'http', host: 'h%25' }],
    ['*', { path: '*' }],
    ['http://[::1]:80/x', { scheme: 'http', host: '[::1]:80', path: '/x' }],
    ['http://[fe80::1%25eth0]:80', { scheme: 'http', host: '[fe80::1%25eth0]:80' }],
    ['http://h.example:', { scheme: 'http', host: 'h.example:' }],
    ['https://镜像.example/中', { scheme: 'https', host: '镜像.example', path: '/中' }],
    ['https://h.example/%41%e4', { scheme: 'https', host: 'h.example', path: '/%41%e4' }],
    ['https://h.example#a b\t', { scheme: 'https', host: 'h.example', fragment: 'a b\t' }],
    ["https://a!$&'()*+,;=:~.-_@h.example", { scheme: 'https', user: "a!$&'()*+,;=:~.-_", host: 'h.example' }],
    ['https://h!$&\'()*+,;=<>"_~.example', { scheme: 'https', host: 'h!$&\'()*+,;=<>"_~.example' }],
  ])('%j', (raw, want) => expect(parseGoUrl(raw)).toEqual({ ...none, ...want }))

  it.each([
    ['https://h.example/\t', 'control'], ['https://h.\x7fexample', 'control'], ['https://h.example\n', 'control'], ['\x00', 'control'],
    [':x', 'missing-scheme'], ['://h', 'missing-scheme'],
    ['a:b/c'.replace('a:', '1:'), 'colon-first-segment'], ['.a:b', 'colon-first-segment'],
    ['http://[::1', 'missing-bracket'], ['http://[::1]x', 'bad-port'], ['http://[::1]:8x', 'bad-port'], ['http://h:8x', 'bad-port'], ['http://h:-1', 'bad-port'], ['1a:b', 'colon-first-segment'], ['-a:b', 'colon-first-segment'], ['a_b:x', 'colon-first-segment'],
    ['http://a b@h', 'bad-userinfo'], ['http://a"b@h', 'bad-userinfo'], ['http://%zz@h', 'bad-escape'], ['http://%4@h', 'bad-escape'],
    ['http://h/%zz', 'bad-escape'], ['http://h/%', 'bad-escape'], ['http://h/%4', 'bad-escape'], ['http://h#%zz', 'bad-escape'], ['https:x#%', 'bad-escape'],
    ['http://h%41.example', 'bad-escape'], ['http://h%zz', 'bad-escape'],
    ['http://[fe80::1%25eth0%zz]', 'bad-escape'], ['http://[fe80%41::1%25eth0]', 'bad-escape'], ['http://[fe80::1%25eth0]:%41', 'bad-port'],
    ['http://h b', 'bad-host-char'], ['http://h{', 'bad-host-char'], ['http://h|', 'bad-host-char'], ['http://h\\x', 'bad-host-char'], ['http://h^', 'bad-host-char'], ['http://h`', 'bad-host-char'], ['http://h}', 'bad-host-char'],
  ])('%j → %s', (raw, error) => expect(parseGoUrl(raw)).toEqual({ error }))

  it('keeps non-ASCII in a host, as Go does (it only refuses ASCII it would have to escape)', () => {
    expect(parseGoUrl('http://h%c3%a9.example')).toMatchObject({ host: 'h%c3%a9.example' })
  })
})
