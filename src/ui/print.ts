import { safeForTerminal, shortenLongWords } from '../util/display.js'
import { maskDeep } from '../util/secrets.js'

/**
 * The one place that writes to the terminal. Renderers return lines; commands hand them here.
 * Everything printed is masked (credentials in any URL form) and escaped (control characters),
 * whatever the renderer did: a safety net, not a licence to skip masking at the source.
 */
export function printLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(`${safeForTerminal(lines.join('\n'))}\n`)
}

/** Warnings and notes on stderr echo user input: a pasted 100 kB value is shortened, like errors are. */
export function printErrorLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stderr.write(`${shortenLongWords(safeForTerminal(lines.join('\n')), 200)}\n`)
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(maskDeep(value), null, 2)}\n`)
}

/**
 * Lines printed exactly as given, credentials included: only for output whose purpose is to carry
 * the real values (`env` for eval, `profile export --with-credentials`, completion scripts).
 */
export function printRawLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`)
}
