import { describe, expect, it } from 'vitest'
import { findTrustChanges, isDeliberatelyEmpty, looksPublic, sumdbKey, type OwnTrust } from '../../src/profiles/trust.js'
import { verifierKey } from '../support/verifier-key.js'

const OFFICIAL = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'
const own = (nosumdb = '', insecure = '', keys: string[] = []): OwnTrust => ({ sumdbKeys: new Set([OFFICIAL, ...keys]), nosumdb, insecure })

describe('findTrustChanges (table)', () => {
  const corp = verifierKey('sumdb.corp.example')
  const cases: [string, Record<string, string>, OwnTrust, { variable: string; patterns: string[]; database: string | null }[]][] = [
    ['nothing about verification', { GOPROXY: 'https://goproxy.cn,direct', GONOPROXY: 'github.com' }, own(), []],
    ['sum.golang.google.cn is sum.golang.org', { GOSUMDB: 'sum.golang.google.cn' }, own(), []],
    ['sum.golang.org through a proxy URL', { GOSUMDB: 'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org' }, own(), []],
    ['the official key written out', { GOSUMDB: OFFICIAL }, own(), []],
    ['another database', { GOSUMDB: corp }, own(), [{ variable: 'GOSUMDB', patterns: [], database: 'sumdb.corp.example' }]],
    ['a database the user already uses', { GOSUMDB: `${corp} https://sumdb.corp.example` }, own('', '', [corp]), []],
    ['off', { GOSUMDB: 'off', GONOSUMDB: 'github.com' }, own(), [{ variable: 'GOSUMDB', patterns: [], database: 'off' }]],
    ['a public module in GONOSUMDB', { GONOSUMDB: 'github.com/victim/lib,git.corp.example' }, own('git.corp.example'), [{ variable: 'GONOSUMDB', patterns: ['github.com/victim/lib'], database: null }]],
    ['GOPRIVATE when GONOSUMDB is left to it', { GOPRIVATE: 'git.other.example' }, own(), [{ variable: 'GOPRIVATE', patterns: ['git.other.example'], database: null }]],
    ['GONOSUMDB set: GOPRIVATE no longer decides', { GOPRIVATE: 'github.com', GONOSUMDB: 'git.corp.example' }, own('*.corp.example'), []],
    ['covered by a glob of the user', { GOPRIVATE: 'git.corp.example/team/*' }, own('git.corp.example'), []],
    ['none matches no module', { GONOSUMDB: 'none' }, own(), []],
    ['GOINSECURE on a public host', { GOINSECURE: 'gopkg.in/x' }, own(), [{ variable: 'GOINSECURE', patterns: ['gopkg.in/x'], database: null }]],
    ['GOINSECURE the user has', { GOINSECURE: 'dev.corp.example' }, own('', 'dev.corp.example'), []],
  ]
  for (const [name, vars, trust, want] of cases) {
    it(name, () => {
      expect(findTrustChanges(vars, trust).map((c) => ({ variable: c.variable, patterns: c.patterns, database: c.database }))).toEqual(want)
    })
  }

  it('names the public modules a broad pattern catches', () => {
    const [c] = findTrustChanges({ GONOSUMDB: 'golang.org' }, own())
    expect(c?.publicExamples).toEqual(['golang.org/x/text'])
    expect(c?.message).toMatch(/exempts golang\.org from checksum verification: modules matching them \(public ones included: golang\.org\/x\/text\) would not be checked against any checksum database/)
  })
})

describe('helpers', () => {
  it('sumdbKey, isDeliberatelyEmpty, looksPublic', () => {
    expect(sumdbKey('sum.golang.google.cn')).toBe(OFFICIAL)
    expect(sumdbKey('off')).toBe('off')
    expect(sumdbKey('nonsense')).toBeNull()
    expect(isDeliberatelyEmpty('none')).toBe(true)
    expect(isDeliberatelyEmpty('none,off')).toBe(true)
    expect(isDeliberatelyEmpty('none,git.corp.example')).toBe(false)
    expect(isDeliberatelyEmpty('*')).toBe(false)
    expect(looksPublic('github.com/someone/lib')).toBe(true)
    expect(looksPublic('*.github.com')).toBe(false)
    expect(looksPublic('git.corp.example')).toBe(false)
  })
})
