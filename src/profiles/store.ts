import { UsageError } from '../errors.js'
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import { suggest } from '../mirrors/suggest.js'
import type { Profile, StoreData } from '../store/store.js'
import { t } from '../ui/i18n.js'
import type { ProfileVars } from './vars.js'

/** A profile with its name, as commands pass it around. */
export interface NamedProfile {
  name: string
  vars: ProfileVars
}

/** Profile names in display order. */
export function profileNames(data: Pick<StoreData, 'profiles'>): string[] {
  return Object.keys(data.profiles).sort((a, b) => a.localeCompare(b))
}

/** The stored name for `name`: exact, else the one differing only in case; null when none. */
export function lookupProfileName(data: Pick<StoreData, 'profiles'>, name: string): string | null {
  if (Object.hasOwn(data.profiles, name)) return name
  return Object.keys(data.profiles).find((n) => n.toLowerCase() === name.toLowerCase()) ?? null
}

/** The profile called `name`, or a UsageError with "did you mean …?" and the way to create one. */
export function getProfile(data: Pick<StoreData, 'profiles'>, name: string): NamedProfile {
  const found = lookupProfileName(data, name)
  const profile = found === null ? undefined : data.profiles[found]
  if (found !== null && profile) return { name: found, vars: { ...profile.vars } }
  const names = profileNames(data)
  const close = suggest(name, names)
  const hint = close
    ? t('did you mean {name}?', { name: close })
    : names.length > 0
      ? t('your profiles: {list}', { list: names.join(', ') })
      : t('create it with: gomirror profile add {name} --proxy https://goproxy.cn,direct', { name })
  throw new UsageError(t('unknown profile "{name}"', { name }), hint)
}

/** Store a profile (replacing any of that name, whatever its case). */
export function putProfile(data: StoreData, name: string, vars: ProfileVars): void {
  const existing = lookupProfileName(data, name)
  if (existing !== null && existing !== name) {
    delete data.profiles[existing]
    if (data.activeProfile === existing) data.activeProfile = name
  }
  const profile: Profile = { vars: { ...vars }, updatedAt: new Date().toISOString() }
  data.profiles[name] = profile
}

/**
 * What the go env file holds that differs from the profile: a variable the profile sets with
 * another value, or one it leaves out that the file sets. Empty means the file is exactly the profile.
 */
export function fileDrift(vars: ProfileVars, fileVars: ReadonlyMap<string, string>): ManagedVar[] {
  return MANAGED_VARS.filter((n) => (vars[n] ?? null) !== (fileVars.get(n) || null))
}

export interface ActiveState {
  /** The profile in effect in the go env file, or null. */
  name: string | null
  /** The profile last applied with `profile switch` (or save), even if the file changed since. */
  lastSwitched: string | null
  /** Variables that differ from the last switched profile (empty when it is the active one). */
  drift: ManagedVar[]
}

/**
 * The active profile is the one whose values the go env file holds exactly: the one last applied
 * with `profile switch`, as long as the file still matches it; otherwise the one profile that
 * matches (after `undo` put a previous profile back). Once the file matches no profile (a `use`,
 * a `go env -w`, a reset) none is active, and `drift` says what changed since the last switch.
 */
export function activeProfileState(data: Pick<StoreData, 'profiles' | 'activeProfile'>, fileVars: ReadonlyMap<string, string>): ActiveState {
  const last = data.activeProfile !== null && data.profiles[data.activeProfile] ? data.activeProfile : null
  const drift = last === null ? [] : fileDrift(data.profiles[last]?.vars ?? {}, fileVars)
  if (last !== null && drift.length === 0) return { name: last, lastSwitched: last, drift }
  const matching = Object.keys(data.profiles).filter((n) => fileDrift(data.profiles[n]?.vars ?? {}, fileVars).length === 0)
  return { name: matching.length === 1 ? (matching[0] as string) : null, lastSwitched: last, drift }
}
