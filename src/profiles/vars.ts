import { UsageError } from '../errors.js'
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import { t } from '../ui/i18n.js'
import { quoteInput } from '../util/display.js'
import { renderFinding } from '../ui/render-findings.js'
import { checkValue, errorsOf, tidyValue, warningsOf } from '../values/check.js'
import { redactList } from '../util/url.js'
import { quoteArg, quoteCommand } from '../util/shell-quote.js'

/** A profile's settings: a variable left out is not set (Go's default) when the profile applies. */
export type ProfileVars = Partial<Record<ManagedVar, string>>

/** The `profile add` option for each variable. */
export const VAR_FLAGS: Record<ManagedVar, string> = {
  GOPROXY: '--proxy',
  GOSUMDB: '--sumdb',
  GOPRIVATE: '--private',
  GONOPROXY: '--noproxy',
  GONOSUMDB: '--nosumdb',
  GOINSECURE: '--insecure',
}

/** A value that is right, shown when nothing better can be guessed from the wrong one. */
const EXAMPLES: Record<ManagedVar, string> = {
  GOPROXY: 'https://goproxy.cn,direct',
  GOSUMDB: 'sum.golang.google.cn',
  GOPRIVATE: 'git.corp.example.com,github.com/mycorp/*',
  GONOPROXY: 'git.corp.example.com',
  GONOSUMDB: 'git.corp.example.com',
  GOINSECURE: 'dev.corp.example.com',
}

/**
 * Where values came from, so an error names the thing the user typed and shows the corrected
 * line in the same form (a flag, a JSON field, a go env line).
 */
export interface ValueOrigin {
  label(name: ManagedVar): string
  example(name: ManagedVar, value: string): string
}

export const FLAG_ORIGIN: ValueOrigin = {
  label: (name) => VAR_FLAGS[name],
  example: (name, value) => `${VAR_FLAGS[name]} ${quoteArg(value)}`,
}

export function fileOrigin(file: string): ValueOrigin {
  return {
    label: (name) => t('"vars.{name}" in {file}', { name, file }),
    example: (name, value) => `"${name}": ${JSON.stringify(value)}`,
  }
}

export const GOENV_ORIGIN: ValueOrigin = {
  label: (name) => t('{name} in the go env file', { name }),
  example: (name, value) => quoteCommand(['go', 'env', '-w', `${name}=${value}`]),
}

/**
 * Validate every value (src/values); throw a UsageError (exit 2) with a one-line reason and a
 * corrected example for the first that Go would choke on. Empty values mean "not set" (Go treats them so) and are
 * dropped. Returns the kept values, in display order, and warnings about values Go accepts.
 */
export function validateVars(input: Partial<Record<ManagedVar, string | undefined>>, origin: ValueOrigin): { vars: ProfileVars; warnings: string[] } {
  const vars: ProfileVars = {}
  const warnings: string[] = []
  for (const name of MANAGED_VARS) {
    const value = input[name]
    if (value === undefined || value === '') continue
    const check = checkValue(name, value)
    const error = errorsOf(check)[0]
    if (error) {
      throw new UsageError(
        t('invalid {what} {value}: {error}', { what: origin.label(name), value: quoteForMessage(redactList(value)), error: redactList(renderFinding(error)) }),
        t('for example: {example}', { example: origin.example(name, redactList(check.suggestedFix ?? EXAMPLES[name])) }),
      )
    }
    warnings.push(...warningsOf(check).map((w) => `${name}: ${renderFinding(w)}`))
    // Go skips empty elements; gomirror never stores one.
    vars[name] = tidyValue(name, value)
  }
  return { vars, warnings }
}

/** A value inside a message, quoted with whichever quote it does not contain. */
function quoteForMessage(value: string): string {
  return quoteInput(value)
}

/** Profile names are plain words so they work as file-free identifiers on every shell and OS. */
export const PROFILE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** `where` names what was checked, already translated (default: "profile name"). */
export function validateProfileName(name: string, where?: string): string {
  if (!PROFILE_NAME_RE.test(name)) {
    const fixed = name.replace(/^.*[/\\]/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64)
    throw new UsageError(
      t("invalid {what} \"{name}\": use a plain word of letters, digits, '.', '_' or '-' (at most 64, no paths)", { what: where ?? t('profile name'), name }),
      t('for example: {example}', { example: fixed || 'corp' }),
    )
  }
  return name
}

/** Values with credentials masked, for everything gomirror prints. */
export function redactVars(vars: ProfileVars): ProfileVars {
  const out: ProfileVars = {}
  for (const name of MANAGED_VARS) {
    const v = vars[name]
    if (v !== undefined) out[name] = redactList(v)
  }
  return out
}

/** Whether any value carries user:password@ credentials. */
export function hasCredentials(vars: ProfileVars): boolean {
  return Object.values(vars).some((v) => v !== undefined && redactList(v) !== v)
}

/** The variables whose values differ (set vs not set counts). */
export function diffVars(a: ProfileVars, b: ProfileVars): ManagedVar[] {
  return MANAGED_VARS.filter((n) => (a[n] ?? null) !== (b[n] ?? null))
}
