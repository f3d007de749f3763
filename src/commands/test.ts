import type { Mirror } from '../mirrors/catalog.js'
import { loadMirrors } from '../mirrors/load.js'
import { resolveMirrorArg } from '../mirrors/resolve.js'
import { supportsUnicode } from '../ui/color.js'
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

export function uniqueMirrors(mirrors: Mirror[]): Mirror[] {
  const seen = new Set<string>()
  return mirrors.filter((m) => (seen.has(m.name) ? false : (seen.add(m.name), true)))
}
