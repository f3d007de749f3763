import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnectStats, createMirrorDispatcher, resolveUserAgent } from '../../src/probe/http.js'
import { sumdbFetcher, verifySumdbProxy, type ProofFindingCode, type SumdbProof } from '../../src/sumdb/proof.js'
import { generateNoteKey } from '../../src/sumdb/note.js'
import { buildTlogDb, startSumdbMirror, startTlogDb, SUMDB_FAULTS, TEST_SUM_GOLANG_ORG, TEST_SUMDB_NAME, type SumdbFault, type TlogDb } from '../support/sumdb-tlog-server.js'
import { startSumdbStandIn } from '../support/sumdb-server.js'
import { findClosedPortUrl, startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox } from '../support/sandbox.js'

/** What gomirror must say of each variant; go's verdict is checked against the same flag. */
const EXPECTED: Record<'ok' | SumdbFault, ProofFindingCode | null> = {
  ok: null,
  'other-key': 'tree-signature',
  'altered-record': 'record-mismatch',
  'wrong-lines': 'record-mismatch',
  'not-in-tree': 'record-not-in-tree',
  'beyond-tree': 'record-beyond-tree',
  'inconsistent-tile': 'inconsistent-tile',
  'stale-tiles': 'http-status',
  'old-latest': null,
  'forked-latest': 'trees-inconsistent',
}

async function proveInProcess(mirror: Mirror, db: TlogDb): Promise<SumdbProof> {
  const dispatcher = createMirrorDispatcher(4000, createConnectStats())
  try {
    const fetch = sumdbFetcher({ dispatcher, userAgent: resolveUserAgent(), authorization: null, timeoutMs: 4000, maxBodyBytes: 256 * 1024, maxRedirects: 5, signal: undefined })
    return await verifySumdbProxy({ baseUrl: mirror.url, verifierKey: db.vkey, fetch })
  } finally {
    await dispatcher.destroy()
  }
}

beforeAll(() => assertGoInstalled())

// A fresh go never reads /latest: it checks a lookup's tree against the tree head it saw last, so the
// forked log has a test of its own below, where go has seen the honest head first.
const FRESH_GO_VARIANTS = ['ok', ...SUMDB_FAULTS.filter((f) => f !== 'forked-latest')] as const

