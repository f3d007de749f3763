import { GomirrorError } from '../errors.js'
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import { differencesInEffect, expectedGoValues } from '../profiles/environment.js'
import { findProjectFile, readProjectFile } from '../profiles/project.js'
import { lookupProfileName } from '../profiles/store.js'
import type { ProfileVars } from '../profiles/vars.js'
import { readStore } from '../store/store.js'
import { redactList } from '../util/url.js'
import type { DoctorFacts } from './gather.js'
import { fail, pass, warn, type Check } from './types.js'

/**
 * The project's pinned profile (.gomirror.json): readable and valid, known to this user, and what
 * Go actually uses here. Silent when the project pins nothing.
 */
export async function checkProjectProfile(facts: DoctorFacts, cwd: string = process.cwd()): Promise<Check[]> {
  const path = await findProjectFile(cwd)
  if (path === null) return []
  let project
  try {
    project = await readProjectFile(path)
  } catch (error) {
    if (!(error instanceof GomirrorError)) throw error
    return [fail('project', 'project.file', error.message, error.hint ?? `fix ${path}`)]
  }
  const store = await readStore(facts.env)
  const name = lookupProfileName(store, project.profile)
  const mine = name ? (store.profiles[name]?.vars ?? null) : null
  const vars: ProfileVars | null = mine ?? project.vars
  if (!mine && !project.vars) {
    return [fail('project', 'project.profile', `${path} pins the profile "${project.profile}", which you do not have`, `gomirror profile add ${project.profile} --proxy <GOPROXY>   # ask the project for its settings`)]
  }
  const checks: Check[] = []
  if (!mine) {
    checks.push(warn('project', 'project.profile', `${path} defines the profile "${project.profile}", which you have not accepted yet`, `gomirror profile import ${path}`))
  } else if (project.vars && differencesInEffect(project.vars, expectedGoValues(mine)).length > 0) {
    checks.push(warn('project', 'project.profile', `${path} defines "${project.profile}" differently from your own profile of that name`, `gomirror profile switch   # in this project: shows the difference and asks`))
  }
  if (!facts.snapshot || !vars) return checks
  const effective = Object.fromEntries(MANAGED_VARS.map((n) => [n, facts.snapshot?.vars[n].value ?? ''])) as Record<ManagedVar, string>
  const differ = differencesInEffect(vars, effective)
  if (differ.length > 0) {
    const detail = differ.map((n) => `${n} is ${redactList(effective[n]) || '(empty)'}`).join(', ')
    checks.push(warn('project', 'project.in-effect', `the project's profile "${project.profile}" is not in effect here (${detail})`, `gomirror profile switch ${project.profile}   # or per command: gomirror exec -- go build ./...`))
  } else {
    checks.push(pass('project', 'project.in-effect', `the project's profile "${project.profile}" (${path}) is in effect`))
  }
  return checks
}
