import { constants } from 'node:os'
import { UsageError } from '../errors.js'
import { readGoEnvFileVars } from '../goenv/env-file.js'
import { applyToEnv, profileEnvironment } from '../profiles/environment.js'
import { loadProjectFile } from '../profiles/project.js'
import { resolveProfile } from '../profiles/resolve.js'
import { readStore } from '../store/store.js'
import { t } from '../ui/i18n.js'
import { printErrorLines } from '../ui/print.js'

/**
 * Ctrl-C and Ctrl-\ reach the whole foreground process group, child included: gomirror only
 * waits for the child's exit. SIGTERM and SIGHUP are sent to gomirror alone, so they are passed on.
 */
const WAITED = ['SIGINT', 'SIGQUIT'] as const
const FORWARDED = ['SIGTERM', 'SIGHUP'] as const
const ignore = (): void => undefined

/**
 * `gomirror exec [--profile NAME] -- <command> [args...]`: run one command with the profile's
 * variables in its environment only. The go env file is not touched, so two projects with
 * different profiles can build side by side. stdio and the exit code pass through; a child
 * killed by a signal gives 128+n, as a shell reports it.
 */
export async function runExec(command: string[], opts: { profile?: string }): Promise<number> {
  const [file, ...args] = command
  const example = 'gomirror exec --profile corp -- go mod download'
  if (file === undefined || file === '') throw new UsageError(t('exec needs a command to run'), t('for example: {example}', { example }))
  // An option gomirror does not know, before any command: a typo, not a program called "--profil".
  if (file.startsWith('-')) throw new UsageError(t("unknown option '{name}'", { name: file }), t('put the command after --, for example: {example}', { example }))
  const [data, fileVars, project] = await Promise.all([readStore(), readGoEnvFileVars(), opts.profile === undefined ? loadProjectFile() : Promise.resolve(null)])
  const profile = resolveProfile(data, { name: opts.profile, project, fileVars })
  const env = applyToEnv(process.env, profileEnvironment(profile.vars, fileVars))

  const { execa } = await import('execa')
  const child = execa(file, args, { env, extendEnv: false, stdio: 'inherit', reject: false })
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal)
  }
  for (const s of FORWARDED) process.on(s, forward)
  for (const s of WAITED) process.on(s, ignore)
  try {
    const r = await child
    if (r.exitCode !== undefined) return r.exitCode
    if (r.signal) return 128 + (constants.signals[r.signal] ?? 0)
    const notFound = (r.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
    const why = notFound ? t('command not found') : ((r.shortMessage ?? '').split('\n')[0] || t('it could not be started'))
    printErrorLines([`gomirror: ${t('cannot run {command}: {error}', { command: file, error: why })}`, `  ${t('check the command name, its permissions and your PATH')}`])
    return notFound ? 127 : 126
  } finally {
    for (const s of FORWARDED) process.off(s, forward)
    for (const s of WAITED) process.off(s, ignore)
  }
}
