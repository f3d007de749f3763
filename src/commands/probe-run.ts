import type { Mirror } from '../mirrors/catalog.js'
import { probeMirrors } from '../probe/probe.js'
import { rankResults } from '../probe/rank.js'
import type { ProbeCallbacks, ProbeOptions, ProbeResult } from '../probe/types.js'
import { VERSION } from '../version.js'

/** Probe mirrors and rank them; shared by `test` and `use`. Progress output belongs to the caller (`callbacks`). */
export async function probeAndRank(mirrors: readonly Mirror[], opts: ProbeOptions, callbacks: ProbeCallbacks = {}): Promise<ProbeResult[]> {
  const results = await probeMirrors(
    mirrors.map((m) => ({ name: m.name, url: m.url })),
    { userAgent: `gomirror/${VERSION}`, ...opts },
    callbacks,
  )
  return rankResults(results)
}
