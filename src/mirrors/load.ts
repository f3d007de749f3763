import { readFile } from 'node:fs/promises'
import { GomirrorError } from '../errors.js'
import { t } from '../ui/i18n.js'
import { readStore } from '../store/store.js'
import { BUILTIN_MIRRORS, type Mirror } from './catalog.js'
import { listMirrors, validateMirrorName } from './resolve.js'

/**
 * The built-in list, or the one GOMIRROR_CATALOG names: a JSON file `[{"name","url"}...]` that
 * replaces it (for networks where only in-house mirrors make sense, and for tests that must not
 * reach real hosts).
 */
export async function loadBuiltins(env: NodeJS.ProcessEnv = process.env): Promise<Mirror[]> {
  const file = env.GOMIRROR_CATALOG
  if (!file) return BUILTIN_MIRRORS.map((m) => ({ ...m, builtin: true }))
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new GomirrorError(t('cannot read the mirror catalog GOMIRROR_CATALOG={file}: {error}', { file, error: (error as Error).message }), t('fix the file (a JSON list of {"name","url"}) or unset GOMIRROR_CATALOG'))
  }
  if (!Array.isArray(raw)) throw new GomirrorError(t('the mirror catalog {file} is not a JSON list', { file }), t('write it as [{"name": "corp", "url": "https://goproxy.corp.example.com"}]'))
  // The value judgement is loaded only for a catalog file: ls and the built-in list need none of it.
  const { validateProxyUrl } = await import('./validate-url.js')
  try {
    return raw.map((m: { name?: unknown; url?: unknown; note?: unknown }) => ({
      name: validateMirrorName(String(m?.name ?? '')),
      url: validateProxyUrl(String(m?.url ?? '')),
      builtin: true,
      note: typeof m?.note === 'string' ? m.note : 'catalog',
    }))
  } catch (error) {
    throw new GomirrorError(t('the mirror catalog {file} has a bad entry: {error}', { file, error: (error as Error).message }), t('fix the file or unset GOMIRROR_CATALOG'))
  }
}

/** Every mirror a command can name: the catalog, then the user's custom mirrors. */
export async function loadMirrors(env: NodeJS.ProcessEnv = process.env): Promise<Mirror[]> {
  const [store, builtins] = await Promise.all([readStore(env), loadBuiltins(env)])
  return listMirrors(store, builtins)
}
