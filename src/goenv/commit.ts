import { GomirrorError } from '../errors.js'
import { HISTORY_LIMIT, newEntry, readHistory, writeHistory, type EnvValues, type HistoryEntry } from '../store/history.js'
import { withConfigLock } from '../store/lock.js'
import { configDir } from '../store/paths.js'
import { readStore, saveStore, type StoreData } from '../store/store.js'
import { t } from '../ui/i18n.js'
import { printErrorLines } from '../ui/print.js'
import { parseEnvFile, readEnvFileBytes } from './env-file.js'
import { isEmptyPlan, planFromValues, previousValues, prunePlan, writtenValues, type Plan } from './plan.js'
import type { GoSnapshot } from './read.js'
import type { ManagedVar } from './vars.js'
import { sameBytes, writePlan } from './write.js'

export interface CommitOptions {
  /** The command line recorded in the history, e.g. "use fastest". */
  command: string
  /**
   * Changes to the config (profiles, active profile) that belong to this change: called under
   * the same lock before anything is written (it may throw to stop), saved after the write.
   */
  updateConfig?: (data: StoreData) => void
  /** Where notes about recovered interrupted changes go; stderr by default. */
  onNote?: (text: string) => void
  env?: NodeJS.ProcessEnv
}

export interface CommitResult {
  /** The plan actually written (no-ops dropped). */
  applied: Plan
  previous: EnvValues
  written: EnvValues
}

/**
 * The one way gomirror changes a go env file. Under the config lock: validate the config and the
 * history (damage stops everything before a write), settle any change a killed gomirror left
 * half-done, journal the change as pending (atomic rename), run go env -w/-u and verify, then mark
 * it applied (atomic rename). A kill at any point leaves a journal that the next run settles.
 */
export async function commitChange(plan: Plan, snapshot: GoSnapshot, opts: CommitOptions): Promise<CommitResult> {
  const envFile = requireEnvFile(snapshot)
  const env = opts.env ?? process.env
  return withConfigLock(configDir(env), async () => {
    const store = await readStore(env)
    const found = await readHistory(env)
    const entries = await settle(found, opts.onNote)
    // Settled now, whatever happens next: the notes are said once.
    if (entries !== found) await writeHistory(entries, env)
    opts.updateConfig?.(store)
    const applied = prunePlan(plan, snapshot.fileVars)
    const result = { applied, previous: previousValues(applied, snapshot), written: writtenValues(applied) }
    if (!isEmptyPlan(applied)) {
      await assertUnchanged(snapshot)
      const entry = newEntry({ command: opts.command, envFile, previous: result.previous, written: result.written })
      await writeHistory([...entries, entry], env)
      await writeOrSettle(applied, snapshot, entries, env)
      entry.state = 'applied'
      entries.push(entry)
    }
    await writeHistory(trim(entries), env)
    if (opts.updateConfig || hasLegacyHistory(store)) await saveStore(withoutLegacyHistory(store), env)
    return result
  })
}

export interface UndoResult {
  entry: HistoryEntry
  plan: Plan
  /** The values put back (what undo writes), with line-ending debris removed. */
  restored: EnvValues
  /** Changes to this go env file still in the history after this undo. */
  remaining: number
}

/**
 * Put back what the newest applied change to this go env file replaced, journalled like any
 * change: the entry is marked `undoing` before go runs and removed once the file is verified.
 */
