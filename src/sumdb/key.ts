/**
 * Which checksum database key a mirror's proxy is verified with: the one go would use. GOSUMDB
 * (OS environment) may name another database by its full verifier key; `off` means go verifies
 * nothing, so there is nothing to prove. GOMIRROR_SUMDB_KEY stands in for sum.golang.org's key
 * (tests, or an air-gapped network's own database), as GOMIRROR_SUMDB_HOSTS does for its hosts.
 */
import { UsageError } from '../errors.js'
import { NoteError, parseVerifierKey } from './note.js'
import { SUM_GOLANG_ORG_KEY } from './proof.js'

/** The verifier key to prove mirrors' database proxies with; null when there is none to prove. */
export function sumdbKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const stand = env.GOMIRROR_SUMDB_KEY?.trim()
  if (stand) {
    try {
      parseVerifierKey(stand)
    } catch (err) {
      throw new UsageError(`GOMIRROR_SUMDB_KEY: not a checksum database key (${err instanceof NoteError ? err.message : String(err)})`, 'for example: GOMIRROR_SUMDB_KEY=sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8')
    }
  }
  const fallback = stand || SUM_GOLANG_ORG_KEY
  const first = env.GOSUMDB?.trim().split(/\s+/)[0] ?? ''
  if (first === '' || first === 'sum.golang.org' || first === 'sum.golang.google.cn') return fallback
  if (first === 'off') return null
  try {
    return parseVerifierKey(first) && first
  } catch {
    return null // go refuses this GOSUMDB itself ("invalid GOSUMDB"); doctor says so
  }
}

/** The database name in a verifier key (`sum.golang.org` in `sum.golang.org+033de0ae+…`). */
export function sumdbKeyName(key: string): string {
  return key.slice(0, key.indexOf('+'))
}
