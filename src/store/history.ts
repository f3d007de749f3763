import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GomirrorError } from '../errors.js'
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import { t } from '../ui/i18n.js'
import { writeFileAtomic } from './atomic.js'
import { damaged } from './damaged.js'
import { configDir, configFile } from './paths.js'

/** Values of managed variables; null means the key is absent from the go env file. */
export type EnvValues = Partial<Record<ManagedVar, string | null>>

/**
 * Where a change stands in the journal. `pending`: about to be written (or being written) by
 * `go env -w/-u`. `applied`: done; `undo` can put it back. `undoing`: undo is putting it back.
 */
export type EntryState = 'pending' | 'applied' | 'undoing'
const STATES: readonly EntryState[] = ['pending', 'applied', 'undoing']

/** One change gomirror made (or is making) to a go env file, with what it replaced. */
export interface HistoryEntry {
  id: string
  at: string
  /** The command line that made the change, e.g. "use fastest". */
  command: string
  /** The go env file the change was written to; undo only walks entries for the current file. */
  envFile: string
  /** What the file held before (null: the key was absent), exactly as Go reads it. */
  previous: EnvValues
  /** What gomirror wrote (null: removed), to notice edits made since. */
  written: EnvValues
  state: EntryState
}

/** Undo walks back at most this far. */
export const HISTORY_LIMIT = 20

/** History lives in its own file, apart from profiles and mirrors: it is rewritten on every change. */
export function historyFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'history.json')
}

export function newEntry(fields: Omit<HistoryEntry, 'id' | 'at' | 'state'>): HistoryEntry {
  return { id: randomUUID(), at: new Date().toISOString(), state: 'pending', ...fields }
}

/**
 * The journal, validated: a damaged file is an error naming the file and what to do, never an
 * empty history (a write without a record is what the journal exists to prevent). Before
 * history.json existed, history was the "history" list inside config.json; that is read once.
 */
export async function readHistory(env: NodeJS.ProcessEnv = process.env): Promise<HistoryEntry[]> {
  const file = historyFile(env)
  const text = await readIfExists(file)
  if (text !== null) {
    const raw = parseJson(text, file)
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw damaged(file, t('not a JSON object'))
    return parseEntries((raw as { entries?: unknown }).entries, file, false)
  }
  const legacyFile = configFile(env)
  const legacy = await readIfExists(legacyFile)
  if (legacy === null) return []
  const raw = parseJson(legacy, legacyFile)
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw damaged(legacyFile, t('not a JSON object'))
  const list = (raw as { history?: unknown }).history
  return list === undefined ? [] : parseEntries(list, legacyFile, true)
}

export async function writeHistory(entries: readonly HistoryEntry[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await writeFileAtomic(historyFile(env), `${JSON.stringify({ version: 1, entries }, null, 2)}\n`, 0o600)
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new GomirrorError(t('cannot read {file}: {error}', { file, error: (error as Error).message }), t('check the file permissions'))
  }
}

function parseJson(text: string, file: string): unknown {
  if (text.trim() === '') throw damaged(file, t('the file is empty'))
  try {
    return JSON.parse(text)
  } catch (error) {
    throw damaged(file, (error as Error).message)
  }
}

function parseEntries(list: unknown, file: string, legacy: boolean): HistoryEntry[] {
  if (!Array.isArray(list)) throw damaged(file, t('"{field}" is not a list', { field: legacy ? 'history' : 'entries' }))
  return list.map((item: unknown, i) => {
    const n = i + 1
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw damaged(file, t('history entry {n} is not an object', { n }))
    const e = item as Record<string, unknown>
    for (const field of ['at', 'command', 'envFile'] as const) {
      if (typeof e[field] !== 'string') throw damaged(file, t('history entry {n}: "{field}" is not a string', { n, field }))
    }
    const previous = parseValues(e.previous, file, n, 'previous')
    const written = parseValues(e.written, file, n, 'written')
    let state: EntryState = 'applied'
    if (!legacy || e.state !== undefined) {
      if (!STATES.includes(e.state as EntryState)) throw damaged(file, t('history entry {n}: "{field}" is not one of {list}', { n, field: 'state', list: STATES.join(', ') }))
      state = e.state as EntryState
    }
    let id: string
    if (typeof e.id === 'string' && e.id !== '') id = e.id
    else if (legacy) id = randomUUID()
    else throw damaged(file, t('history entry {n}: "{field}" is not a string', { n, field: 'id' }))
    return { id, at: e.at as string, command: e.command as string, envFile: e.envFile as string, previous, written, state }
  })
}

function parseValues(raw: unknown, file: string, n: number, field: string): EnvValues {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw damaged(file, t('history entry {n}: "{field}" is not an object', { n, field }))
  const out: EnvValues = {}
  for (const [key, value] of Object.entries(raw)) {
    if (!(MANAGED_VARS as readonly string[]).includes(key)) throw damaged(file, t('history entry {n}: "{field}" names {key}, which gomirror does not manage', { n, field, key }))
    if (value !== null && typeof value !== 'string') throw damaged(file, t('history entry {n}: {key} in "{field}" is neither a string nor null', { n, field, key }))
    out[key as ManagedVar] = value
  }
  return out
}

