import { CancelledError, UsageError } from '../errors.js'
import { renderWeakenings } from '../profiles/render.js'
import type { Weakening } from '../profiles/weaken.js'
import { printLines } from '../ui/print.js'
import { canPrompt } from './options.js'

export interface ConfirmRequest {
  /** --yes (the global option): go ahead without asking. */
  yes: boolean
  json: boolean | undefined
  question: string
  /** The error when no prompt is possible; " re-run with --yes" guidance is the hint. */
  refusal: string
}

/**
 * Ask before something the user should see first (a definition from a repository, a setting that
 * weakens verification). --yes answers for them; without a terminal it is a UsageError (exit 2,
 * nothing written) that says to re-run with --yes. Ctrl-C is a CancelledError (exit 130).
 */
export async function confirmOrRefuse(req: ConfirmRequest): Promise<boolean> {
  if (req.yes) return true
  if (!canPrompt(req.json)) throw new UsageError(req.refusal, 're-run with --yes to go ahead')
  const { confirm } = await import('@inquirer/prompts')
  try {
    return await confirm({ message: req.question, default: false })
  } catch (error) {
    throw promptError(error)
  }
}

/** Pick one name from a list in a terminal. */
export async function selectName(message: string, names: readonly string[], current: string | null): Promise<string> {
  const { select } = await import('@inquirer/prompts')
  try {
    return await select({ message, choices: names.map((n) => ({ value: n, name: n === current ? `${n} (active)` : n })), ...(current !== null && names.includes(current) ? { default: current } : {}) })
  } catch (error) {
    throw promptError(error)
  }
}

function promptError(error: unknown): unknown {
  return (error as Error)?.name === 'ExitPromptError' ? new CancelledError() : error
}

/**
 * A profile that weakens verification needs an explicit yes: the prompt in a terminal (after
 * showing what it disables), --yes otherwise. The caller shows the weakenings in its own output.
 */
export async function acceptWeakenings(weakenings: readonly Weakening[], opts: { yes: boolean; json: boolean | undefined; subject: string }): Promise<boolean> {
  const first = weakenings[0]
  if (!first || opts.yes) return true
  const more = weakenings.length > 1 ? ` (and ${weakenings.length - 1} more)` : ''
  if (!canPrompt(opts.json)) throw new UsageError(`${opts.subject} weakens verification: ${first.message}${more}`, 're-run with --yes to go ahead')
  printLines(renderWeakenings(weakenings))
  return confirmOrRefuse({ yes: false, json: opts.json, question: `${opts.subject} turns these safeguards off. Go ahead?`, refusal: '' })
}
