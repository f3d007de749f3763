import { open, rename, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Replace a file so that a crash at any moment leaves either the old or the new bytes, never a
 * mix or an empty file: write a temporary file beside it, fsync it, rename it over the target,
 * then fsync the directory so the rename itself survives a power cut.
 */
export async function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  const handle = await open(tmp, 'w', mode)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } catch (error) {
    await handle.close().catch(() => undefined)
    await unlink(tmp).catch(() => undefined)
    throw error
  }
  await handle.close()
  try {
    await rename(tmp, path)
  } catch (error) {
    await unlink(tmp).catch(() => undefined)
    throw error
  }
  await syncDir(dirname(path))
}

/** fsync a directory; some platforms (Windows) cannot, and then the rename is as durable as it gets. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null)
  if (!handle) return
  await handle.sync().catch(() => undefined)
  await handle.close().catch(() => undefined)
}
