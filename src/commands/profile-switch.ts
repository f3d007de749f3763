import { GomirrorError, UsageError } from '../errors.js'
import { planVars, previousValues, prunePlan, writtenValues, type Plan } from '../goenv/plan.js'
import { readGoSnapshot, shadowedVars } from '../goenv/read.js'
import { MANAGED_VARS } from '../goenv/vars.js'
import { applyPlan } from '../goenv/write.js'
import { loadProjectFile, type ProjectFile } from '../profiles/project.js'
import { renderDefinitionDiff, renderWarnings, renderWeakenings } from '../profiles/render.js'
import { getProfile, lookupProfileName, profileNames, putProfile } from '../profiles/store.js'
import { diffVars, redactVars, validateProfileName, type ProfileVars } from '../profiles/vars.js'
import { findWeakenings } from '../profiles/weaken.js'
import { readStore, updateStore, type StoreData } from '../store/store.js'
import { colors } from '../ui/color.js'
import { printJson, printLines } from '../ui/print.js'
import { renderChanges, renderShadowWarning } from '../ui/render-env.js'
import { canPrompt } from './options.js'
import { confirmOrRefuse, selectName } from './profile-prompt.js'
import { redactValues } from './use.js'

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
  const c = colors()

  // A definition from a repository is shown, with what it changes, before anything is written.
  if (target.adopt !== 'none' && target.project) {
    const where = target.project.path
    if (!raw.json) {
      printLines([
        target.adopt === 'new' ? `${where} defines profile ${c.bold(target.name)}, which you do not have yet:` : `${where} defines profile ${c.bold(target.name)} differently from yours:`,
        ...renderDefinitionDiff(target.stored, target.vars),
        ...renderWarnings(target.project.warnings),
        ...renderWeakenings(weakenings),
        planVars(plan).length > 0 ? `Switching would change ${snapshot.envFile}:` : 'The go env file already holds these values.',
        ...renderChanges(previous, written),
      ])
    }
    const what = target.adopt === 'new' ? 'save it as your profile' : 'replace your definition'
    const ok = raw.dryRun || await confirmOrRefuse({
      yes,
      json: raw.json,
      question: `Use the project's definition (${what}) and switch?`,
      refusal: `${where} ${target.adopt === 'new' ? `defines profile "${target.name}", which you do not have yet` : `defines profile "${target.name}" differently from yours`}; nothing was changed`,
    })
    if (!ok) {
      printLines(['Not switched; nothing was changed.'])
      return 1
    }
  }

  // Any exported managed variable overrides the profile, whichever it sets.
  const shadowed = shadowedVars(snapshot)
  let changed = false
  if (!raw.dryRun) {
    await updateStore(async (store) => {
      if (target.adopt !== 'none') putProfile(store, target.name, target.vars)
      else if (lookupProfileName(store, target.name) === null) throw new GomirrorError(`profile "${target.name}" was removed while switching; nothing was changed`, 'run the command again')
      const applied = await applyPlan(plan, snapshot)
      changed = planVars(applied).length > 0
      if (changed) store.history.push({ at: new Date().toISOString(), command: `profile switch ${target.name}`, envFile: snapshot.envFile, previous: previousValues(applied, snapshot), written: writtenValues(applied) })
      store.activeProfile = target.name
    })
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
    })
    return 0
  }
  const head = raw.dryRun ? 'Would switch to' : changed ? 'Switched to' : 'Already on'
  printLines([
    `${head} profile ${c.bold(target.name)}${target.project ? c.dim(` (from ${target.project.path})`) : ''}${raw.dryRun ? ' (dry run: nothing written)' : ''}${planVars(plan).length > 0 ? ':' : '; the go env file already holds its values.'}`,
    ...renderChanges(previous, written),
    ...(target.adopt === 'none' ? renderWeakenings(weakenings) : []),
    ...(changed ? [c.dim('Undo with: gomirror undo')] : []),
    ...renderShadowWarning(shadowed),
  ])
  return 0
}

function fromStore(data: StoreData, name: string): SwitchTarget {
  const p = getProfile(data, name)
  return { name: p.name, vars: p.vars, project: null, adopt: 'none', stored: null }
}

/** No name: the project's profile, else a picker in a terminal, else a usage error naming the choices. */
async function fromProjectOrPicker(data: StoreData, raw: RawSwitchFlags): Promise<SwitchTarget> {
  const project = await loadProjectFile()
  if (project) return fromProject(data, project)
  const names = profileNames(data)
  if (names.length === 0) throw new UsageError('no profiles yet, and no .gomirror.json here or above', 'create one: gomirror profile add <name> --proxy https://goproxy.cn,direct')
  if (raw.yes || !canPrompt(raw.json)) throw new UsageError('which profile? there is no .gomirror.json here or above', `name one: gomirror profile switch <name>   (your profiles: ${names.join(', ')})`)
  return fromStore(data, await selectName('Switch to which profile?', names, data.activeProfile))
}

function fromProject(data: StoreData, project: ProjectFile): SwitchTarget {
  const storedName = lookupProfileName(data, project.profile)
  const stored = storedName === null ? null : (data.profiles[storedName]?.vars ?? null)
  if (project.vars === null) {
    if (stored === null) {
      throw new UsageError(`${project.path} names profile "${project.profile}", which you do not have`, `create it (gomirror profile add ${project.profile} ...), or import it: gomirror profile import <file>`)
    }
    return { name: storedName ?? project.profile, vars: stored, project, adopt: 'none', stored: null }
  }
  if (stored !== null && diffVars(stored, project.vars).length === 0) return { name: storedName ?? project.profile, vars: stored, project, adopt: 'none', stored: null }
  return { name: storedName ?? project.profile, vars: project.vars, project, adopt: stored === null ? 'new' : 'replace', stored }
}
