import { open, realpath, unlink } from 'node:fs/promises'
import { GomirrorError } from '../errors.js'
import { t } from '../ui/i18n.js'
import { parseEnvFile, readEnvFileBytes } from './env-file.js'
import { runGo } from './go-command.js'
import { planVars, type Plan } from './plan.js'

/**
 * Carry out a plan with the go command: one `go env -w` for the sets, one `go env -u` for the
 * unsets, then read the file back. On any failure the file is put back to `before` and the error
 * says truthfully whether that worked. Callers go through commitChange, which journals the change.
 */
export async function writePlan(plan: Plan, envFile: string, before: Buffer | null): Promise<void> {
  try {
    const sets = Object.entries(plan.set).map(([k, v]) => `${k}=${v}`)
    if (sets.length > 0) await goEnv(['-w', ...sets])
    if (plan.unset.length > 0) await goEnv(['-u', ...plan.unset])
    await verify(plan, envFile)
  } catch (error) {
    const step = error instanceof StepError ? error : null
    const putBack = await restore(envFile, before)
    if (putBack === true) {
      if (step) throw new GomirrorError(step.ifRestored, step.hint)
      throw error
    }
    throw new GomirrorError(
      t('{problem}; gomirror could not put {file} back as it was ({error})', { problem: step?.problem ?? (error as Error).message, file: envFile, error: putBack }),
      t('run gomirror undo to put back the values from before this change'),
    )
  }
}

/** A failed step: what went wrong, and the whole message once the file is known to be as it was. */
class StepError extends Error {
  constructor(
    readonly problem: string,
    readonly ifRestored: string,
    readonly hint: string,
  ) {
    super(problem)
  }
}

async function goEnv(args: string[]): Promise<void> {
  const r = await runGo(['env', ...args])
  if (r.exitCode !== 0) {
    const why = r.stderr.trim().split('\n').filter((l) => !l.startsWith('warning:'))[0] ?? t('exit code {code}', { code: r.exitCode })
    const params = { flag: args[0] ?? '', error: why }
    throw new StepError(t('go env {flag} failed: {error}', params), t('go env {flag} failed: {error}; the go env file was left as it was', params), t('fix what Go reports and run the command again'))
  }
}

async function verify(plan: Plan, path: string): Promise<void> {
  const vars = parseEnvFile((await readEnvFileBytes(path))?.toString('utf8') ?? '')
  for (const name of planVars(plan)) {
    const want = plan.set[name]
    const got = vars.get(name)
    if (want !== undefined ? got !== want : got !== undefined) {
      const params = { path, name, value: got ?? t('(not set)') }
      throw new StepError(
        t('go env -w did not take: {path} has {name}={value} after writing', params),
        t('go env -w did not take: {path} has {name}={value} after writing; the file was put back as it was', params),
        t('check that the file is writable and that GOENV points where you expect'),
      )
    }
  }
}

/**
 * Put the file's bytes back the way go itself writes it: in place, through a symlink to its
 * target, so its mode, owner, links and inode stay what they were. Nothing is touched when the
 * bytes are already the same. Returns true when the file now holds exactly `bytes`, else why not.
 */
export async function restore(path: string, bytes: Buffer | null): Promise<true | string> {
  try {
    if (sameBytes(await readEnvFileBytes(path), bytes)) return true
    if (bytes === null) {
      await unlink(await realpath(path))
    } else {
      const handle = await open(path, 'r+')
      try {
        await handle.truncate(0)
        await handle.write(bytes, 0, bytes.length, 0)
        await handle.sync()
      } finally {
        await handle.close()
      }
    }
    return sameBytes(await readEnvFileBytes(path), bytes) ? true : t('its contents differ after writing')
  } catch (error) {
    return (error as Error).message
  }
}

export function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b
  return a.equals(b)
}
