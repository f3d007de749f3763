import { readFile } from 'node:fs/promises'
import { GomirrorError } from '../errors.js'
import { t } from '../ui/i18n.js'
import type { ManagedVar } from '../goenv/vars.js'
import { damaged } from './damaged.js'
import { configDir, configFile } from './paths.js'

export interface CustomMirror {
  url: string
  addedAt: string
}

/** A named set of Go module settings (`gomirror profile`); a variable it leaves out is unset when applied. */
export interface Profile {
  vars: Partial<Record<ManagedVar, string>>
  updatedAt?: string
}

/**
 * The config file's shape: custom mirrors and profiles. Fields are optional so older or
 * hand-edited files still load. Undo history lives apart, in history.json (store/history.ts).
 */
export interface StoreData {
  mirrors: Record<string, CustomMirror>
  profiles: Record<string, Profile>
  /** The profile last applied with `profile switch`; null when none (or it was removed). */
  activeProfile: string | null
}

const EMPTY: StoreData = { mirrors: {}, profiles: {}, activeProfile: null }

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
  // An empty file is damage (a crash, a full disk, a sync tool), not "no settings": the
  // profiles and mirrors it held are gone, and the user should hear so before anything is written.
  if (text.trim() === '') throw corrupt(file, t('the file is empty'))
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw corrupt(file, (error as Error).message)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw corrupt(file, t('not a JSON object'))
  const obj = raw as Record<string, unknown>
  const mirrors = obj.mirrors ?? {}
  if (typeof mirrors !== 'object' || mirrors === null || Array.isArray(mirrors)) throw corrupt(file, t('"{field}" is not an object', { field: 'mirrors' }))
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
  if (obj.activeProfile !== undefined && obj.activeProfile !== null && typeof obj.activeProfile !== 'string') throw corrupt(file, t('"{field}" is not a string', { field: 'activeProfile' }))
  return { ...obj, mirrors: mirrors as StoreData['mirrors'], profiles: profiles as StoreData['profiles'], activeProfile: active }
}

function corrupt(file: string, why: string): GomirrorError {
  return damaged(file, why)
}

/**
 * Read-modify-write the config under the config folder's lock, so concurrent gomirror processes
 * never lose each other's writes. The file is read and validated by hand (a damaged file is an
 * error before anything is written); conf writes it back atomically with mode 0600 (it may hold
 * proxy credentials).
 */
export async function updateStore<T>(change: (data: StoreData) => Promise<T> | T, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  // Loaded here: read-only commands read the store and never take the lock.
  const { withConfigLock } = await import('./lock.js')
  return withConfigLock(configDir(env), async () => {
    const data = await readStore(env)
    const result = await change(data)
    await saveStore(data, env)
    return result
  })
}

/** Write the config with conf. Call only under the lock, after readStore validated the file: conf re-reads it. */
export async function saveStore(data: StoreData, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { default: Conf } = await import('conf')
  const conf = new Conf<StoreData>({ cwd: configDir(env), configName: 'config', configFileMode: 0o600, clearInvalidConfig: false })
  conf.store = data
}
