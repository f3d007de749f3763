import type { Translate, Wording } from '../profiles/wording.js'
import { quoteCommand } from '../util/shell-quote.js'

/**
 * A fix that is one command to run: a Wording (the line to paste, quoted for sh, bash, zsh and
 * fish by quoteCommand) that also carries the command's words, which `doctor --json` gives as
 * `fixArgv` so a script never has to parse a shell line. Callers may still wrap it in a sentence
 * by calling it; the words then stay behind, as the sentence is no longer one command.
 */
export type CommandFix = Wording & { readonly argv: readonly string[] }

/** `around` words the line in a sentence ("{command}   # then open a new shell"); the argv stays the command's. */
export function commandFix(argv: readonly string[], around?: (t: Translate, command: string) => string): CommandFix {
  const line = quoteCommand(argv)
  const wording: Wording = around ? (t) => around(t, line) : () => line
  return Object.assign(wording, { argv: [...argv] })
}

export function isCommandFix(value: unknown): value is CommandFix {
  return typeof value === 'function' && Array.isArray((value as { argv?: unknown }).argv)
}
