import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnectStats, createMirrorDispatcher, resolveUserAgent } from '../../src/probe/http.js'
import { sumdbFetcher, verifySumdbProxy, type ProofFindingCode, type SumdbProof } from '../../src/sumdb/proof.js'
import { startSumdbMirror, startTlogDb, SUMDB_FAULTS, type SumdbFault, type TlogDb } from '../support/sumdb-tlog-server.js'
import type { Mirror } from '../support/mirror-server.js'
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

describe.concurrent('a mirror proxying a checksum database: gomirror and go agree', () => {
  it.each(['ok', ...SUMDB_FAULTS] as const)('%s', async (variant) => {
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
