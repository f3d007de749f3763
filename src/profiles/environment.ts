import { GO_DEFAULTS, MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import type { ProfileVars } from './vars.js'

/**
 * A pattern list that matches no module. Go treats an empty environment variable as unset and
 * falls back to the go env file, so "no patterns" has to be a non-empty list; an empty element
 * (",") would do, but gomirror never writes one. `.invalid` is reserved (RFC 2606): no module
 * path can start with a host under it.
 */
export const EMPTY_PATTERN_LIST = 'none.invalid'

/**
 * The environment that makes the go command see exactly the profile: its values, and for each
 * variable it leaves out, either nothing (removed) or, when the go env file sets that variable,
 * Go's own default spelled out, so the file's value cannot leak into the profile.
 * null means "remove from the environment".
 */
export function profileEnvironment(vars: ProfileVars, fileVars: ReadonlyMap<string, string>): Record<ManagedVar, string | null> {
  const out = {} as Record<ManagedVar, string | null>
  for (const name of MANAGED_VARS) {
    const value = vars[name]
    if (value !== undefined) out[name] = value
    else if (!fileVars.get(name)) out[name] = null
    else out[name] = neutralValue(name, vars)
  }
  return out
}

function neutralValue(name: ManagedVar, vars: ProfileVars): string {
  switch (name) {
    case 'GOPROXY':
    case 'GOSUMDB':
      return GO_DEFAULTS[name]
    // Go defaults these two to GOPRIVATE.
    case 'GONOPROXY':
    case 'GONOSUMDB':
      return vars.GOPRIVATE || EMPTY_PATTERN_LIST
    default:
      return EMPTY_PATTERN_LIST
  }
}

/** A copy of `base` with the profile applied: values set, nulls deleted. */
export function applyToEnv(base: NodeJS.ProcessEnv, values: Record<ManagedVar, string | null>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base }
  for (const name of MANAGED_VARS) {
    const v = values[name]
    if (v === null) delete env[name]
    else env[name] = v
  }
  return env
}

/** What `go env` reports for each variable when exactly this profile is in effect (GONOPROXY and GONOSUMDB default to GOPRIVATE). */
export function expectedGoValues(vars: ProfileVars): Record<ManagedVar, string> {
  const priv = vars.GOPRIVATE ?? GO_DEFAULTS.GOPRIVATE
  return {
    GOPROXY: vars.GOPROXY ?? GO_DEFAULTS.GOPROXY,
    GOSUMDB: vars.GOSUMDB ?? GO_DEFAULTS.GOSUMDB,
    GOPRIVATE: priv,
    GONOPROXY: vars.GONOPROXY ?? priv,
    GONOSUMDB: vars.GONOSUMDB ?? priv,
    GOINSECURE: vars.GOINSECURE ?? GO_DEFAULTS.GOINSECURE,
  }
}

/** The variables whose effective value (as `go env` reports it) is not what the profile gives. */
export function differencesInEffect(vars: ProfileVars, effective: Readonly<Record<ManagedVar, string>>): ManagedVar[] {
  const want = expectedGoValues(vars)
  // Pattern lists compare by their non-empty elements: "," and "" both mean "none".
  const norm = (name: ManagedVar, v: string): string => (name === 'GOPROXY' || name === 'GOSUMDB' ? v : v.split(',').filter((p) => p !== '' && p !== EMPTY_PATTERN_LIST).join(','))
  return MANAGED_VARS.filter((n) => norm(n, want[n]) !== norm(n, effective[n]))
}
