import { UsageError } from '../errors.js'
import { loadBuiltins } from '../mirrors/load.js'
import { listMirrors, findMirror, validateMirrorName, validateProxyUrl } from '../mirrors/resolve.js'
import { updateStore } from '../store/store.js'
import { printLines } from '../ui/print.js'
import { redactUrl } from '../util/url.js'

/** `gomirror mirror add <name> <url>`: a custom mirror every command can name. */
export async function runMirrorAdd(name: string, url: string, opts: { force?: boolean }): Promise<number> {
  validateMirrorName(name)
  const builtinNames = (await loadBuiltins()).map((m) => m.name)
  if (builtinNames.some((b) => b.toLowerCase() === name.toLowerCase())) {
    throw new UsageError(`"${name}" is a built-in mirror`, 'choose another name for your mirror')
  }
  const checked = validateProxyUrl(url)
  const replaced = await updateStore((data) => {
    const existing = data.mirrors[name]
    if (existing && !opts.force) {
      throw new UsageError(`a custom mirror named "${name}" already exists (${redactUrl(existing.url)})`, `replace it with: gomirror mirror add ${name} <url> --force`)
    }
    data.mirrors[name] = { url: checked, addedAt: new Date().toISOString() }
    return existing !== undefined
  })
  printLines([`${replaced ? 'Replaced' : 'Added'} mirror ${name}: ${redactUrl(checked)}`, `Try it with: gomirror test ${name}`])
  return 0
}

/** `gomirror mirror remove <name>`: only custom mirrors can go. */
export async function runMirrorRemove(name: string): Promise<number> {
  if ((await loadBuiltins()).some((m) => m.name === name)) throw new UsageError(`"${name}" is a built-in mirror and cannot be removed`, 'only mirrors added with gomirror mirror add can be removed')
  const removed = await updateStore((data) => {
    // findMirror matches ignoring case, or throws "unknown mirror … did you mean …?" over the custom names.
    const found = data.mirrors[name] ? name : findMirror(name, listMirrors({ mirrors: data.mirrors }).filter((m) => !m.builtin)).name
    delete data.mirrors[found]
    return found
  })
  printLines([`Removed mirror ${removed}.`])
  return 0
}
