/**
 * Text that reaches the terminal: credentials masked, control characters and raw bytes made
 * visible instead of interpreted, and long inputs cut to their start and end.
 */
import { maskSecrets } from './secrets.js'

/**
 * `s` cut to about `max` characters as start…end, so a 100 kB input does not fill the screen
 * while both ends stay recognisable. Counts UTF-16 units but never splits a surrogate pair.
 */
export function shortenForMessage(s: string, max = 80): string {
  if (s.length <= max) return s
  const keep = Math.max(2, max - 1)
  let head = Math.ceil(keep / 2)
  let tail = keep - head
  if (isHighSurrogate(s.charCodeAt(head - 1))) head--
  if (tail > 0 && isLowSurrogate(s.charCodeAt(s.length - tail))) tail--
  return `${s.slice(0, head)}…${tail > 0 ? s.slice(s.length - tail) : ''}`
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Every whitespace-separated word longer than `max` shortened (for error lines). */
export function shortenLongWords(text: string, max = 80): string {
  if (text.length <= max) return text
  return text.replace(/[^\s]+/g, (word) => (word.length > max ? shortenForMessage(word, max) : word))
}

// SGR colour codes from chalk are kept; every other escape sequence is made visible.
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]/g

/**
 * Control characters (other than newline and tab), C1 codes, bidi overrides and undecodable
 * bytes (U+FFFD) written as visible escapes: `\x07`, `\u202e`, `\ufffd`. A subprocess or a TLS
 * library can then never move the cursor, ring the bell or reorder what the user reads.
 */
export function sanitizeForTerminal(text: string): string {
  return text.replace(NON_PRINTABLE, (m) => {
    if (m.length > 1) return m
    const code = m.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/**
 * Text from outside (a subprocess, a server, a library's error): every control character escaped,
 * colour codes included, cut to `max` characters. For the one line of it a message quotes.
 */
export function quoteOutside(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  return shortenForMessage(sanitizeForTerminal(text.replace(/\u001b/g, '\\x1b')), max)
}

/** What every printed line goes through: secrets masked, then non-printables escaped. */
export function safeForTerminal(text: string): string {
  return sanitizeForTerminal(maskSecrets(text))
}

/** A user's input inside a message: masked, escaped, shortened and quoted. */
export function quoteInput(value: string, max = 80): string {
  // A line break or tab inside an echoed value would split or skew the one-line error: shown escaped.
  const flat = sanitizeForTerminal(maskSecrets(value)).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
  const shown = shortenForMessage(flat, max)
  return shown.includes('"') && !shown.includes("'") ? `'${shown}'` : `"${shown}"`
}
