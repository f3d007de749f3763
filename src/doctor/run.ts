import type { Plan } from '../goenv/plan.js'
import { MANAGED_VARS } from '../goenv/vars.js'
import { checkTrustAndCredentials } from './checks-auth.js'
import { checkEnvFile, checkGoCommand, checkModCache, checkShadowing, checkUnknownSettings } from './checks-local.js'
import { checkNetwork, type NetworkOptions } from './checks-network.js'
import { checkProjectProfile } from './checks-project.js'
import { checkGoproxy, checkGosumdb, checkPatterns } from './checks-settings.js'
import { checkTrust } from './checks-trust.js'
import { gatherFacts, type DoctorFacts } from './gather.js'
import { CATEGORIES, type Check } from './types.js'

export interface DoctorOptions extends NetworkOptions {
  offline?: boolean
}

/** The checks that need no network, in a fixed order: a pure function of the facts. */
export function runLocalChecks(facts: DoctorFacts): Check[] {
  return [checkGoCommand, checkModCache, checkEnvFile, checkShadowing, checkUnknownSettings, checkGoproxy, checkGosumdb, checkPatterns, checkTrust, checkTrustAndCredentials].flatMap((check) => check(facts))
}

/** Gather the facts once, run every check (network ones concurrently), group by category. */
export async function diagnose(opts: DoctorOptions = {}): Promise<{ facts: DoctorFacts; checks: Check[] }> {
  const facts = await gatherFacts()
  const [network, project] = await Promise.all([opts.offline ? Promise.resolve([]) : checkNetwork(facts, opts), checkProjectProfile(facts)])
  const checks = [...runLocalChecks(facts), ...project, ...network]
  const order = (c: Check): number => CATEGORIES.indexOf(c.category)
  return { facts, checks: checks.map((c, i) => [c, i] as const).sort((a, b) => order(a[0]) - order(b[0]) || a[1] - b[1]).map(([c]) => c) }
}

/**
 * Merge the safe fixes into one plan. Two fixes that want different values for one variable are
 * not both applied: the first wins and the second is reported as left for another run.
 */
export function collectFixPlan(checks: readonly Check[]): { plan: Plan; applied: Check[]; deferred: Check[] } {
  const plan: Plan = { set: {}, unset: [] }
  const applied: Check[] = []
  const deferred: Check[] = []
  for (const check of checks) {
    const fix = check.autoFix
    if (!fix || check.status === 'pass') continue
    const touches = MANAGED_VARS.filter((n) => fix.set[n] !== undefined || fix.unset.includes(n))
    if (touches.some((n) => plan.set[n] !== undefined || plan.unset.includes(n))) {
      deferred.push(check)
      continue
    }
    Object.assign(plan.set, fix.set)
    plan.unset.push(...fix.unset)
    applied.push(check)
  }
  return { plan, applied, deferred }
}

export function summarize(checks: readonly Check[]): { pass: number; warn: number; fail: number; ok: boolean } {
  const count = (s: Check['status']): number => checks.filter((c) => c.status === s).length
  return { pass: count('pass'), warn: count('warn'), fail: count('fail'), ok: count('fail') === 0 }
}
