import { MANAGED_VARS } from '../goenv/vars.js'
import { readGoEnvFileVars } from '../goenv/env-file.js'
import { profileEnvironment } from '../profiles/environment.js'
import { loadProjectFile } from '../profiles/project.js'
import { resolveProfile } from '../profiles/resolve.js'
import { parseShell, renderAssignments } from '../profiles/shell.js'
import { readStore } from '../store/store.js'
import { printRawLines } from '../ui/print.js'
import { tidyValue } from '../values/check.js'

/**
 * `gomirror env [--profile NAME] [--shell ...]`: assignments for eval, direnv or CI. Values are
 * printed as they are, credentials included: the output exists to be evaluated by the user's own
 * shell. (list, show and every --json mask them.)
 */
export async function runEnv(opts: { profile?: string; shell?: string }): Promise<number> {
  const shell = parseShell(opts.shell)
  const [data, fileVars, project] = await Promise.all([readStore(), readGoEnvFileVars(), opts.profile === undefined ? loadProjectFile() : Promise.resolve(null)])
  const profile = resolveProfile(data, { name: opts.profile, project, fileVars })
  const values = profileEnvironment(profile.vars, fileVars)
  printRawLines(renderAssignments(shell, MANAGED_VARS.map((n) => [n, values[n] === null ? null : tidyValue(n, values[n])] as const)))
  return 0
}
