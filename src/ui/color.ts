import { Chalk, type ChalkInstance } from 'chalk'

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

let current: ChalkInstance | undefined

/** The chalk instance every renderer uses; configured for stdout. */
export function colors(): ChalkInstance {
  current ??= new Chalk({ level: colorLevel(process.stdout) })
  return current
}

/** Tests and --no-color after start-up. */
export function setColorLevel(level: 0 | 1 | 2 | 3): void {
  current = new Chalk({ level })
}

/** Block characters render nearly everywhere but the legacy Windows console. */
export function supportsUnicode(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GOMIRROR_ASCII === '1') return false
  if (process.platform !== 'win32') return env.TERM !== 'linux'
  return Boolean(env.WT_SESSION || env.TERM_PROGRAM === 'vscode' || env.ConEmuTask || env.TERM === 'xterm-256color')
}
