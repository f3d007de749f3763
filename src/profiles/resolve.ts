import { UsageError } from '../errors.js'
import type { StoreData } from '../store/store.js'
import type { ProjectFile } from './project.js'
import { activeProfileState, getProfile, lookupProfileName, profileNames, type NamedProfile } from './store.js'
import { diffVars, validateProfileName } from './vars.js'

/** A profile chosen for `env`/`exec`, and why that one. */
export interface ResolvedProfile extends NamedProfile {
  from: 'option' | 'project' | 'active'
  /** The `.gomirror.json` that chose it, when `from` is 'project'. */
  projectFile: string | null
}

/**
 * The profile `env` and `exec` use: the one named, else the project's (`.gomirror.json`), else the
 * active one. Nothing from a repository is used unseen: a project file whose definition (`vars`)
 * the user has not adopted is refused, with the command that shows it and asks.
 */
export function resolveProfile(data: Pick<StoreData, 'profiles' | 'activeProfile'>, opts: { name: string | undefined; project: ProjectFile | null; fileVars: ReadonlyMap<string, string> }): ResolvedProfile {
  if (opts.name !== undefined) return { ...getProfile(data, validateProfileName(opts.name)), from: 'option', projectFile: null }
  const project = opts.project
  if (project) {
    const storedName = lookupProfileName(data, project.profile)
    const stored = storedName === null ? null : getProfile(data, storedName)
    if (project.vars !== null && (stored === null || diffVars(stored.vars, project.vars).length > 0)) {
      const what = stored === null ? 'which you do not have yet' : 'differently from yours'
      throw new UsageError(`${project.path} defines profile "${project.profile}", ${what}; it is not used unseen`, `review and accept it with: gomirror profile import ${project.path}${stored ? ' --force' : ''}`)
    }
    if (stored === null) {
      throw new UsageError(`${project.path} names profile "${project.profile}", which you do not have`, `create it (gomirror profile add ${project.profile} ...), or name another with --profile`)
    }
    return { ...stored, from: 'project', projectFile: project.path }
  }
  const state = activeProfileState(data, opts.fileVars)
  if (state.name !== null) return { ...getProfile(data, state.name), from: 'active', projectFile: null }
  const names = profileNames(data)
  const why = state.lastSwitched !== null ? `the go env file changed since you switched to ${state.lastSwitched}, so no profile is active` : 'no profile is active'
  throw new UsageError(`which profile? there is no .gomirror.json here or above, and ${why}`, names.length > 0 ? `name one with --profile (your profiles: ${names.join(', ')})` : 'create one: gomirror profile add <name> --proxy https://goproxy.cn,direct')
}
