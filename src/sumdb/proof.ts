/**
 * Does a mirror's checksum-database proxy (`<mirror>/sumdb/<name>/…`) serve what the database
 * signed? Checked as go's sumdb client checks a lookup (x/mod/sumdb/client.go): the tree heads of
 * `/latest` and of the canary's `/lookup` verify with the database's public key, the lookup holds
 * the canary's known go.sum lines, and its record is proven to be in the signed tree through the
 * tiles (height 8). The two tree heads must also be consistent with each other. Failures are data.
 */
import { fetchResource, type FetchSettings, type FetchedResource } from '../probe/http.js'
import { ProbeFailure } from '../probe/failure.js'
import { CANARY } from '../probe/canary.js'
import { joinUrl } from '../util/url.js'
import { NoteError, openNote, parseVerifierKey, type Verifier } from './note.js'
import { TlogError, parseRecord, parseTree, recordHash, storedHashIndex, treeHash, type Tree } from './tlog.js'
import { tileHashReader, tilePath, type Tile } from './tile.js'

/** The key go knows sum.golang.org by (cmd/go/internal/modfetch/key.go, knownGOSUMDB). */
export const SUM_GOLANG_ORG_KEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'

/** Tile height of sum.golang.org and of go's client (sumdb.Client's default). */
export const TILE_HEIGHT = 8

export interface SumdbCanary {
  module: string
  version: string
  /** The go.sum lines the database must hold for module@version (zip hash and /go.mod hash). */
  expectedLines: readonly string[]
}

export const SUMDB_CANARY: SumdbCanary = {
  module: CANARY.module,
  version: CANARY.version,
  expectedLines: [`${CANARY.module} ${CANARY.version} ${CANARY.zipHash}`, `${CANARY.module} ${CANARY.version}/go.mod ${CANARY.goModHash}`],
}

/** GETs one URL; a mirror's kept-alive connection and budget (probe/http.ts fetchResource with its FetchSettings). */
export type SumdbFetch = (url: URL) => Promise<FetchedResource>

/** The fetcher for a mirror's HTTP settings: its connection, deadline and body cap. */
export function sumdbFetcher(settings: FetchSettings): SumdbFetch {
  return (url) => fetchResource(url, settings)
}

export type ProofFindingCode =
  | 'bad-key' // the verifier key itself is malformed (a setup mistake)
  | 'http-status' // a request did not answer 200
  | 'fetch-failed' // a request failed (reset, timeout, …)
  | 'tree-signature' // a tree head not signed by the database's key
  | 'malformed-tree' // signed text that is not a tree head
  | 'malformed-record' // a lookup answer that is not id, record, tree head
  | 'record-mismatch' // the record's go.sum lines differ from the known ones
  | 'record-beyond-tree' // the record id is not below the signed tree's size
  | 'inconsistent-tile' // tiles that do not hash to the signed tree
  | 'record-not-in-tree' // the record's hash is not the tree's hash at its id
  | 'trees-inconsistent' // /latest and the lookup's tree head are not one log

/** A failed proof as data: a code and its parameters (words are rendered elsewhere). */
export interface ProofFinding {
  code: ProofFindingCode
  params: Record<string, string | number>
}

export interface SumdbProof {
  verified: boolean
  /** English text of `finding`, for `--json`; null when verified. */
  error: string | null
  finding: ProofFinding | null
  /** Size of the tree the record was proven in; null when not reached. */
  treeSize: number | null
}

const ENGLISH: Record<ProofFindingCode, string> = {
  'bad-key': 'checksum database key {key} is not valid: {reason}',
  'http-status': '{path}: HTTP {status}',
  'fetch-failed': '{path}: {reason}',
  'tree-signature': '{path}: tree head not signed by {name} ({reason})',
  'malformed-tree': '{path}: signed text is not a checksum database tree head',
  'malformed-record': '{path}: not a checksum database record',
  'record-mismatch': '{path}: record holds other go.sum lines than the known ones ({got})',
  'record-beyond-tree': '{path}: record {id} is not in the signed tree of {size} records',
  'inconsistent-tile': '{path}: tiles do not hash to the signed tree ({reason})',
  'record-not-in-tree': '{path}: record {id} is not the one the signed tree holds at {id}',
  'trees-inconsistent': 'latest (tree of {latest}) and lookup (tree of {lookup}) are not the same log',
}

/** The English message of a finding (the template filled in). */
export function describeProofFinding(f: ProofFinding): string {
  return ENGLISH[f.code].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(f.params, name) ? String(f.params[name]) : whole))
}

/** English templates by code, for the zh catalog and tests. */
export const PROOF_TEMPLATES: Readonly<Record<ProofFindingCode, string>> = ENGLISH

class Refused extends Error {
  constructor(readonly finding: ProofFinding) {
    super(finding.code)
  }
}

const refuse = (code: ProofFindingCode, params: Record<string, string | number>): never => {
  throw new Refused({ code, params })
}

