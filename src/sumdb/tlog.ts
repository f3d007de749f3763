/**
 * The checksum database's transparency log (golang.org/x/mod/sumdb/tlog), enough to check what a
 * mirror serves the way go checks it: record and node hashes, the stored-hash numbering, tree
 * hashes, record proofs, tree and record texts (tiles are in tile.ts). Index arithmetic
 * uses plain numbers, exact up to 2^53; shifts are written as multiplication because JavaScript's
 * `<<` is 32-bit.
 */
import { createHash } from 'node:crypto'

export const HASH_SIZE = 32
export type Hash = Buffer

/** Why a tree, record or tile is refused; the message is Go's wording where it has one. */
export class TlogError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TlogError'
  }
}

export const pow2 = (k: number): number => 2 ** k
export const shl = (n: number, k: number): number => n * pow2(k)
export const shr = (n: number, k: number): number => Math.floor(n / pow2(k))

function trailingZeros(n: number): number {
  if (n === 0) return 64
  let z = 0
  for (; n % 2 === 0; n /= 2) z++
  return z
}

/** SHA-256(0x00 ‖ data): the hash of one record (a leaf). */
export function recordHash(data: Buffer | string): Hash {
  return createHash('sha256').update(Buffer.from([0])).update(data).digest()
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. */
export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest()
}

/** Largest power of two below n (k, with k = 2^l). */
function maxpow2(n: number): [number, number] {
  let l = 0
  while (pow2(l + 1) < n) l++
  return [pow2(l), l]
}

/** Where the hash of node `n` at `level` sits in the sequence of stored hashes. */
export function storedHashIndex(level: number, n: number): number {
  for (let l = level; l > 0; l--) n = 2 * n + 1
  let i = 0
  for (; n > 0; n = shr(n, 1)) i += n
  return i + level
}

/** The inverse of storedHashIndex: [level, n]. */
export function splitStoredHashIndex(index: number): [number, number] {
  let n = Math.floor(index / 2)
  let indexN = storedHashIndex(0, n)
  if (indexN > index) throw new TlogError('bad math')
  for (;;) {
    const x = indexN + 1 + trailingZeros(n + 1)
    if (x > index) break
    n++
    indexN = x
  }
  const level = index - indexN
  return [level, shr(n, level)]
}

/** How many hashes a tree of n records stores. */
export function storedHashCount(n: number): number {
  if (n === 0) return 0
  let count = storedHashIndex(0, n - 1) + 1
  for (let i = n - 1; i % 2 === 1; i = shr(i, 1)) count++
  return count
}

/** Reads stored hashes by index; may be asynchronous (tiles over the network). */
export type HashReader = (indexes: readonly number[]) => Hash[] | Promise<Hash[]>

/** The hashes to append to the stored hashes when record n (with hash h) is added. */
export async function storedHashesForRecordHash(n: number, h: Hash, read: HashReader): Promise<Hash[]> {
  const hashes = [h]
  const m = trailingZeros(n + 1)
  const indexes: number[] = []
  for (let i = 0; i < m; i++) indexes[m - 1 - i] = storedHashIndex(i, shr(n, i) - 1)
  const old = await read(indexes)
  for (let i = 0; i < m; i++) {
    h = nodeHash(old[m - 1 - i] as Hash, h)
    hashes.push(h)
  }
  return hashes
}

/** The stored-hash indexes of the complete subtrees covering records [lo, hi). */
export function subTreeIndex(lo: number, hi: number, need: number[]): number[] {
  while (lo < hi) {
    const [k, level] = maxpow2(hi - lo + 1)
    need.push(storedHashIndex(level, shr(lo, level)))
    lo += k
  }
  return need
}

function subTreeHash(lo: number, hi: number, hashes: Hash[]): [Hash, Hash[]] {
  let numTree = 0
  while (lo < hi) {
    numTree++
    lo += maxpow2(hi - lo + 1)[0]
  }
  let h = hashes[numTree - 1] as Hash
  for (let i = numTree - 2; i >= 0; i--) h = nodeHash(hashes[i] as Hash, h)
  return [h, hashes.slice(numTree)]
}

/** The hash of the tree of the first n records. */
export async function treeHash(n: number, read: HashReader): Promise<Hash> {
  if (n === 0) return Buffer.alloc(HASH_SIZE)
  const indexes = subTreeIndex(0, n, [])
  const hashes = await read(indexes)
  if (hashes.length !== indexes.length) throw new TlogError(`ReadHashes(${indexes.length} indexes) = ${hashes.length} hashes`)
  return subTreeHash(0, n, hashes)[0]
}

function leafProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (lo + 1 === hi) return need
  const [k] = maxpow2(hi - lo)
  if (n < lo + k) {
    leafProofIndex(lo, lo + k, n, need)
    subTreeIndex(lo + k, hi, need)
  } else {
    subTreeIndex(lo, lo + k, need)
    leafProofIndex(lo + k, hi, n, need)
  }
  return need
}

function leafProof(lo: number, hi: number, n: number, hashes: Hash[]): [Hash[], Hash[]] {
  if (lo + 1 === hi) return [[], hashes]
  const [k] = maxpow2(hi - lo)
  let p: Hash[]
  let th: Hash
  if (n < lo + k) {
    ;[p, hashes] = leafProof(lo, lo + k, n, hashes)
    ;[th, hashes] = subTreeHash(lo + k, hi, hashes)
  } else {
    ;[th, hashes] = subTreeHash(lo, lo + k, hashes)
    ;[p, hashes] = leafProof(lo + k, hi, n, hashes)
  }
  return [[...p, th], hashes]
}

/** The proof that record n is in the tree of t records (tlog.ProveRecord). */
export async function proveRecord(t: number, n: number, read: HashReader): Promise<Hash[]> {
  if (t < 0 || n < 0 || n >= t) throw new TlogError('invalid inputs in ProveRecord')
  const indexes = leafProofIndex(0, t, n, [])
  if (indexes.length === 0) return []
  return leafProof(0, t, n, await read(indexes))[0]
}

function runRecordProof(p: readonly Hash[], lo: number, hi: number, n: number, leaf: Hash): Hash | null {
  if (lo + 1 === hi) return p.length === 0 ? leaf : null
  if (p.length === 0) return null
  const [k] = maxpow2(hi - lo)
  const last = p[p.length - 1] as Hash
  const rest = p.slice(0, -1)
  if (n < lo + k) {
    const th = runRecordProof(rest, lo, lo + k, n, leaf)
    return th && nodeHash(th, last)
  }
  const th = runRecordProof(rest, lo + k, hi, n, leaf)
  return th && nodeHash(last, th)
}

/** Does proof p show that record n, with hash h, is in the tree of t records whose hash is th? (tlog.CheckRecord) */
export function checkRecord(p: readonly Hash[], t: number, th: Hash, n: number, h: Hash): boolean {
  if (t < 0 || n < 0 || n >= t) return false
  const got = runRecordProof(p, 0, t, n, h)
  return got !== null && got.equals(th)
}

/** A tree head: its size and hash. */
export interface Tree {
  n: number
  hash: Hash
}

const TREE_PREFIX = 'go.sum database tree\n'

/** The signed text of a tree head. */
export function formatTree(tree: Tree): string {
  return `${TREE_PREFIX}${tree.n}\n${tree.hash.toString('base64')}\n`
}

/** Parse the text of a tree head (tlog.ParseTree); null when malformed. */
export function parseTree(text: string): Tree | null {
  if (!text.startsWith(TREE_PREFIX) || text.split('\n').length - 1 < 3 || text.length > 1e6) return null
  const lines = text.split('\n')
  const nText = lines[1] as string
  const n = Number(nText)
  if (!/^(0|[1-9][0-9]*)$/.test(nText) || !Number.isSafeInteger(n)) return null
  const b64 = lines[2] as string
  if (!/^[A-Za-z0-9+/]{43}=$/.test(b64)) return null
  return { n, hash: Buffer.from(b64, 'base64') }
}

/** Record text go accepts: UTF-8 lines, no control characters, no blank line, ends in a newline. */
function isValidRecordText(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return text.endsWith('\n') && !text.includes('\n\n') && !/[\u0000-\u0009\u000b-\u001f\ufffd]/.test(text)
}

export interface ParsedRecord {
  id: number
  text: string
  /** What follows the record: the signed tree head it is proven against. */
  rest: string
}

/** Split a `/lookup` answer into record id, record text and tree note (tlog.ParseRecord); null when malformed. */
export function parseRecord(msg: string): ParsedRecord | null {
  const nl = msg.indexOf('\n')
  if (nl < 0) return null
  const idText = msg.slice(0, nl)
  const id = Number(idText)
  if (!/^[+-]?[0-9]+$/.test(idText) || !Number.isSafeInteger(id)) return null
  const body = msg.slice(nl + 1)
  const end = body.indexOf('\n\n')
  if (end < 0) return null
  const text = body.slice(0, end + 1)
  if (!isValidRecordText(text)) return null
  return { id, text, rest: body.slice(end + 2) }
}

/** A `/lookup` answer body without its tree note: `id\ntext\n`. */
export function formatRecord(id: number, text: string): string {
  if (!isValidRecordText(text)) throw new TlogError('malformed record data')
  return `${id}\n${text}\n`
}
