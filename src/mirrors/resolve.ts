import { UsageError } from '../errors.js'
import { t } from '../ui/i18n.js'
import { parseGoproxy } from '../goenv/goproxy.js'
import type { StoreData } from '../store/store.js'
import { urlKey } from '../util/url.js'
import { BUILTIN_MIRRORS, RESERVED_NAMES, type Mirror } from './catalog.js'
import { suggest } from './suggest.js'

/** Built-in mirrors first, then custom ones in name order. */
export function listMirrors(store: Pick<StoreData, 'mirrors'>, builtin: Mirror[] = BUILTIN_MIRRORS.map((m) => ({ ...m, builtin: true }))): Mirror[] {
  const custom: Mirror[] = Object.entries(store.mirrors)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, m]) => ({ name, url: m.url, builtin: false, note: 'custom' }))
  return [...builtin, ...custom]
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** A mirror name is a plain word: letters, digits, '.', '_', '-'. */
export function validateMirrorName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new UsageError(t('invalid mirror name "{name}": use a plain word of letters, digits, \'.\', \'_\' or \'-\' (at most 64)', { name }), t('for example: {example}', { example: 'gomirror mirror add corp https://goproxy.corp.example.com' }))
  }
  if ((RESERVED_NAMES as readonly string[]).includes(name.toLowerCase())) {
    throw new UsageError(t('"{name}" means something else to gomirror use and cannot name a mirror', { name }), t('pick another name'))
  }
  return name
}

/** Find a mirror by name (exact, then ignoring case); throw a UsageError with a suggestion. */
export function findMirror(name: string, mirrors: Mirror[]): Mirror {
  const exact = mirrors.find((m) => m.name === name) ?? mirrors.find((m) => m.name.toLowerCase() === name.toLowerCase())
  if (exact) return exact
  const close = suggest(name, mirrors.map((m) => m.name))
  const looksLikeHost = /^[\w-]+(\.[\w-]+)+(\/.*)?$/.test(name)
  const hint = close
    ? t('did you mean {name}?', { name: close })
    : looksLikeHost
      ? t('to use a URL, write it in full: {url}', { url: `https://${name}` })
      : t('run `gomirror ls` to see the mirrors, or add one with `gomirror mirror add <name> <url>`')
  throw new UsageError(t('unknown mirror "{name}"', { name }), hint)
}

/** The known mirror a GOPROXY value's first entry points at, if any. */
export function mirrorForProxy(goproxy: string, mirrors: Mirror[]): Mirror | null {
  const first = parseGoproxy(goproxy).entries[0]
  if (first?.kind !== 'url') return null
  const key = urlKey(first.url)
  return mirrors.find((m) => urlKey(m.url) === key) ?? null
}
