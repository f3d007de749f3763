/**
 * Tiles of the checksum database's log (golang.org/x/mod/sumdb/tlog tile.go): the stored hashes
 * served in blocks of 2^h (height 8 on sum.golang.org) at `tile/H/L/NNN[.p/W]`, and a HashReader
 * that authenticates every tile it reads against a signed tree head.
 */
import { HASH_SIZE, TlogError, nodeHash, pow2, shl, shr, splitStoredHashIndex, storedHashIndex, subTreeIndex, type Hash, type HashReader, type Tree } from './tlog.js'

/** A tile: height h, level l (-1 for record data), number n within the level, width w (2^h when complete). */
export interface Tile {
  h: number
  l: number
  n: number
  w: number
}

function tileForIndex(h: number, index: number): { tile: Tile; start: number; end: number } {
  let [level, n] = splitStoredHashIndex(index)
  const l = Math.floor(level / h)
  level -= l * h
  const tn = shr(shl(n, level), h)
  n -= shr(shl(tn, h), level)
  const w = shl(n + 1, level)
  return { tile: { h, l, n: tn, w }, start: shl(n, level) * HASH_SIZE, end: shl(n + 1, level) * HASH_SIZE }
}

/** The tile holding stored hash `index` (its width just covers it). */
export function tileForStoredIndex(h: number, index: number): Tile {
  return tileForIndex(h, index).tile
}

function tileHash(data: Buffer): Hash {
  if (data.length === HASH_SIZE) return data
  const half = data.length / 2
  return nodeHash(tileHash(data.subarray(0, half)), tileHash(data.subarray(half)))
}

/** The hash at stored index `index`, computed from the data of tile t (tlog.HashFromTile). */
export function hashFromTile(t: Tile, data: Buffer, index: number): Hash {
  if (t.h < 1 || t.h > 30 || t.l < 0 || t.l >= 64 || t.w < 1 || t.w > pow2(t.h)) throw new TlogError(`invalid tile ${tilePath(t)}`)
  if (data.length < t.w * HASH_SIZE) throw new TlogError(`data len ${data.length} too short for tile ${tilePath(t)}`)
  const { tile, start, end } = tileForIndex(t.h, index)
  if (t.l !== tile.l || t.n !== tile.n || t.w < tile.w) throw new TlogError(`index ${index} is in ${tilePath(tile)} not ${tilePath(t)}`)
  return tileHash(data.subarray(start, end))
}

/** The bytes of tile t: the hashes it covers, read from a tree's stored hashes (tlog.ReadTileData). */
export async function readTileData(t: Tile, read: HashReader): Promise<Buffer> {
  const start = shl(t.n, t.h)
  const indexes = Array.from({ length: t.w }, (_, i) => storedHashIndex(t.h * t.l, start + i))
  return Buffer.concat(await read(indexes))
}

/** `tile/8/0/x001/234`, with `.p/W` for a partial tile and `data` for level -1 (tlog.Tile.Path). */
export function tilePath(t: Tile): string {
  let n = t.n
  let nStr = String(n % 1000).padStart(3, '0')
  while (n >= 1000) {
    n = Math.floor(n / 1000)
    nStr = `x${String(n % 1000).padStart(3, '0')}/${nStr}`
  }
  const partial = t.w !== pow2(t.h) ? `.p/${t.w}` : ''
  return `tile/${t.h}/${t.l === -1 ? 'data' : t.l}/${nStr}${partial}`
}

/** Parse a tile path (tlog.ParseTilePath); null when it is not one go would write. */
export function parseTilePath(path: string): Tile | null {
  let f = path.split('/')
  if (f.length < 4 || f[0] !== 'tile') return null
  const hText = f[1] as string
  const isData = f[2] === 'data'
  const lText = isData ? '0' : (f[2] as string)
  if (!/^[0-9]+$/.test(hText) || !/^[0-9]+$/.test(lText)) return null
  const h = Number(hText)
  if (h < 1 || h > 30) return null
  let w = pow2(h)
  const dotP = f[f.length - 2] as string
  if (dotP.endsWith('.p')) {
    const wText = f[f.length - 1] as string
    const ww = Number(wText)
    if (!/^[0-9]+$/.test(wText) || ww <= 0 || ww >= w) return null
    w = ww
    f = [...f.slice(0, -2), dotP.slice(0, -2)]
  }
  let n = 0
  for (const s of f.slice(3)) {
    const digits = s.startsWith('x') ? s.slice(1) : s
    if (!/^[0-9]+$/.test(digits) || Number(digits) >= 1000) return null
    n = n * 1000 + Number(digits)
  }
  const t: Tile = { h, l: isData ? -1 : Number(lText), n, w }
  return tilePath(t) === path ? t : null
}

