import type { Mirror } from '../mirrors/catalog.js'
import { probeMirrors } from '../probe/probe.js'
import { rankResults } from '../probe/rank.js'
import type { ProbeCallbacks, ProbeOptions, ProbeResult } from '../probe/types.js'
import { VERSION } from '../version.js'
import { sumdbKeyFromEnv } from '../sumdb/key.js'

/** Probe mirrors and rank them; shared by `test` and `use`. Progress output belongs to the caller (`callbacks`). */
export async function probeAndRank(mirrors: readonly Mirror[], opts: ProbeOptions, callbacks: ProbeCallbacks = {}): Promise<ProbeResult[]> {
  const results = await probeMirrors(
    mirrors.map((m) => ({ name: m.name, url: m.url })),
    { userAgent: `gomirror/${VERSION}`, sumdbKey: sumdbKeyFromEnv() ?? undefined, ...opts },
    callbacks,
  )
  return rankResults(results)
}

/**
 * probeAndRank with live progress on stderr (only on a terminal, not under CI, --json or --quiet),
 * erased before the caller prints anything.
 */
export async function probeWithProgress(mirrors: readonly Mirror[], opts: ProbeOptions, flags: { json?: boolean | undefined; quiet?: boolean | undefined }): Promise<ProbeResult[]> {
  const { createProbeProgress } = await import('../ui/progress.js')
  const progress = createProbeProgress({ total: mirrors.length, json: Boolean(flags.json), quiet: Boolean(flags.quiet) })
  try {
    return await probeAndRank(mirrors, opts, progress)
  } finally {
    progress.stop()
  }
}
