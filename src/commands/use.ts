import { GomirrorError, UsageError } from '../errors.js'
import { planVars, previousValues, writtenValues } from '../goenv/plan.js'
import { readGoSnapshot, shadowedVars, type GoSnapshot } from '../goenv/read.js'
import { commitChange } from '../goenv/commit.js'
import type { Mirror } from '../mirrors/catalog.js'
import type { ProbeOptions, ProbeResult } from '../probe/types.js'
import { checkSumdbHosts, type HostCheck } from '../sumdb/check.js'
import { sumdbBaseUrls } from '../sumdb/hosts.js'

import { loadMirrors } from '../mirrors/load.js'
import { resolveMirrorArg } from '../mirrors/validate-url.js'
import { colors, supportsUnicode } from '../ui/color.js'
import { t } from '../ui/i18n.js'
import { canPick, pickMirror } from '../ui/picker.js'
import { printJson, printLines } from '../ui/print.js'
import { probeResultsToJson, renderProbeTable } from '../ui/render-probe.js'
import { renderChanges, renderShadowWarning } from '../ui/render-env.js'
import { formatMs } from '../ui/text.js'
import { redactUrl, redactValues } from '../util/url.js'
import { parseIntFlag, parsePrivateFlag, parseProbeFlags, parseSumdbFlag, type RawProbeFlags, type SumdbMode } from './options.js'
import { probeWithProgress } from './probe-run.js'
import { trustRoots } from '../net/trust-roots.js'
import { uniqueMirrors } from './test.js'
import { buildUsePlan, chooseMirrors, sumdbProxiedBy } from './use-plan.js'

export interface RawUseFlags extends RawProbeFlags {
  dryRun?: boolean
  json?: boolean
  fallback?: string
  sumdb?: string
  private?: string
  force?: boolean
  quiet?: boolean
  yes?: boolean
}

/** `gomirror use <name|url|fastest> [candidates...]`. */
export async function runUse(target: string | undefined, candidates: string[], raw: RawUseFlags): Promise<number> {
  if (target === undefined && !canPick({ json: raw.json, yes: raw.yes })) {
    throw new UsageError(t("use needs a mirror name, a URL, or 'fastest'"), t('for example: gomirror use fastest   (see the names with: gomirror ls)'))
  }
  parseProbeFlags(raw) // usage mistakes first, before anything is read or probed
  const fallback = parseIntFlag(raw.fallback, '--fallback', 0, 10, 0)
  const sumdb = parseSumdbFlag(raw.sumdb)
  const privatePatterns = parsePrivateFlag(raw.private)
  const known = await loadMirrors()
  let picked: ProbeResult[] | null = null
  if (target === undefined) {
    // In a terminal with no argument: probe everything, then let the user pick (Enter = fastest).
    picked = await probeWithProgress(known, parseProbeFlags(raw, { keep: 1 + fallback }), raw)
    target = await pickMirror(picked, { unicode: supportsUnicode() })
  }
  const fastest = target.toLowerCase() === 'fastest'
  if (!fastest && candidates.length > 0) {
    throw new UsageError(t("only 'use fastest' takes a list of candidates (got: {candidates})", { candidates: candidates.join(' ') }), t('for example: gomirror use fastest {names}', { names: [target, ...candidates].join(' ') }))
  }
  const named = fastest ? null : resolveMirrorArg(target, known)
  const pool = uniqueMirrors(candidates.length > 0 ? candidates.map((c) => resolveMirrorArg(c, known)) : known)
  // A named mirror alone needs only its own probe, unless fallbacks must be found among the rest.
  const toProbe = named ? uniqueMirrors([named, ...(fallback > 0 ? pool : [])]) : pool
  // Cut-off waits for as many finishers as GOPROXY needs, and never drops the mirror asked for by name.
  const probeOpts = parseProbeFlags(raw, { keep: 1 + fallback, exempt: named ? [named.name] : [] })

  const snapshotRead = readGoSnapshot()
  // If go cannot be asked, nothing will be written: stop probing at once rather than wait it out.
  const stopProbes = new AbortController()
  probeOpts.signal = stopProbes.signal
  snapshotRead.catch(() => stopProbes.abort())
  // Started alongside the probe: when the chosen mirror does not proxy the checksum database, the
  // answer is needed, and sum.golang.org is slowest exactly where it is blocked.
  const hostCheck = sumdb.mode === 'auto' ? startHostCheck(snapshotRead, probeOpts.requestTimeoutMs ?? 4000) : null
  try {
    return await switchTo(target, candidates, raw, { known, named, toProbe, probeOpts, fallback, sumdb, privatePatterns, snapshotRead, hostCheck, picked })
  } finally {
    hostCheck?.cancel()
  }
}

