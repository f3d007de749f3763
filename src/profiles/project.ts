import { access, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join, parse } from 'node:path'
import { GomirrorError } from '../errors.js'
import { t } from '../ui/i18n.js'
import { parseProfileDocument, type ProfileDocument } from './document.js'
import { bilingual, inEnglish, type Bilingual } from './wording.js'

/** The per-project file that binds a project to a profile (CONTRACT.md). */
export const PROJECT_FILE = '.gomirror.json'

/** A `.gomirror.json` found and validated. */
export interface ProjectFile extends ProfileDocument {
  /** Absolute path of the file. */
  path: string
}

/** The nearest `.gomirror.json` walking up from `cwd` to the filesystem root; null when none. */
export async function findProjectFile(cwd: string = process.cwd()): Promise<string | null> {
  return findUp(cwd, [PROJECT_FILE])
}

/** Read and validate a project file; invalid content is a UsageError naming the file and field. */
export async function readProjectFile(path: string): Promise<ProjectFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new GomirrorError(t('cannot read {file}: {error}', { file: path, error: (error as Error).message }), t('check the file permissions'))
  }
  return parseProjectFile(text, path)
}

function parseProjectFile(text: string, path: string): ProjectFile {
  return { ...parseProfileDocument(text, path, { requireVars: false }), path }
}

/** Why a project file cannot be used, in English (for --json) and in the user's language. */
export interface ProjectFileProblem {
  message: Bilingual
  hint: Bilingual | null
}

/**
 * A project file for reports that may be JSON (`current`, `doctor`): the file, or what is wrong
 * with it in both languages. The errors are worded where they are thrown, so the English is had by
 * parsing once more in English (a synchronous step, safe next to other work in flight).
 */
export async function readProjectFileForReport(path: string): Promise<{ project: ProjectFile; problem: null } | { project: null; problem: ProjectFileProblem }> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const params = { file: path, error: (error as Error).message }
    return { project: null, problem: { message: bilingual((t) => t('cannot read {file}: {error}', params)), hint: bilingual((t) => t('check the file permissions')) } }
  }
  try {
    return { project: parseProjectFile(text, path), problem: null }
  } catch (error) {
    if (!(error instanceof GomirrorError)) throw error
    const en = inEnglish(() => {
      try {
        parseProjectFile(text, path)
      } catch (e) {
        if (e instanceof GomirrorError) return e
      }
      return error
    })
    return {
      project: null,
      problem: { message: { message: en.message, text: error.message }, hint: error.hint ? { message: en.hint ?? error.hint, text: error.hint } : null },
    }
  }
}

/** The project's profile file, found from `cwd` and validated; null when the project has none. */
export async function loadProjectFile(cwd: string = process.cwd()): Promise<ProjectFile | null> {
  const path = await findProjectFile(cwd)
  return path === null ? null : readProjectFile(path)
}

/**
 * The directory `profile pin` writes to: the nearest one holding go.mod or go.work (the module or
 * workspace root, where a team commits shared files), else `cwd` itself.
 */
export async function findProjectRoot(cwd: string = process.cwd()): Promise<string> {
  const marker = await findUp(cwd, ['go.work', 'go.mod'])
  return marker === null ? cwd : dirname(marker)
}

/** Write the file atomically (a rename), so an editor or git never sees half of it. */
export async function writeProjectFile(dir: string, text: string): Promise<string> {
  const path = join(dir, PROJECT_FILE)
  const tmp = `${path}.${process.pid}.tmp`
  try {
    await writeFile(tmp, text, { mode: 0o644 })
    await rename(tmp, path)
  } catch (error) {
    throw new GomirrorError(t('cannot write {file}: {error}', { file: path, error: (error as Error).message }), t('check that the directory is writable'))
  }
  return path
}

async function findUp(start: string, names: readonly string[]): Promise<string | null> {
  let dir = start
  const { root } = parse(start)
  for (;;) {
    for (const name of names) {
      const candidate = join(dir, name)
      if (await exists(candidate)) return candidate
    }
    if (dir === root) return null
    const up = dirname(dir)
    if (up === dir) return null
    dir = up
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
