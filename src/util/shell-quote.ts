/**
 * One way to quote every command gomirror suggests (doctor fixes, hints), so a pasted line means
 * the same in sh, bash, zsh and fish.
 *
 * - Words made only of characters no one of those shells treats specially stay as they are.
 * - Everything else goes in single quotes. sh takes single quotes literally; fish does too, except
 *   that `\\` and `\'` are escapes inside them. So neither `'` nor `\` is ever put inside quotes:
 *   a `'` becomes `'\''` and a `\` becomes `'\\'` (close, escaped character, reopen), which both
 *   families read as the one character.
 * - `NAME=value` keeps the name bare and quotes only the value (`GOPROXY='https://a|direct'`):
 *   the same word to every shell, and easier to read.
 */

/**
 * Characters that are plain in sh, bash, zsh and fish alike (no globs, no `%`, `~`, `{`, `#`...);
 * not a leading `=`, which zsh expands to a command's path.
 */
const PLAIN = /^[A-Za-z0-9_./:@+,-][A-Za-z0-9_./:@+=,-]*$/

/** One argument, quoted when it has to be. */
export function quoteArg(word: string): string {
  if (PLAIN.test(word)) return word
  const assignment = /^([A-Za-z_][A-Za-z0-9_]*=)([\s\S]*)$/.exec(word)
  if (assignment) return `${assignment[1] as string}${quoteValue(assignment[2] as string)}`
  return quoteValue(word)
}

function quoteValue(value: string): string {
  if (value !== '' && PLAIN.test(value)) return value
  let out = "'"
  for (const ch of value) {
    if (ch === "'") out += "'\\''"
    else if (ch === '\\') out += "'\\\\'"
    else out += ch
  }
  return `${out}'`
}

/** A command line from its argv, each argument quoted for sh, bash, zsh and fish. */
export function quoteCommand(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ')
}