interface UseContext {
  known: Mirror[]
  named: Mirror | null
  toProbe: Mirror[]
  probeOpts: ProbeOptions
  fallback: number
  sumdb: SumdbMode
  privatePatterns: string | undefined
  snapshotRead: Promise<GoSnapshot>
  hostCheck: HostCheckRun | null
  /** Results the user already picked from: reused, not probed again, and not shown twice. */
  picked: ProbeResult[] | null
}

interface HostCheckRun {
  result: Promise<HostCheck[] | null>
  cancel(): void
}

/** Ask the checksum database hosts, unless GOSUMDB turns out to be the user's own. */
function startHostCheck(snapshotRead: Promise<GoSnapshot>, timeoutMs: number): HostCheckRun {
  sumdbBaseUrls() // a malformed GOMIRROR_SUMDB_HOSTS is a usage error, raised now
  const controller = new AbortController()
  const result = snapshotRead.then(
    (s) => (s.vars.GOSUMDB.source === 'default' ? checkSumdbHosts({ timeoutMs, signal: controller.signal }) : null),
    () => null, // the snapshot's own error is reported where it is awaited
  )
  return { result, cancel: () => controller.abort() }
}

async function switchTo(target: string, candidates: string[], raw: RawUseFlags, ctx: UseContext): Promise<number> {
  const { known, named, toProbe, probeOpts, fallback, sumdb, privatePatterns } = ctx
  const [snapshot, ranked] = await Promise.all([ctx.snapshotRead, ctx.picked ?? probeWithProgress(toProbe, probeOpts, raw)])
  const table = (): string[] => (ctx.picked || raw.quiet ? [] : renderProbeTable(ranked, { unicode: supportsUnicode(), columns: process.stdout.columns, verbose: Boolean(raw.verbose), trustRoots: raw.verbose ? trustRoots() : undefined }))

  const namedResult = named ? ranked.find((r) => r.name === named.name) : undefined
  if (named && namedResult && !namedResult.healthy && !raw.force) {
    if (raw.json) printJson({ error: `${named.name} is unhealthy`, ...probeResultsToJson(ranked) })
    else printLines(table())
    throw new GomirrorError(t('{name} failed its health check ({error}); nothing was changed', { name: named.name, error: namedResult.error ?? '' }), t('pick another (gomirror use fastest), or switch anyway with --force'))
  }
  const choice = chooseMirrors(ranked, [...known, ...toProbe], named, fallback)
  if (!choice) {
    if (raw.json) printJson({ error: 'no healthy mirror', ...probeResultsToJson(ranked) })
    else printLines(table())
    throw new GomirrorError(t('no healthy mirror among the {n} probed; nothing was changed', { n: ranked.length }), t('the table says why each failed; check your network or proxy (HTTPS_PROXY), or try again'))
  }

  const needHosts = sumdb.mode === 'auto' && snapshot.vars.GOSUMDB.source === 'default' && sumdbProxiedBy(choice) === null
  const sumdbHosts = needHosts ? await (ctx.hostCheck?.result ?? null) : null
  const { plan, notes, gosumdb } = buildUsePlan({ choice, snapshot, sumdb, private: privatePatterns, sumdbHosts, ranked })
  const previous = previousValues(plan, snapshot)
  const written = writtenValues(plan)
  const shadowed = shadowedVars(snapshot, planVars(plan))
  let changed = false
  if (!raw.dryRun) {
    const command = ['use', target, ...candidates].join(' ')
    const { applied } = await commitChange(plan, snapshot, { command })
    changed = planVars(applied).length > 0
  }

  if (raw.json) {
    printJson({
      chosen: { name: choice.chosen.name, url: redactUrl(choice.chosen.url), latencyMs: choice.chosenResult?.latencyMs ?? null },
      written: redactValues(written),
      previous: redactValues(previous),
      dryRun: Boolean(raw.dryRun),
      changed,
      fallbacks: choice.fallbacks.map((m) => m.name),
      shadowed,
      notes,
      gosumdb: gosumdb ? { decision: gosumdb.kind, hosts: sumdbHosts } : null,
      ...probeResultsToJson(ranked),
    })
    return 0
  }
  const c = colors()
  const latency = choice.chosenResult?.latencyMs ?? null
  const params = { name: c.bold(choice.chosen.name), latency: latency !== null ? ` (${formatMs(latency)})` : '' }
  const head = raw.dryRun ? t('Would switch to {name}{latency} (dry run: nothing written):', params) : changed ? t('Switched to {name}{latency}:', params) : t('Already using {name}{latency}:', params)
  printLines([
    ...table(),
    '',
    head,
    ...renderChanges(previous, written),
    ...notes.map((n) => c.dim(t('note: {text}', { text: n }))),
    ...(changed && !raw.dryRun ? [c.dim(t('Undo with: gomirror undo'))] : []),
    ...renderShadowWarning(shadowed),
  ])
  return 0
}


