import { parseGoproxy } from '../goenv/goproxy.js'
import { matchPrefixPatterns, publicPathsMatched } from '../goenv/match.js'
import { BUILTIN_MIRRORS } from '../mirrors/catalog.js'
import { isDeliberatelyEmpty, looksPublic, patternCanMatchModules, sumdbKey } from '../profiles/trust.js'
import { KNOWN_GOSUMDB } from '../values/gosumdb.js'
import { redactList, redactUrl, urlKey } from '../util/url.js'
import { setFix } from './fix-text.js'
import type { DoctorFacts } from './gather.js'
import { pass, warn, type Check } from './types.js'

const PUBLIC_PROXIES = new Set(BUILTIN_MIRRORS.map((m) => urlKey(m.url)))

/**
 * What is not verified as it would be by default, whoever set it (a project's definition adopted
 * with --yes, or the user): another checksum database in place of sum.golang.org, and public
 * module paths exempted by GONOSUMDB (or GOPRIVATE, its default) or fetched insecurely
 * (GOINSECURE). Patterns that catch the sample public modules are already reported by
 * checkPatterns (private.broad.*); these are the narrow ones, such as github.com/someone/lib.
 * Also: GONOPROXY=none and GONOSUMDB=none, Go's documented "no exceptions" (go help private),
 * are recognised as deliberate and never "fixed" into a copy of GOPRIVATE.
 */
export function checkTrust(facts: DoctorFacts): Check[] {
  if (!facts.snapshot) return []
  const { vars } = facts.snapshot
  const checks: Check[] = []

  const key = sumdbKey(vars.GOSUMDB.value)
  if (key !== null && key !== 'off' && key !== KNOWN_GOSUMDB['sum.golang.org']) {
    const params = { value: redactList(vars.GOSUMDB.value), name: key.slice(0, key.indexOf('+')) }
    checks.push(warn('sumdb', 'trust.GOSUMDB', (t) => t('GOSUMDB={value}: module checksums are checked against the database {name}, not sum.golang.org; whoever holds its key decides what Go accepts. Keep it only if it is your organisation\'s', params),
      setFix('GOSUMDB', null, vars.GOSUMDB, facts.exportSites.GOSUMDB)))
  }

  // A public-host pattern exempted from verification (or TLS) but not made private is the mark of
  // someone else's setting: a user's own repositories on github.com are in GOPRIVATE, which also
  // sends them around the proxy, while GONOSUMDB alone lets a proxy serve unverified code for them.
  for (const name of ['GONOSUMDB', 'GOINSECURE'] as const) {
    const state = vars[name]
    if (state.source === 'default' || state.value === '' || (name === 'GONOSUMDB' && key === 'off')) continue
    const priv = vars.GOPRIVATE.value
    // Broad patterns (catching sample public modules) are reported by private.broad.*.
    const narrow = [...new Set(state.value.split(','))].filter((p) => p !== '' && patternCanMatchModules(p) && looksPublic(p) && publicPathsMatched(p).length === 0 && !matchPrefixPatterns(priv, p.replace(/\/$/, '')))
    if (narrow.length === 0) continue
    const kept = state.value.split(',').filter((p) => p !== '' && !narrow.includes(p)).join(',')
    const params = { setting: `${name}=${redactList(state.value)}`, patterns: narrow.join(', ') }
    checks.push(warn(name === 'GONOSUMDB' ? 'sumdb' : 'private', `trust.${name}`, name === 'GONOSUMDB'
      ? (t) => t('{setting} exempts {patterns} (on a public host, not in GOPRIVATE) from checksum verification: Go accepts whatever code a proxy serves for them', params)
      : (t) => t('{setting} lets Go fetch {patterns} (on a public host, not in GOPRIVATE) over plain http or without checking TLS certificates', params),
    setFix(name, kept || null, state, facts.exportSites[name])))
  }

  const privatePaths = vars.GOPRIVATE.value.split(',').filter((p) => p !== '')
  if (privatePaths.length === 0) return checks
  const paths = privatePaths.join(', ')
  if (vars.GONOPROXY.source !== 'default' && isDeliberatelyEmpty(vars.GONOPROXY.value)) {
    const first = parseGoproxy(vars.GOPROXY.value).entries[0]
    const setting = `GONOPROXY=${vars.GONOPROXY.value}`
    if (first?.kind === 'url' && PUBLIC_PROXIES.has(urlKey(first.url))) {
      const params = { setting, paths, url: redactUrl(first.url) }
      checks.push(warn('private', 'private.GONOPROXY', (t) => t('{setting}: private modules ({paths}) are requested from {url}, a public proxy, which cannot serve them and learns their names; this setting is meant for a company proxy in GOPROXY', params),
        (t) => t('put your company proxy first in GOPROXY, or remove GONOPROXY (it then defaults to GOPRIVATE)')))
    } else {
      checks.push(pass('private', 'private.GONOPROXY', (t) => t('{setting}: private modules ({paths}) are fetched through GOPROXY on purpose (a company proxy)', { setting, paths })))
    }
  }
  if (vars.GONOSUMDB.source !== 'default' && isDeliberatelyEmpty(vars.GONOSUMDB.value) && key !== 'off') {
    const setting = `GONOSUMDB=${vars.GONOSUMDB.value}`
    const official = key === KNOWN_GOSUMDB['sum.golang.org']
    const unknown = privatePaths.filter((p) => !matchPrefixPatterns(vars.GONOSUMDB.value, p))
    if (official && unknown.length > 0) {
      checks.push(warn('private', 'private.GONOSUMDB', (t) => t('{setting}: private modules ({paths}) are looked up in the public checksum database, which cannot know them (verifying them fails, and their names are sent)', { setting, paths }),
        (t) => t('keep it only with your own GOSUMDB; otherwise remove GONOSUMDB (it then defaults to GOPRIVATE)')))
    } else {
      checks.push(pass('private', 'private.GONOSUMDB', (t) => t('{setting}: private modules ({paths}) are verified by your own checksum database on purpose', { setting, paths })))
    }
  }
  return checks
}
