/** Pure string helpers for fixed-width terminal output. */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g

/** Visible width: ANSI codes count zero, East Asian wide characters count two. */
export function width(text: string): number {
  let w = 0
  for (const ch of text.replace(ANSI, '')) {
    const cp = ch.codePointAt(0) ?? 0
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)) ? 2 : 1
  }
  return w
}

export function padEnd(text: string, n: number): string {
  return text + ' '.repeat(Math.max(0, n - width(text)))
}

export function padStart(text: string, n: number): string {
  return ' '.repeat(Math.max(0, n - width(text))) + text
}

/** Cut plain text to n columns with an ellipsis. */
export function truncate(text: string, n: number, unicode = true): string {
  if (width(text) <= n) return text
  const ell = unicode ? '…' : '...'
  let out = ''
  for (const ch of text) {
    if (width(out + ch) + ell.length > n) break
    out += ch
  }
  return out + ell
}

/** A bar of `cells` cells for value/max (at least one cell for any positive value). */
export function bar(value: number, max: number, cells: number, unicode: boolean): string {
  const filled = max > 0 ? Math.max(1, Math.min(cells, Math.round((value / max) * cells))) : 0
  return unicode ? '█'.repeat(filled) + '░'.repeat(cells - filled) : '#'.repeat(filled) + '.'.repeat(cells - filled)
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '-'
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}
