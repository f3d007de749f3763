import { parseGoproxy, type ProxyEntry } from '../goenv/goproxy.js'
import { parseGosumdb } from '../values/gosumdb.js'
import { checkValue, errorsOf, tidyValue, warningsOf } from '../values/check.js'
import { renderFinding } from '../ui/render-findings.js'
import type { ManagedVar } from '../goenv/vars.js'
import type { Translate, Wording } from '../profiles/wording.js'
import { redactList, redactUrl } from '../util/url.js'
import { setFix } from './fix-text.js'
import type { DoctorFacts } from './gather.js'
import { matchPrefixPatterns, publicPathsMatched } from '../goenv/match.js'
import { isDeliberatelyEmpty } from '../profiles/trust.js'
import { fail, pass, warn, type Check } from './types.js'

/** An auto-fix only touches what go env -w can change: not a value exported in the OS environment. */
export function fileFix(facts: DoctorFacts, name: ManagedVar, value: string | null) {
  const state = facts.snapshot?.vars[name]
  if (!state || state.source === 'env') return undefined
  return value === null ? { set: {}, unset: [name] } : { set: { [name]: value }, unset: [] }
}

function joinEntries(entries: ProxyEntry[]): string {
  return entries.map((e, i) => (i === 0 ? e.raw.trim() : `${entries[i - 1]?.fallBackOnError ? '|' : ','}${e.raw.trim()}`)).join('')
}

export function checkGoproxy(facts: DoctorFacts): Check[] {
  if (!facts.snapshot) return []
  const state = facts.snapshot.vars.GOPROXY
  const value = state.value
  const shown = redactList(value)
  const judged = checkValue('GOPROXY', value)
  const sites = facts.exportSites.GOPROXY ?? []
  const error = errorsOf(judged)[0]
  if (error) {
    const problem = (t: Translate): string => redactList(renderFinding(error, t))
    if (error.code === 'proxy.credentials-http') {
      return [fail('proxy', 'goproxy.credentials', (t) => t('{url} sends credentials over plain http, which Go refuses ("refusing to pass credentials to insecure URL")', { url: error.params.entry ?? '' }), (t) => t('use the https URL of that proxy'))]
    }
    const fix = setFix('GOPROXY', judged.suggestedFix ?? 'https://proxy.golang.org,direct', state, sites)
    return [fail('proxy', 'goproxy.parse', (t) => t('GOPROXY={value} is rejected by Go ({error}), so every module download fails', { value: shown, error: problem(t) }), (t) => t('gomirror use fastest   # or: {fix}', { fix: fix(t) }))]
  }
  const parsed = parseGoproxy(value)
  const checks: Check[] = []
  if (parsed.entries[0]?.kind === 'off') {
    checks.push(warn('proxy', 'goproxy.off', (t) => t('GOPROXY=off: Go will not download any module'), 'gomirror use fastest'))
    return checks
  }
  const warnings = warningsOf(judged)
  for (const w of warnings.filter((f) => f.code === 'proxy.separator')) {
    const fixed = judged.suggestedFix
    checks.push(warn('proxy', 'goproxy.separator', (t) => `GOPROXY=${shown}: ${redactList(renderFinding(w, t))}`, fixed ? setFix('GOPROXY', fixed, state, sites) : undefined, fixed ? fileFix(facts, 'GOPROXY', fixed) : undefined))
  }
  const urls = parsed.entries.filter((e) => e.kind === 'url')
  const seen = new Set<string>()
  const dupes: ProxyEntry[] = []
  const kept = parsed.entries.filter((e) => {
    if (e.kind !== 'url') return true
    const key = e.url.replace(/\/+$/, '').toLowerCase()
    if (seen.has(key)) return (dupes.push(e), false)
    return (seen.add(key), true)
  })
  if (parsed.ignored.length > 0 || dupes.length > 0 || parsed.empty > 0) {
    const cleaned = joinEntries(kept)
    const kind = parsed.entries.at(-1)?.kind ?? ''
    const why = (t: Translate): string => [
      parsed.ignored.length > 0 ? t('entries after {kind} are never used ({list})', { kind, list: parsed.ignored.map(redactUrl).join(', ') }) : '',
      dupes.length > 0 ? t('{list} is listed twice', { list: dupes.map((d) => redactUrl(d.url)).join(', ') }) : '',
      parsed.empty > 0 ? renderFinding({ code: 'proxy.empty-element', severity: 'warn', params: {} }, t) : '',
    ].filter(Boolean).join('; ')
    checks.push(warn('proxy', 'goproxy.tidy', (t) => t('GOPROXY={value}: {problem}', { value: shown, problem: why(t) }), setFix('GOPROXY', cleaned, state, sites), fileFix(facts, 'GOPROXY', cleaned)))
  }
  const last = parsed.entries.at(-1)
  if (last?.kind === 'url') {
    checks.push(warn('proxy', 'goproxy.direct', (t) => t('GOPROXY={value} has no ",direct" at the end, so modules no proxy has (private or brand-new ones) fail instead of coming from their origin', { value: shown }), setFix('GOPROXY', `${tidyValue('GOPROXY', value)},direct`, state, sites)))
  }
  for (const w of warnings.filter((f) => f.code === 'proxy.http')) {
    const url = w.params.host ?? ''
    checks.push(warn('proxy', 'goproxy.http', (t) => t('{url} is plain http to a remote host: anyone on the path can see which modules you fetch', { url }), (t) => t('use the https URL of that proxy')))
  }
  if (checks.every((c) => c.status === 'pass')) {
    const params = { value: shown, n: urls.length }
    const thenDirect = last?.kind === 'direct'
    const summary: Wording = urls.length === 1
      ? (t) => (thenDirect ? t('GOPROXY={value} ({n} proxy, then direct)', params) : t('GOPROXY={value} ({n} proxy)', params))
      : (t) => (thenDirect ? t('GOPROXY={value} ({n} proxies, then direct)', params) : t('GOPROXY={value} ({n} proxies)', params))
    checks.push(pass('proxy', 'goproxy.parse', summary))
  }
  return checks
}

