import { Chalk, type ChalkInstance } from 'chalk'
import type { ProbeCallbacks, ProbeResult, ProbeTarget } from '../probe/types.js'
import { colorLevel, supportsUnicode } from './color.js'
import { t } from './i18n.js'
import { safeForTerminal } from '../util/display.js'
import { formatMs, padEnd, padStart, truncate } from './text.js'

/** What the probe has reported so far. */
export interface ProgressState {
  total: number
  /** Mirror names in the order their probes started; rows keep this order so they fill in place. */
  started: string[]
  results: ReadonlyMap<string, ProbeResult>
}

export interface FrameOptions {
  unicode: boolean
  /** Terminal width; every line stays narrower so none wraps (a wrapped line breaks the redraw). @default 80 */
  columns?: number
  /** Terminal height; the frame never grows taller than the screen, or it could not be erased. @default 24 */
  rows?: number
  /** Animation step. @default 0 */
  tick?: number
  /** @default no colour */
  color?: ChalkInstance
}

const SPIN_UNICODE = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const SPIN_ASCII = ['|', '/', '-', '\\']
const PLAIN = new Chalk({ level: 0 })

/** One frame of live progress: a header with counts, then a row per started mirror. Pure. */
export function renderProgressFrame(state: ProgressState, opts: FrameOptions): string[] {
  const c = opts.color ?? PLAIN
  const columns = Math.max(40, opts.columns ?? 80) - 1
  const maxRows = Math.max(3, (opts.rows ?? 24) - 2)
  const frames = opts.unicode ? SPIN_UNICODE : SPIN_ASCII
  const spin = frames[(opts.tick ?? 0) % frames.length] as string
  const answered = state.started.filter((n) => state.results.has(n)).length
  const healthy = [...state.results.values()].filter((r) => r.healthy).length
  const header = `${c.cyan(spin)} ${t('Probing {total} mirrors: {done} answered, {healthy} healthy', { total: state.total, done: answered, healthy })}`
  const nameWidth = Math.min(16, Math.max(6, ...state.started.map((n) => n.length)))
  const shown = state.started.length > maxRows ? state.started.slice(0, maxRows - 1) : state.started
  const lines = [truncate(header, columns, opts.unicode)]
  for (const name of shown) {
    const r = state.results.get(name)
    const label = padEnd(truncate(name, nameWidth, opts.unicode), nameWidth)
    let status: string
    if (!r) status = c.dim(padStart(opts.unicode ? '…' : '...', 8))
    else if (r.healthy) status = `${padStart(formatMs(r.latencyMs), 8)}  ${c.green(t('healthy'))}`
    else status = `${padStart(c.red(t('failed')), 8)}  ${c.dim(r.error ?? '')}`
    lines.push(truncate(`  ${label}  ${status}`, columns, opts.unicode))
  }
  if (shown.length < state.started.length) lines.push(c.dim(t('  ...and {n} more', { n: state.started.length - shown.length })))
  return lines
}

export interface ProbeProgressOptions {
  total: number
  /** @default process.stderr */
  stream?: NodeJS.WriteStream
  /** Force on or off; by default on only when `progressEnabled` says so. */
  enabled?: boolean
  json?: boolean
  quiet?: boolean
  env?: NodeJS.ProcessEnv
  /** Redraw period: events in between are drawn together, so a burst of answers costs one frame. @default 80 */
  intervalMs?: number
}

/** Progress is for a person watching a terminal: never on a pipe, under CI, or with --json/--quiet. */
export function progressEnabled(opts: { stream: NodeJS.WriteStream; json?: boolean; quiet?: boolean; env?: NodeJS.ProcessEnv }): boolean {
  const env = opts.env ?? process.env
  return Boolean(opts.stream.isTTY) && !opts.json && !opts.quiet && !env.CI && env.TERM !== 'dumb'
}

export interface ProbeProgress extends Required<Pick<ProbeCallbacks, 'onStart' | 'onResult'>> {
  /** Erase the progress so the final table starts where it began. Safe to call twice. */
  stop(): void
}

// Cursor up N lines and erase to the end of the screen: the frame is redrawn in place.
const ERASE = (lines: number): string => (lines > 0 ? `\r\u001b[${lines}A\u001b[J` : '')

/**
 * Live progress on stderr for probing. Plug it into the probe as its callbacks, then `stop()` before
 * printing the result (in a `finally`, so an error never leaves a half-drawn frame behind).
 */
export function createProbeProgress(opts: ProbeProgressOptions): ProbeProgress {
  const stream = opts.stream ?? process.stderr
  const enabled = opts.enabled ?? progressEnabled({ stream, json: opts.json, quiet: opts.quiet, env: opts.env })
  if (!enabled) return { onStart: () => undefined, onResult: () => undefined, stop: () => undefined }

  const env = opts.env ?? process.env
  const color = new Chalk({ level: colorLevel(stream, env) })
  const unicode = supportsUnicode(env)
  const started: string[] = []
  const results = new Map<string, ProbeResult>()
  let drawn = 0
  let tick = 0
  let stopped = false

  const draw = (): void => {
    const lines = renderProgressFrame({ total: opts.total, started, results }, { unicode, columns: stream.columns, rows: stream.rows, tick: tick++, color })
    stream.write(`${ERASE(drawn)}${safeForTerminal(lines.join('\n'))}\n`)
    drawn = lines.length
  }
  // The timer both animates and throttles; unref'd so a forgotten stop() never holds the process open.
  let timer: NodeJS.Timeout | undefined
  const ensureTimer = (): void => {
    if (timer || stopped) return
    timer = setInterval(draw, opts.intervalMs ?? 80)
    timer.unref()
  }

  return {
    onStart: (target: ProbeTarget) => {
      if (!started.includes(target.name)) started.push(target.name)
      ensureTimer()
    },
    onResult: (result: ProbeResult) => {
      if (!started.includes(result.name)) started.push(result.name)
      results.set(result.name, result)
      ensureTimer()
    },
    stop: () => {
      stopped = true
      if (timer) clearInterval(timer)
      timer = undefined
      if (drawn > 0) stream.write(ERASE(drawn))
      drawn = 0
    },
  }
}
