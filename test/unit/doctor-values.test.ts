import { describe, expect, it } from 'vitest'
import { checkGoproxy, checkGosumdb, checkPatterns } from '../../src/doctor/checks-settings.js'
import type { DoctorFacts } from '../../src/doctor/gather.js'
import { GO_DEFAULTS, MANAGED_VARS, type ManagedVar } from '../../src/goenv/vars.js'
import type { GoSnapshot, VarState } from '../../src/goenv/read.js'
import { parseGoAuth } from '../../src/net/credentials.js'

/** Facts as if the go env file set these values. */
function facts(values: Partial<Record<ManagedVar, string>>): DoctorFacts {
  const vars = {} as Record<ManagedVar, VarState>
  for (const n of MANAGED_VARS) {
    const v = values[n]
    vars[n] = v === undefined ? ({ value: n === 'GONOPROXY' || n === 'GONOSUMDB' ? (values.GOPRIVATE ?? '') : (GO_DEFAULTS as Record<string, string>)[n] ?? '', source: 'default', fileValue: null } as VarState) : ({ value: v, source: 'goenv', fileValue: v } as VarState)
  }
  const snapshot = { goVersion: { major: 1, minor: 19, raw: 'go1.19' }, envFile: '/x/env', envFileBytes: null, fileVars: new Map(), vars, extra: {} } as unknown as GoSnapshot
  const goAuth = parseGoAuth('', snapshot.goVersion)
  return { snapshot, goError: null, envFile: null, modCache: null, env: {}, exportSites: {}, goAuth, netrc: { path: '/x/.netrc', found: false, error: null, lines: [] }, trust: { mode: 'unix', pems: [], sources: [], ignoredEnv: [] } }
}

const brief = (checks: { id: string; status: string; fix?: string }[]) => checks.map((c) => `${c.status}:${c.id}${c.fix ? ` ${c.fix}` : ''}`)

describe("doctor's value checks give the same judgement as profile add and use (src/values)", () => {
  it.each([
    ['https://goproxy.cn;direct', ['warn:goproxy.separator go env -w GOPROXY=https://goproxy.cn,direct', 'warn:goproxy.direct go env -w GOPROXY=\'https://goproxy.cn;direct,direct\'']],
    ['https://goproxy.cn/%zz,direct', ['fail:goproxy.parse gomirror use fastest   # or: go env -w GOPROXY=https://proxy.golang.org,direct']],
    ['https:/goproxy.cn', ['fail:goproxy.parse gomirror use fastest   # or: go env -w GOPROXY=https://proxy.golang.org,direct']],
    ['http://tok@goproxy.corp.example.com,direct', ['fail:goproxy.credentials use the https URL of that proxy']],
    ['https://goproxy.cn,,direct', ['warn:goproxy.tidy go env -w GOPROXY=https://goproxy.cn,direct']],
    ['off,direct', ['warn:goproxy.off gomirror use fastest']],
    ['file:///srv/goproxy,direct', ['pass:goproxy.parse']],
  ])('GOPROXY=%j', (value, want) => expect(brief(checkGoproxy(facts({ GOPROXY: value })))).toEqual(want))

  it.each([
    ['sum.golang.org goproxy.cn/sumdb/sum.golang.org', ['pass:gosumdb.parse']],
    ['sum.golang.org file:///srv/sumdb', ['pass:gosumdb.parse']],
    ['https://goproxy.cn/sumdb/sum.golang.org', ["fail:gosumdb.parse go env -w GOSUMDB='sum.golang.org https://goproxy.cn/sumdb/sum.golang.org'"]],
  ])('GOSUMDB=%j', (value, want) => expect(brief(checkGosumdb(facts({ GOSUMDB: value })))).toEqual(want))

  it.each([
    ['a.example.com,,b.example.com', ['warn:patterns.GOINSECURE go env -w GOINSECURE=a.example.com,b.example.com']],
    ['GitHub.com/MyCorp', ['fail:patterns.GOINSECURE go env -w GOINSECURE=github.com/MyCorp']],
    ['git.corp/[a-z', ['fail:patterns.GOINSECURE go env -u GOINSECURE']],
    ['git.corp.example.com', ['pass:private.patterns']],
  ])('GOINSECURE=%j', (value, want) => expect(brief(checkPatterns(facts({ GOINSECURE: value })))).toEqual(want))
})
