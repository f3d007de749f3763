import type { Plan } from '../goenv/plan.js'
import { t } from '../ui/i18n.js'
import type { GoSnapshot } from '../goenv/read.js'
import type { Mirror } from '../mirrors/catalog.js'
import type { ProbeResult } from '../probe/types.js'
import { redactUrl, urlKey } from '../util/url.js'
import type { HostCheck } from '../sumdb/check.js'
import { decideGosumdb, type GosumdbDecision } from '../sumdb/decide.js'
import type { SumdbMode } from './options.js'
import { renderProofFinding } from '../ui/render-probe.js'

export interface UseChoice {
  chosen: Mirror
  chosenResult: ProbeResult | null
  fallbacks: Mirror[]
  /** Probe results of the fallbacks, in order. */
  fallbackResults: ProbeResult[]
}

/** `|` (fall through on any error) needs Go 1.15; older Go only understands `,`. */
export function proxySeparator(goMinor: number): '|' | ',' {
  return goMinor >= 15 ? '|' : ','
}

/** GOPROXY for a choice: the mirror, its fallbacks, then `direct` so modules no proxy has still resolve. */
export function buildGoproxy(choice: UseChoice, goMinor: number): string {
  // Never the same proxy twice: Go would only ask it again after it failed.
  const seen = new Set<string>()
  const urls = [choice.chosen, ...choice.fallbacks].map((m) => m.url).filter((u) => !seen.has(urlKey(u)) && Boolean(seen.add(urlKey(u))))
  return `${urls.join(proxySeparator(goMinor))},direct`
}

/**
 * Pick the mirror to use from ranked results: the named one, or the fastest healthy one; then the
 * next N healthy ones as fallbacks. Returns null when nothing healthy qualifies.
 */
export function chooseMirrors(ranked: readonly ProbeResult[], mirrors: readonly Mirror[], named: Mirror | null, fallback: number): UseChoice | null {
  const byName = new Map(mirrors.map((m) => [m.name, m]))
  const healthy = ranked.filter((r) => r.healthy)
  const first = named ?? (healthy[0] ? (byName.get(healthy[0].name) ?? null) : null)
  if (!first) return null
  const chosenResult = ranked.find((r) => r.name === first.name) ?? null
  // One URL under two names (a custom mirror copying a built-in one) is one proxy, not a fallback.
  const urls = new Set([urlKey(first.url)])
  const fallbackResults = healthy
    .filter((r) => {
      const m = byName.get(r.name)
      if (r.name === first.name || !m || urls.has(urlKey(m.url))) return false
      urls.add(urlKey(m.url))
      return true
    })
    .slice(0, fallback)
  const fallbacks = fallbackResults.map((r) => byName.get(r.name) as Mirror)
  return { chosen: first, chosenResult, fallbacks, fallbackResults }
}

/** The first mirror in GOPROXY order that proxies the checksum database: go verifies through that one. */
function sumdbPick(choice: UseChoice): ProbeResult | null {
  return [choice.chosenResult, ...choice.fallbackResults].find((r) => r?.sumdb === true) ?? null
}

/** The mirror go verifies through, unless its proxy failed the proof (then null: it must not be relied on). */
export function sumdbProxiedBy(choice: UseChoice): string | null {
  const pick = sumdbPick(choice)
  return pick && pick.sumdbProof?.verified !== false ? pick.name : null
}

/** The mirror go would verify through whose proxy failed the proof; null when none. */
export function sumdbProxyRefused(choice: UseChoice): ProbeResult | null {
  const pick = sumdbPick(choice)
  return pick?.sumdbProof?.verified === false ? pick : null
}

export interface UsePlanInput {
  choice: UseChoice
  snapshot: GoSnapshot
  sumdb: SumdbMode
  private?: string | undefined
  /** checkSumdbHosts' rows when they were asked (auto mode, GOSUMDB not yours, database not proxied). */
  sumdbHosts?: readonly HostCheck[] | null
  /** Every probe result, to name the mirrors that do proxy the checksum database. */
  ranked?: readonly ProbeResult[]
}

function hostProblem(h: HostCheck | null): string {
  return h?.error ?? t('not asked')
}

