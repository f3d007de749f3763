import { mkdir, readFile } from 'node:fs/promises'
import { GomirrorError } from '../errors.js'
import { t } from '../ui/i18n.js'
import type { ManagedVar } from '../goenv/vars.js'
import { configDir, configFile } from './paths.js'

/** One change gomirror made to a go env file, with what it replaced, for `undo`. */
export interface HistoryEntry {
  at: string
  /** The command line that made the change, e.g. "use fastest". */
  command: string
  /** The go env file the change was written to; undo only walks entries for the current file. */
  envFile: string
  /** What the file held before (null: the key was absent). */
  previous: Partial<Record<ManagedVar, string | null>>
  /** What gomirror wrote (null: removed), to notice edits made since. */
  written: Partial<Record<ManagedVar, string | null>>
}

export interface CustomMirror {
  url: string
  addedAt: string
}

/** A named set of Go module settings (`gomirror profile`); a variable it leaves out is unset when applied. */
export interface Profile {
  vars: Partial<Record<ManagedVar, string>>
  updatedAt?: string
}

/** The config file's shape. Fields are optional so older or hand-edited files still load. */
export interface StoreData {
  mirrors: Record<string, CustomMirror>
  history: HistoryEntry[]
  profiles: Record<string, Profile>
  /** The profile last applied with `profile switch`; null when none (or it was removed). */
  activeProfile: string | null
}

/** Undo walks back at most this far. */
export const HISTORY_LIMIT = 20

const EMPTY: StoreData = { mirrors: {}, history: [], profiles: {}, activeProfile: null }

/** Read the config without loading conf: read-only commands must start fast. */
export async function readStore(env: NodeJS.ProcessEnv = process.env): Promise<StoreData> {
  const file = configFile(env)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY)
    throw new GomirrorError(t('cannot read {file}: {error}', { file, error: (error as Error).message }), t('check the file permissions'))
  }
  return parseStore(text, file)
}

export function parseStore(text: string, file: string): StoreData {
  let raw: unknown
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text)
  } catch (error) {
    throw corrupt(file, (error as Error).message)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw corrupt(file, t('not a JSON object'))
  const obj = raw as Record<string, unknown>
  const mirrors = obj.mirrors ?? {}
  const history = obj.history ?? []
  if (typeof mirrors !== 'object' || mirrors === null || Array.isArray(mirrors)) throw corrupt(file, t('"{field}" is not an object', { field: 'mirrors' }))
  if (!Array.isArray(history)) throw corrupt(file, t('"{field}" is not a list', { field: 'history' }))
  for (const [name, m] of Object.entries(mirrors)) {
    if (typeof (m as CustomMirror)?.url !== 'string') throw corrupt(file, t('mirror "{name}" has no url', { name }))
  }
  const profiles = obj.profiles ?? {}
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) throw corrupt(file, '"profiles" is not an object')
  for (const [name, p] of Object.entries(profiles)) {
    const vars = (p as Profile | null)?.vars
    if (typeof vars !== 'object' || vars === null || Array.isArray(vars) || Object.values(vars).some((v) => typeof v !== 'string')) {
      throw corrupt(file, `profile "${name}" has no valid vars`)
    }
  }
  const active = typeof obj.activeProfile === 'string' ? obj.activeProfile : null
  return { ...obj, mirrors: mirrors as StoreData['mirrors'], history: history as HistoryEntry[], profiles: profiles as StoreData['profiles'], activeProfile: active }
}

function corrupt(file: string, why: string): GomirrorError {
  return new GomirrorError(t('the gomirror config {file} is damaged ({why})', { file, why }), t("move it aside and start fresh: mv '{file}' '{file}.bak'", { file }))
}

/**
 * Read-modify-write the config under a lock, so concurrent gomirror processes never lose each
 * other's writes; conf writes the file atomically with mode 0600 (it may hold proxy credentials).
 * `change` may also do other work that must happen under the same lock (writing the go env file).
 */
export async function updateStore<T>(change: (data: StoreData) => Promise<T> | T, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const dir = configDir(env)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const { lock } = await import('proper-lockfile')
  let release: () => Promise<void>
  try {
    release = await lock(dir, { lockfilePath: `${configFile(env)}.lock`, realpath: false, stale: 15_000, retries: { retries: 60, minTimeout: 25, maxTimeout: 250 } })
  } catch (error) {
    throw new GomirrorError(t('another gomirror is changing {dir} and did not finish ({error})', { dir, error: (error as Error).message }), t('wait for it, or remove the stale lock: {lock}', { lock: `${configFile(env)}.lock` }))
  }
  try {
    const data = await readStore(env)
    const result = await change(data)
    data.history = data.history.slice(-HISTORY_LIMIT)
    const { default: Conf } = await import('conf')
    const conf = new Conf<StoreData>({ cwd: dir, configName: 'config', configFileMode: 0o600, clearInvalidConfig: false })
    conf.store = data
    return result
  } finally {
    await release()
  }
}
