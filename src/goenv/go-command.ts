import { GomirrorError } from '../errors.js'
import { quoteOutside } from '../util/display.js'
import { t } from '../ui/i18n.js'

/** go env -w appeared in Go 1.13; gomirror relies on it. */
export const MIN_GO_MINOR = 13

/** A function, not a constant: the language is chosen after modules load. */
const installHint = (): string =>
  t('install Go 1.13 or newer (https://go.dev/dl/, or your package manager, e.g. apt-get install golang-go), or point GOMIRROR_GO at the go binary')

export interface GoRun {
  stdout: string
  stderr: string
  exitCode: number
}

/** The go binary to run: GOMIRROR_GO when set, else `go` from PATH. */
export function goBinary(): string {
  return process.env.GOMIRROR_GO || 'go'
}

/** Run the go command with an argument array (never a shell). Throws when go cannot be started. */
export async function runGo(args: string[], env?: NodeJS.ProcessEnv): Promise<GoRun> {
  const { execa } = await import('execa')
  const bin = goBinary()
  try {
    const r = await execa(bin, args, { reject: false, env: env ?? process.env, extendEnv: false, stdin: 'ignore', timeout: 30_000 })
    if (r.failed && r.exitCode === undefined) {
      // One line: execa's own message repeats the command and the spawn error on a second line.
      const code = (r as { code?: string }).code
      const why = code === 'ENOENT' ? t('not found') : code === 'EACCES' ? t('not found or not executable') : r.timedOut ? t('timed out') : (code ?? r.shortMessage?.split('\n')[0] ?? '')
      throw new GomirrorError(t('could not run {bin}: {error}', { bin, error: why }), installHint())
    }
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 1 }
  } catch (error) {
    if (error instanceof GomirrorError) throw error
    throw new GomirrorError(t('could not run {bin}: {error}', { bin, error: (error as Error).message }), installHint())
  }
}

/** Parse `go version` output ("go version go1.19.8 linux/amd64", "go version devel go1.23-abc ..."). */
export function parseGoVersion(text: string): { major: number; minor: number; raw: string } | null {
  const m = /\bgo(\d+)\.(\d+)(?:\.\d+)?(?:[a-z]+\d*)?\b/.exec(text)
  if (!m) return null
  return { major: Number(m[1]), minor: Number(m[2]), raw: m[0] }
}

/** Fail with how to install Go when it is missing or older than 1.13. */
export async function requireGo(): Promise<{ major: number; minor: number; raw: string }> {
  const r = await runGo(['version'])
  const v = parseGoVersion(r.stdout)
  if (r.exitCode !== 0 || !v) {
    throw new GomirrorError(t('{bin} version failed: {error}', { bin: goBinary(), error: quoteOutside((r.stderr || r.stdout).trim().split('\n')[0] ?? '') }), installHint())
  }
  if (v.major < 1 || (v.major === 1 && v.minor < MIN_GO_MINOR)) {
    throw new GomirrorError(t('{version} is too old: gomirror needs go env -w, which came in Go 1.13', { version: v.raw }), installHint())
  }
  return v
}
