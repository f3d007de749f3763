/**
 * Pure renderers for the profile commands: lines in, nothing printed. Values always go through
 * redactList, so credentials never reach the terminal.
 */
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import { colors } from '../ui/color.js'
import { t } from '../ui/i18n.js'
import { padEnd, truncate, width } from '../ui/text.js'
import { redactList } from '../util/url.js'
import type { NamedProfile } from './store.js'
import type { ProfileVars } from './vars.js'
import type { Weakening } from './weaken.js'

/** `profile list`: one line per profile, the active one marked, its settings in brief. */
export function renderProfileList(profiles: readonly NamedProfile[], active: string | null, opts: { unicode: boolean; columns?: number }): string[] {
  const c = colors()
  if (profiles.length === 0) return [t('No profiles yet. Create one with: gomirror profile add <name> --proxy https://goproxy.cn,direct'), t('or capture the current settings with: gomirror profile save <name>')]
  const nameWidth = Math.max(8, ...profiles.map((p) => width(p.name)))
  // Piped output is not cut: a script or a pager gets every value.
  const room = opts.columns === undefined ? Infinity : Math.max(20, opts.columns - nameWidth - 4)
  return profiles.map((p) => {
    const isActive = p.name === active
    const mark = isActive ? c.green(opts.unicode ? '●' : '*') : ' '
    const set = profileSummary(p.vars)
    const summary = set !== null ? truncate(set, room, opts.unicode) : c.dim(t("(sets nothing: Go's defaults)"))
    return `${mark} ${isActive ? c.bold(padEnd(p.name, nameWidth)) : padEnd(p.name, nameWidth)}  ${summary}`.trimEnd()
  })
}

/** The variables a profile sets, credentials masked, on one line; null when it sets none. */
export function profileSummary(vars: ProfileVars): string | null {
  const set = MANAGED_VARS.filter((n) => vars[n] !== undefined).map((n) => `${n}=${redactList(vars[n] as string)}`)
  return set.length > 0 ? set.join('  ') : null
}

/** Every managed variable with the profile's value, or that it is not set. */
export function renderProfileVars(vars: ProfileVars): string[] {
  const c = colors()
  return MANAGED_VARS.map((n) => `  ${padEnd(n, 11)} ${vars[n] !== undefined ? redactList(vars[n] as string) : c.dim(t("(not set: Go's default)"))}`)
}

/** What an incoming definition (from a project file or an import) changes in the stored one. */
export function renderDefinitionDiff(stored: ProfileVars | null, incoming: ProfileVars): string[] {
  const c = colors()
  const show = (v: string | undefined): string => (v === undefined ? c.dim(t('(not set)')) : redactList(v))
  if (stored === null) return renderProfileVars(incoming)
  return MANAGED_VARS.filter((n) => stored[n] !== incoming[n]).map((n) => `  ${padEnd(n, 11)} ${show(stored[n])} ${c.dim('→')} ${c.bold(show(incoming[n]))}`)
}

/** The safeguards a profile turns off, in yellow. */
export function renderWeakenings(weakenings: readonly Weakening[]): string[] {
  const c = colors()
  return weakenings.map((w) => c.yellow(t('warning: {message}', { message: w.text })))
}

export function renderWarnings(warnings: readonly string[]): string[] {
  return warnings.map((w) => colors().yellow(t('warning: {message}', { message: redactList(w) })))
}

/** A list of variable names for a sentence: "GOPROXY and GOSUMDB". */
export function joinNames(names: readonly ManagedVar[]): string {
  if (names.length <= 1) return names.join('')
  return t('{list} and {last}', { list: names.slice(0, -1).join(', '), last: names[names.length - 1] as string })
}

/** The project's pin as `current` reports it. */
export interface PinnedStatus {
  profile: string
  file: string
  /** Whether gomirror knows the definition (the user's profile, or `vars` in the file). */
  known: boolean
  /** Variables whose effective value is not the pinned profile's (empty: it is in effect). */
  differs: ManagedVar[]
  /** Why the file could not be read, when it is broken. */
  error: string | null
}

/** `current`: which profile is active, and whether the project's pinned one is what Go uses. */
export function renderProfileStatus(active: { name: string | null; lastSwitched: string | null; drift: ManagedVar[] }, pinned: PinnedStatus | null): string[] {
  const c = colors()
  const lines: string[] = []
  if (active.name !== null) lines.push(t('Profile: {name} (active)', { name: c.bold(active.name) }))
  else if (active.lastSwitched !== null) lines.push(t('Profile: none active ({list} changed since you switched to {name})', { list: joinNames(active.drift), name: active.lastSwitched }))
  else lines.push(t('Profile: none active'))
  if (pinned === null) return lines
  const params = { file: pinned.file, name: pinned.profile, list: joinNames(pinned.differs) }
  if (pinned.error !== null) lines.push(c.yellow(t('Project: {file} is invalid: {error}', { file: pinned.file, error: pinned.error })))
  else if (!pinned.known) lines.push(c.yellow(t('Project: {file} pins {name}, which you do not have', params)))
  else if (pinned.differs.length === 0) lines.push(t('Project: {file} pins {name}, which is in effect', { ...params, name: c.bold(pinned.profile) }))
  else if (pinned.differs.length > 1) lines.push(c.yellow(t('Project: {file} pins {name}, but {list} differ; apply it with: gomirror profile switch', params)))
  else lines.push(c.yellow(t('Project: {file} pins {name}, but {list} differs; apply it with: gomirror profile switch', params)))
  return lines
}
