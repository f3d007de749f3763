/**
 * parseGoUrl at the edges the mutation run found unpinned. Every expectation was checked against
 * Go 1.19's net/url.Parse with a small standard-library program (go run); Go's Host is unescaped, the
 * port keeps the host as written.
 */
import { describe, expect, it } from 'vitest'
import { parseGoUrl } from '../../src/values/go-url.js'

const none = { scheme: '', opaque: '', user: null, host: '', path: '', rawQuery: '', fragment: '', omitHost: false }

describe('parseGoUrl: more of net/url.Parse', () => {
  it.each([
    // a fragment or a query with nothing before it
    ['#x', { fragment: 'x' }],
    ['?x', { rawQuery: 'x' }],
    ['?', {}],
    ['http://h?', { scheme: 'http', host: 'h' }],
    ['http:x?', { scheme: 'http', opaque: 'x' }],
    ['*', { path: '*' }],
    // an empty userinfo is still a user
    ['http://@h', { scheme: 'http', user: '', host: 'h' }],
    // IPv6 zones (RFC 6874): %25, then anything a host may hold, and escapes of %, space, or a byte a host need not escape
    ['http://[fe80::1%25%41]', { scheme: 'http', host: '[fe80::1%25%41]' }],
    ['http://[fe80::1%25a%20]', { scheme: 'http', host: '[fe80::1%25a%20]' }],
    ['http://[fe80::1%25a%3A]', { scheme: 'http', host: '[fe80::1%25a%3A]' }],
    ['http://[fe80::1%25a%3a]', { scheme: 'http', host: '[fe80::1%25a%3a]' }],
    ['http://[fe80::1%25a%25]', { scheme: 'http', host: '[fe80::1%25a%25]' }],
    ['http://[fe80::1%25é]', { scheme: 'http', host: '[fe80::1%25é]' }],
    ['http://[fe80::1%25a~!]:8', { scheme: 'http', host: '[fe80::1%25a~!]:8' }],
    // the address before the zone may escape non-ASCII bytes, as any host may
    ['http://[fe80%c3%a9::1%25eth0]', { scheme: 'http', host: '[fe80%c3%a9::1%25eth0]' }],
    ['http://[%25%41]', { scheme: 'http', host: '[%25%41]' }],
    ['http://[]', { scheme: 'http', host: '[]' }],
  ])('%j', (raw, want) => expect(parseGoUrl(raw)).toEqual({ ...none, ...want }))

  it.each([
    ['http://:x', 'bad-port'],
    ['http://:', undefined],
    // in a zone, a character a host may not hold
    ['http://[fe80::1%25a b]', 'bad-host-char'],
    ['http://[fe80::1%25a{]', 'bad-host-char'],
    ['http://[fe 80::1%25eth0]', 'bad-host-char'],
    // in a zone, an escape of a byte a host would have to escape
    ['http://[fe80::1%25a%2F]', 'bad-escape'],
    ['http://[fe80::1%25a%80]', 'bad-escape'],
    ['http://[fe80::1%25a%7B]', 'bad-escape'],
    ['http://[fe80::1%25a%00]', 'bad-escape'],
    ['http://[fe80::1%25a%5C]', 'bad-escape'],
    ['http://[fe80::1%25a%zz]', 'bad-escape'],
    ['http://[fe80::1%25a%4]', 'bad-escape'],
    // ... but the zone may not
    ['http://[fe80::1%25eth0%c3%a9]', 'bad-escape'],
  ])('%j → %s', (raw, error) => {
    if (error === undefined) expect(parseGoUrl(raw)).not.toHaveProperty('error')
    else expect(parseGoUrl(raw)).toEqual({ error })
  })
})
