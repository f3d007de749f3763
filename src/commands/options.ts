import { UsageError } from '../errors.js'
import { t } from '../ui/i18n.js'
import type { ManagedVar } from '../goenv/vars.js'
import { renderFinding } from '../ui/render-findings.js'
import { printErrorLines } from '../ui/print.js'
import { redactList } from '../util/url.js'
import { checkValue, errorsOf, tidyValue, warningsOf } from '../values/check.js'
import type { ProbeOptions } from '../probe/types.js'

/** Raw commander options; every command normalizes them here once, so the core never re-checks. */
export interface RawProbeFlags {
  samples?: string
  timeout?: string
  /** --deep: also download and verify the canary zip. */
  deep?: boolean
  /** --no-cutoff sets this false: wait for every mirror. */
  cutoff?: boolean
  /** --verbose: show each mirror's address, family, proxy and samples. */
  verbose?: boolean
}

export function parseIntFlag(value: string | undefined, flag: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(t('invalid {flag} "{value}": want a whole number from {min} to {max}', { flag, value, min, max }), t('for example: {flag} {n}', { flag, n: fallback }))
  }
  return n
}

/** `keep`: how many of the fastest the command needs (1 + --fallback); `exempt`: never cut off. */
export function parseProbeFlags(raw: RawProbeFlags, decide: { keep?: number; exempt?: string[] } = {}): ProbeOptions {
  return {
    samples: parseIntFlag(raw.samples, '--samples', 1, 50, 5),
    requestTimeoutMs: parseIntFlag(raw.timeout, '--timeout', 100, 60_000, 4000),
    deep: Boolean(raw.deep),
    serviceHealth: Boolean(raw.verbose),
    decideEarly: raw.cutoff === false ? false : { keep: decide.keep ?? 1, exempt: decide.exempt ?? [] },
  }
}

/** --sumdb: auto (the default) decides from the probe; keep never touches GOSUMDB; anything else is a GOSUMDB value. */
export type SumdbMode = { mode: 'auto' } | { mode: 'keep' } | { mode: 'set'; value: string }

export function parseSumdbFlag(value: string | undefined): SumdbMode {
  if (value === undefined || value === 'auto') return { mode: 'auto' }
  if (value === 'keep') return { mode: 'keep' }
  return { mode: 'set', value: checkFlagValue('GOSUMDB', value, '--sumdb', 'sum.golang.google.cn') }
}

export function parsePrivateFlag(value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkFlagValue('GOPRIVATE', value, '--private', 'github.com/mycorp/*,*.corp.example.com')
}

/**
 * A value given on the command line, judged as go will read it (src/values): a UsageError (exit 2)
 * for what go cannot use, a warning on stderr for what it ignores. Returns it without empty elements.
 */
function checkFlagValue(name: ManagedVar, value: string, flag: string, example: string): string {
  const check = checkValue(name, value)
  const error = errorsOf(check)[0]
  if (error) {
    throw new UsageError(
      t('invalid {flag} "{value}": {problem}', { flag, value: redactList(JSON.stringify(value).slice(1, -1)), problem: redactList(renderFinding(error)) }),
      t('for example: {example}', { example: `${flag} '${redactList(check.suggestedFix ?? example)}'` }),
    )
  }
  const warnings = warningsOf(check).map((w) => t('warning: {flag}: {message}', { flag, message: redactList(renderFinding(w)) }))
  if (check.suggestedFix !== undefined && warnings.length > 0) warnings.push(`  ${t('did you mean {name}?', { name: `${flag} '${redactList(check.suggestedFix)}'` })}`)
  printErrorLines(warnings)
  return tidyValue(name, value)
}

/** JSON output and non-terminals never prompt. */
export function canPrompt(json: boolean | undefined): boolean {
  return !json && Boolean(process.stdin.isTTY) && !process.env.CI
}
