
/**
 * Colour only on a terminal. NO_COLOR (any non-empty value) and --no-color turn it off;
 * FORCE_COLOR turns it on even when piped.
 */
export function colorLevel(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): 0 | 1 | 2 | 3 {
  if (argv.includes('--no-color') || (env.NO_COLOR ?? '') !== '') return 0
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return 0
    return force === '2' ? 2 : force === '3' ? 3 : 1
  }
  if (!stream.isTTY || env.TERM === 'dumb') return 0
  const depth = typeof stream.getColorDepth === 'function' ? stream.getColorDepth(env) : 4
  return depth >= 24 ? 3 : depth >= 8 ? 2 : 1
}

/** The styles renderers use. chalk provides them on a terminal; PLAIN everywhere else. */
export interface Palette {
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  cyan(text: string): string
  blue(text: string): string
}

const same = (text: string): string => text
const PLAIN: Palette = { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same, blue: same }

let current: Palette = PLAIN

/** The palette every renderer uses: plain until prepareColors() finds a colour terminal. */
export function colors(): Palette {
  return current
}

/**
 * Decide colour for stdout once at start-up. chalk is loaded only when colour is on, so piped
 * and scripted runs (and `ls`, `--version`) do not pay for it.
 */
export async function prepareColors(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): Promise<void> {
  await setColorLevel(colorLevel(stream, env, argv))
}

/** Tests, and --no-color after start-up. Level 0 is synchronous in effect (no chalk needed). */
export async function setColorLevel(level: 0 | 1 | 2 | 3): Promise<void> {
  if (level === 0) {
    current = PLAIN
    return
  }
  const { Chalk } = await import('chalk')
  current = new Chalk({ level })
}

/** Block characters render nearly everywhere but the legacy Windows console. */
export function supportsUnicode(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GOMIRROR_ASCII === '1') return false
  if (process.platform !== 'win32') return env.TERM !== 'linux'
  return Boolean(env.WT_SESSION || env.TERM_PROGRAM === 'vscode' || env.ConEmuTask || env.TERM === 'xterm-256color')
}
