import type { ProfileVars } from './vars.js'
import { PUBLIC_MODULE_SAMPLES, matchPrefixPatterns } from '../goenv/match.js'


/** One safeguard a profile turns off, said plainly. */
export interface Weakening {
  variable: 'GOSUMDB' | 'GONOSUMDB' | 'GOPRIVATE' | 'GOINSECURE'
  message: string
}

/**
 * What the profile's settings disable: checksum verification turned off (GOSUMDB=off), skipped
 * for public modules (GONOSUMDB, or GOPRIVATE which GONOSUMDB defaults to), or TLS/https relaxed
 * for public modules (GOINSECURE). Private hosts of one's own are not a weakening.
 */
export function findWeakenings(vars: ProfileVars): Weakening[] {
  const out: Weakening[] = []
  if (vars.GOSUMDB === 'off') {
    out.push({ variable: 'GOSUMDB', message: 'GOSUMDB=off turns checksum verification off for every module: Go will not notice a module that was altered' })
  }
  const nosumdb = vars.GONOSUMDB ?? vars.GOPRIVATE
  if (nosumdb && vars.GOSUMDB !== 'off') {
    const hit = publicMatches(nosumdb)
    if (hit.length > 0) {
      const via = vars.GONOSUMDB !== undefined ? `GONOSUMDB=${nosumdb}` : `GOPRIVATE=${nosumdb} (GONOSUMDB defaults to it)`
      out.push({ variable: vars.GONOSUMDB !== undefined ? 'GONOSUMDB' : 'GOPRIVATE', message: `${via} skips checksum verification for public modules such as ${describe(hit)}` })
    }
  }
  if (vars.GOINSECURE) {
    const hit = publicMatches(vars.GOINSECURE)
    if (hit.length > 0) {
      out.push({ variable: 'GOINSECURE', message: `GOINSECURE=${vars.GOINSECURE} lets Go fetch public modules such as ${describe(hit)} over plain http or unverified TLS` })
    }
  }
  return out
}

function publicMatches(patterns: string): string[] {
  return PUBLIC_MODULE_SAMPLES.filter((p) => matchPrefixPatterns(patterns, p))
}

function describe(paths: string[]): string {
  const shown = paths.slice(0, 2).join(', ')
  return paths.length === PUBLIC_MODULE_SAMPLES.length ? `${shown} (every module)` : shown
}