describe.concurrent('a mirror proxying a checksum database: gomirror and go agree', () => {
  it.each(FRESH_GO_VARIANTS)('%s', async (variant) => {
    const db = await startTlogDb({ fault: variant === 'ok' ? undefined : variant })
    const mirror = await startSumdbMirror(db)
    const sb = await createSandbox()
    try {
      const proof = await proveInProcess(mirror, db)
      expect(proof.finding?.code ?? null, proof.error ?? '').toBe(EXPECTED[variant])
      expect(proof.verified).toBe(EXPECTED[variant] === null)
      expect(proof.error === null).toBe(proof.verified)
      // go through the same mirror, with the database's key and no URL: it uses the mirror's sumdb/<name>/ proxy.
      const go = await sb.go(['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], { GOPROXY: mirror.url, GOSUMDB: db.vkey })
      expect(go.exitCode === 0, `${variant}: go said ${go.stdout}${go.stderr}`).toBe(proof.verified)
      expect(mirror.requests).toContain(`/sumdb/${db.name}/supported`)
    } finally {
      await Promise.all([mirror.close(), db.close(), sb.cleanup()])
    }
  })
})

describe('the proof itself', () => {
  let db: TlogDb
  let mirror: Mirror
  beforeAll(async () => {
    db = await startTlogDb()
    mirror = await startSumdbMirror(db)
  })
  afterAll(async () => Promise.all([mirror?.close(), db?.close()]))

  it('asks latest, the lookup and only the tiles the proof needs, under sumdb/<name>/', async () => {
    const before = mirror.requests.length
    const proof = await proveInProcess(mirror, db)
    expect(proof).toMatchObject({ verified: true, error: null, treeSize: 300 })
    expect(mirror.requests.slice(before).sort()).toEqual([
      '/sumdb/sumdb.test/latest',
      '/sumdb/sumdb.test/lookup/rsc.io/quote@v1.5.2',
      '/sumdb/sumdb.test/tile/8/0/000',
      '/sumdb/sumdb.test/tile/8/0/001.p/44',
      '/sumdb/sumdb.test/tile/8/1/000.p/1',
    ])
  })

  it('refuses the tree when verified with another database key, and a malformed key', async () => {
    const other = await startTlogDb()
    try {
      const proof = await proveInProcess(mirror, other) // same name, another key
      expect(proof.finding).toMatchObject({ code: 'tree-signature', params: { path: 'latest', name: 'sumdb.test', reason: 'note has no verifiable signatures' } })
      expect(proof.error).toBe('latest: tree head not signed by sumdb.test (note has no verifiable signatures)')
    } finally {
      await other.close()
    }
    const bad = await verifySumdbProxy({ baseUrl: mirror.url, verifierKey: 'sumdb.test+00000000+AAAA', fetch: () => Promise.reject(new Error('must not fetch')) })
    expect(bad.finding?.code).toBe('bad-key')
  })

  it('reports a mirror that does not proxy the database as an HTTP status', async () => {
    const proof = await verifySumdbProxy({ baseUrl: mirror.url, verifierKey: db.vkey, fetch: async () => ({ status: 404, contentType: '', body: Buffer.alloc(0), ms: 1 }) })
    expect(proof).toMatchObject({ verified: false, finding: { code: 'http-status', params: { status: 404 } } })
  })
})

it('forked-latest: a mirror serving a fork of the log it signed is caught, as go catches it once it has seen the honest head', async () => {
  const keys = generateNoteKey(TEST_SUMDB_NAME)
  const [honestDb, forkedDb] = await Promise.all([buildTlogDb({ keys }), buildTlogDb({ keys, fault: 'forked-latest' })])
  const [honest, forked] = await Promise.all([startSumdbMirror(honestDb), startSumdbMirror(forkedDb)])
  const sb = await createSandbox()
  try {
    const proof = await proveInProcess(forked, { vkey: keys.vkey } as TlogDb)
    expect(proof.finding).toEqual({ code: 'trees-inconsistent', params: { latest: 300, lookup: 310 } })
    expect((await proveInProcess(honest, { vkey: keys.vkey } as TlogDb)).verified).toBe(true)
    // go remembers the honest tree head (GOPATH/pkg/sumdb), then meets the fork.
    const first = await sb.go(['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], { GOPROXY: honest.url, GOSUMDB: keys.vkey })
    expect(first.exitCode, first.stdout).toBe(0)
    expect((await sb.go(['clean', '-modcache'])).exitCode).toBe(0)
    const second = await sb.go(['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], { GOPROXY: forked.url, GOSUMDB: keys.vkey })
    expect(second.exitCode).not.toBe(0)
    expect(second.stdout + second.stderr).toMatch(/SECURITY ERROR|inconsistent/)
  } finally {
    await Promise.all([honest.close(), forked.close(), sb.cleanup()])
  }
})

it('go accepts the test database directly too (GOSUMDB="<key> <url>")', async () => {
  const db = await startTlogDb()
  const mirror = await startSumdbMirror(db)
  const sb = await createSandbox()
  try {
    const go = await sb.go(['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], { GOPROXY: mirror.url, GOSUMDB: `${db.vkey} ${db.url}` })
    expect(go.exitCode, go.stdout + go.stderr).toBe(0)
    expect(db.requests).toContain('lookup/rsc.io/quote@v1.5.2')
    expect(mirror.requests.some((r) => r.startsWith('/sumdb/'))).toBe(false)
  } finally {
    await Promise.all([mirror.close(), db.close(), sb.cleanup()])
  }
})

interface Row { name: string; healthy: boolean; sumdb: boolean | null; sumdbProof: { verified: boolean; error: string | null; code: string | null } | null }

describe('gomirror test and use with the proof', () => {
  it('test --json: a proof per mirror that proxies the database, null for one that does not; the table marks the failure', async () => {
    const [good, none, forged] = await Promise.all([
      startMirror(), // proxies a sum.golang.org signed with the sandbox's GOMIRROR_SUMDB_KEY
      startMirror({ sumdb: false }),
      startSumdbMirror(await buildTlogDb({ name: 'sum.golang.org', keys: TEST_SUM_GOLANG_ORG, fault: 'not-in-tree' })),
    ])
    const sb = await createSandbox()
    try {
      await sb.setCatalog([{ name: 'good', url: good.url }, { name: 'none', url: none.url }, { name: 'forged', url: forged.url }])
      const r = await sb.run(['test', '--json'])
      expect(r.exitCode, r.stderr).toBe(0)
      const rows = new Map((JSON.parse(r.stdout) as { results: Row[] }).results.map((row) => [row.name, row]))
      expect(rows.get('good')).toMatchObject({ healthy: true, sumdb: true, sumdbProof: { verified: true, error: null, code: null } })
      expect(rows.get('none')).toMatchObject({ healthy: true, sumdb: false, sumdbProof: null })
      expect(rows.get('forged')).toMatchObject({ healthy: true, sumdb: true, sumdbProof: { verified: false, code: 'record-not-in-tree', error: 'lookup/rsc.io/quote@v1.5.2: record 123 is not the one the signed tree holds at 123' } })
      expect(good.requests).toContain('/sumdb/sum.golang.org/latest')

      const text = await sb.run(['test'], { LC_ALL: 'zh_CN.UTF-8' })
      expect(text.exitCode, text.stderr).toBe(0)
      expect(text.stdout).toMatch(/forged .* 异常 /)
      expect(text.stdout).toMatch(/forged：它代理的校验和数据库未通过验证：lookup\/rsc.io\/quote@v1.5.2：记录 123 与已签名的树在 123 处保存的记录不同/)
    } finally {
      await Promise.all([good.close(), none.close(), forged.close(), sb.cleanup()])
    }
  })

  it('test honours a GOSUMDB that names another database by its key, and agrees with go', async () => {
    const [okDb, badDb] = await Promise.all([startTlogDb(), startTlogDb({ fault: 'other-key' })])
    const sb = await createSandbox()
    const mirrors = await Promise.all([startSumdbMirror(okDb), startSumdbMirror(badDb)])
    try {
      for (const [db, mirror, verified] of [[okDb, mirrors[0], true], [badDb, mirrors[1], false]] as const) {
        const r = await sb.run(['test', mirror.url, '--json'], { GOSUMDB: db.vkey })
        expect(r.exitCode, r.stderr).toBe(0)
        const [row] = (JSON.parse(r.stdout) as { results: Row[] }).results
        expect(row?.sumdbProof?.verified).toBe(verified)
        expect(mirror.requests).toContain(`/sumdb/${db.name}/supported`)
        const go = await sb.go(['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], { GOPROXY: mirror.url, GOSUMDB: db.vkey, GOFLAGS: '-modcacherw', GOPATH: `${sb.dir}/gopath-${db.vkey.slice(-6).replace(/\W/g, '')}` })
        expect(go.exitCode === 0, go.stdout).toBe(verified)
      }
    } finally {
      await Promise.all([...mirrors.map((m) => m.close()), okDb.close(), badDb.close(), sb.cleanup()])
    }
  })

  it('use: GOSUMDB is not routed through a mirror whose proof fails; go is sent to the database itself', async () => {
    const forged = await startSumdbMirror(await buildTlogDb({ name: 'sum.golang.org', keys: TEST_SUM_GOLANG_ORG, fault: 'inconsistent-tile' }))
    const good = await startMirror({ latencyMs: 30 })
    const official = await startSumdbStandIn('ok')
    const sb = await createSandbox()
    try {
      await sb.setCatalog([{ name: 'forged', url: forged.url }, { name: 'good', url: good.url }])
      const hosts = `sum.golang.org=${official.url},sum.golang.google.cn=${await findClosedPortUrl()}`
      const r = await sb.run(['use', 'forged', '--dry-run', '--json'], { GOMIRROR_SUMDB_HOSTS: hosts })
      expect(r.exitCode, r.stderr).toBe(0)
      const out = JSON.parse(r.stdout) as { written: Record<string, string>; notes: string[]; gosumdb: { decision: string } | null }
      expect(out.gosumdb?.decision).toBe('bypass')
      expect(out.written.GOSUMDB).toBe('sum.golang.org https://sum.golang.org')
      expect(out.notes.join('\n')).toMatch(/forged proxies the checksum database, but what it serves failed verification \(lookup\/rsc.io\/quote@v1.5.2: tiles do not hash to the signed tree \(downloaded inconsistent tile\)\)/)

      const ok = await sb.run(['use', 'good', '--dry-run', '--json'], { GOMIRROR_SUMDB_HOSTS: hosts })
      expect(ok.exitCode, ok.stderr).toBe(0)
      const okOut = JSON.parse(ok.stdout) as { written: Record<string, string>; gosumdb: { decision: string } | null }
      expect(okOut.gosumdb?.decision).toBe('proxied')
      expect(okOut.written.GOSUMDB).toBeUndefined()
    } finally {
      await Promise.all([forged.close(), good.close(), official.close(), sb.cleanup()])
    }
  })
})

it('doctor fails the checksum database check when the proxy go would use serves a forged database, and passes a sound one', async () => {
  const forged = await startSumdbMirror(await buildTlogDb({ name: 'sum.golang.org', keys: TEST_SUM_GOLANG_ORG, fault: 'other-key' }))
  const good = await startMirror()
  const sb = await createSandbox()
  try {
    const doctor = async (goproxy: string) => {
      await sb.go(['env', '-w', `GOPROXY=${goproxy},direct`])
      const r = await sb.run(['doctor', '--json'])
      return (JSON.parse(r.stdout) as { checks: { id: string; status: string; message: string; fix?: string }[] }).checks.find((c) => c.id === 'gosumdb.reachable')
    }
    expect(await doctor(forged.url)).toMatchObject({
      status: 'fail',
      message: `the checksum database sum.golang.org is reached through ${forged.url}, but what it serves failed verification (latest: tree head not signed by sum.golang.org (note has no verifiable signatures)): go refuses modules not yet in go.sum`,
      fix: expect.stringMatching(/gomirror use fastest/),
    })
    expect(await doctor(good.url)).toMatchObject({ status: 'pass', message: `the checksum database sum.golang.org is reached through ${good.url}` })
  } finally {
    await Promise.all([forged.close(), good.close(), sb.cleanup()])
  }
})