/** Go's module.EscapePath/EscapeVersion for URLs: an upper-case letter becomes `!` + lower case. */
function escapeForUrl(text: string): string {
  return text.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`)
}

export interface VerifySumdbOptions {
  /** The mirror's base URL (a GOPROXY entry). */
  baseUrl: string
  /** The database's verifier key; its name is the database name in `sumdb/<name>/`. @default SUM_GOLANG_ORG_KEY */
  verifierKey?: string
  /** @default SUMDB_CANARY */
  canary?: SumdbCanary
  fetch: SumdbFetch
}

/** Verify a mirror's proxy of the checksum database; never rejects. */
export async function verifySumdbProxy(opts: VerifySumdbOptions): Promise<SumdbProof> {
  const done = (finding: ProofFinding | null, treeSize: number | null): SumdbProof =>
    ({ verified: finding === null, error: finding && describeProofFinding(finding), finding, treeSize })
  let verifier: Verifier
  const keyText = opts.verifierKey ?? SUM_GOLANG_ORG_KEY
  try {
    verifier = parseVerifierKey(keyText)
  } catch (err) {
    return done({ code: 'bad-key', params: { key: keyText, reason: err instanceof Error ? err.message : String(err) } }, null)
  }
  try {
    const size = await prove(opts, verifier)
    return done(null, size)
  } catch (err) {
    if (err instanceof Refused) return done(err.finding, null)
    throw err
  }
}

async function prove(opts: VerifySumdbOptions, verifier: Verifier): Promise<number> {
  const canary = opts.canary ?? SUMDB_CANARY
  const base = joinUrl(opts.baseUrl, `sumdb/${verifier.name}/`).href
  const get = async (rel: string): Promise<FetchedResource> => {
    try {
      return await opts.fetch(joinUrl(base, rel))
    } catch (err) {
      return refuse('fetch-failed', { path: rel, reason: err instanceof ProbeFailure || err instanceof Error ? err.message : String(err) })
    }
  }
  const getOk = async (rel: string): Promise<Buffer> => {
    const res = await get(rel)
    return res.status === 200 ? res.body : refuse('http-status', { path: rel, status: res.status })
  }
  const openTree = (path: string, msg: Buffer | string): Tree => {
    let text: string
    try {
      text = openNote(msg, [verifier]).text
    } catch (err) {
      if (!(err instanceof NoteError)) throw err
      return refuse('tree-signature', { path, name: verifier.name, reason: err.message })
    }
    return parseTree(text) ?? refuse('malformed-tree', { path })
  }

  // Both requests at once: they share the mirror's connection budget, not its round trips.
  const lookupPath = `lookup/${escapeForUrl(canary.module)}@${escapeForUrl(canary.version)}`
  const [latestBody, lookupBody] = await Promise.all([getOk('latest'), getOk(lookupPath)])
  const latest = openTree('latest', latestBody)
  const record = parseRecord(lookupBody.toString('utf8')) ?? refuse('malformed-record', { path: lookupPath })
  const tree = openTree(lookupPath, record.rest)

  const prefixes = [`${canary.module} ${canary.version} `, `${canary.module} ${canary.version}/go.mod `]
  const got = record.text.split('\n').filter((line) => prefixes.some((p) => line.startsWith(p))).sort()
  const want = [...canary.expectedLines].sort()
  if (got.join('\n') !== want.join('\n')) refuse('record-mismatch', { path: lookupPath, got: got.join('; ') || 'none' })
  if (record.id < 0 || record.id >= tree.n) refuse('record-beyond-tree', { path: lookupPath, id: record.id, size: tree.n })

  const readTiles = cachedTileReader(getOk, get)
  const tileError = (err: unknown): never => {
    if (err instanceof TlogError) return refuse('inconsistent-tile', { path: lookupPath, reason: err.message })
    throw err
  }
  const [leaf] = await tileHashReader(tree, TILE_HEIGHT, readTiles)([storedHashIndex(0, record.id)]).catch(tileError)
  if (!leaf?.equals(recordHash(record.text))) refuse('record-not-in-tree', { path: lookupPath, id: record.id })

  // go's client keeps the newest tree head it saw and proves every other one consistent with it.
  const [older, newer] = latest.n <= tree.n ? [latest, tree] : [tree, latest]
  const consistent = older.n === newer.n
    ? older.hash.equals(newer.hash)
    : (await treeHash(older.n, tileHashReader(newer, TILE_HEIGHT, readTiles)).catch(tileError)).equals(older.hash)
  if (!consistent) refuse('trees-inconsistent', { latest: latest.n, lookup: tree.n })
  return tree.n
}

/**
 * Fetch tiles concurrently, each once. Like go's client, when a partial tile is gone (the tree grew
 * and completed it), take the full tile's first W hashes instead.
 */
function cachedTileReader(getOk: (rel: string) => Promise<Buffer>, get: (rel: string) => Promise<FetchedResource>) {
  const cache = new Map<string, Promise<Buffer>>()
  const readOne = async (t: Tile): Promise<Buffer> => {
    const path = tilePath(t)
    const full = { ...t, w: 2 ** t.h }
    if (full.w === t.w) return getOk(path)
    const res = await get(path)
    if (res.status === 200) return res.body
    const fullData = await getOk(tilePath(full))
    return fullData.subarray(0, t.w * 32)
  }
  return async (tiles: readonly Tile[]): Promise<Buffer[]> => Promise.all(tiles.map((t) => {
    const key = tilePath(t)
    let hit = cache.get(key)
    if (!hit) {
      hit = readOne(t)
      cache.set(key, hit)
    }
    return hit
  }))
}
