import type { ProfileVars } from './vars.js'
import { PUBLIC_MODULE_SAMPLES, matchPrefixPatterns } from '../goenv/match.js'
import { bilingual, type Translate } from './wording.js'

/**
 * One safeguard a profile turns off, said plainly: `message` in English (the `weakens` list of
 * --json), `text` in the user's language (warnings and prompts).
 */
export interface Weakening {
  variable: 'GOSUMDB' | 'GONOSUMDB' | 'GOPRIVATE' | 'GOINSECURE'
  message: string
  text: string
}

/**
 * What the profile's settings disable: checksum verification turned off (GOSUMDB=off), skipped
 * for public modules (GONOSUMDB, or GOPRIVATE which GONOSUMDB defaults to), or TLS/https relaxed
 * for public modules (GOINSECURE). Private hosts of one's own are not a weakening.
 */
export function findWeakenings(vars: ProfileVars): Weakening[] {
  const out: Weakening[] = []
  if (vars.GOSUMDB === 'off') {
    out.push({ variable: 'GOSUMDB', ...bilingual((t) => t('GOSUMDB=off turns checksum verification off for every module: Go will not notice a module that was altered')) })
  }
  const nosumdb = vars.GONOSUMDB ?? vars.GOPRIVATE
  if (nosumdb && vars.GOSUMDB !== 'off') {
    const hit = publicMatches(nosumdb)
    if (hit.length > 0) {
      const wording = vars.GONOSUMDB !== undefined
        ? (t: Translate) => t('GONOSUMDB={value} skips checksum verification for public modules such as {modules}', { value: nosumdb, modules: describe(hit, t) })
        : (t: Translate) => t('GOPRIVATE={value} (GONOSUMDB defaults to it) skips checksum verification for public modules such as {modules}', { value: nosumdb, modules: describe(hit, t) })
      out.push({ variable: vars.GONOSUMDB !== undefined ? 'GONOSUMDB' : 'GOPRIVATE', ...bilingual(wording) })
    }
  }
  if (vars.GOINSECURE) {
    const insecure = vars.GOINSECURE
    const hit = publicMatches(insecure)
    if (hit.length > 0) {
      out.push({ variable: 'GOINSECURE', ...bilingual((t) => t('GOINSECURE={value} lets Go fetch public modules such as {modules} over plain http or unverified TLS', { value: insecure, modules: describe(hit, t) })) })
    }
  }
  return out
}

function publicMatches(patterns: string): string[] {
  return PUBLIC_MODULE_SAMPLES.filter((p) => matchPrefixPatterns(patterns, p))
}

function describe(paths: string[], t: Translate): string {
  const shown = paths.slice(0, 2).join(', ')
  return paths.length === PUBLIC_MODULE_SAMPLES.length ? t('{modules} (every module)', { modules: shown }) : shown
}
