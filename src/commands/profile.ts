import { UsageError } from '../errors.js'
import { readGoSnapshot } from '../goenv/read.js'
import { MANAGED_VARS } from '../goenv/vars.js'
import { readGoEnvFileVars } from '../goenv/env-file.js'
import { findProjectFile, readProjectFile } from '../profiles/project.js'
import { joinNames, renderProfileVars, renderWarnings, renderWeakenings } from '../profiles/render.js'
import { activeProfileState, getProfile, lookupProfileName, putProfile } from '../profiles/store.js'
import { diffVars, FLAG_ORIGIN, GOENV_ORIGIN, redactVars, validateProfileName, validateVars, type ProfileVars } from '../profiles/vars.js'
import { findWeakenings } from '../profiles/weaken.js'
import { readStore, updateStore } from '../store/store.js'
import { colors } from '../ui/color.js'
import { t } from '../ui/i18n.js'
import { printJson, printLines } from '../ui/print.js'
import { acceptWeakenings } from './profile-prompt.js'

export interface RawProfileAddFlags {
  proxy?: string
  sumdb?: string
  private?: string
  noproxy?: string
  nosumdb?: string
  insecure?: string
  force?: boolean
  yes?: boolean
}

/** `profile add <name> [--proxy ...] ...`: every value checked as Go will read it before anything is saved. */
export async function runProfileAdd(name: string, raw: RawProfileAddFlags): Promise<number> {
  validateProfileName(name)
  const { vars, warnings } = validateVars(
    { GOPROXY: raw.proxy, GOSUMDB: raw.sumdb, GOPRIVATE: raw.private, GONOPROXY: raw.noproxy, GONOSUMDB: raw.nosumdb, GOINSECURE: raw.insecure },
    FLAG_ORIGIN,
  )
  return saveProfile(name, vars, { warnings, force: Boolean(raw.force), yes: Boolean(raw.yes), how: 'added' })
}

/**
 * `profile save <name>`: the go env file's values become a profile, because that file is what
 * `profile switch` writes. Values exported in the OS environment are not captured; the user is
 * told which, so nothing silently differs from what they see in `go env`.
 */
export async function runProfileSave(name: string, raw: { force?: boolean; yes?: boolean }): Promise<number> {
  validateProfileName(name)
  const snapshot = await readGoSnapshot()
  const input: ProfileVars = {}
  for (const n of MANAGED_VARS) {
    const v = snapshot.fileVars.get(n)
    if (v) input[n] = v
  }
  const { vars, warnings } = validateVars(input, GOENV_ORIGIN)
  const fromEnv = MANAGED_VARS.filter((n) => snapshot.vars[n].envValue !== null)
  const params = { list: joinNames(fromEnv), name }
  const notes = fromEnv.length === 0
    ? []
    : fromEnv.length > 1
      ? [t('note: {list} are set in your OS environment, not in the go env file, and were not captured; add them with: gomirror profile add {name} --force ...', params)]
      : [t('note: {list} is set in your OS environment, not in the go env file, and was not captured; add it with: gomirror profile add {name} --force ...', params)]
  return saveProfile(name, vars, { warnings, force: Boolean(raw.force), yes: Boolean(raw.yes), how: 'saved', notes, activate: true })
}

interface SaveOptions {
  warnings: string[]
  force: boolean
  yes: boolean
  /** How the profile came to be, for the first line (a replaced one says so instead). */
  how: 'added' | 'saved'
  notes?: string[]
  /** The go env file holds exactly these values (save), so the profile is the active one. */
  activate?: boolean
}

