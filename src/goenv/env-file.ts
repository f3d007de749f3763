import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Parse a go env file exactly as cmd/go's readEnvFile does: lines split on '\n', a line counts
 * only when it has '=' and starts with an upper-case ASCII letter; nothing is trimmed; a later
 * line for the same key wins.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>()
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=')
    const first = line.charCodeAt(0)
    if (eq < 0 || first < 65 || first > 90) continue
    vars.set(line.slice(0, eq), line.slice(eq + 1))
  }
  return vars
}

/** The file's bytes, or null when it does not exist. Other read errors propagate. */
export async function readEnvFileBytes(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * The go env file's variables, read the way Go finds the file but without running go, so
 * read-only commands (`ls`, `profile list`, `env`, `exec`) start fast. A missing or unreadable file counts as empty.
 */
export async function readGoEnvFileVars(env: NodeJS.ProcessEnv = process.env): Promise<Map<string, string>> {
  const path = guessEnvFilePath(env)
  const bytes = path ? await readEnvFileBytes(path).catch(() => null) : null
  return parseEnvFile(bytes?.toString('utf8') ?? '')
}

/**
 * Where Go keeps its env file without asking the go command (os.UserConfigDir()/go/env), for
 * read-only commands that must start fast. Empty string when GOENV=off.
 */
export function guessEnvFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const goenv = env.GOENV
  if (goenv === 'off') return ''
  if (goenv) return goenv
  return join(userConfigDir(env), 'go', 'env')
}

/** Go's os.UserConfigDir(). */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || homedir()
  switch (process.platform) {
    case 'win32':
      return env.AppData || env.APPDATA || join(home, 'AppData', 'Roaming')
    case 'darwin':
      return join(home, 'Library', 'Application Support')
    default:
      return env.XDG_CONFIG_HOME || join(home, '.config')
  }
}
