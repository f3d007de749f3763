/**
 * GOSUMDB judged as Go 1.19 judges it, case by case. Every verdict below was recorded from real Go
 * code: cmd/go/internal/modfetch.dbDial's checks copied verbatim into a program built with
 * Go 1.19's net/url, with the vendored golang.org/x/mod/sumdb/note (NewVerifier) beside it. The URL
 * after the key is judged as web.Get fetches it (test/differential/values.test.ts watches go do so).
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkValue, errorsOf, tidyValue, warningsOf } from '../../src/values/check.js'
import { judgeGosumdb, parseGosumdb, repairGosumdb, validDbName } from '../../src/values/gosumdb.js'

/** A verifier key for `name` as note.GenerateKey would write it (alg 1, a 32-byte key unless told). */
function vkey(name: string, alg = 1, len = 32): string {
  const key = Buffer.concat([Buffer.from([alg]), Buffer.alloc(len, 7)])
  const hash = createHash('sha256').update(`${name}\n`).update(key).digest().subarray(0, 4).toString('hex')
  return `${name}+${hash}+${key.toString('base64')}`
}

function verdict(value: string): string {
  const p = parseGosumdb(value)
  return 'problem' in p ? `${p.problem.code}${'reason' in p.problem ? `/${p.problem.reason}` : ''}` : `ok ${p.name}`
}

const K64 = 'Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'

describe('note.NewVerifier, as go reports it', () => {
  it.each([
    // "malformed verifier id"
    [`sum.golang.org+033de0ae0+${K64}`, 'sumdb.key/format'],
    [`sum.golang.org+x033de0ae+${K64}`, 'sumdb.key/format'],
    [`sum.golang.org+033de0ae+${K64}=`, 'sumdb.key/format'],
    [`sum.golang.org+033de0ae+${K64}==`, 'sumdb.key/format'],
    [`sum.golang.org+033de0ae+${K64.slice(0, -4)}OA===`, 'sumdb.key/format'],
    [`sum.golang.org+033de0ae+${K64.slice(0, 41)}==`, 'sumdb.key/format'],
    [`sum.golang.org+033de0ae+!${K64.slice(1)}`, 'sumdb.key/format'],
    ['sum.golang.org+', 'sumdb.key/format'],
    ['sum.golang.org+++x', 'sumdb.key/format'],
    ['a+b+c+d', 'sumdb.key/format'],
    [vkey('sum.example.com', 1, 31), 'sumdb.key/format'],
    [vkey('sum.example.com', 1, 33), 'sumdb.key/format'],
    [vkey('sum.example.com', 1, 0), 'sumdb.key/format'],
    // "invalid verifier hash": well-formed base64 ("XX==", "XXX=") decoding to another key
    [`sum.golang.org+033de0ae+${K64.slice(0, -1)}=`, 'sumdb.key/hash'],
    [`sum.golang.org+033de0ae+${K64.slice(0, -2)}==`, 'sumdb.key/hash'],
    [`sum.golang.org+033de0ae+${K64}AAAA`, 'sumdb.key/hash'],
    // "unknown verifier algorithm"
    [vkey('sum.example.com', 2), 'sumdb.key/alg'],
    // fine: the hash is read as hex in either case
    [`sum.golang.org+033DE0AE+${K64}`, 'ok sum.golang.org'],
    [vkey('sum.example.com'), 'ok sum.example.com'],
  ])('%j → %s', (value, want) => expect(verdict(value)).toBe(want))
})

describe('dbDial: the database name must be host[/path], no query, fragment or needless escape', () => {
  it.each([
    ['sum.example.com/a%20b', true],
    ['sum.example.com/%C3%A9', true],
    ['sum.example.com/%F0%9F%98%80', true],
    ['x/%E2%82%AC', true],
    ['sum.example.com/%21', true],
    ['sum.example.com/%80', true],
    ['sum.example.com/%7F', true],
    ['sum.example.com/%00', true],
    ['sum.example.com/%2541', true],
    ['sum.example.com/%3F', true],
    ['sum.example.com/%23', true],
    ['sum.example.com/%5B', true],
    ['sum.example.com/$&,;=@:~', true],
    ['sum.example.com//x', true],
    ['sum.example.com/./x', true],
    ['sum.example.com/a/b/c', true],
    [':8443', true],
    // url.Parse drops an empty fragment, so the URL is still {https, host}
    ['sum.example.com#', true],
    ['/x', false],
    ['sum.example.com/', false],
    ['sum.example.com?', false],
    ['sum.example.com?x', false],
    ['sum.example.com/a?', false],
    ['sum.example.com#x', false],
    ['u@sum.example.com', false],
    ['@sum.example.com', false],
    ['sum.example.com:abc', false],
    ['a:b', false],
    ['sum.example.com/%41', false],
    ['x%41', false],
    ['x/%41%41%41', false],
    ['x/a%41b%42c', false],
    ['sum.example.com/x%41%42', false],
    ['sum.example.com/%7E', false],
    ['sum.example.com/%24', false],
    ['sum.example.com/%2B', false],
    ['sum.example.com/%2F', false],
    ['sum.example.com/%c3%a9', false],
    ['x/%e2%82%ac', false],
    ['sum.example.com/%0a', false],
    ['sum.example.com/a%zz', false],
    ['sum.example.com/a%', false],
    ['sum.example.com/%4', false],
    ['sum.example.com/%%41', false],
    ['sum.example.com/é', false],
    ['x/€', false],
    ['sum.example.com/😀', false],
    ['sum.example.com/😀a', false],
    ['sum.example.com/😀%41', false],
    ['sum.example.com/é%41', false],
    ['sum.example.com/a!b', false],
    ['sum.example.com/a*b', false],
    ["sum.example.com/a'b", false],
    ['sum.example.com/a(b)', false],
    ['sum.example.com/[x]', false],
    ['sum.example.com/a\\b', false],
  ])('%j: go %s', (name, ok) => {
    expect(validDbName(name)).toBe(ok)
    expect(verdict(vkey(name))).toBe(ok ? `ok ${name}` : 'sumdb.name')
  })

  it('words a bad name as sumdb.name with the name, and suggests nothing', () => {
    expect(judgeGosumdb(vkey('u@sum.example.com'))).toEqual({ findings: [{ code: 'sumdb.name', severity: 'error', params: { name: 'u@sum.example.com' } }] })
    expect(checkValue('GOSUMDB', `${vkey('sum.example.com/')} https://x.example`).findings).toEqual([{ code: 'sumdb.name', severity: 'error', params: { name: 'sum.example.com/' } }])
  })
})