async function saveProfile(name: string, vars: ProfileVars, opts: SaveOptions): Promise<number> {
  const before = await readStore()
  const existing = lookupProfileName(before, name)
  if (existing !== null && !opts.force) {
    const same = diffVars(getProfile(before, existing).vars, vars).length === 0
    if (same) {
      printLines([t('Profile {name} already has exactly these settings; nothing changed.', { name: existing })])
      return 0
    }
    throw new UsageError(t('profile "{name}" already exists', { name: existing }), t('replace it with --force, or choose another name'))
  }
  const weakenings = findWeakenings(vars)
  if (!(await acceptWeakenings(weakenings, { yes: opts.yes, json: false, subject: t('profile {name}', { name }) }))) {
    printLines([t('Nothing was saved.')])
    return 1
  }
  const replaced = await updateStore((data) => {
    const had = lookupProfileName(data, name) !== null
    if (had && !opts.force) throw new UsageError(t('profile "{name}" already exists', { name }), t('replace it with --force, or choose another name'))
    putProfile(data, name, vars)
    if (opts.activate) data.activeProfile = name
    return had
  })
  const c = colors()
  const shown = { name: c.bold(name) }
  printLines([
    replaced ? t('Replaced profile {name}:', shown) : opts.how === 'saved' ? t('Saved profile {name}:', shown) : t('Added profile {name}:', shown),
    ...renderProfileVars(vars),
    ...renderWarnings(opts.warnings),
    ...renderWeakenings(weakenings),
    ...(opts.notes ?? []).map((n) => c.dim(n)),
    c.dim(
      opts.activate
        ? t('It is the active profile now (the go env file holds exactly these values).')
        : replaced && before.activeProfile === (existing ?? name)
          ? t('It was the active profile; apply the new values with: gomirror profile switch {name}', { name })
          : t('Apply it with: gomirror profile switch {name}', { name }),
    ),
  ])
  return 0
}

export { runProfileList } from './profile-list.js'

/** `profile show <name>`. */
export async function runProfileShow(name: string, opts: { json?: boolean }): Promise<number> {
  const [data, fileVars] = await Promise.all([readStore(), readGoEnvFileVars()])
  const profile = getProfile(data, name)
  const active = activeProfileState(data, fileVars).name === profile.name
  const weakenings = findWeakenings(profile.vars)
  if (opts.json) {
    printJson({ name: profile.name, vars: redactVars(profile.vars), active, weakens: weakenings.map((w) => w.message), updatedAt: data.profiles[profile.name]?.updatedAt ?? null })
    return 0
  }
  const shown = { name: colors().bold(profile.name) }
  printLines([active ? t('Profile {name} (active):', shown) : t('Profile {name}:', shown), ...renderProfileVars(profile.vars), ...renderWeakenings(weakenings)])
  return 0
}

/** `profile remove <name>`: the go env file keeps its values; only the definition goes. */
export async function runProfileRemove(name: string): Promise<number> {
  const { removed, wasActive } = await updateStore((data) => {
    const found = getProfile(data, name).name
    delete data.profiles[found]
    const wasActive = data.activeProfile === found
    if (wasActive) data.activeProfile = null
    return { removed: found, wasActive }
  })
  printLines([t('Removed profile {name}.', { name: removed }), ...(wasActive ? [colors().dim(t('It was the active profile; the go env file keeps its values (gomirror reset removes them).'))] : [])])
  return 0
}

/** `profile rename <old> <new>`: the active marker follows the profile. */
export async function runProfileRename(oldName: string, newName: string): Promise<number> {
  validateProfileName(newName, t('new profile name'))
  const from = await updateStore((data) => {
    const found = getProfile(data, oldName).name
    const clash = lookupProfileName(data, newName)
    if (clash !== null && clash !== found) throw new UsageError(t('profile "{name}" already exists', { name: clash }), t('remove it first (gomirror profile remove {name}) or choose another name', { name: clash }))
    const profile = data.profiles[found]
    delete data.profiles[found]
    if (profile) data.profiles[newName] = profile
    if (data.activeProfile === found) data.activeProfile = newName
    return found
  })
  const lines = [t('Renamed profile {from} to {to}.', { from, to: newName })]
  const pinPath = await findProjectFile()
  const pin = pinPath === null ? null : await readProjectFile(pinPath).catch(() => null)
  if (pin && pin.profile === from) lines.push(colors().dim(t('note: {file} still names {from}; update it with: gomirror profile pin {to}', { file: pin.path, from, to: newName })))
  printLines(lines)
  return 0
}
