import { UsageError } from '../errors.js'
import type { StoreData } from '../store/store.js'
import { t } from '../ui/i18n.js'
import { quoteCommand } from '../util/shell-quote.js'
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
    const params = { file: project.path, name: project.profile }
    if (project.vars !== null && (stored === null || diffVars(stored.vars, project.vars).length > 0)) {
      throw new UsageError(
        stored === null
          ? t('{file} defines profile "{name}", which you do not have yet; it is not used unseen', params)
          : t('{file} defines profile "{name}" differently from yours; it is not used unseen', params),
        t('review and accept it with: {command}', { command: quoteCommand(['gomirror', 'profile', 'import', project.path, ...(stored ? ['--force'] : [])]) }),
      )
    }
    if (stored === null) {
      throw new UsageError(t('{file} names profile "{name}", which you do not have', params), t('create it (gomirror profile add {name} ...), or name another with --profile', params))
    }
    return { ...stored, from: 'project', projectFile: project.path }
  }
  const state = activeProfileState(data, opts.fileVars)
  if (state.name !== null) return { ...getProfile(data, state.name), from: 'active', projectFile: null }
  const names = profileNames(data)
  throw new UsageError(
    state.lastSwitched !== null
      ? t('which profile? there is no .gomirror.json here or above, and the go env file changed since you switched to {name}, so no profile is active', { name: state.lastSwitched })
      : t('which profile? there is no .gomirror.json here or above, and no profile is active'),
    names.length > 0 ? t('name one with --profile (your profiles: {list})', { list: names.join(', ') }) : t('create one: gomirror profile add <name> --proxy https://goproxy.cn,direct'),
  )
}
