import type { TrustRoots } from '../net/trust-roots.js'
import type { ProbeResult } from '../probe/types.js'
import { PROOF_TEMPLATES, type ProofFinding } from '../sumdb/proof.js'
import { colors } from './color.js'
import { t, t as translate } from './i18n.js'
import type { Translate } from '../profiles/wording.js'
import { bar, formatMs, padEnd, padStart, truncate, width } from './text.js'

export interface TableOptions {
  unicode: boolean
  /** Terminal width to fit. @default 80 */
  columns?: number
  /** Lines under each row: the address it answered from, its family, proxy, connections, samples, zip. */
  verbose?: boolean
  /** With verbose: the roots the probes trusted, said once under the table. */
  trustRoots?: TrustRoots | undefined
}

/** A failed checksum-database proof in the user's language. */
export function renderProofFinding(f: ProofFinding): string {
  return t(PROOF_TEMPLATES[f.code], f.params)
}

/** The SUMDB cell: yes, no, ?, or bad when the mirror's database proxy failed its proof. */
function sumdbCell(r: ProbeResult): string {
  if (r.sumdbProof?.verified === false) return t('bad')
  return r.sumdb ? t('yes') : r.sumdb === false ? t('no') : '?'
}

const BAR_CELLS = 12
const RATE_WIDTH = 10

/** 812 KiB/s, 3.4 MiB/s. */
export function formatRate(kibPerSec: number): string {
  return kibPerSec < 1024 ? `${Math.round(kibPerSec)} KiB/s` : `${(kibPerSec / 1024).toFixed(1)} MiB/s`
}

/**
 * The --verbose lines under a row: where the mirror was reached (with a proxy the address is the
 * proxy's: only the proxy resolves the mirror's name), then the samples, then the zip.
 */
export function describeRoute(r: ProbeResult): string[] {
  const where = r.address ? `${r.address} (${r.family ?? 'unknown family'})` : null
  const verb = r.healthy ? 'answered from' : 'connected to'
  const first = r.proxy
    ? [`via proxy ${r.proxy}${where ? ` at ${where}` : ''}`]
    : [where ? `${verb} ${where}` : 'no connection opened']
  if (r.connectMs !== null) first.push(`connect ${formatMs(r.connectMs)}`)
  if ((r.connections ?? 0) > 1) first.push(`${r.connections} connections`)
  const lines = [first.join(' · ')]
  if (r.samples.length > 0) lines.push(`${r.samples.length} samples (ms): ${r.samples.map((s) => s.toFixed(1)).join(' ')}`)
  if (r.zip) lines.push(`zip: ${r.zip.bytes} bytes in ${formatMs(r.zip.ms)}, ${r.zip.hash}`)
  const creds = r.credentials
  if (creds) {
    lines.push(creds.source === 'netrc'
      ? t('credentials: {file}:{line} (machine {machine}, login {login}), as go sends them', { file: creds.file, line: creds.line, machine: creds.machine, login: creds.login })
      : t('credentials: from the URL'))
  }
  const health = r.serviceHealth
  if (health && (health.healthz || health.readyz)) {
    const answered = [health.healthz, health.readyz].filter((u): u is string => u !== null)
    lines.push(t('service health: {urls} answered 200', { urls: answered.join(', ') }))
  }
  return lines
}

/** The --verbose line under the table: which certificate authorities the probes trusted. */
export function describeTrustRoots(roots: TrustRoots, t: Translate = translate): string {
  const parts = roots.sources.map((s) => {
    const where = s.kind === 'node-system' ? t('system store (Node)') : s.kind === 'node-bundled' ? t('Node bundled') : s.env ? `${s.env}=${s.path ?? ''}` : String(s.path)
    return `${where} (${t('{n} certs', { n: s.certs })})`
  })
  const list = parts.length > 0 ? parts.join(' + ') : t('none found')
  const how = roots.mode === 'unix' ? t('as go reads them') : t('what Node can read of the store go uses')
  const ignored = roots.ignoredEnv.length > 0 ? t('; {vars} ignored, as go ignores them here', { vars: roots.ignoredEnv.join(', ') }) : ''
  return t('trust roots ({how}): {list}{ignored}', { how, list, ignored })
}

/**
 * The `gomirror test` table: rows already ranked, fastest first. Healthy rows get a bar scaled to
 * the slowest healthy latency so the spread is seen at a glance; unhealthy rows say why, and rows
 * cut off early say after how long and whom they could not beat. With --deep results a ZIP column
 * shows the canary zip's download rate.
 */
