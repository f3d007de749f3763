import { describe, expect, it } from 'vitest'
import { checkRecord, formatRecord, formatTree, parseRecord, parseTree, proveRecord, recordHash, splitStoredHashIndex, storedHashCount, storedHashIndex, storedHashesForRecordHash, treeHash, type Hash, type HashReader } from '../../src/sumdb/tlog.js'
import { parseTilePath, readTileData, tileForStoredIndex, tileHashReader, tilePath, type Tile } from '../../src/sumdb/tile.js'

/** Stored hashes of records "leaf 0".."leaf n-1", built as a log server does. */
async function buildStorage(n: number): Promise<Hash[]> {
  const storage: Hash[] = []
  const read: HashReader = (ix) => ix.map((x) => storage[x] as Hash)
  for (let i = 0; i < n; i++) storage.push(...(await storedHashesForRecordHash(i, recordHash(`leaf ${i}`), read)))
  return storage
}
const reader = (storage: Hash[]): HashReader => (ix) => ix.map((x) => storage[x] as Hash)
const b64 = (h: Hash): string => h.toString('base64')

// Expected values printed by Go 1.19's own golang.org/x/mod/sumdb/tlog (vendored in GOROOT) for the same records.
const GO_TREES: [number, string, number][] = [
  [1, 'G7l9zCFjXUfiZj79/QoXRobZjdcBNS3SzQbotD/T0wU=', 1],
  [7, 'WmH8K1T5z6cXdPJDIUPdQMbLKxGUf69lp9PaXLZRmcg=', 11],
  [100, 'E/iJFcVg3JEaHaD7IJ2EoglxBR8pTr60KPs/wpOvJ0M=', 197],
  [256, 'z17/2xHQknou31Ow5zx4N/ZZQU4AU32l2Q61xMSf8nQ=', 511],
  [300, '56/ILTiUT8eTBUUygJHUWCMojB9zTL2sBjlnE+vUtdU=', 596],
]
const GO_PROOF_300_123 = 'BYrFDN48FRlN5sej8LnM/v/F3tY1TCMcuZscBHeP03I= 9BGeunPsS3PkHbF/ePet4cBrI9IfWpf4UNiZ2aUSys8= q2E5FcC+wFq8aNqbGsRKLw7tEnVIcuEtXlkXP/CbYsk= qvLsXiwNnEtm92lORUEAJhTAVCk+Ml3Qe5QVomEtI5U= 6YyTlgJYikZLdfyMsEqjkDPisA/rlM6I6hrCg8Ze4SE= U3A9+rI/wMUiV12V1nEqXjo3o/dJE7PAONsTmYkJzdQ= 8mHiNpLZeP2sP9lJ21SVlApDeuZxuabd6aphGNADZS8= TndYvhQHCGQLIOAoJoyUaxKGfXKHvJn6bfGegnsNkAo= d3QiiY7L9//1QBZZ1AvIEHfvfsF/o9uNqPnP6JKjWfg='

describe('tree hashing', () => {
  it('matches go for tree hashes and stored-hash counts', async () => {
    const storage = await buildStorage(300)
    expect(storage.length).toBe(storedHashCount(300))
    for (const [n, hash, count] of GO_TREES) {
      expect(b64(await treeHash(n, reader(storage))), `tree ${n}`).toBe(hash)
      expect(storedHashCount(n)).toBe(count)
    }
  })

  it('matches go for a record proof, and every proof checks while a corrupt one does not', async () => {
    const storage = await buildStorage(300)
    const th = await treeHash(300, reader(storage))
    const proof = await proveRecord(300, 123, reader(storage))
    expect(proof.map(b64).join(' ')).toBe(GO_PROOF_300_123)
    for (const [t, n] of [[300, 123], [300, 0], [300, 299], [37, 5], [1, 0]] as const) {
      const tree = await treeHash(t, reader(storage))
      const p = await proveRecord(t, n, reader(storage))
      expect(checkRecord(p, t, tree, n, recordHash(`leaf ${n}`)), `${t}/${n}`).toBe(true)
      expect(checkRecord(p, t, tree, n, recordHash(`leaf ${n + 1}`))).toBe(false)
      for (let k = 0; k < p.length; k++) {
        const bad = p.map((h, i) => (i === k ? Buffer.from(h.map((byte, j) => (j === 0 ? byte ^ 1 : byte))) : h))
        expect(checkRecord(bad, t, tree, n, recordHash(`leaf ${n}`))).toBe(false)
      }
    }
    expect(checkRecord(proof, 300, th, 300, recordHash('leaf 300'))).toBe(false)
  })

  it('numbers stored hashes as go does', () => {
    expect(storedHashIndex(3, 7)).toBe(123)
    expect(storedHashIndex(8, 1)).toBe(1021)
    expect([0, 1, 2, 3, 100, 1000, 123456].map((x) => [x, ...splitStoredHashIndex(x), tilePath(tileForStoredIndex(8, x))])).toEqual([
      [0, 0, 0, 'tile/8/0/000.p/1'],
      [1, 0, 1, 'tile/8/0/000.p/2'],
      [2, 1, 0, 'tile/8/0/000.p/2'],
      [3, 0, 2, 'tile/8/0/000.p/3'],
      [100, 2, 12, 'tile/8/0/000.p/52'],
      [1000, 2, 125, 'tile/8/0/001.p/248'],
      [123456, 2, 15432, 'tile/8/0/241.p/36'],
    ])
    for (let l = 0; l < 10; l++) for (let n = 0; n < 100; n++) expect(splitStoredHashIndex(storedHashIndex(l, n))).toEqual([l, n])
  })
})

