import { CancelledError, UsageError } from '../errors.js'
import { renderWeakenings } from '../profiles/render.js'
import type { Weakening } from '../profiles/weaken.js'
import { t } from '../ui/i18n.js'
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
  if (!canPrompt(req.json)) throw new UsageError(req.refusal, t('re-run with --yes to go ahead'))
  const { confirm } = await import('@inquirer/prompts')
  try {
    return await confirm({ message: req.question, default: false })
  } catch (error) {
    throw (error as Error)?.name === 'ExitPromptError' ? new CancelledError() : error
  }
}

/**
 * A profile that weakens verification needs an explicit yes: the prompt in a terminal (after
 * showing what it disables), --yes otherwise. The caller shows the weakenings in its own output.
 * `subject` names the profile in a sentence, already translated ("profile corp").
 */
export async function acceptWeakenings(weakenings: readonly Weakening[], opts: { yes: boolean; json: boolean | undefined; subject: string }): Promise<boolean> {
  const first = weakenings[0]
  if (!first || opts.yes) return true
  if (!canPrompt(opts.json)) {
    const params = { subject: opts.subject, reason: first.text, n: weakenings.length - 1 }
    throw new UsageError(weakenings.length > 1 ? t('{subject} weakens verification: {reason} (and {n} more)', params) : t('{subject} weakens verification: {reason}', params), t('re-run with --yes to go ahead'))
  }
  printLines(renderWeakenings(weakenings))
  return confirmOrRefuse({ yes: false, json: opts.json, question: t('{subject} turns these safeguards off. Go ahead?', { subject: opts.subject }), refusal: '' })
}
