import { UsageError } from '../errors.js'
import { isManagedVar, MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import { t } from '../ui/i18n.js'
import { fileOrigin, validateProfileName, validateVars, type ProfileVars } from './vars.js'

/**
 * The one JSON shape for sharing a profile: `profile export` writes it, `profile import` reads it,
 * and `.gomirror.json` is the same shape with `vars` optional:
 * `{"profile": "<name>", "vars": {"GOPROXY": "...", ...}}`.
 */
export interface ProfileDocument {
  profile: string
  /** null when the document only names a profile (a `.gomirror.json` without `vars`). */
  vars: ProfileVars | null
  /** Values Go accepts but that are likely not what was meant. */
  warnings: string[]
}

const KEYS = ['profile', 'vars'] as const

/**
 * Parse and validate strictly: any problem is a UsageError (exit 2) naming the file and the
 * field, since the file may come from someone else's repository.
 */
export function parseProfileDocument(text: string, file: string, opts: { requireVars: boolean }): ProfileDocument {
  const example = (e: string): string => t('for example: {example}', { example: e })
  const varsExample = '"vars": {"GOPROXY": "https://goproxy.cn,direct"}'
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new UsageError(t('{file} is not valid JSON ({error})', { file, error: (error as Error).message }), example(`{"profile": "corp", ${varsExample}}`))
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(t('{file} is not a JSON object', { file }), example(`{"profile": "corp", ${varsExample}}`))
  }
  const obj = raw as Record<string, unknown>
  const unknown = Object.keys(obj).find((k) => !(KEYS as readonly string[]).includes(k))
  if (unknown !== undefined) throw new UsageError(t('{file}: unknown field "{field}"', { file, field: unknown }), t('a profile file has only "profile" and "vars"'))
  if (typeof obj.profile !== 'string') throw new UsageError(t('{file}: "profile" must be a string naming the profile', { file }), example('"profile": "corp"'))
  const profile = validateProfileName(obj.profile, t('"profile" in {file}', { file }))
  if (obj.vars === undefined) {
    if (opts.requireVars) throw new UsageError(t('{file}: "vars" is missing', { file }), example(varsExample))
    return { profile, vars: null, warnings: [] }
  }
  if (typeof obj.vars !== 'object' || obj.vars === null || Array.isArray(obj.vars)) {
    throw new UsageError(t('{file}: "vars" must be an object of variable names to strings', { file }), example(varsExample))
  }
  const input: Partial<Record<ManagedVar, string>> = {}
  for (const [key, value] of Object.entries(obj.vars)) {
    if (!isManagedVar(key)) throw new UsageError(t('{file}: "vars.{key}" is not a variable gomirror manages', { file, key }), t('use only {list}', { list: MANAGED_VARS.join(', ') }))
    if (typeof value !== 'string') throw new UsageError(t('{file}: "vars.{key}" must be a string', { file, key }), example(`"${key}": "..."`))
    input[key] = value
  }
  const { vars, warnings } = validateVars(input, fileOrigin(file))
  return { profile, vars, warnings }
}

/** The document for a profile, as `export` and `pin --share` write it (two-space JSON, newline). */
export function formatProfileDocument(profile: string, vars: ProfileVars | null): string {
  const ordered: ProfileVars = {}
  for (const n of MANAGED_VARS) if (vars?.[n] !== undefined) ordered[n] = vars[n]
  return `${JSON.stringify(vars === null ? { profile } : { profile, vars: ordered }, null, 2)}\n`
}