export function renderProbeTable(results: readonly ProbeResult[], opts: TableOptions): string[] {
  const c = colors()
  const columns = Math.max(60, opts.columns ?? 80)
  const nameWidth = Math.min(16, Math.max(6, ...results.map((r) => r.name.length)))
  const max = Math.max(0, ...results.filter((r) => r.healthy).map((r) => r.latencyMs ?? 0))
  const fastest = results.find((r) => r.healthy)
  const deep = results.some((r) => r.zip)
  const zipHead = deep ? `${padStart('ZIP', RATE_WIDTH)}  ` : ''
  const sumdbWidth = Math.max(5, width(t('SUMDB')), ...results.map((r) => width(sumdbCell(r))))
  const head = `  ${padEnd(t('MIRROR'), nameWidth)}  ${padStart(t('LATENCY'), 8)}  ${padEnd('', BAR_CELLS)}  ${padEnd(t('SUMDB'), sumdbWidth)}  ${zipHead}URL`
  const lines = [c.dim(head)]
  for (const r of results) {
    const mark = r === fastest ? c.green(opts.unicode ? '▸' : '>') : ' '
    const name = padEnd(truncate(r.name, nameWidth, opts.unicode), nameWidth)
    const room = columns - (2 + nameWidth + 2 + 8 + 2)
    if (r.healthy) {
      const zip = deep ? `${padStart(r.zip ? formatRate(r.zip.kibPerSec) : '-', RATE_WIDTH)}  ` : ''
      const urlRoom = columns - (2 + nameWidth + 2 + 8 + 2 + BAR_CELLS + 2 + sumdbWidth + 2 + (deep ? RATE_WIDTH + 2 : 0))
      const sumdb = r.sumdbProof?.verified === false ? c.red(padEnd(sumdbCell(r), sumdbWidth)) : padEnd(sumdbCell(r), sumdbWidth)
      lines.push(`${mark} ${r === fastest ? c.bold(name) : name}  ${padStart(formatMs(r.latencyMs), 8)}  ${c.cyan(bar(r.latencyMs ?? 0, max, BAR_CELLS, opts.unicode))}  ${sumdb}  ${zip}${c.dim(truncate(r.url, urlRoom, opts.unicode))}`)
    } else if (r.cutOff) {
      const why = (r.error ?? '').replace(/^cut off /, '')
      lines.push(`${mark} ${name}  ${padStart(c.yellow(t('cut off')), 8)}  ${c.yellow(truncate(why, room, opts.unicode))}`)
    } else {
      lines.push(`${mark} ${name}  ${padStart(c.red(t('failed')), 8)}  ${c.red(truncate(r.error ?? 'unhealthy', room, opts.unicode))}`)
    }
    if (opts.verbose) for (const line of describeRoute(r)) lines.push(c.dim(`    ${truncate(line, columns - 4, opts.unicode)}`))
  }
  if (opts.verbose && opts.trustRoots) lines.push(c.dim(`  ${describeTrustRoots(opts.trustRoots)}`))
  return lines
}

/** One line under the table: what was chosen or why nothing was. */
export function renderProbeSummary(results: readonly ProbeResult[]): string[] {
  const healthy = results.filter((r) => r.healthy)
  const cut = results.filter((r) => r.cutOff).length
  if (healthy.length === 0) return [colors().red(t('No healthy mirror among {n} probed.', { n: results.length }))]
  const best = healthy[0] as ProbeResult
  const params = { healthy: healthy.length, total: results.length, cut, name: colors().bold(best.name), ms: formatMs(best.latencyMs) }
  const refused = healthy.filter((r) => r.sumdbProof?.verified === false).map((r) => colors().yellow(t('{name}: its checksum database proxy failed verification: {error}', {
    name: r.name,
    error: r.sumdbProof?.finding ? renderProofFinding(r.sumdbProof.finding) : (r.sumdbProof?.error ?? ''),
  })))
  return [cut > 0 ? t('{healthy} of {total} healthy, {cut} cut off as slower; fastest: {name} ({ms}).', params) : t('{healthy} of {total} healthy; fastest: {name} ({ms}).', params), ...refused]
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
      cutOff: r.cutOff ?? false,
      cutOffAfterMs: r.cutOffAfterMs ?? null,
      address: r.address ?? null,
      family: r.family ?? null,
      proxy: r.proxy ?? null,
      connections: r.connections ?? 0,
      zip: r.zip ?? null,
      credentials: r.credentials ?? null,
      serviceHealth: r.serviceHealth ?? null,
      sumdbProof: r.sumdbProof ? { verified: r.sumdbProof.verified, error: r.sumdbProof.error, code: r.sumdbProof.finding?.code ?? null } : null,
    })),
    fastest: results.find((r) => r.healthy)?.name ?? null,
  }
}
