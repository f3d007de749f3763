import { GomirrorError, UsageError } from '../errors.js'
import { planVars, previousValues, prunePlan, writtenValues, type Plan } from '../goenv/plan.js'
import { readGoSnapshot, shadowedVars } from '../goenv/read.js'
import { MANAGED_VARS } from '../goenv/vars.js'
import { commitChange } from '../goenv/commit.js'
import { loadProjectFile, type ProjectFile } from '../profiles/project.js'
import { profileSummary, renderDefinitionDiff, renderWarnings, renderWeakenings } from '../profiles/render.js'
import { getProfile, lookupProfileName, profileNames, putProfile } from '../profiles/store.js'
import { diffVars, redactVars, validateProfileName, type ProfileVars } from '../profiles/vars.js'
import { findTrustChanges, ownTrust, type TrustChange } from '../profiles/trust.js'
import { findWeakenings } from '../profiles/weaken.js'
import { readStore, type StoreData } from '../store/store.js'
import { colors } from '../ui/color.js'
import { t } from '../ui/i18n.js'
import { pickProfileIfInteractive } from '../ui/picker.js'
import { printErrorLines, printJson, printLines } from '../ui/print.js'
import { renderChanges, renderShadowWarning } from '../ui/render-env.js'
import { confirmOrRefuse } from './profile-prompt.js'
import { redactValues } from '../util/url.js'

export interface RawSwitchFlags {
  yes?: boolean
  json?: boolean
  dryRun?: boolean
}

/** The profile to apply and where its definition came from. */
interface SwitchTarget {
  name: string
  vars: ProfileVars
  /** The project file that chose it, if any. */
  project: ProjectFile | null
  /** The project file's definition is new to the user ('new') or differs from theirs ('replace'): it is adopted only after they see it. */
  adopt: 'none' | 'new' | 'replace'
  /** The user's stored definition, when adopt is 'replace'. */
  stored: ProfileVars | null
}

/**
 * The plan that makes the go env file hold exactly the profile: every variable it defines is set,
 * every other managed variable the file has is removed, so nothing leaks from the previous profile.
 */
export function planForProfile(vars: ProfileVars, fileVars: ReadonlyMap<string, string>): Plan {
  const plan: Plan = { set: { ...vars }, unset: [] }
  for (const name of MANAGED_VARS) if (vars[name] === undefined && fileVars.has(name)) plan.unset.push(name)
  return plan
}

/** `profile switch [name]`: apply a profile with one go env -w / -u; undoable. */
export async function runProfileSwitch(name: string | undefined, raw: RawSwitchFlags): Promise<number> {
  const yes = Boolean(raw.yes)
  const data = await readStore()
  const target = name !== undefined ? fromStore(data, validateProfileName(name)) : await fromProjectOrPicker(data, raw)
  const snapshot = await readGoSnapshot()
  const plan = prunePlan(planForProfile(target.vars, snapshot.fileVars), snapshot.fileVars)
  const previous = previousValues(plan, snapshot)
  const written = writtenValues(plan)
  const weakenings = findWeakenings(target.vars)
  // A definition from a repository may not quietly change what verifies the modules the user builds.
  const trust = target.adopt !== 'none' ? findTrustChanges(target.vars, ownTrust(snapshot, storedVars(data))) : []
  const c = colors()

  // A definition from a repository is shown, with what it changes, before anything is written.
  if (target.adopt !== 'none' && target.project) {
    const isNew = target.adopt === 'new'
    const params = { file: target.project.path, name: target.name }
    // --json keeps stdout for the JSON; what would no longer be verified still reaches the terminal.
    if (raw.json && trust.length > 0) printErrorLines(renderTrustChanges(trust))
    if (!raw.json) {
      const shown = { ...params, name: c.bold(target.name) }
      printLines([
        isNew ? t('{file} defines profile {name}, which you do not have yet:', shown) : t('{file} defines profile {name} differently from yours:', shown),
        ...renderDefinitionDiff(target.stored, target.vars),
        ...renderWarnings(target.project.warnings),
        ...renderTrustChanges(trust),
        ...renderWeakenings(weakenings.filter((w) => !trust.some((x) => x.variable === w.variable))),
        planVars(plan).length > 0 ? t('Switching would change {file}:', { file: snapshot.envFile }) : t('The go env file already holds these values.'),
        ...renderChanges(previous, written),
      ])
    }
    const ok = raw.dryRun || await confirmOrRefuse({
      yes,
      json: raw.json,
      question: trust.length > 0
        ? t("Use the project's definition, which changes how modules are verified (see the warnings above), and switch?")
        : isNew ? t("Use the project's definition (save it as your profile) and switch?") : t("Use the project's definition (replace your definition) and switch?"),
      refusal: trust.length > 0
        ? trustRefusal(target.project.path, trust)
        : isNew ? t('{file} defines profile "{name}", which you do not have yet; nothing was changed', params) : t('{file} defines profile "{name}" differently from yours; nothing was changed', params),
    })
    if (!ok) {
      printLines([t('Not switched; nothing was changed.')])
      return 1
    }
  }

  // Any exported managed variable overrides the profile, whichever it sets.
  const shadowed = shadowedVars(snapshot)
  let changed = false
  if (!raw.dryRun) {
    const { applied } = await commitChange(plan, snapshot, {
      command: `profile switch ${target.name}`,
      updateConfig: (store) => {
        if (target.adopt !== 'none') putProfile(store, target.name, target.vars)
        else if (lookupProfileName(store, target.name) === null) throw new GomirrorError(t('profile "{name}" was removed while switching; nothing was changed', { name: target.name }), t('run the command again'))
        store.activeProfile = target.name
      },
    })
    changed = planVars(applied).length > 0
  }

  if (raw.json) {
    printJson({
      profile: target.name,
      from: target.project ? 'project' : 'store',
      projectFile: target.project?.path ?? null,
      vars: redactVars(target.vars),
      written: redactValues(written),
      previous: redactValues(previous),
      changed,
      dryRun: Boolean(raw.dryRun),
      shadowed,
      weakens: weakenings.map((w) => w.message),
      trust: trust.map((x) => ({ variable: x.variable, database: x.database, patterns: x.patterns, publicExamples: x.publicExamples, message: x.message })),
    })
    return 0
  }
  const shown = { name: c.bold(target.name), from: target.project ? c.dim(t(' (from {file})', { file: target.project.path })) : '' }
  const changes = planVars(plan).length > 0
  printLines([
    raw.dryRun
      ? changes ? t('Would switch to profile {name}{from} (dry run: nothing written):', shown) : t('Would switch to profile {name}{from} (dry run: nothing written); the go env file already holds its values.', shown)
      : changed ? t('Switched to profile {name}{from}:', shown)
        : changes ? t('Already on profile {name}{from}:', shown) : t('Already on profile {name}{from}; the go env file already holds its values.', shown),
    ...renderChanges(previous, written),
    ...(target.adopt === 'none' ? renderWeakenings(weakenings) : []),
    ...(changed ? [c.dim(t('Undo with: gomirror undo'))] : []),
    ...renderShadowWarning(shadowed),
  ])
  return 0
}

