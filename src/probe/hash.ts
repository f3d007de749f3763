/**
 * Go's dirhash "h1" (golang.org/x/mod/sumdb/dirhash.Hash1), the hash behind every go.sum line.
 * Pure: bytes in, string out.
 */
import { createHash } from 'node:crypto'

export interface HashFile {
  /** Slash-separated name, e.g. `go.mod` or `rsc.io/quote@v1.5.2/quote.go`. */
  name: string
  data: Uint8Array
}

/**
 * `h1:` + base64(sha256(summary)), where the summary has one line
 * `<sha256 hex>  <name>\n` per file, files sorted by name.
 */
export function hash1(files: readonly HashFile[]): string {
  // Go sorts with sort.Strings, i.e. by UTF-8 bytes; JS string order (UTF-16 units) differs
  // for some non-ASCII names, so compare the encoded bytes.
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))
  const summary = createHash('sha256')
  for (const file of sorted) {
    // Go refuses these too: a newline would let one entry forge another line of the summary.
    if (file.name.includes('\n')) throw new Error(`dirhash: file name with a newline: ${JSON.stringify(file.name)}`)
    const digest = createHash('sha256').update(file.data).digest('hex')
    summary.update(`${digest}  ${file.name}\n`)
  }
  return `h1:${summary.digest('base64')}`
}

/** The hash of a go.mod file as it appears in go.sum (`<module> <version>/go.mod h1:…`). */
export function hashGoMod(data: Uint8Array): string {
  return hash1([{ name: 'go.mod', data }])
}
