/**
 * A loopback checksum database with a test key: a real transparency log (300 records, the canary
 * rsc.io/quote v1.5.2 with its real go.sum lines among fillers), serving `/latest`, `/lookup/…` and
 * `/tile/…` as sum.golang.org does, so the real go accepts it (GOSUMDB="<vkey> <url>"). It can also
 * be proxied by a loopback GOPROXY under `sumdb/<name>/` (startSumdbMirror). Faults make it serve
 * what a broken or hostile proxy would.
 */
import { createServer, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { createHash } from 'node:crypto'
import { CANARY } from '../../src/probe/canary.js'
import { generateNoteKey, parseSignerKey, signNote, type Signer } from '../../src/sumdb/note.js'
import { formatRecord, formatTree, recordHash, storedHashesForRecordHash, treeHash, type Hash, type HashReader } from '../../src/sumdb/tlog.js'
import { parseTilePath, readTileData, type Tile } from '../../src/sumdb/tile.js'
import { listenLoopback } from './net-helpers.js'
import { startMirror, type Mirror, type MirrorOptions } from './mirror-server.js'

export const SUMDB_FAULTS = [
  'other-key', // tree heads signed by another key under the same name
  'altered-record', // lookup answers the canary with a changed zip hash (the tree holds the real one)
  'wrong-lines', // the log itself holds a changed zip hash for the canary (consistent and signed)
  'not-in-tree', // the log never held the canary; lookup claims it sits where a filler does
  'beyond-tree', // lookup names a record id past the end of the signed tree
  'inconsistent-tile', // one hash in a tile flipped, so the tiles no longer hash to the signed tree
  'stale-tiles', // tiles from an older, smaller tree: the signed tree's partial tiles are missing
  'old-latest', // not a fault: /latest is an older head of the same log (consistent), as a cache may serve
  'forked-latest', // /latest is the honest head; lookup and tiles come from a forked log (filler 5 rewritten, 10 more records)
] as const
export type SumdbFault = (typeof SUMDB_FAULTS)[number]

export const TEST_SUMDB_NAME = 'sumdb.test'

/**
 * A test key named sum.golang.org (not the real one: go refuses what it signs). Loopback mirrors
 * proxy a database signed with it, and the sandbox hands gomirror its verifier key through
 * GOMIRROR_SUMDB_KEY, so `test` and `use` see a mirror that proxies a database they can verify.
 */
export const TEST_SUM_GOLANG_ORG = {
  skey: 'PRIVATE+KEY+sum.golang.org+9dbe07a3+ARP/pMtfJp4V8vruX0yFuKxp6Y76Qk9NcsX6NPkBWiMA',
  vkey: 'sum.golang.org+9dbe07a3+AeNW2hwF3bjFHFDwEcGVyDUrGADx2SFXliDzY7sA+/Pb',
} as const
const TILE_H = 8
const RECORDS = 300
const CANARY_AT = 123

export const CANARY_RECORD = `${CANARY.module} ${CANARY.version} ${CANARY.zipHash}\n${CANARY.module} ${CANARY.version}/go.mod ${CANARY.goModHash}\n`
const ALTERED_RECORD = CANARY_RECORD.replace(CANARY.zipHash, 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')

function fillerRecord(i: number): string {
  const h = (s: string): string => `h1:${createHash('sha256').update(s).digest('base64')}`
  const mod = `example.com/filler${i}`
  return `${mod} v1.0.0 ${h(`zip ${i}`)}\n${mod} v1.0.0/go.mod ${h(`mod ${i}`)}\n`
}

interface Log {
  records: string[]
  stored: Hash[]
}

async function buildLog(records: string[]): Promise<Log> {
  const stored: Hash[] = []
  const read: HashReader = (ix) => ix.map((x) => stored[x] as Hash)
  for (let i = 0; i < records.length; i++) stored.push(...(await storedHashesForRecordHash(i, recordHash(records[i] as string), read)))
  return { records, stored }
}

/** A checksum database answering paths relative to its root; not listening anywhere. */
export interface TlogHandler {
  name: string
  vkey: string
  requests: string[]
  /** Answer a path relative to the database root; false when it is not one. */
  answer(rel: string, res: ServerResponse): boolean
}

export interface TlogDb extends TlogHandler {
  name: string
  /** The verifier key go and gomirror are given (GOSUMDB=`<vkey> <url>`). */
  vkey: string
  /** The direct base URL (no trailing slash), for GOSUMDB's second field. */
  url: string
  /** Paths asked, relative to the database root (`latest`, `lookup/…`, `tile/…`), direct or proxied. */
  requests: string[]
  /** Answer a path relative to the database root; false when it is not one. */
  answer(rel: string, res: ServerResponse): boolean
  close(): Promise<void>
}

export interface TlogDbOptions {
  fault?: SumdbFault
  /** @default TEST_SUMDB_NAME */
  name?: string
  /** @default a fresh key named `name` */
  keys?: { skey: string; vkey: string }
}

/** Build a checksum database in memory (300 records, the canary at 123). */
export async function buildTlogDb(opts: TlogDbOptions = {}): Promise<TlogHandler> {
  const name = opts.name ?? TEST_SUMDB_NAME
  const fault = opts.fault
  const keys = opts.keys ?? generateNoteKey(name)
  const signer: Signer = parseSignerKey(fault === 'other-key' ? generateNoteKey(name).skey : keys.skey)

  const honest = Array.from({ length: RECORDS }, (_, i) => fillerRecord(i))
  if (fault !== 'not-in-tree') honest[CANARY_AT] = fault === 'wrong-lines' ? ALTERED_RECORD : CANARY_RECORD
  const forked = fault === 'forked-latest'
  const records = forked ? [...honest.slice(0, 5), fillerRecord(1000), ...honest.slice(6), ...Array.from({ length: 10 }, (_, i) => fillerRecord(RECORDS + i))] : honest
  const size = records.length
  const log = await buildLog(records)
  const read: HashReader = (ix) => ix.map((x) => log.stored[x] as Hash)
  const headOf = async (n: number, from: HashReader): Promise<string> => signNote(formatTree({ n, hash: await treeHash(n, from) }), signer)
  const signed = await headOf(size, read)
  const honestLog = forked ? await buildLog(honest) : log
  const latest = fault === 'old-latest' ? await headOf(RECORDS - 40, read)
    : forked ? await headOf(RECORDS, (ix) => ix.map((x) => honestLog.stored[x] as Hash))
    : signed
  // The size the tiles are served for: a stale cache knows only an older tree.
  const tileSize = fault === 'stale-tiles' ? size - 10 : size

  const lookup = (mod: string): string | null => {
    if (mod !== `${CANARY.module}@${CANARY.version}`) {
      const m = /^example\.com\/filler(\d+)@v1\.0\.0$/.exec(mod)
      const i = m ? Number(m[1]) : -1
      return i >= 0 && i < size && i !== CANARY_AT ? formatRecord(i, records[i] as string) + signed : null
    }
    if (fault === 'altered-record') return formatRecord(CANARY_AT, ALTERED_RECORD) + signed
    if (fault === 'beyond-tree') return formatRecord(size, CANARY_RECORD) + signed
    if (fault === 'not-in-tree') return formatRecord(CANARY_AT, CANARY_RECORD) + signed
    return formatRecord(CANARY_AT, records[CANARY_AT] as string) + signed
  }

  const tile = async (t: Tile): Promise<Buffer | null> => {
    const have = Math.floor(tileSize / 2 ** (Math.max(t.l, 0) * t.h)) - t.n * 2 ** t.h
    if (have < t.w) return null
    if (t.l === -1) return Buffer.from(Array.from({ length: t.w }, (_, i) => formatRecord(t.n * 2 ** t.h + i, records[t.n * 2 ** t.h + i] as string)).join(''))
    const data = await readTileData(t, read)
    if (fault === 'inconsistent-tile' && t.l === 0 && t.n === 1) data[5] = (data[5] as number) ^ 1
    return data
  }

  const requests: string[] = []
  const text = (res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=UTF-8'): void => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body)
  }
  const answer = (rel: string, res: ServerResponse): boolean => {
    rel = rel.replace(/^\/+/, '')
    if (rel !== 'latest' && !rel.startsWith('lookup/') && !rel.startsWith('tile/')) return false
    requests.push(rel)
    if (rel === 'latest') text(res, 200, latest)
    else if (rel.startsWith('lookup/')) {
      const body = lookup(decodeURIComponent(rel.slice('lookup/'.length)))
      if (body === null) text(res, 404, 'not found\n')
      else text(res, 200, body)
    } else {
      const t = parseTilePath(rel)
      if (!t || t.h !== TILE_H) text(res, 400, 'invalid tile syntax\n')
      else {
        void tile(t).then((data) => (data ? text(res, 200, data, 'application/octet-stream') : text(res, 404, 'not found\n')))
      }
    }
    return true
  }
  return { name, vkey: keys.vkey, requests, answer }
}

/** Start a checksum database on 127.0.0.1; always close() it. */
export async function startTlogDb(opts: TlogDbOptions = {}): Promise<TlogDb> {
  const db = await buildTlogDb(opts)
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    if (!db.answer(new URL(req.url ?? '/', 'http://db').pathname, res)) res.writeHead(404).end('not found\n')
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listenLoopback(server)
  return {
    ...db,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A mirror route proxying `db` under `sumdb/<name>/` (with `supported` answering 200). */
export function sumdbRoute(db: TlogHandler): (rel: string, res: ServerResponse) => boolean {
  const prefix = `sumdb/${db.name}/`
  return (rel, res) => {
    if (!rel.startsWith(prefix)) return false
    const rest = rel.slice(prefix.length)
    if (rest === 'supported') res.writeHead(200).end()
    else if (!db.answer(rest, res)) res.writeHead(404).end('not found\n')
    return true
  }
}

/** A loopback GOPROXY (canary and fake modules) that also proxies `db` under `sumdb/<name>/`. */
export async function startSumdbMirror(db: TlogHandler, opts: MirrorOptions = {}): Promise<Mirror> {
  return startMirror({ ...opts, extraRoute: sumdbRoute(db) })
}