export function checkGosumdb(facts: DoctorFacts): Check[] {
  if (!facts.snapshot) return []
  const state = facts.snapshot.vars.GOSUMDB
  const judged = checkValue('GOSUMDB', state.value)
  const sites = facts.exportSites.GOSUMDB ?? []
  const shown = redactList(state.value)
  const error = errorsOf(judged)[0]
  const parsed = parseGosumdb(state.value)
  if (error || 'problem' in parsed) {
    const repaired = judged.suggestedFix ?? null
    const problem = (t: Translate): string => (error ? redactList(renderFinding(error, t)) : '')
    return [fail('sumdb', 'gosumdb.parse', (t) => t('GOSUMDB={value} is rejected by Go ({error}), so verifying any new module fails', { value: shown, error: problem(t) }),
      setFix('GOSUMDB', repaired, state, sites), repaired ? fileFix(facts, 'GOSUMDB', repaired) : undefined)]
  }
  if (parsed.off) {
    return [warn('sumdb', 'gosumdb.off', (t) => t('GOSUMDB=off: checksum verification is off, so Go cannot detect a module altered by a mirror or an attacker'), setFix('GOSUMDB', null, state, sites))]
  }
  const db = { value: shown, name: parsed.name, url: parsed.url ? redactUrl(parsed.url) : '' }
  return [pass('sumdb', 'gosumdb.parse', (t) => (db.url ? t('GOSUMDB={value} is valid (database {name} via {url})', db) : t('GOSUMDB={value} is valid (database {name})', db)))]
}

