/**
 * Helpers for the fault-injection suite: a `go` wrapper that SIGKILLs gomirror (its parent) at a
 * chosen step of a write, or makes a step fail, and readers for gomirror's own files.
 */
import { execFileSync } from 'node:child_process'
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sandbox } from '../support/sandbox.js'

/** The steps of a write the wrapper can act at. */
export const KILL_STEPS = ['before-w', 'after-w', 'before-u', 'after-u'] as const
export type KillStep = (typeof KILL_STEPS)[number]

const REAL_GO = execFileSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).trim()

/**
 * Install the wrapper in the sandbox. GOMIRROR_FAULT picks what it does:
 * `kill:<step>` SIGKILLs the gomirror process before/after go env -w/-u;
 * `fail:-u` makes go env -u fail without touching the file (after a real go env -w).
 */
export async function installGoWrapper(sb: Sandbox): Promise<string> {
  const path = join(sb.dir, 'go-wrapper.sh')
  await writeFile(path, `#!/bin/sh
step=""
if [ "$1" = "env" ]; then
  case "$2" in
    -w) step=w ;;
    -u) step=u ;;
  esac
fi
if [ -n "$step" ] && [ "$GOMIRROR_FAULT" = "kill:before-$step" ]; then kill -9 "$PPID"; exit 1; fi
if [ -n "$step" ] && [ "$GOMIRROR_FAULT" = "fail:-$step" ]; then echo "go: simulated failure" >&2; exit 1; fi
${JSON.stringify(REAL_GO)} "$@"
rc=$?
if [ -n "$step" ] && [ "$GOMIRROR_FAULT" = "kill:after-$step" ]; then kill -9 "$PPID"; fi
exit $rc
`)
  await chmod(path, 0o755)
  return path
}

export function configDir(sb: Sandbox): string {
  return join(sb.dir, '.config', 'gomirror')
}

export interface JournalEntry {
  command: string
  state: string
  envFile: string
  previous: Record<string, string | null>
  written: Record<string, string | null>
}

/** history.json's entries, or null when the file does not exist. */
export async function readJournal(sb: Sandbox): Promise<JournalEntry[] | null> {
  const text = await readFile(join(configDir(sb), 'history.json'), 'utf8').catch(() => null)
  if (text === null) return null
  return (JSON.parse(text) as { entries: JournalEntry[] }).entries
}

export async function readBytes(path: string): Promise<Buffer | null> {
  return readFile(path).catch(() => null)
}

/** Running as root, permissions do not stop writes: such tests run gomirror as this user instead. */
export const NOBODY = 65534
export const IS_ROOT = process.getuid?.() === 0

/**
 * Run the built CLI as an unprivileged user (nobody, when the tests run as root; else as the
 * current, already unprivileged user), so file permissions mean what they mean for a real user.
 * The sandbox is handed to that user first.
 */
export async function runUnprivileged(sb: Sandbox, args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const { execa } = await import('execa')
  const { CLI } = await import('../support/sandbox.js')
  const argv = IS_ROOT ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'node', CLI, ...args] : ['node', CLI, ...args]
  const r = await execa(argv[0] as string, argv.slice(1), { env: sb.env, extendEnv: false, reject: false, stdin: 'ignore', cwd: sb.dir, timeout: 60_000 })
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 }
}

/** Give the whole sandbox to the unprivileged user (when root). */
export async function handOver(sb: Sandbox): Promise<void> {
  if (IS_ROOT) execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, sb.dir])
}
