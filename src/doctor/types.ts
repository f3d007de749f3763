import type { Plan } from '../goenv/plan.js'

export type CheckStatus = 'pass' | 'warn' | 'fail'

/** Groups for the human report, in display order. */
export const CATEGORIES = ['go', 'envfile', 'environment', 'proxy', 'sumdb', 'private', 'project', 'network'] as const
export type Category = (typeof CATEGORIES)[number]

/** One finding. `message` names the variable and value involved; `fix` is a command to paste. */
export interface Check {
  id: string
  category: Category
  status: CheckStatus
  message: string
  fix?: string
  /** A change to the go env file that is safe and unambiguous, applied by `doctor --fix`. */
  autoFix?: Plan
}

export function pass(category: Category, id: string, message: string): Check {
  return { id, category, status: 'pass', message }
}

export function warn(category: Category, id: string, message: string, fix?: string, autoFix?: Plan): Check {
  return { id, category, status: 'warn', message, ...(fix ? { fix } : {}), ...(autoFix ? { autoFix } : {}) }
}

export function fail(category: Category, id: string, message: string, fix?: string, autoFix?: Plan): Check {
  return { id, category, status: 'fail', message, ...(fix ? { fix } : {}), ...(autoFix ? { autoFix } : {}) }
}