describe('tile paths (go tlog_test.go vectors)', () => {
  const cases: [string, Tile | null][] = [
    ['tile/4/0/001', { h: 4, l: 0, n: 1, w: 16 }],
    ['tile/4/0/001.p/5', { h: 4, l: 0, n: 1, w: 5 }],
    ['tile/3/5/x123/x456/078', { h: 3, l: 5, n: 123456078, w: 8 }],
    ['tile/3/5/x123/x456/078.p/2', { h: 3, l: 5, n: 123456078, w: 2 }],
    ['tile/1/0/x003/x057/500', { h: 1, l: 0, n: 3057500, w: 2 }],
    ['tile/3/5/123/456/078', null],
    ['tile/3/-1/123/456/078', null],
    ['tile/1/data/x003/x057/500', { h: 1, l: -1, n: 3057500, w: 2 }],
    ['tile/8/0/001.p/256', null],
    ['tile/8/0/001.p/0', null],
  ]
  it.each(cases)('%s', (path, tile) => {
    expect(parseTilePath(path)).toEqual(tile)
    if (tile) expect(tilePath(tile)).toBe(path)
  })
})

describe('tileHashReader', () => {
  /** Serves tiles of height h from the stored hashes of a tree of `size` records. */
  function tileStore(storage: Hash[], tamper?: (t: Tile, data: Buffer) => Buffer) {
    const asked: string[] = []
    const read = async (tiles: readonly Tile[]): Promise<Buffer[]> => Promise.all(tiles.map(async (t) => {
      asked.push(tilePath(t))
      const data = await readTileData(t, reader(storage))
      return tamper ? tamper(t, data) : data
    }))
    return { read, asked }
  }

  it('authenticates every record of trees of many sizes through tiles of height 2 and 8', async () => {
    const storage = await buildStorage(300)
    for (const h of [2, 8]) {
      for (const size of [1, 2, 5, 64, 255, 256, 257, 300]) {
        const tree = { n: size, hash: await treeHash(size, reader(storage)) }
        const thr = tileHashReader(tree, h, tileStore(storage).read)
        for (const j of [0, Math.floor(size / 2), size - 1]) {
          const [got] = await thr([storedHashIndex(0, j)])
          expect(got?.equals(recordHash(`leaf ${j}`)), `h=${h} size=${size} record=${j}`).toBe(true)
        }
        // A smaller tree's hash can be computed from the bigger tree's tiles (a consistency check).
        expect((await treeHash(Math.ceil(size / 3), thr)).equals(await treeHash(Math.ceil(size / 3), reader(storage)))).toBe(true)
        await expect(thr([storedHashIndex(0, size)])).rejects.toThrow('indexes not in tree')
      }
    }
  })

  it('asks for full and partial tiles by go paths', async () => {
    const storage = await buildStorage(300)
    const store = tileStore(storage)
    const thr = tileHashReader({ n: 300, hash: await treeHash(300, reader(storage)) }, 8, store.read)
    await thr([storedHashIndex(0, 123)])
    expect(store.asked.sort()).toEqual(['tile/8/0/000', 'tile/8/0/001.p/44', 'tile/8/1/000.p/1'])
  })

  it('refuses a tile that does not hash to the signed tree or to its parent', async () => {
    const storage = await buildStorage(300)
    const hash = await treeHash(300, reader(storage))
    const flip = (path: string) => (t: Tile, data: Buffer): Buffer => {
      if (tilePath(t) !== path) return data
      const copy = Buffer.from(data)
      copy[5] = (copy[5] as number) ^ 1
      return copy
    }
    for (const path of ['tile/8/0/000', 'tile/8/0/001.p/44', 'tile/8/1/000.p/1']) {
      const thr = tileHashReader({ n: 300, hash }, 8, tileStore(storage, flip(path)).read)
      await expect(thr([storedHashIndex(0, 123)]), path).rejects.toThrow('downloaded inconsistent tile')
    }
    const wrongTree = tileHashReader({ n: 300, hash: await treeHash(299, reader(storage)) }, 8, tileStore(storage).read)
    await expect(wrongTree([storedHashIndex(0, 5)])).rejects.toThrow('downloaded inconsistent tile')
  })
})

describe('tree and record texts', () => {
  it('parses and formats tree heads as go does', () => {
    const hash = Buffer.alloc(32, 7)
    const text = formatTree({ n: 42, hash })
    expect(text).toBe(`go.sum database tree\n42\n${hash.toString('base64')}\n`)
    expect(parseTree(text)).toEqual({ n: 42, hash })
    expect(parseTree(`${text}extra line\n`)).toEqual({ n: 42, hash })
    for (const bad of ['go.sum database tree\n042\nAAAA\n', `go.sum database tree\n-1\n${hash.toString('base64')}\n`, `go.sum database tree\n1\n${hash.toString('base64')}`, 'hello\n1\n2\n']) {
      expect(parseTree(bad), bad).toBeNull()
    }
  })

  it('splits a lookup answer into id, record text and tree note', () => {
    const text = 'rsc.io/quote v1.5.2 h1:x=\nrsc.io/quote v1.5.2/go.mod h1:y=\n'
    const msg = `${formatRecord(123, text)}go.sum database tree\n300\nhash\n\n— sig\n`
    expect(parseRecord(msg)).toEqual({ id: 123, text, rest: 'go.sum database tree\n300\nhash\n\n— sig\n' })
    expect(parseRecord('x\na\n\n')).toBeNull()
    expect(parseRecord('1\na\tb\n\n')).toBeNull()
    expect(parseRecord('1\nno blank line\n')).toBeNull()
    expect(() => formatRecord(1, 'a\n\nb\n')).toThrow()
  })
})
