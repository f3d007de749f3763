import { GomirrorError } from '../errors.js'
import { t } from '../ui/i18n.js'
import { parseEnvFile, readEnvFileBytes } from './env-file.js'
import { requireGo, runGo } from './go-command.js'
import { GO_DEFAULTS, MANAGED_VARS, type ManagedVar, type VarSource } from './vars.js'

export interface VarState {
  /** The value Go uses now. */
  value: string
  source: VarSource
  /** The value in the go env file, or null when the file does not set it. */
  fileValue: string | null
  /** The non-empty OS environment value, which shadows the file; null when not set. */
  envValue: string | null
}

/** Everything gomirror needs to know about this machine's Go module settings, read once. */
export interface GoSnapshot {
  goVersion: { major: number; minor: number; raw: string }
  /** Path of the go env file; '' when GOENV=off. */
  envFile: string
  /** The file's bytes as read (null when absent), kept so a failed write can be rolled back. */
  envFileBytes: Buffer | null
  /** Every key the file sets. */
  fileVars: Map<string, string>
  vars: Record<ManagedVar, VarState>
  /** Other go env values a command may want (GOFLAGS, GOMODCACHE, ...). */
  extra: Record<string, string>
}

const EXTRA_VARS = ['GOFLAGS', 'GOMODCACHE', 'GOPATH', 'GONOSUMCHECK', 'GONOSUMDB', 'GO111MODULE', 'GOAUTH'] as const

/** Read `go env -json` and the go env file. Go decides the effective values; the file and the OS environment decide the source. */
export async function readGoSnapshot(env: NodeJS.ProcessEnv = process.env): Promise<GoSnapshot> {
  const [goVersion, run] = await Promise.all([
    requireGo(),
    runGo(['env', '-json', 'GOENV', ...MANAGED_VARS, ...EXTRA_VARS]),
  ])
  if (run.exitCode !== 0) {
    throw new GomirrorError(t('go env failed: {error}', { error: run.stderr.trim().split('\n')[0] ?? '' }), t('run `go env` to see what Go reports, and fix that first'))
  }
  let json: Record<string, string>
  try {
    json = JSON.parse(run.stdout) as Record<string, string>
  } catch {
    throw new GomirrorError(t('go env -json printed something that is not JSON'), t('run `go env -json` to see what Go reports'))
  }
  const envFile = json.GOENV ?? ''
  const envFileBytes = envFile ? await readEnvFileBytesOrFail(envFile) : null
  const fileVars = parseEnvFile(envFileBytes?.toString('utf8') ?? '')
  const vars = {} as Record<ManagedVar, VarState>
  for (const name of MANAGED_VARS) {
    const envValue = env[name] ? (env[name] as string) : null
    const fileValue = fileVars.get(name) ?? null
    const value = json[name] ?? GO_DEFAULTS[name]
    const source: VarSource = envValue !== null ? 'env' : fileValue ? 'goenv' : 'default'
    vars[name] = { value, source, fileValue, envValue }
  }
  const extra: Record<string, string> = {}
  for (const name of EXTRA_VARS) extra[name] = json[name] ?? ''
  return { goVersion, envFile, envFileBytes, fileVars, vars, extra }
}

async function readEnvFileBytesOrFail(path: string): Promise<Buffer | null> {
  try {
    return await readEnvFileBytes(path)
  } catch (error) {
    throw new GomirrorError(t('cannot read the go env file {path}: {error}', { path, error: (error as Error).message }), t('check its permissions (gomirror and go both need to read and write it)'))
  }
}

/** The variables set in the OS environment, which `go env -w` cannot override. */
export function shadowedVars(snapshot: GoSnapshot, names: readonly ManagedVar[] = MANAGED_VARS): ManagedVar[] {
  return names.filter((n) => snapshot.vars[n].envValue !== null)
}
