/**
 * `--deep`: the canary's module zip, checked the way the go command checks a download
 * (cmd/go/internal/modfetch downloadZip + dirhash.HashZip): every file under `<module>@<version>/`,
 * and the h1 hash over the zip's file names and contents equal to the go.sum line.
 */
import { CANARY } from './canary.js'
import { ProbeFailure } from './failure.js'
import { hash1, type HashFile } from './hash.js'

/** Largest unpacked canary accepted; the real one is under 4 KiB, so this only stops zip bombs. */
export const MAX_UNPACKED_BYTES = 8 * 1024 * 1024

/** The zip's files as Go's hash sees them; throws a ProbeFailure for anything Go would refuse. */
export async function readModuleZip(bytes: Uint8Array, prefix = `${CANARY.module}@${CANARY.version}/`): Promise<HashFile[]> {
  // fflate is loaded only here: most runs never pass --deep, and start-up time matters.
  const { unzipSync } = await import('fflate')
  const seen = new Set<string>()
  let unpacked = 0
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (!file.name.startsWith(prefix)) throw new ProbeFailure(`unexpected file ${JSON.stringify(file.name)} (want everything under ${prefix})`)
        // Go would hash a repeated name twice; a map cannot, so refuse rather than differ.
        if (seen.has(file.name)) throw new ProbeFailure(`file ${JSON.stringify(file.name)} appears twice`)
        seen.add(file.name)
        unpacked += file.originalSize
        if (unpacked > MAX_UNPACKED_BYTES) throw new ProbeFailure(`unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MiB`)
        return true
      },
    })
  } catch (err) {
    if (err instanceof ProbeFailure) throw err
    throw new ProbeFailure(`not a valid zip archive (${err instanceof Error ? err.message : String(err)})`)
  }
  return Object.entries(entries).map(([name, data]) => ({ name, data }))
}

/** Check the downloaded canary zip; returns its hash, throws a ProbeFailure on a mismatch. */
export async function checkCanaryZip(bytes: Uint8Array): Promise<string> {
  const files = await readModuleZip(bytes)
  let hash: string
  try {
    hash = hash1(files)
  } catch (err) {
    throw new ProbeFailure(err instanceof Error ? err.message : String(err))
  }
  if (hash !== CANARY.zipHash) throw new ProbeFailure(`hash mismatch (got ${hash}, want ${CANARY.zipHash} from go.sum)`)
  return hash
}

/** KiB per second for `bytes` in `ms`, rounded to 0.1. */
export function throughput(bytes: number, ms: number): number {
  return Math.round((bytes / 1024 / Math.max(ms, 0.1)) * 1000 * 10) / 10
}
