import { UsageError } from '../errors.js'
import { loadBuiltins } from '../mirrors/load.js'
import { listMirrors, findMirror, validateMirrorName } from '../mirrors/resolve.js'
import { validateProxyUrl } from '../mirrors/validate-url.js'
import { updateStore } from '../store/store.js'
import { printLines } from '../ui/print.js'
import { t } from '../ui/i18n.js'
import { redactUrl } from '../util/url.js'

/** `gomirror mirror add <name> <url>`: a custom mirror every command can name. */
export async function runMirrorAdd(name: string, url: string, opts: { force?: boolean }): Promise<number> {
  validateMirrorName(name)
  const builtinNames = (await loadBuiltins()).map((m) => m.name)
  if (builtinNames.some((b) => b.toLowerCase() === name.toLowerCase())) {
    throw new UsageError(t('"{name}" is a built-in mirror', { name }), t('choose another name for your mirror'))
  }
  const checked = validateProxyUrl(url)
  const replaced = await updateStore((data) => {
    // Own properties only: a mirror called "constructor" is not Object.prototype.constructor.
    const existing = Object.hasOwn(data.mirrors, name) ? data.mirrors[name] : undefined
    if (existing && !opts.force) {
      throw new UsageError(t('a custom mirror named "{name}" already exists ({url})', { name, url: redactUrl(existing.url) }), t('replace it with: gomirror mirror add {name} <url> --force', { name }))
    }
    data.mirrors[name] = { url: checked, addedAt: new Date().toISOString() }
    return existing !== undefined
  })
  const params = { name, url: redactUrl(checked) }
  printLines([replaced ? t('Replaced mirror {name}: {url}', params) : t('Added mirror {name}: {url}', params), t('Try it with: gomirror test {name}', { name })])
  return 0
}

/** `gomirror mirror remove <name>`: only custom mirrors can go. */
export async function runMirrorRemove(name: string): Promise<number> {
  if ((await loadBuiltins()).some((m) => m.name === name)) throw new UsageError(t('"{name}" is a built-in mirror and cannot be removed', { name }), t('only mirrors added with gomirror mirror add can be removed'))
  const removed = await updateStore((data) => {
    // findMirror matches ignoring case, or throws "unknown mirror … did you mean …?" over the custom names.
    const found = Object.hasOwn(data.mirrors, name) ? name : findMirror(name, listMirrors({ mirrors: data.mirrors }).filter((m) => !m.builtin)).name
    delete data.mirrors[found]
    return found
  })
  printLines([t('Removed mirror {name}.', { name: removed })])
  return 0
}
