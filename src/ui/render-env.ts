import type { VarState } from '../goenv/read.js'
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import type { Mirror } from '../mirrors/catalog.js'
import { redactList, urlKey } from '../util/url.js'
import { colors, supportsUnicode } from './color.js'
import { t } from './i18n.js'
import { padEnd, truncate, width } from './text.js'

/** Where a value comes from, in the user's language (a function: the language is set after import). */
function sourceText(source: VarState['source']): string {
  return source === 'env' ? t('OS environment') : source === 'goenv' ? t('go env file') : t("Go's default")
}

/** `gomirror ls`: every known mirror, the one GOPROXY uses first marked. Fits `columns` (default 80). */
export function renderMirrorList(mirrors: readonly Mirror[], inUse: Mirror | null, unicode: boolean, columns = 80): string[] {
  const c = colors()
  const nameWidth = Math.max(10, ...mirrors.map((m) => width(m.name)))
  // Catalog notes are English data ("Alibaba Cloud"); the zh catalog has their Chinese names.
  const notes = mirrors.map((m) => t(m.builtin ? (m.note ?? '') : 'custom'))
  const noteWidth = Math.max(0, ...notes.map((n) => width(n)))
  const urls = mirrors.map((m) => redactList(m.url))
  // The URL column gives way (truncated) before the note does, so rows never wrap.
  const urlWidth = Math.max(20, Math.min(Math.max(0, ...urls.map((u) => width(u))), Math.max(60, columns) - (2 + nameWidth + 2 + 2 + noteWidth)))
  return mirrors.map((m, i) => {
    const used = inUse !== null && urlKey(inUse.url) === urlKey(m.url)
    const mark = used ? c.green(unicode ? '●' : '*') : ' '
    const name = padEnd(m.name, nameWidth)
    const url = padEnd(truncate(urls[i] as string, urlWidth, unicode), urlWidth)
    return `${mark} ${used ? c.bold(name) : name}  ${url}  ${c.dim(notes[i] as string)}`.trimEnd()
  })
}

/** `gomirror current`: each managed variable, its value and where it comes from. */
export function renderCurrent(vars: Record<ManagedVar, VarState>, envFile: string, mirror: Mirror | null): string[] {
  const c = colors()
  const lines: string[] = []
  const empty = t('(empty)')
  const shown = MANAGED_VARS.map((name) => (vars[name].value === '' ? empty : redactList(vars[name].value)))
  const valueWidth = Math.min(56, Math.max(...shown.map((v) => width(v))))
  MANAGED_VARS.forEach((name, i) => {
    const v = vars[name]
    const value = v.value === '' ? c.dim(empty) : (shown[i] as string)
    const source = v.source === 'env' ? c.yellow(sourceText('env')) : c.dim(sourceText(v.source))
    lines.push(`${padEnd(name, 11)} ${padEnd(value, valueWidth)}  ${source}`)
  })
  lines.push('')
  const proxy = vars.GOPROXY.value
  lines.push(mirror ? t("GOPROXY's first entry is the {name} mirror.", { name: c.bold(mirror.name) }) : t("GOPROXY's first entry is not a mirror gomirror knows ({url}).", { url: redactList(proxy.split(/[,|]/)[0] ?? '') }))
  lines.push(t('go env file: {path}', { path: envFile || t('(off: GOENV=off)') }))
  return lines
}

/** Before → after for each variable a change touched. */
export function renderChanges(previous: Partial<Record<ManagedVar, string | null>>, written: Partial<Record<ManagedVar, string | null>>): string[] {
  const c = colors()
  const arrow = supportsUnicode() ? '→' : '->'
  const show = (v: string | null | undefined): string => (v === null || v === undefined ? c.dim(t('(not set)')) : redactList(v))
  return MANAGED_VARS.filter((n) => n in written).map((n) => `  ${padEnd(n, 11)} ${show(previous[n])} ${c.dim(arrow)} ${c.bold(show(written[n]))}`)
}

/** The warning when OS environment variables shadow what was just written. */
export function renderShadowWarning(names: readonly ManagedVar[], afterWrite = true): string[] {
  if (names.length === 0) return []
  const list = names.join(', ')
  const one = names.length === 1
  const warning = afterWrite
    ? one
      ? t('warning: {list} is set in your OS environment, which overrides the go env file, so this change does not take effect yet.', { list })
      : t('warning: {list} are set in your OS environment, which override the go env file, so this change does not take effect yet.', { list })
    : one
      ? t('warning: {list} is set in your OS environment, which overrides the go env file (go env -w cannot change it).', { list })
      : t('warning: {list} are set in your OS environment, which override the go env file (go env -w cannot change it).', { list })
  return [colors().yellow(warning), `  ${t('Remove the export from your shell profile (~/.bashrc, ~/.zshrc, ~/.profile, or the system environment on Windows), open a new shell, and check with: gomirror current')}`]
}
