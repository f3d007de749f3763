/**
 * Ranking of probe results. Pure: the probe gathers facts, this decides the order.
 */
import type { ProbeResult } from './types.js'

/** The middle value (mean of the two middle ones for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid] as number
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2
}

function compareNames(a: ProbeResult, b: ProbeResult): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/** Nulls sort last so a result without a measurement never wins a tie-break. */
function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a - b
}

function compareHealthy(a: ProbeResult, b: ProbeResult): number {
  return (
    compareNullable(a.latencyMs, b.latencyMs) ||
    compareNullable(a.connectMs, b.connectMs) ||
    compareNames(a, b)
  )
}

/**
 * Healthy results first, fastest (median warm latency) first, ties broken by connection time
 * and then name; then the mirrors cut off as slower (by name), then the failed ones (by name).
 * Returns a new array.
 */
export function rankResults(results: readonly ProbeResult[]): ProbeResult[] {
  const healthy = results.filter((r) => r.healthy).sort(compareHealthy)
  const cut = results.filter((r) => !r.healthy && r.cutOff).sort(compareNames)
  const failed = results.filter((r) => !r.healthy && !r.cutOff).sort(compareNames)
  return [...healthy, ...cut, ...failed]
}

/** The best healthy result, or null when no mirror is healthy. */
export function fastest(results: readonly ProbeResult[]): ProbeResult | null {
  const first = rankResults(results)[0]
  return first?.healthy ? first : null
}