/** The k-th ancestor of tile t in a tree of n records, or null when the tree has none there. */
function tileParent(t: Tile, k: number, n: number): Tile | null {
  const l = t.l + k
  const tn = shr(t.n, k * t.h)
  let w = pow2(t.h)
  const max = shr(n, l * t.h)
  if (shl(tn, t.h) + w >= max) {
    if (shl(tn, t.h) >= max) return null
    w = max - shl(tn, t.h)
  }
  return { h: t.h, l, n: tn, w }
}

const tileKey = (t: Tile): string => tilePath(t)

/** Fetches the data of tiles (in the order asked); rejects when one cannot be had. */
export type TileReader = (tiles: readonly Tile[]) => Promise<Buffer[]>

/**
 * A HashReader for the tree `tree` that reads tiles of height h and authenticates them as go's
 * tlog.TileHashReader does: the tiles covering the tree's complete subtrees must hash to the
 * signed tree hash, and every other tile to the hash its parent tile holds. A tile that does not
 * rejects with "downloaded inconsistent tile".
 */
export function tileHashReader(tree: Tree, h: number, readTiles: TileReader): (indexes: readonly number[]) => Promise<Hash[]> {
  return async (indexes) => {
    const order = new Map<string, number>()
    const tiles: Tile[] = []
    const add = (t: Tile): number => {
      order.set(tileKey(t), tiles.length)
      tiles.push(t)
      return tiles.length - 1
    }
    const stx = subTreeIndex(0, tree.n, [])
    const stxOrder = stx.map((x) => {
      const t = tileParent(tileForIndex(h, x).tile, 0, tree.n) as Tile
      return order.get(tileKey(t)) ?? add(t)
    })
    const stxTiles = tiles.length
    const indexOrder = indexes.map((x) => {
      if (x >= storedHashIndex(0, tree.n)) throw new TlogError('indexes not in tree')
      const tile = tileForIndex(h, x).tile
      let k = 0
      let found = -1
      for (; ; k++) {
        const p = tileParent(tile, k, tree.n)
        if (p === null) throw new TlogError('bad math in tileHashReader')
        const j = order.get(tileKey(p))
        if (j !== undefined) {
          if (k === 0) found = j
          break
        }
      }
      for (k--; k >= 0; k--) {
        const p = tileParent(tile, k, tree.n) as Tile
        if (p.w !== pow2(p.h)) throw new TlogError(`bad math in tileHashReader: ${tree.n} ${x} ${tilePath(p)}`)
        const j = add(p)
        if (k === 0) found = j
      }
      return found
    })

    const data = await readTiles(tiles)
    tiles.forEach((t, i) => {
      if (data[i]?.length !== t.w * HASH_SIZE) throw new TlogError(`tile ${tilePath(t)} has ${data[i]?.length ?? 0} bytes, want ${t.w * HASH_SIZE}`)
    })
    const at = (i: number): [Tile, Buffer] => [tiles[i] as Tile, data[i] as Buffer]

    let th = hashFromTile(...at(stxOrder[stx.length - 1] as number), stx[stx.length - 1] as number)
    for (let i = stx.length - 2; i >= 0; i--) th = nodeHash(hashFromTile(...at(stxOrder[i] as number), stx[i] as number), th)
    if (!th.equals(tree.hash)) throw new TlogError('downloaded inconsistent tile')

    // Go starts this loop at len(stx), which skips a tile whenever two subtrees share one (a tree
    // of 300 records: tile/8/0/000 goes unchecked). Check every tile past the subtree tiles.
    for (let i = stxTiles; i < tiles.length; i++) {
      const t = tiles[i] as Tile
      const p = tileParent(t, 1, tree.n)
      const j = p ? order.get(tileKey(p)) : undefined
      if (!p || j === undefined) throw new TlogError(`bad math in tileHashReader: lost parent of ${tilePath(t)}`)
      if (!hashFromTile(p, data[j] as Buffer, storedHashIndex(p.l * p.h, t.n)).equals(tileHash(data[i] as Buffer))) {
        throw new TlogError('downloaded inconsistent tile')
      }
    }
    return indexes.map((x, i) => hashFromTile(...at(indexOrder[i] as number), x))
  }
}
