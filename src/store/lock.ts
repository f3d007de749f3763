import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { GomirrorError } from '../errors.js'
import { t } from '../ui/i18n.js'

/** How long to wait for another live gomirror to finish its change. */
const WAIT_MS = 15_000
/** A lock file still empty after this long was left by a process killed while creating it. */
const EMPTY_GRACE_MS = 3_000
/** gomirror before 0.2 locked with proper-lockfile: a directory at the same path, refreshed every 7.5 s. */
const LEGACY_STALE_MS = 15_000

/** What a lock file says about its holder (written as JSON when the lock is taken). */
interface Holder {
  pid: number | null
  host: string | null
  text: string
  ageMs: number
  /** A proper-lockfile directory left by an older gomirror. */
  legacy: boolean
}

export function lockPath(dir: string): string {
  return join(dir, 'config.json.lock')
}

/**
 * Run `fn` while holding the config folder's lock, so two gomirror processes never interleave a
 * change. The lock file names its holder (pid and host): a lock left by a process that died on
 * this host is taken over at once; a live holder is waited for, then named in the error. A folder
 * gomirror may not write to is reported as a permission problem, not as someone else's lock.
 */
export async function withConfigLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw permissionProblem(dir, error)
  })
  const path = lockPath(dir)
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() })}\n`
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    if (await tryCreate(path, mine, dir)) break
    const holder = await readHolder(path)
    if (holder === null) continue // released between our attempt and the read
    if (isStale(holder)) {
      await takeOver(path, holder)
      continue
    }
    if (Date.now() > deadline) {
      const who = holder.pid !== null ? t('pid {pid} on {host}', { pid: holder.pid, host: holder.host ?? '?' }) : t('an unknown process')
      throw new GomirrorError(
        t('another gomirror ({who}) is changing {dir} and did not finish within {s} s; nothing was changed', { who, dir, s: WAIT_MS / 1000 }),
        t('wait for it and run the command again; if no gomirror is running, remove {lock}', { lock: path }),
      )
    }
    await sleep(100)
  }
  try {
    return await fn()
  } finally {
    // Remove only our own lock: if it was (wrongly) taken over, the new holder keeps it.
    const text = await readFile(path, 'utf8').catch(() => null)
    if (text === mine) await unlink(path).catch(() => undefined)
  }
}

async function tryCreate(path: string, content: string, dir: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw permissionProblem(dir, error)
  }
  try {
    await handle.writeFile(content)
  } finally {
    await handle.close()
  }
  return true
}

async function readHolder(path: string): Promise<Holder | null> {
  let text: string
  let ageMs: number
  try {
    const info = await stat(path)
    ageMs = Date.now() - info.mtimeMs
    if (info.isDirectory()) return { pid: null, host: null, text: '', ageMs, legacy: true }
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const raw = JSON.parse(text) as { pid?: unknown; host?: unknown }
    return { pid: typeof raw.pid === 'number' ? raw.pid : null, host: typeof raw.host === 'string' ? raw.host : null, text, ageMs, legacy: false }
  } catch {
    return { pid: null, host: null, text, ageMs, legacy: false }
  }
}

/** Stale: its holder was on this host and is gone, or it never got its contents (killed mid-create). */
function isStale(holder: Holder): boolean {
  if (holder.legacy) return holder.ageMs > LEGACY_STALE_MS
  if (holder.pid === null) return holder.ageMs > EMPTY_GRACE_MS
  return holder.host === hostname() && !processAlive(holder.pid)
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Move the stale lock aside under a name of our own; only one process can win that rename. If
 * what we moved is not the lock we judged stale (a live process took it meanwhile), put it back.
 */
async function takeOver(path: string, stale: Holder): Promise<void> {
  const aside = `${path}.stale-${process.pid}`
  try {
    await rename(path, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  if (stale.legacy) {
    await rm(aside, { recursive: true, force: true })
    return
  }
  const moved = await readFile(aside, 'utf8').catch(() => null)
  if (moved !== null && moved !== stale.text) await rename(aside, path).catch(() => undefined)
  await unlink(aside).catch(() => undefined)
}

/** A folder gomirror cannot write to: say so, rather than blaming a lock. */
export function permissionProblem(dir: string, error: unknown): GomirrorError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const why = code === 'EROFS' ? t('read-only file system') : t('permission denied')
    return new GomirrorError(t('gomirror cannot write to its config folder {dir} ({why}); nothing was changed', { dir, why }), t('make it writable for you (ls -ld {dir}), or set GOMIRROR_CONFIG_DIR to a folder you own', { dir }))
  }
  return new GomirrorError(t('cannot use the gomirror config folder {dir}: {error}', { dir, error: (error as Error).message }), t('check that the path is a folder you can write to'))
}