export async function commitUndo(snapshot: GoSnapshot, opts: { force?: boolean; dryRun?: boolean; onNote?: (text: string) => void; env?: NodeJS.ProcessEnv }): Promise<UndoResult> {
  const env = opts.env ?? process.env
  return withConfigLock(configDir(env), async () => {
    const store = await readStore(env)
    const found = await readHistory(env)
    const entries = await settle(found, opts.onNote)
    if (entries !== found && !opts.dryRun) await writeHistory(entries, env)
    const index = entries.findLastIndex((h) => h.envFile === snapshot.envFile && h.state === 'applied')
    const entry = entries[index]
    if (!entry) {
      throw new GomirrorError(t('nothing to undo: gomirror has no recorded change to {file}', { file: snapshot.envFile || t('the go env file') }), t('see the current settings with: gomirror current'))
    }
    const edited = editedSince(entry, snapshot)
    if (edited.length > 0 && !opts.force) {
      const detail = edited.map((n) => `${n}=${snapshot.fileVars.get(n) ?? t('(not set)')}`).join(', ')
      throw new GomirrorError(t("the go env file was changed after gomirror's last write ({detail}); undo would overwrite that", { detail }), t('run gomirror undo --force to put back the older values anyway'))
    }
    const restored = restorableValues(entry, snapshot.envFile)
    const plan = planFromValues(restored)
    const remaining = entries.filter((h) => h.envFile === snapshot.envFile && h.state === 'applied').length - 1
    if (opts.dryRun) return { entry, plan, restored, remaining }
    requireEnvFile(snapshot)
    const effective = prunePlan(plan, snapshot.fileVars)
    if (!isEmptyPlan(effective)) {
      await assertUnchanged(snapshot)
      await writeHistory(entries.map((e) => (e === entry ? { ...e, state: 'undoing' as const } : e)), env)
      await writeOrSettle(effective, snapshot, entries, env)
    }
    await writeHistory(entries.filter((e) => e !== entry), env)
    if (hasLegacyHistory(store)) await saveStore(withoutLegacyHistory(store), env)
    return { entry, plan, restored, remaining }
  })
}

/**
 * Write; on failure, when writePlan put the file back byte for byte, the journal goes back to
 * `unchanged` (nothing happened). Otherwise the entry stays pending for the next run to settle.
 */
async function writeOrSettle(plan: Plan, snapshot: GoSnapshot, unchanged: HistoryEntry[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await writePlan(plan, snapshot.envFile, snapshot.envFileBytes)
  } catch (error) {
    const now = await readEnvFileBytes(snapshot.envFile).catch(() => undefined)
    if (now !== undefined && sameBytes(now, snapshot.envFileBytes)) await writeHistory(unchanged, env).catch(() => undefined)
    throw error
  }
}

/** Settle every entry a killed gomirror left pending or undoing, by what its go env file holds now. */
export async function settle(entries: HistoryEntry[], onNote: (text: string) => void = (s) => printErrorLines([s])): Promise<HistoryEntry[]> {
  if (!entries.some((e) => e.state !== 'applied')) return entries
  const out: HistoryEntry[] = []
  for (const entry of entries) {
    if (entry.state === 'applied') {
      out.push(entry)
      continue
    }
    const bytes = await readEnvFileBytes(entry.envFile).catch(() => null)
    const resolved = resolveEntry(entry, parseEnvFile(bytes?.toString('utf8') ?? ''))
    if (resolved.note) onNote(resolved.note)
    if (resolved.entry) out.push(resolved.entry)
  }
  return out
}

/**
 * One interrupted entry against the file: pending and the file holds what it meant to write →
 * applied (undo can undo it); still the old values → dropped. Undoing and the file holds the old
 * values → the undo finished, dropped; still what was written → applied again. A mix of the two
 * (killed between -w and -u) → applied with what the file holds, so undo completes it. Anything
 * else was edited meanwhile → kept as applied, explained; undo then asks for --force.
 */
