import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import { differencesInEffect, expectedGoValues } from '../profiles/environment.js'
import { findProjectFile, readProjectFileForReport } from '../profiles/project.js'
import { lookupProfileName } from '../profiles/store.js'
import { findTrustChanges, ownTrust } from '../profiles/trust.js'
import { diffVars, type ProfileVars } from '../profiles/vars.js'
import type { Translate } from '../profiles/wording.js'
import { readStore } from '../store/store.js'
import { redactList } from '../util/url.js'
import { quoteCommand } from '../util/shell-quote.js'
import { commandFix } from './fix-command.js'
import type { DoctorFacts } from './gather.js'
import { fail, pass, warn, type Check } from './types.js'

/**
 * The project's pinned profile (.gomirror.json): readable and valid, known to this user, and what
 * Go actually uses here. Silent when the project pins nothing.
 */
export async function checkProjectProfile(facts: DoctorFacts, cwd: string = process.cwd()): Promise<Check[]> {
  const path = await findProjectFile(cwd)
  if (path === null) return []
  const { project, problem } = await readProjectFileForReport(path)
  if (problem) return [fail('project', 'project.file', problem.message, problem.hint ?? ((t) => t('fix {file}', { file: path })))]
  const store = await readStore(facts.env)
  const name = lookupProfileName(store, project.profile)
  const mine = name && Object.hasOwn(store.profiles, name) ? (store.profiles[name]?.vars ?? null) : null
  const vars: ProfileVars | null = mine ?? project.vars
  const params = { file: path, name: project.profile }
  if (!mine && !project.vars) {
    return [fail('project', 'project.profile', (t) => t('{file} pins the profile "{name}", which you do not have', params), (t) => t('{command}   # ask the project for its settings', { command: `${quoteCommand(['gomirror', 'profile', 'add', project.profile, '--proxy'])} <GOPROXY>` }))]
  }
  const checks: Check[] = []
  // A definition not yet accepted: say now what it would stop verifying (profile switch will ask).
  if (project.vars && facts.snapshot && (!mine || diffVars(mine, project.vars).length > 0)) {
    const changes = findTrustChanges(project.vars, ownTrust(facts.snapshot, Object.values(store.profiles).map((p) => p.vars)))
    for (const change of changes) checks.push(warn('project', `project.trust.${change.variable}`, { message: change.message, text: change.text }))
  }
  if (!mine) {
    checks.push(warn('project', 'project.profile', (t) => t('{file} defines the profile "{name}", which you have not accepted yet', params), commandFix(['gomirror', 'profile', 'import', path])))
  } else if (project.vars && differencesInEffect(project.vars, expectedGoValues(mine)).length > 0) {
    checks.push(warn('project', 'project.profile', (t) => t('{file} defines "{name}" differently from your own profile of that name', params), (t) => t('{command}   # in this project: shows the difference and asks', { command: 'gomirror profile switch' })))
  }
  if (!facts.snapshot || !vars) return checks
  const effective = Object.fromEntries(MANAGED_VARS.map((n) => [n, facts.snapshot?.vars[n].value ?? ''])) as Record<ManagedVar, string>
  const differ = differencesInEffect(vars, effective)
  if (differ.length > 0) {
    const detail = (t: Translate): string => differ.map((n) => t('{name} is {value}', { name: n, value: redactList(effective[n]) || t('(empty)') })).join(', ')
    checks.push(warn('project', 'project.in-effect', (t) => t("the project's profile \"{name}\" is not in effect here ({detail})", { ...params, detail: detail(t) }),
      (t) => t('{command}   # or per command: {alternative}', { command: `gomirror profile switch ${project.profile}`, alternative: 'gomirror exec -- go build ./...' })))
  } else {
    checks.push(pass('project', 'project.in-effect', (t) => t("the project's profile \"{name}\" ({file}) is in effect", params)))
  }
  return checks
}
