import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import { decideGosumdb } from '../../src/sumdb/decide.js'
import type { HostCheck } from '../../src/sumdb/check.js'
import { sumdbKeyFromEnv, sumdbKeyName } from '../../src/sumdb/key.js'
import { SUM_GOLANG_ORG_KEY } from '../../src/sumdb/proof.js'

const OTHER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
const STAND_IN = 'sum.golang.org+9dbe07a3+AeNW2hwF3bjFHFDwEcGVyDUrGADx2SFXliDzY7sA+/Pb'

describe('sumdbKeyFromEnv: the key go would verify with', () => {
  it.each([
    [{}, SUM_GOLANG_ORG_KEY],
    [{ GOSUMDB: 'sum.golang.org' }, SUM_GOLANG_ORG_KEY],
    [{ GOSUMDB: 'sum.golang.google.cn' }, SUM_GOLANG_ORG_KEY],
    [{ GOSUMDB: 'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org' }, SUM_GOLANG_ORG_KEY],
    [{ GOSUMDB: `${OTHER} https://sum.example.com` }, OTHER],
    [{ GOSUMDB: 'off' }, null],
    [{ GOSUMDB: 'not+a+key' }, null],
    [{ GOMIRROR_SUMDB_KEY: STAND_IN }, STAND_IN],
    [{ GOMIRROR_SUMDB_KEY: STAND_IN, GOSUMDB: OTHER }, OTHER],
  ] as [NodeJS.ProcessEnv, string | null][])('%o', (env, want) => {
    expect(sumdbKeyFromEnv(env)).toBe(want)
  })

  it('refuses a malformed GOMIRROR_SUMDB_KEY as a usage error', () => {
    expect(() => sumdbKeyFromEnv({ GOMIRROR_SUMDB_KEY: 'sum.golang.org+00000000+AAAA' })).toThrow(UsageError)
  })

  it('names the database', () => {
    expect(sumdbKeyName(SUM_GOLANG_ORG_KEY)).toBe('sum.golang.org')
  })
})

describe('decideGosumdb with a refused proxy', () => {
  const host = (h: HostCheck['host'], reachable: boolean): HostCheck => ({ host: h, url: `https://${h}/`, reachable, ms: reachable ? 12 : null, error: reachable ? null : 'connection refused' })
  it('bypasses the proxy when sum.golang.org answers, else falls back to the China host or warns', () => {
    expect(decideGosumdb({ own: false, proxiedBy: null, refused: 'm', hosts: [host('sum.golang.org', true), host('sum.golang.google.cn', true)] }))
      .toEqual({ kind: 'bypass', refused: 'm', value: 'sum.golang.org https://sum.golang.org', ms: 12 })
    expect(decideGosumdb({ own: false, proxiedBy: null, refused: 'm', hosts: [host('sum.golang.org', false), host('sum.golang.google.cn', true)] }).kind).toBe('china')
    expect(decideGosumdb({ own: false, proxiedBy: null, refused: 'm', hosts: [host('sum.golang.org', false), host('sum.golang.google.cn', false)] }).kind).toBe('unreachable')
    expect(decideGosumdb({ own: true, proxiedBy: null, refused: 'm', hosts: null }).kind).toBe('own')
    expect(decideGosumdb({ own: false, proxiedBy: null, refused: null, hosts: [host('sum.golang.org', true)] }).kind).toBe('direct')
  })
})