describe('the URL after the key: what web.Get will and will not fetch', () => {
  const k = vkey('sum.example.com')
  it.each([
    [`${k} https://x.example/sumdb`, 'ok sum.example.com'],
    [`${k} x.example/sumdb`, 'ok sum.example.com'],
    [`${k} http://x.example`, 'ok sum.example.com'],
    [`${k} https://t@x.example`, 'ok sum.example.com'],
    [`${k} file:///srv/sumdb`, 'ok sum.example.com'],
    [`${k} file:x`, 'ok sum.example.com'],
    [`${k} http://t@x`, 'sumdb.url/credentials-http'],
    [`${k} http:/x`, 'sumdb.url/no-host'],
    [`${k} http://`, 'sumdb.url/no-host'],
    [`${k} https:x`, 'sumdb.url/no-host'],
    [`${k} gopher://x`, 'sumdb.url/scheme'],
  ])('%j → %s', (value, want) => expect(verdict(value)).toBe(want))
})

describe('findings and suggested fixes', () => {
  it('a URL where the key belongs names it, credentials hidden', () => {
    expect(judgeGosumdb('https://u:secret@goproxy.cn/sumdb/sum.golang.org').findings).toEqual([{ code: 'sumdb.url-as-key', severity: 'error', params: { key: 'https://u:***@goproxy.cn/sumdb/sum.golang.org' } }])
  })
  it('a scheme inside the key is not a URL where the key belongs', () => {
    expect(judgeGosumdb('gosum.io/https://x').findings).toEqual([{ code: 'sumdb.key', severity: 'error', params: { key: 'gosum.io/https://x', reason: 'format' } }])
  })
  it('quotes anywhere are named as quotes', () => {
    expect(judgeGosumdb("sum.golang.org'").findings).toEqual([{ code: 'quotes', severity: 'error', params: {} }])
    expect(judgeGosumdb('gosum.io').findings).toEqual([{ code: 'sumdb.key', severity: 'error', params: { key: 'gosum.io', reason: 'format' } }])
  })
  it.each([
    ['"sum.golang.org" ', 'sum.golang.org'],
    ['  https://sum.golang.org  ', 'sum.golang.org'],
    ['http://sum.golang.org', 'sum.golang.org'],
    ['https://sum.golang.google.cn/', 'sum.golang.google.cn'],
    ['"gosum.io"', null],
    ['   ', null],
    ['sum.golang.org', null],
    ['x https://sum.golang.org', null],
    ['https://sum.golang.org/x', null],
    ['x https://goproxy.cn/sumdb/sum.golang.org', null],
    ['https://goproxy.cn/sumdb/sum.golang.org/lookup', null],
  ])('repairGosumdb(%j) → %j', (value, want) => expect(repairGosumdb(value)).toBe(want))
  it('suggests nothing for blanks', () => expect(judgeGosumdb('   ')).toEqual({ findings: [{ code: 'sumdb.empty', severity: 'error', params: {} }] }))
})

describe('check.ts', () => {
  it('splits errors from warnings', () => {
    const j = { findings: [{ code: 'proxy.http', severity: 'warn', params: {} }, { code: 'quotes', severity: 'error', params: {} }] } as const
    const judged = { findings: [...j.findings] }
    expect(warningsOf(judged)).toEqual([j.findings[0]])
    expect(errorsOf(judged)).toEqual([j.findings[1]])
  })
  it.each([
    ['GOPRIVATE', 'a, ,b', 'a,b'],
    ['GOPRIVATE', 'a,\t', 'a'],
    ['GOPROXY', 'https://x| ,https://y', 'https://x|https://y'],
  ] as const)('tidyValue drops blank elements: %s=%j → %j', (name, v, want) => expect(tidyValue(name, v)).toBe(want))
})