function storedVars(data: StoreData): ProfileVars[] {
  return Object.values(data.profiles).map((p) => p.vars)
}

/** The trust warnings, in yellow: what would no longer be verified. */
function renderTrustChanges(trust: readonly TrustChange[]): string[] {
  return trust.map((x) => colors().yellow(t('warning: {message}', { message: x.text })))
}

function trustRefusal(file: string, trust: readonly TrustChange[]): string {
  const first = trust[0] as TrustChange
  const params = { file, reason: first.text, n: trust.length - 1 }
  return trust.length > 1
    ? t('{file} would change how modules are verified: {reason} (and {n} more); nothing was changed', params)
    : t('{file} would change how modules are verified: {reason}; nothing was changed', params)
}

function fromStore(data: StoreData, name: string): SwitchTarget {
  const p = getProfile(data, name)
  return { name: p.name, vars: p.vars, project: null, adopt: 'none', stored: null }
}

/**
 * No name: the project's profile, else the picker in a terminal (each profile's settings under the
 * highlighted row, credentials masked), else a usage error naming the choices (no terminal, CI,
 * --json or --yes). Ctrl-C in the picker is a CancelledError (exit 130).
 */
async function fromProjectOrPicker(data: StoreData, raw: RawSwitchFlags): Promise<SwitchTarget> {
  const project = await loadProjectFile()
  if (project) return fromProject(data, project)
  const names = profileNames(data)
  if (names.length === 0) throw new UsageError(t('no profiles yet, and no .gomirror.json here or above'), t('create one: gomirror profile add <name> --proxy https://goproxy.cn,direct'))
  const descriptions: Record<string, string> = {}
  for (const n of names) descriptions[n] = profileSummary(data.profiles[n]?.vars ?? {}) ?? t("(sets nothing: Go's defaults)")
  const picked = await pickProfileIfInteractive(names, data.activeProfile, raw, { descriptions })
  if (picked === null) throw new UsageError(t('which profile? there is no .gomirror.json here or above'), t('name one: gomirror profile switch <name>   (your profiles: {list})', { list: names.join(', ') }))
  return fromStore(data, picked)
}

function fromProject(data: StoreData, project: ProjectFile): SwitchTarget {
  const storedName = lookupProfileName(data, project.profile)
  const stored = storedName === null ? null : (data.profiles[storedName]?.vars ?? null)
  if (project.vars === null) {
    if (stored === null) {
      const params = { file: project.path, name: project.profile }
      throw new UsageError(t('{file} names profile "{name}", which you do not have', params), t('create it (gomirror profile add {name} ...), or import it: gomirror profile import <file>', params))
    }
    return { name: storedName ?? project.profile, vars: stored, project, adopt: 'none', stored: null }
  }
  if (stored !== null && diffVars(stored, project.vars).length === 0) return { name: storedName ?? project.profile, vars: stored, project, adopt: 'none', stored: null }
  return { name: storedName ?? project.profile, vars: project.vars, project, adopt: stored === null ? 'new' : 'replace', stored }
}
