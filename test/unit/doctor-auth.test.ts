import { describe, expect, it } from 'vitest'
import { checkProxyAccess, checkTrustAndCredentials } from '../../src/doctor/checks-auth.js'
import type { DoctorFacts } from '../../src/doctor/gather.js'
import { parseGoAuth } from '../../src/net/credentials.js'
import { parseNetrc } from '../../src/net/netrc.js'
import type { ProbeResult } from '../../src/probe/types.js'

const GO119 = { major: 1, minor: 19 }
const GO124 = { major: 1, minor: 24 }

function facts(over: { goauth?: string; go?: { major: number; minor: number }; netrc?: string; env?: NodeJS.ProcessEnv } = {}): DoctorFacts {
  return {
    snapshot: null, goError: null, envFile: null, modCache: null, env: over.env ?? {}, exportSites: {},
    goAuth: parseGoAuth(over.goauth ?? '', over.go ?? GO119),
    netrc: { path: '/home/u/.netrc', found: over.netrc !== undefined, error: null, lines: parseNetrc(over.netrc ?? '') },
    trust: { mode: 'unix', pems: ['x'], sources: [{ kind: 'file', path: '/etc/ssl/certs/ca-certificates.crt', env: null, certs: 1 }], ignoredEnv: [] },
  }
}

function refused(url: string, over: Partial<ProbeResult> = {}): ProbeResult {
  return { name: 'p', url, healthy: false, latencyMs: null, connectMs: null, samples: [], sumdb: null, error: 'list: HTTP 401 (credentials missing or rejected)', credentials: null, ...over }
}

const URL1 = 'https://goproxy.corp.example:8443/'

describe('doctor on a proxy that answers 401/403', () => {
  it('no credentials: names the netrc file and the host without its port; the template holds no real secret', () => {
    const [c] = checkProxyAccess(facts(), [URL1], [refused(URL1)])
    expect(c).toMatchObject({ status: 'fail', id: `proxy.auth.${URL1}` })
    expect(c?.message).toContain('/home/u/.netrc has no entry for machine goproxy.corp.example')
    expect(c?.fix).toContain('machine goproxy.corp.example login USER password TOKEN')
  })

  it('the netrc entry go sent: by file:line, machine and login, never the password', () => {
    const sent = { source: 'netrc' as const, file: '/home/u/.netrc', line: 3, machine: 'goproxy.corp.example', login: 'alice' }
    const [c] = checkProxyAccess(facts({ netrc: 'machine goproxy.corp.example login alice password s3cret' }), [URL1], [refused(URL1, { error: 'list: HTTP 403', credentials: sent })])
    expect(c?.message).toContain('HTTP 403 to the credentials go sends from /home/u/.netrc:3 (machine goproxy.corp.example, login alice)')
    expect(JSON.stringify(c)).not.toContain('s3cret')
  })

  it('credentials in the URL: advises moving them to netrc, never a URL with a token', () => {
    const [c] = checkProxyAccess(facts(), ['https://a:tok@h.example/'], [refused('https://a:***@h.example/', { credentials: { source: 'url' } })])
    expect(c?.fix).toMatch(/^take them out of the URL and add this line to \/home\/u\/\.netrc/)
    expect(JSON.stringify(c)).not.toContain('tok@')
  })

  it('plain http, GOAUTH=off (Go 1.24+) and GOAUTH commands each say why go sends nothing', () => {
    const http = checkProxyAccess(facts(), ['http://h.example/'], [refused('http://h.example/')])[0]
    expect(http?.message).toContain('go never sends credentials over plain http')
    const off = checkProxyAccess(facts({ goauth: 'off', go: GO124 }), [URL1], [refused(URL1)])[0]
    expect(off?.message).toContain('GOAUTH=off')
    const cmd = checkProxyAccess(facts({ goauth: 'git /src', go: GO124 }), [URL1], [refused(URL1)])[0]
    expect(cmd).toMatchObject({ status: 'warn' })
    expect(cmd?.message).toContain('go would ask GOAUTH (git /src)')
  })

  it('a healthy proxy, or one failing for another reason, gets no credentials check', () => {
    expect(checkProxyAccess(facts(), [URL1], [refused(URL1, { error: 'list: HTTP 500' })])).toEqual([])
  })
})

describe('doctor on trust roots and credentials', () => {
  it('warns when SSL_CERT_FILE gives go nothing, and fails when go has no roots at all', () => {
    const f = facts({ env: { SSL_CERT_FILE: '/nope.pem' } })
    expect(checkTrustAndCredentials(f)[0]).toMatchObject({ status: 'warn', id: 'network.trust-roots' })
    const none = { ...facts(), trust: { mode: 'unix' as const, pems: [], sources: [], ignoredEnv: [] } }
    expect(checkTrustAndCredentials(none)[0]).toMatchObject({ status: 'fail' })
  })

  it('says GOAUTH commands are not run by the probes (Go 1.24+), and ignores GOAUTH below 1.24', () => {
    expect(checkTrustAndCredentials(facts({ goauth: '/bin/cred', go: GO124 })).map((c) => c.id)).toContain('network.goauth')
    expect(checkTrustAndCredentials(facts({ goauth: '/bin/cred', go: GO119 })).map((c) => c.id)).not.toContain('network.goauth')
  })
})
