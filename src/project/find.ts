/**
 * Where the project is, and what it says, read once (NEXT-SHAPE item 5): the module root found
 * walking up to go.mod as go does (modload.findModuleRoot), then go.mod and go.sum parsed.
 */
import { readFile, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parseGoMod, type GoMod } from './gomod.js'
import { parseGoSum, type GoSum } from './gosum.js'

/** The nearest directory at or above `cwd` holding a go.mod file; null when there is none. */
export async function findModuleRoot(cwd: string = process.cwd()): Promise<string | null> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = await stat(join(dir, 'go.mod')).then((s) => s.isFile(), () => false)
    if (found) return dir
    if (dirname(dir) === dir) return null
  }
}

export interface ProjectFacts {
  root: string
  goMod: GoMod
  /** Empty when the module has no go.sum yet. */
  goSum: GoSum
}

/** Read the project at `root` (a module root). go.sum may be missing; go.mod may not. */
export async function readProjectFacts(root: string): Promise<ProjectFacts> {
  const goMod = parseGoMod(await readFile(join(root, 'go.mod'), 'utf8'))
  const goSumText = await readFile(join(root, 'go.sum'), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return ''
    throw err
  })
  return { root, goMod, goSum: parseGoSum(goSumText) }
}
