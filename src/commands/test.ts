import type { Mirror } from '../mirrors/catalog.js'
import { loadMirrors } from '../mirrors/load.js'
import { resolveMirrorArg } from '../mirrors/validate-url.js'
import { supportsUnicode } from '../ui/color.js'
import { urlKey } from '../util/url.js'
import { printJson, printLines } from '../ui/print.js'
import { probeResultsToJson, renderProbeSummary, renderProbeTable } from '../ui/render-probe.js'
import { parseProbeFlags, type RawProbeFlags } from './options.js'
import { probeWithProgress } from './probe-run.js'
import { trustRoots } from '../net/trust-roots.js'

/** `gomirror test [name|url...]`: probe and rank; exit 1 when none is healthy. Writes nothing. */
export async function runTest(names: string[], raw: RawProbeFlags & { json?: boolean; quiet?: boolean }): Promise<number> {
  const probeOpts = parseProbeFlags(raw)
  const known = await loadMirrors()
  const targets = names.length > 0 ? uniqueMirrors(names.map((n) => resolveMirrorArg(n, known))) : known
  const ranked = await probeWithProgress(targets, probeOpts, raw)
  if (raw.json) printJson(probeResultsToJson(ranked))
  else printLines([...renderProbeTable(ranked, { unicode: supportsUnicode(), columns: process.stdout.columns, verbose: Boolean(raw.verbose), trustRoots: raw.verbose ? trustRoots() : undefined }), '', ...renderProbeSummary(ranked)])
  return ranked.some((r) => r.healthy) ? 0 : 1
}

/** Each mirror once: by name, and by URL (urlKey), so one proxy under two names is probed and written once; the first name wins. */
export function uniqueMirrors(mirrors: readonly Mirror[]): Mirror[] {
  const names = new Set<string>()
  const urls = new Set<string>()
  return mirrors.filter((m) => {
    const key = urlKey(m.url)
    if (names.has(m.name) || urls.has(key)) return false
    names.add(m.name)
    urls.add(key)
    return true
  })
}