export function resolveEntry(entry: HistoryEntry, fileVars: ReadonlyMap<string, string>): { entry: HistoryEntry | null; note: string | null } {
  const names = [...new Set([...Object.keys(entry.previous), ...Object.keys(entry.written)])] as ManagedVar[]
  const actual = (n: ManagedVar): string | null => fileVars.get(n) ?? null
  const undoing = entry.state === 'undoing'
  const target = undoing ? entry.previous : entry.written
  const source = undoing ? entry.written : entry.previous
  const atTarget = names.every((n) => sameValue(actual(n), target[n]))
  const atSource = names.every((n) => sameValue(actual(n), source[n]))
  const params = { command: entry.command, file: entry.envFile }
  if (atTarget) {
    if (undoing) return { entry: null, note: null }
    return { entry: { ...entry, state: 'applied' }, note: t('note: an earlier "gomirror {command}" was interrupted after it changed {file}; it is recorded now, so gomirror undo can put it back', params) }
  }
  if (atSource) {
    if (undoing) return { entry: { ...entry, state: 'applied' }, note: t('note: an earlier "gomirror undo" of "gomirror {command}" was interrupted before it changed {file}; the change is still in the history', params) }
    return { entry: null, note: null }
  }
  if (names.every((n) => sameValue(actual(n), target[n]) || sameValue(actual(n), source[n]))) {
    const written: EnvValues = { ...entry.written }
    for (const n of names) written[n] = actual(n)
    return { entry: { ...entry, state: 'applied', written }, note: t('note: an earlier "gomirror {command}" was interrupted half-way through changing {file}; gomirror undo puts back the values from before it', params) }
  }
  const detail = names.filter((n) => !sameValue(actual(n), target[n]) && !sameValue(actual(n), source[n])).map((n) => `${n}=${actual(n) ?? t('(not set)')}`).join(', ')
  return { entry: { ...entry, state: 'applied' }, note: t('warning: an earlier "gomirror {command}" was interrupted, and {file} has since been changed by something else ({detail}); gomirror undo --force puts back the values from before that command', { ...params, detail }) }
}

/**
 * The values undo writes back. A value read from a CRLF file ends in "\r" (Go keeps it as part of
 * the value, and its writer refuses it), so the line ending is dropped: go env -w writes the line
 * with "\n". Any other line break cannot be written by go: refused before anything is written.
 */
function restorableValues(entry: HistoryEntry, envFile: string): EnvValues {
  const out: EnvValues = {}
  for (const [name, value] of Object.entries(entry.previous) as [ManagedVar, string | null][]) {
    const clean = value === null ? null : value.replace(/\r+$/, '')
    if (clean !== null && /[\r\n\v\0]/.test(clean)) {
      throw new GomirrorError(t('cannot put back {name}: the recorded value has a line break that go env -w cannot write; nothing was changed', { name }), t('edit {file} by hand', { file: envFile }))
    }
    out[name] = clean
  }
  return out
}

function sameValue(a: string | null, b: string | null | undefined): boolean {
  const x = a === null ? null : a.replace(/\r+$/, '')
  const y = b === undefined || b === null ? null : b.replace(/\r+$/, '')
  return x === y
}

/** Variables whose file value is no longer what gomirror wrote (a line ending added by an editor does not count). */
function editedSince(entry: HistoryEntry, snapshot: GoSnapshot): ManagedVar[] {
  return (Object.keys(entry.written) as ManagedVar[]).filter((n) => !sameValue(snapshot.fileVars.get(n) ?? null, entry.written[n]))
}

function requireEnvFile(snapshot: GoSnapshot): string {
  if (!snapshot.envFile) {
    throw new GomirrorError(t('the go env file is turned off (GOENV=off), so go env -w cannot save anything'), t('unset GOENV in your shell profile, or set it to a file path'))
  }
  return snapshot.envFile
}

async function assertUnchanged(snapshot: GoSnapshot): Promise<void> {
  const now = await readEnvFileBytes(snapshot.envFile)
  if (!sameBytes(now, snapshot.envFileBytes)) {
    throw new GomirrorError(t('{file} changed while gomirror was working; nothing was written', { file: snapshot.envFile }), t('run the command again'))
  }
}

/** Keep the newest applied entries; an unsettled entry is never dropped. */
function trim(entries: HistoryEntry[]): HistoryEntry[] {
  const applied = entries.filter((e) => e.state === 'applied')
  const drop = new Set(applied.slice(0, Math.max(0, applied.length - HISTORY_LIMIT)))
  return entries.filter((e) => !drop.has(e))
}

function hasLegacyHistory(store: StoreData): boolean {
  return Object.hasOwn(store, 'history')
}

/** history.json now holds the history; the copy inside config.json (before 0.2) would only go stale. */
function withoutLegacyHistory(store: StoreData): StoreData {
  const copy: StoreData & { history?: unknown } = { ...store }
  delete copy.history
  return copy
}