/** The cleaned form of a pattern list: no spaces, quotes, schemes or empty elements. */
export function cleanPatterns(value: string): string {
  return value.split(',').map((p) => p.trim().replace(/^["'`]+|["'`]+$/g, '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '')).filter(Boolean).join(',')
}

const PATTERN_VARS = ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'] as const

export function checkPatterns(facts: DoctorFacts): Check[] {
  if (!facts.snapshot) return []
  const { vars } = facts.snapshot
  const checks: Check[] = []
  for (const name of PATTERN_VARS) {
    const state = vars[name]
    // GONOPROXY and GONOSUMDB default to GOPRIVATE; report a problem once, on the variable that has it.
    if (state.source === 'default' || state.value === '') continue
    const judged = checkValue(name, state.value)
    if (judged.findings.length > 0) {
      // Only a repair that differs from the value: never write the broken value back.
      const cleaned = judged.suggestedFix ?? null
      const setting = `${name}=${state.value}`
      const message: Wording = (t) => judged.findings.map((f) => t('{setting}: {problem}', { setting, problem: renderFinding(f, t) })).join('; ')
      const check = errorsOf(judged).length > 0 || judged.findings.some((f) => f.code === 'pattern.never') ? fail : warn
      checks.push(check('private', `patterns.${name}`, message, setFix(name, cleaned, state, facts.exportSites[name]), cleaned === null ? undefined : fileFix(facts, name, cleaned)))
    }
  }
  const priv = vars.GOPRIVATE.value
  // Compare what the user meant (a stray space is reported above, not copied into a fix).
  const privPatterns = cleanPatterns(priv).split(',').filter(Boolean)
  for (const name of ['GONOSUMDB', 'GONOPROXY'] as const) {
    const state = vars[name]
    // GONOPROXY=none / GONOSUMDB=none is Go's documented "no exceptions" (go help private): deliberate, see checks-trust.ts.
    if (state.source === 'default' || privPatterns.length === 0 || isDeliberatelyEmpty(state.value)) continue
    const missed = privPatterns.filter((p) => !matchPrefixPatterns(state.value, p))
    if (missed.length > 0) {
      const merged = [...state.value.split(',').filter(Boolean), ...missed].join(',')
      const message: Wording = (t) => {
        const params = { paths: missed.join(', '), setting: `${name}=${state.value || t('(empty)')}` }
        return name === 'GONOSUMDB'
          ? t('private paths {paths} (GOPRIVATE) are not in {setting}, so their names are sent to the public checksum database (and verification of them fails)', params)
          : t('private paths {paths} (GOPRIVATE) are not in {setting}, so they are requested from the public proxy (leaking their names, and failing)', params)
      }
      checks.push(fail('private', `private.${name}`, message, setFix(name, merged, state, facts.exportSites[name]), fileFix(facts, name, merged)))
    }
  }
  for (const name of ['GOPRIVATE', 'GONOSUMDB', 'GOINSECURE'] as const) {
    const state = vars[name]
    if (state.value === '' || (name === 'GONOSUMDB' && state.source === 'default')) continue
    const caught = publicPathsMatched(state.value)
    if (caught.length === 0) continue
    const params = { setting: `${name}=${state.value}`, modules: caught.slice(0, 3).join(', ') }
    const message: Wording = name === 'GOINSECURE'
      ? (t) => t('{setting} also catches public modules ({modules}…), which are then fetched over plain http or unverified TLS', params)
      : name === 'GONOSUMDB'
        ? (t) => t('{setting} also catches public modules ({modules}…), which are then not verified against the checksum database', params)
        : (t) => t('{setting} also catches public modules ({modules}…), which are then treated as private: not verified, and fetched around the proxy', params)
    const check = name === 'GOINSECURE' ? fail : warn
    const narrow = setFix(name, 'git.corp.example.com/*', state, facts.exportSites[name])
    checks.push(check('private', `private.broad.${name}`, message, (t) => t('narrow it to your own hosts, e.g. {fix}', { fix: narrow(t) })))
  }
  if (checks.length === 0) {
    // With GONOPROXY=none or GONOSUMDB=none they are deliberately not covered (checks-trust.ts says how).
    const deliberate = (['GONOPROXY', 'GONOSUMDB'] as const).some((n) => vars[n].source !== 'default' && isDeliberatelyEmpty(vars[n].value))
    checks.push(pass('private', 'private.patterns', !priv ? (t) => t('no private-module patterns set')
      : deliberate ? (t) => t('GOPRIVATE={value} is well-formed', { value: priv }) : (t) => t('GOPRIVATE={value} is well-formed and covered by GONOPROXY and GONOSUMDB', { value: priv })))
  }
  return checks
}
