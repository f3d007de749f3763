import type { ProbeResult } from '../probe/types.js'
import { colors } from './color.js'
import { bar, formatMs, padEnd, padStart, truncate } from './text.js'

export interface TableOptions {
  unicode: boolean
  /** Terminal width to fit. @default 80 */
  columns?: number
}

const BAR_CELLS = 12

/**
 * The `gomirror test` table: rows already ranked, fastest first. Healthy rows get a bar scaled to
 * the slowest healthy latency so the spread is seen at a glance; unhealthy rows say why.
 */
export function renderProbeTable(results: readonly ProbeResult[], opts: TableOptions): string[] {
  const c = colors()
  const columns = Math.max(60, opts.columns ?? 80)
  const nameWidth = Math.min(16, Math.max(6, ...results.map((r) => r.name.length)))
  const max = Math.max(0, ...results.filter((r) => r.healthy).map((r) => r.latencyMs ?? 0))
  const fastest = results.find((r) => r.healthy)
  const head = `  ${padEnd('MIRROR', nameWidth)}  ${padStart('LATENCY', 8)}  ${padEnd('', BAR_CELLS)}  SUMDB  URL`
  const lines = [c.dim(head)]
  for (const r of results) {
    const mark = r === fastest ? c.green(opts.unicode ? '▸' : '>') : ' '
    const name = padEnd(truncate(r.name, nameWidth, opts.unicode), nameWidth)
    if (r.healthy) {
      const urlRoom = columns - (2 + nameWidth + 2 + 8 + 2 + BAR_CELLS + 2 + 5 + 2)
      const sumdb = r.sumdb ? 'yes  ' : 'no   '
      lines.push(`${mark} ${r === fastest ? c.bold(name) : name}  ${padStart(formatMs(r.latencyMs), 8)}  ${c.cyan(bar(r.latencyMs ?? 0, max, BAR_CELLS, opts.unicode))}  ${sumdb}  ${c.dim(truncate(r.url, urlRoom, opts.unicode))}`)
    } else {
      const room = columns - (2 + nameWidth + 2 + 8 + 2)
      lines.push(`${mark} ${name}  ${padStart(c.red('failed'), 8)}  ${c.red(truncate(r.error ?? 'unhealthy', room, opts.unicode))}`)
    }
  }
  return lines
}

/** One line under the table: what was chosen or why nothing was. */
export function renderProbeSummary(results: readonly ProbeResult[]): string[] {
  const healthy = results.filter((r) => r.healthy)
  if (healthy.length === 0) return [colors().red(`No healthy mirror among ${results.length} probed.`)]
  const best = healthy[0] as ProbeResult
  return [`${healthy.length} of ${results.length} healthy; fastest: ${colors().bold(best.name)} (${formatMs(best.latencyMs)}).`]
}

/** The JSON shape CONTRACT.md fixes for `test --json`; extra fields are allowed. */
export function probeResultsToJson(results: readonly ProbeResult[]): { results: object[]; fastest: string | null } {
  return {
    results: results.map((r) => ({
      name: r.name,
      url: r.url,
      healthy: r.healthy,
      latencyMs: r.latencyMs === null ? null : Math.round(r.latencyMs * 10) / 10,
      sumdb: r.sumdb,
      error: r.error,
      connectMs: r.connectMs === null ? null : Math.round(r.connectMs * 10) / 10,
      samples: r.samples.map((s) => Math.round(s * 10) / 10),
    })),
    fastest: results.find((r) => r.healthy)?.name ?? null,
  }
}
