import type { Plan } from '../goenv/plan.js'
import { bilingual, type Bilingual, type Wording } from '../profiles/wording.js'
import { isCommandFix } from './fix-command.js'

export type CheckStatus = 'pass' | 'warn' | 'fail'

/** Groups for the human report, in display order. */
export const CATEGORIES = ['go', 'envfile', 'environment', 'proxy', 'sumdb', 'private', 'project', 'network'] as const
export type Category = (typeof CATEGORIES)[number]

/**
 * One finding. `message` names the variable and value involved; `fix` is a command to paste.
 * Both are English, as `doctor --json` prints them for scripts; `localized` holds the same in the
 * user's language for the terminal report.
 */
export interface Check {
  id: string
  category: Category
  status: CheckStatus
  message: string
  fix?: string
  /** The fix as the words of one command (`go env -w NAME=value`), when it is one; `fix` is the same line quoted for a shell. */
  fixArgv?: string[]
  localized: { message: string; fix?: string }
  /** A change to the go env file that is safe and unambiguous, applied by `doctor --fix`. */
  autoFix?: Plan
}

/**
 * What a check says: a Wording, `(t) => t(template, params)`, worded once in English and once in
 * the user's language; a Bilingual made elsewhere (an error worded where it was thrown); or a
 * plain string that reads the same in both (a command to paste).
 */
export type CheckText = string | Wording | Bilingual

export function textOf(text: CheckText): Bilingual {
  if (typeof text === 'string') return { message: text, text }
  return typeof text === 'function' ? bilingual(text) : text
}

function check(category: Category, id: string, status: CheckStatus, message: CheckText, fix?: CheckText, autoFix?: Plan): Check {
  const m = textOf(message)
  const f = fix ? textOf(fix) : null
  return {
    id,
    category,
    status,
    message: m.message,
    ...(f ? { fix: f.message } : {}),
    ...(isCommandFix(fix) ? { fixArgv: [...fix.argv] } : {}),
    localized: { message: m.text, ...(f ? { fix: f.text } : {}) },
    ...(autoFix ? { autoFix } : {}),
  }
}

export function pass(category: Category, id: string, message: CheckText): Check {
  return check(category, id, 'pass', message)
}

export function warn(category: Category, id: string, message: CheckText, fix?: CheckText, autoFix?: Plan): Check {
  return check(category, id, 'warn', message, fix, autoFix)
}

export function fail(category: Category, id: string, message: CheckText, fix?: CheckText, autoFix?: Plan): Check {
  return check(category, id, 'fail', message, fix, autoFix)
}
