import { rename, unlink, writeFile } from 'node:fs/promises'
import { GomirrorError } from '../errors.js'
import { t } from '../ui/i18n.js'
import { parseEnvFile, readEnvFileBytes } from './env-file.js'
import { runGo } from './go-command.js'
import { isEmptyPlan, planVars, prunePlan, type Plan } from './plan.js'
import type { GoSnapshot } from './read.js'

/**
 * Carry out a plan with the go command: one `go env -w` for the sets, one `go env -u` for the
 * unsets, then read the file back. Any failure puts the file's original bytes back, so the user's
 * go env file is either fully changed or exactly as it was.
 * Returns the plan actually applied (no-ops dropped).
 */
export async function applyPlan(plan: Plan, snapshot: GoSnapshot): Promise<Plan> {
  if (!snapshot.envFile) {
    throw new GomirrorError(t('the go env file is turned off (GOENV=off), so go env -w cannot save anything'), t('unset GOENV in your shell profile, or set it to a file path'))
  }
  const effective = prunePlan(plan, snapshot.fileVars)
  if (isEmptyPlan(effective)) return effective

  const now = await readEnvFileBytes(snapshot.envFile)
  if (!sameBytes(now, snapshot.envFileBytes)) {
    throw new GomirrorError(t('{file} changed while gomirror was working; nothing was written', { file: snapshot.envFile }), t('run the command again'))
  }
  try {
    const sets = Object.entries(effective.set).map(([k, v]) => `${k}=${v}`)
    if (sets.length > 0) await goEnv(['-w', ...sets])
    if (effective.unset.length > 0) await goEnv(['-u', ...effective.unset])
    await verify(effective, snapshot.envFile)
  } catch (error) {
    await restore(snapshot.envFile, snapshot.envFileBytes)
    throw error
  }
  return effective
}

async function goEnv(args: string[]): Promise<void> {
  const r = await runGo(['env', ...args])
  if (r.exitCode !== 0) {
    const why = r.stderr.trim().split('\n').filter((l) => !l.startsWith('warning:'))[0] ?? t('exit code {code}', { code: r.exitCode })
    throw new GomirrorError(t('go env {flag} failed: {error}; the go env file was left as it was', { flag: args[0] ?? '', error: why }), t('fix what Go reports and run the command again'))
  }
}

async function verify(plan: Plan, path: string): Promise<void> {
  const vars = parseEnvFile((await readEnvFileBytes(path))?.toString('utf8') ?? '')
  for (const name of planVars(plan)) {
    const want = plan.set[name]
    const got = vars.get(name)
    if (want !== undefined ? got !== want : got !== undefined) {
      throw new GomirrorError(t('go env -w did not take: {path} has {name}={value} after writing; the file was put back as it was', { path, name, value: got ?? t('(not set)') }), t('check that the file is writable and that GOENV points where you expect'))
    }
  }
}

async function restore(path: string, bytes: Buffer | null): Promise<void> {
  if (bytes === null) {
    await unlink(path).catch(() => undefined)
    return
  }
  const tmp = `${path}.gomirror-restore-${process.pid}`
  await writeFile(tmp, bytes)
  await rename(tmp, path)
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b
  return a.equals(b)
}
