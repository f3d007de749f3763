import type { Plan } from '../goenv/plan.js'
import type { GoSnapshot } from '../goenv/read.js'
import type { Mirror } from '../mirrors/catalog.js'
import type { ProbeResult } from '../probe/types.js'
import { redactUrl } from '../util/url.js'
import type { SumdbMode } from './options.js'

export interface UseChoice {
  chosen: Mirror
  chosenResult: ProbeResult | null
  fallbacks: Mirror[]
}

/** `|` (fall through on any error) needs Go 1.15; older Go only understands `,`. */
export function proxySeparator(goMinor: number): '|' | ',' {
  return goMinor >= 15 ? '|' : ','
}

/** GOPROXY for a choice: the mirror, its fallbacks, then `direct` so modules no proxy has still resolve. */
export function buildGoproxy(choice: UseChoice, goMinor: number): string {
  const urls = [choice.chosen, ...choice.fallbacks].map((m) => m.url)
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
  const fallbacks = healthy
    .filter((r) => r.name !== first.name)
    .slice(0, fallback)
    .map((r) => byName.get(r.name))
    .filter((m): m is Mirror => m !== undefined)
  return { chosen: first, chosenResult, fallbacks }
}

export interface UsePlanInput {
  choice: UseChoice
  snapshot: GoSnapshot
  sumdb: SumdbMode
  private?: string | undefined
}

/** The plan for `use`, plus notes worth telling the user. GOPRIVATE & co. are touched only when asked. */
export function buildUsePlan(input: UsePlanInput): { plan: Plan; notes: string[] } {
  const { choice, snapshot, sumdb } = input
  const plan: Plan = { set: { GOPROXY: buildGoproxy(choice, snapshot.goVersion.minor) }, unset: [] }
  const notes: string[] = []
  if (sumdb.mode === 'set') {
    plan.set.GOSUMDB = sumdb.value
    if (sumdb.value === 'off') notes.push('GOSUMDB=off turns checksum verification off: Go will no longer detect altered modules.')
  } else if (sumdb.mode === 'auto') {
    const own = snapshot.vars.GOSUMDB
    if (own.source !== 'default') {
      notes.push(`GOSUMDB is yours (${redactUrl(own.value)}, from the ${own.source === 'env' ? 'OS environment' : 'go env file'}); left as it is.`)
    } else if (choice.chosenResult?.sumdb === false) {
      notes.push(`${choice.chosen.name} does not proxy the checksum database, so go will contact sum.golang.org directly to verify new modules. If that host is blocked, add --sumdb sum.golang.google.cn.`)
    }
  }
  if (input.private !== undefined) plan.set.GOPRIVATE = input.private
  return { plan, notes }
}
