/**
 * go.sum as go reads it (cmd/go/internal/modfetch/fetch.go readGoSum): one `path version hash`
 * line per entry, `version/go.mod` for the hash of the module's go.mod alone, blank lines allowed.
 * Pure: the caller reads the file.
 */

export interface GoSumEntry {
  module: string
  /** Without the `/go.mod` suffix. */
  version: string
  /** True for the `/go.mod` line (the hash of go.mod alone); false for the module zip's hash. */
  goMod: boolean
  /** `h1:…` (go checks only h1; other algorithms are kept as written). */
  hash: string
  /** 1-based line number. */
  line: number
}

export interface GoSumProblem {
  line: number
  text: string
}

export interface GoSum {
  entries: GoSumEntry[]
  /** Lines go would refuse ("malformed go.sum: wrong number of fields"); the rest are still read. */
  problems: GoSumProblem[]
}

export function parseGoSum(text: string): GoSum {
  const entries: GoSumEntry[] = []
  const problems: GoSumProblem[] = []
  text.split('\n').forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/).filter(Boolean)
    if (fields.length === 0) return
    const [module, version, hash] = fields as [string, string, string]
    if (fields.length !== 3) {
      problems.push({ line: i + 1, text: raw })
      return
    }
    const goMod = version.endsWith('/go.mod')
    entries.push({ module, version: goMod ? version.slice(0, -'/go.mod'.length) : version, goMod, hash, line: i + 1 })
  })
  return { entries, problems }
}

/** `module@version` → the h1 hash of its go.mod, from the `/go.mod` lines (the last one wins, as in go). */
export function goModHashes(sum: GoSum): Map<string, string> {
  const out = new Map<string, string>()
  for (const e of sum.entries) if (e.goMod && e.hash.startsWith('h1:')) out.set(`${e.module}@${e.version}`, e.hash)
  return out
}

/** Distinct module@version pairs named by go.sum, in file order. */
export function goSumModules(sum: GoSum): { module: string; version: string }[] {
  const seen = new Set<string>()
  const out: { module: string; version: string }[] = []
  for (const e of sum.entries) {
    const key = `${e.module}@${e.version}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ module: e.module, version: e.version })
  }
  return out
}
