import type { GoSnapshot } from './read.js'
import { MANAGED_VARS, type ManagedVar } from './vars.js'

/**
 * A change to the go env file, as data: `use`, `undo`, `reset` and `profile switch` compute one,
 * `--dry-run` prints it, and `commitChange` (goenv/commit.ts) is the only thing that carries one out.
 */
export interface Plan {
  set: Partial<Record<ManagedVar, string>>
  unset: ManagedVar[]
}

export const EMPTY_PLAN: Plan = { set: {}, unset: [] }

/** Drop what would not change the file: a set to the value it already has, an unset of an absent key. */
export function prunePlan(plan: Plan, fileVars: Map<string, string>): Plan {
  const set: Plan['set'] = {}
  for (const name of MANAGED_VARS) {
    const value = plan.set[name]
    if (value !== undefined && fileVars.get(name) !== value) set[name] = value
  }
  const unset = plan.unset.filter((n) => fileVars.has(n) && plan.set[n] === undefined)
  return { set, unset }
}

export function isEmptyPlan(plan: Plan): boolean {
  return Object.keys(plan.set).length === 0 && plan.unset.length === 0
}

/** The names a plan touches, in display order. */
export function planVars(plan: Plan): ManagedVar[] {
  return MANAGED_VARS.filter((n) => plan.set[n] !== undefined || plan.unset.includes(n))
}

/** What the file holds now for each variable the plan touches (null: not set). This is what undo puts back. */
export function previousValues(plan: Plan, snapshot: GoSnapshot): Partial<Record<ManagedVar, string | null>> {
  const prev: Partial<Record<ManagedVar, string | null>> = {}
  for (const name of planVars(plan)) prev[name] = snapshot.fileVars.get(name) ?? null
  return prev
}

/** The plan that puts recorded values back: null means remove the key. */
export function planFromValues(values: Partial<Record<ManagedVar, string | null>>): Plan {
  const plan: Plan = { set: {}, unset: [] }
  for (const name of MANAGED_VARS) {
    const v = values[name]
    if (v === undefined) continue
    if (v === null) plan.unset.push(name)
    else plan.set[name] = v
  }
  return plan
}

/** The values the file will hold after the plan: value, or null for removed. */
export function writtenValues(plan: Plan): Partial<Record<ManagedVar, string | null>> {
  const out: Partial<Record<ManagedVar, string | null>> = {}
  for (const name of planVars(plan)) out[name] = plan.set[name] ?? null
  return out
}
