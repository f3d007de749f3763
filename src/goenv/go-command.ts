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

/**
 * How long one go command may run. `go env` and `go version` answer in well under a second; a go
 * that is still busy after this is stuck (a wrapper script waiting on something, a hung network
 * file system), and it is stopped with every process it started. GOMIRROR_GO_TIMEOUT_MS overrides it.
 */
export const GO_TIMEOUT_MS = 20_000

export function goTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.GOMIRROR_GO_TIMEOUT_MS)
  return Number.isSafeInteger(raw) && raw > 0 ? raw : GO_TIMEOUT_MS
}

/** go did not finish within its deadline and was stopped; worded anew for each language (doctor --json needs English). */
export class GoTimeoutError extends GomirrorError {
  constructor(readonly bin: string, readonly args: readonly string[], readonly timeoutMs: number) {
    super(
      t('{command} did not finish within {seconds} s and was stopped, with the processes it started', { command: [bin, ...args.slice(0, 2)].join(' '), seconds: formatSeconds(timeoutMs) }),
      t('run {command} yourself to see where it waits (a wrapper script around go?); GOMIRROR_GO_TIMEOUT_MS sets the limit in ms', { command: `${bin} version` }),
    )
    this.name = 'GoTimeoutError'
  }
}

function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}

/**
 * Kill go and everything it started. go runs in its own process group (not on Windows), so a
 * wrapper script's children, which would otherwise hold the output pipes open, die with it.
 */
function killGroup(pid: number | undefined, kill: () => void): void {
  if (pid !== undefined && process.platform !== 'win32') {
    try {
      process.kill(-pid, 'SIGKILL')
      return
    } catch {
      // the group is gone already, or was never made: kill the child itself
    }
  }
  kill()
}

/** Run the go command with an argument array (never a shell). Throws when go cannot be started or does not finish in time. */
export async function runGo(args: string[], env?: NodeJS.ProcessEnv): Promise<GoRun> {
  const { execa } = await import('execa')
  const bin = goBinary()
  const timeoutMs = goTimeoutMs()
  let timedOut = false
  let timer: NodeJS.Timeout | undefined
  try {
    const child = execa(bin, args, { reject: false, env: env ?? process.env, extendEnv: false, stdin: 'ignore', detached: process.platform !== 'win32' })
    timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid, () => child.kill('SIGKILL'))
    }, timeoutMs)
    const r = await child
    if (timedOut) throw new GoTimeoutError(bin, args, timeoutMs)
    if (r.failed && r.exitCode === undefined) {
      // One line: execa's own message repeats the command and the spawn error on a second line.
      const code = (r as { code?: string }).code
      const why = code === 'ENOENT' ? t('not found') : code === 'EACCES' ? t('not found or not executable') : (code ?? r.shortMessage?.split('\n')[0] ?? '')
      throw new GomirrorError(t('could not run {bin}: {error}', { bin, error: why }), installHint())
    }
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 1 }
  } catch (error) {
    if (error instanceof GomirrorError) throw error
    throw new GomirrorError(t('could not run {bin}: {error}', { bin, error: (error as Error).message }), installHint())
  } finally {
    clearTimeout(timer)
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
