import { UsageError } from '../errors.js'
import { isManagedVar, MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
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
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON (${(error as Error).message})`, 'for example: {"profile": "corp", "vars": {"GOPROXY": "https://goproxy.cn,direct"}}')
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`${file} is not a JSON object`, 'for example: {"profile": "corp", "vars": {"GOPROXY": "https://goproxy.cn,direct"}}')
  }
  const obj = raw as Record<string, unknown>
  const unknown = Object.keys(obj).find((k) => !(KEYS as readonly string[]).includes(k))
  if (unknown !== undefined) throw new UsageError(`${file}: unknown field "${unknown}"`, 'a profile file has only "profile" and "vars"')
  if (typeof obj.profile !== 'string') throw new UsageError(`${file}: "profile" must be a string naming the profile`, 'for example: "profile": "corp"')
  const profile = validateProfileName(obj.profile, `"profile" in ${file}`)
  if (obj.vars === undefined) {
    if (opts.requireVars) throw new UsageError(`${file}: "vars" is missing`, 'for example: "vars": {"GOPROXY": "https://goproxy.cn,direct"}')
    return { profile, vars: null, warnings: [] }
  }
  if (typeof obj.vars !== 'object' || obj.vars === null || Array.isArray(obj.vars)) {
    throw new UsageError(`${file}: "vars" must be an object of variable names to strings`, 'for example: "vars": {"GOPROXY": "https://goproxy.cn,direct"}')
  }
  const input: Partial<Record<ManagedVar, string>> = {}
  for (const [key, value] of Object.entries(obj.vars)) {
    if (!isManagedVar(key)) throw new UsageError(`${file}: "vars.${key}" is not a variable gomirror manages`, `use only ${MANAGED_VARS.join(', ')}`)
    if (typeof value !== 'string') throw new UsageError(`${file}: "vars.${key}" must be a string`, `for example: "${key}": "..."`)
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
