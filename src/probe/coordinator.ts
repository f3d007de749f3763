/**
 * Decides while the probes run: cuts off mirrors that can no longer beat the leaders, stops
 * sampling mirrors that are clearly behind, and keeps sampling the ones whose results overlap.
 * The rules are in decide.ts; this file holds the live state and the clock.
 */
import { performance } from 'node:perf_hooks'
import { findBar, isBehind, keepSampling, shouldCutOff, type Bar, type MirrorProgress, type SamplingRule } from './decide.js'

/** Abort reason for a mirror dropped because it could no longer beat the leaders. */
export class CutOff extends Error {
  constructor(readonly afterMs: number, message: string) {
    super(message)
    this.name = 'CutOff'
  }
}

/** Abort reason for an extra sample that is no longer worth waiting for; the mirror stays healthy. */
export class StopSampling extends Error {
  constructor() {
    super('enough samples')
    this.name = 'StopSampling'
  }
}

/** What one probe tells the coordinator, and the signals it listens to. */
export interface Tracker {
  /** Aborted with a CutOff when the mirror is cut off. */
  readonly cut: AbortSignal
  /** Aborted with StopSampling when an extra sample in flight is no longer worth waiting for. */
  readonly stop: AbortSignal
  beginSample(): void
  endSample(ms: number): void
  /** The sample in flight failed or was abandoned. */
  dropSample(): void
  /** The health checks (list, .info, .mod) passed. */
  markPassed(): void
  /** Asked after each sample: take another? */
  wantsMore(): boolean
  finish(healthy: boolean, latencyMs: number | null): void
}

export interface CoordinatorOptions extends SamplingRule {
  /** How many of the fastest healthy mirrors the caller needs (1 + --fallback). @default 1 */
  keep: number
  /** Least time a mirror is given before it can be cut off. @default 500 */
  graceMs: number
  /** false: no cut-off and no early stop (every mirror takes at least the base samples). */
  decideEarly: boolean
  /** Names never cut off. */
  exempt: ReadonlySet<string>
}

function formatLatency(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}

function cutText(afterMs: number, bar: Bar): string {
  const beat = bar.k === 1
    ? `${bar.name} (${formatLatency(bar.latencyMs)})`
    : `the ${bar.k} fastest (the slowest of them: ${bar.name}, ${formatLatency(bar.latencyMs)})`
  return `cut off after ${Math.round(afterMs)} ms: could no longer beat ${beat}`
}

interface Entry extends MirrorProgress {
  cutController: AbortController
  stopController: AbortController
}

const TICK_MS = 20

export class ProbeCoordinator {
  private readonly entries: Entry[] = []
  private readonly origin: number
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly opts: CoordinatorOptions, private readonly now: () => number = () => performance.now()) {
    this.origin = now()
  }

  track(name: string): Tracker {
    const entry: Entry = {
      name, startedAt: this.now(), samples: [], pendingSince: null, passed: false, state: 'running',
      latencyMs: null, finishedAt: null, exempt: this.opts.exempt.has(name),
      cutController: new AbortController(), stopController: new AbortController(),
    }
    this.entries.push(entry)
    // Time alone can decide a cut-off (a mirror that never answers sends no events), hence a clock.
    this.timer ??= setInterval(() => this.evaluate(), TICK_MS).unref()
    return {
      cut: entry.cutController.signal,
      stop: entry.stopController.signal,
      beginSample: () => { entry.pendingSince = this.now() },
      endSample: (ms) => { entry.samples.push(ms); entry.pendingSince = null; this.evaluate() },
      dropSample: () => { entry.pendingSince = null },
      markPassed: () => { entry.passed = true },
      wantsMore: () => !entry.stopController.signal.aborted
        && keepSampling(entry, this.entries, this.bar(), this.now(), this.opts, this.opts.decideEarly),
      finish: (healthy, latencyMs) => {
        if (entry.state === 'running') entry.state = healthy ? 'healthy' : 'failed'
        entry.latencyMs = latencyMs
        entry.finishedAt = this.now()
        this.evaluate()
      },
    }
  }

  /** Stop the clock; call when every probe has finished. */
  close(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  private bar(): Bar | null {
    return findBar(this.entries, this.opts.keep)
  }

  private evaluate(): void {
    if (!this.opts.decideEarly) return
    const bar = this.bar()
    if (!bar) return
    const now = this.now()
    for (const e of this.entries) {
      if (e.state !== 'running') continue
      if (e.pendingSince !== null && !e.stopController.signal.aborted && isBehind(e, bar, now, this.opts.cap)) {
        e.stopController.abort(new StopSampling())
      } else if (shouldCutOff(e, bar, now, this.origin, this.opts.graceMs, this.opts.cap)) {
        e.state = 'cut'
        const afterMs = now - e.startedAt
        e.cutController.abort(new CutOff(afterMs, cutText(afterMs, bar)))
      }
    }
  }
}

/** For a lone probe: the base samples, no cut-off. */
export function soloTracker(base: number): Tracker {
  let samples = 0
  const never = new AbortController().signal
  return {
    cut: never,
    stop: never,
    beginSample: () => undefined,
    endSample: () => { samples++ },
    dropSample: () => undefined,
    markPassed: () => undefined,
    wantsMore: () => samples < base,
    finish: () => undefined,
  }
}