/** Notes, and a GOSUMDB to set, for --sumdb auto (decision table in src/sumdb/decide.ts). */
function planAutoSumdb(input: UsePlanInput, plan: Plan, notes: string[]): GosumdbDecision {
  const { choice, snapshot } = input
  const own = snapshot.vars.GOSUMDB
  const refused = sumdbProxyRefused(choice)
  const decision = decideGosumdb({ own: own.source !== 'default', proxiedBy: sumdbProxiedBy(choice), refused: refused?.name ?? null, hosts: input.sumdbHosts ?? null })
  const name = choice.chosen.name
  if (refused && decision.kind !== 'own') {
    notes.push(t('{name} proxies the checksum database, but what it serves failed verification ({error}).', { name: refused.name, error: refused.sumdbProof?.finding ? renderProofFinding(refused.sumdbProof.finding) : (refused.sumdbProof?.error ?? '') }))
  }
  switch (decision.kind) {
    case 'own':
      notes.push(own.source === 'env'
        ? t('GOSUMDB is yours ({value}, from the OS environment); left as it is.', { value: redactUrl(own.value) })
        : t('GOSUMDB is yours ({value}, from the go env file); left as it is.', { value: redactUrl(own.value) }))
      break
    case 'proxied':
      if (decision.via !== name) notes.push(t('{name} does not proxy the checksum database; go verifies new modules through {via}, the next in GOPROXY that does.', { name, via: decision.via }))
      break
    case 'direct':
      if (choice.chosenResult?.sumdb === false) {
        notes.push(decision.ms !== null
          ? t('{name} does not proxy the checksum database; go will verify new modules with sum.golang.org directly (reachable from here, {ms} ms).', { name, ms: Math.round(decision.ms) })
          : t('{name} does not proxy the checksum database; go will verify new modules with sum.golang.org directly.', { name }))
      }
      break
    case 'bypass':
      plan.set.GOSUMDB = decision.value
      notes.push(t('GOSUMDB set to "{value}": go asks the checksum database itself instead of {name}.', { value: decision.value, name: decision.refused }))
      break
    case 'china':
      plan.set.GOSUMDB = 'sum.golang.google.cn'
      notes.push(t('sum.golang.org is unreachable from here ({problem}) and {name} does not proxy it: GOSUMDB set to sum.golang.google.cn, the same checksum database (same key) served from mainland China.', { problem: hostProblem(decision.official), name }))
      break
    case 'unreachable': {
      const proxying = (input.ranked ?? []).filter((r) => r.healthy && r.sumdb).map((r) => r.name)
      const fix = proxying.length > 0
        ? t('switch to a mirror that proxies it ({list}): gomirror use fastest {names}', { list: proxying.slice(0, 3).join(', '), names: proxying.slice(0, 3).join(' ') })
        : t('use a mirror that proxies it (SUMDB yes in gomirror test), or make sum.golang.org reachable (HTTPS_PROXY)')
      notes.push(t('{name} does not proxy the checksum database, and neither sum.golang.org ({official}) nor sum.golang.google.cn ({china}) answers from here: go will fail to verify modules that are not in go.sum yet. To fix it, {fix}.', { name, official: hostProblem(decision.official), china: hostProblem(decision.china), fix }))
      break
    }
  }
  return decision
}

/** The plan for `use`, plus notes worth telling the user. GOPRIVATE & co. are touched only when asked. */
export function buildUsePlan(input: UsePlanInput): { plan: Plan; notes: string[]; gosumdb: GosumdbDecision | null } {
  const { choice, snapshot, sumdb } = input
  const plan: Plan = { set: { GOPROXY: buildGoproxy(choice, snapshot.goVersion.minor) }, unset: [] }
  const notes: string[] = []
  let gosumdb: GosumdbDecision | null = null
  if (sumdb.mode === 'set') {
    plan.set.GOSUMDB = sumdb.value
    if (sumdb.value === 'off') notes.push(t('GOSUMDB=off turns checksum verification off: Go will no longer detect altered modules.'))
  } else if (sumdb.mode === 'auto') {
    gosumdb = planAutoSumdb(input, plan, notes)
  }
  if (input.private !== undefined) plan.set.GOPRIVATE = input.private
  return { plan, notes, gosumdb }
}
