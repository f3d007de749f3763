/**
 * When to stop waiting and when to keep sampling: the pure rules behind the coordinator.
 *
 * - The bar: the k-th fastest mirror that finished healthy (k = 1, or 1 + --fallback for `use`).
 * - A mirror's best case (`lowerBound`): the median it would end with if every sample still to
 *   come were as fast as its fastest so far, counting a sample in flight at what it has taken so
 *   far. Before its first warm answer a mirror is assumed to manage a fifth of the time it has taken
 *   (a cold request is at most about five round trips: DNS, TCP, two for TLS, the request).
 * - Cut off: a mirror still in its health checks is dropped once it has been given the grace
 *   (max(graceMs, twice the time the bar took to finish)) and its best case is slower than the bar.
 * - Fewer samples: a mirror that passed its health checks stops sampling once its best case is
 *   slower than the bar; it stays healthy with the samples it has.
 * - More samples: after the base count, a mirror keeps sampling (up to the cap) while the
 *   confidence interval of its median overlaps another live mirror's. The interval is the
 *   distribution-free one from order statistics, at about 90% (with 5 samples it is [min, max];
 *   with 20, the 6th to the 15th): overlapping leaders get more samples, mirrors far apart do not,
 *   and one slow outlier stops mattering after a few more samples. A mirror with fewer than two
 *   samples has the interval [best case, ∞).
 */
import { median } from './rank.js'

/** What is known about one mirror while the probes run. */
export interface MirrorProgress {
  name: string
  startedAt: number
  /** Warm samples so far, in ms. */
  samples: number[]
  /** Start of the timed sample request in flight; null when none is. */
  pendingSince: number | null
  /** The canary list, .info and .mod were right: only a later check (--deep) can still fail it. */
  passed: boolean
  state: 'running' | 'healthy' | 'failed' | 'cut'
  /** Median latency once healthy. */
  latencyMs: number | null
  finishedAt: number | null
  /** Never cut off (the mirror `use <name>` asked for). */
  exempt: boolean
}

export interface SamplingRule {
  /** Samples every mirror takes unless it is clearly behind. */
  base: number
  /** Most samples a mirror takes while its results overlap a rival's. */
  cap: number
}

/** A cold request costs at most about this many round trips of a warm one. */
export const COLD_ROUND_TRIPS = 5

export interface Bar {
  name: string
  latencyMs: number
  finishedAt: number
  /** Its rank among the healthy mirrors (1 = the fastest). */
  k: number
}

/** The k-th fastest finished healthy mirror, or null while fewer than k have finished healthy. */
export function findBar(all: readonly MirrorProgress[], k: number): Bar | null {
  const done = all
    .filter((p) => p.state === 'healthy' && p.latencyMs !== null)
    .sort((a, b) => (a.latencyMs as number) - (b.latencyMs as number) || (a.name < b.name ? -1 : 1))
  const bar = done[k - 1]
  return bar ? { name: bar.name, latencyMs: bar.latencyMs as number, finishedAt: bar.finishedAt ?? 0, k } : null
}

/** The best median a mirror could still end with (see the file comment). */
export function lowerBound(p: MirrorProgress, now: number, cap: number): number {
  if (p.samples.length === 0) return (now - p.startedAt) / COLD_ROUND_TRIPS
  const fastest = Math.min(...p.samples)
  const values = [...p.samples]
  if (p.pendingSince !== null) values.push(now - p.pendingSince)
  while (values.length < cap) values.push(fastest)
  return median(values) as number
}

/** Two-sided miss rate of the median intervals. */
const INTERVAL_ALPHA = 0.1

/**
 * The order-statistic confidence interval for the median: [x(j), x(n+1-j)] with the largest j for
 * which 2·P(Binomial(n, ½) < j) ≤ 10% (j = 1, the full range, when no j qualifies).
 */
export function medianInterval(values: readonly number[]): [number, number] {
  const s = [...values].sort((a, b) => a - b)
  const n = s.length
  let j = 1
  let term = 0.5 ** n // P(B = 0)
  let below = term // P(B ≤ j - 1) for the candidate j + 1
  for (let k = 1; k < n / 2; k++) {
    if (2 * below > INTERVAL_ALPHA) break
    j = k
    term = (term * (n - k + 1)) / k
    below += term
  }
  return [s[j - 1] as number, s[n - j] as number]
}

function interval(p: MirrorProgress, now: number, cap: number): [number, number] {
  return p.samples.length >= 2 ? medianInterval(p.samples) : [lowerBound(p, now, cap), Number.POSITIVE_INFINITY]
}

/** A mirror that passed its health checks and can no longer beat the bar: stop sampling it. */
export function isBehind(p: MirrorProgress, bar: Bar | null, now: number, cap: number): boolean {
  return bar !== null && p.passed && bar.name !== p.name && lowerBound(p, now, cap) > bar.latencyMs
}

/** Whether `self` should take another sample (asked after each one). */
export function keepSampling(self: MirrorProgress, all: readonly MirrorProgress[], bar: Bar | null, now: number, rule: SamplingRule, earlyStop = true): boolean {
  const n = self.samples.length
  if (n >= rule.cap) return false
  if (earlyStop && isBehind(self, bar, now, rule.cap)) return false
  if (n < rule.base) return true
  const [lo, hi] = medianInterval(self.samples)
  return all.some((o) => {
    if (o === self || o.state === 'failed' || o.state === 'cut') return false
    const [olo, ohi] = interval(o, now, rule.cap)
    return olo <= hi && lo <= ohi
  })
}

/** The grace a mirror gets before it can be cut off, measured from the start of the probes. */
export function graceMs(bar: Bar, origin: number, minGraceMs: number): number {
  return Math.max(minGraceMs, 2 * (bar.finishedAt - origin))
}

/** Whether to cut off a mirror still in its health checks. */
export function shouldCutOff(p: MirrorProgress, bar: Bar | null, now: number, origin: number, minGraceMs: number, cap: number): boolean {
  if (!bar || p.exempt || p.passed || p.state !== 'running') return false
  if (now - p.startedAt < graceMs(bar, origin, minGraceMs)) return false
  return lowerBound(p, now, cap) > bar.latencyMs
}
