import type { VarState } from '../goenv/read.js'
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import type { Mirror } from '../mirrors/catalog.js'
import { redactList, urlKey } from '../util/url.js'
import { colors } from './color.js'
import { padEnd, width } from './text.js'

const SOURCE_TEXT = { env: 'OS environment', goenv: 'go env file', default: "Go's default" } as const

/** `gomirror ls`: every known mirror, the one GOPROXY uses first marked. */
export function renderMirrorList(mirrors: readonly Mirror[], inUse: Mirror | null, unicode: boolean): string[] {
  const c = colors()
  const nameWidth = Math.max(10, ...mirrors.map((m) => m.name.length))
  return mirrors.map((m) => {
    const used = inUse !== null && urlKey(inUse.url) === urlKey(m.url)
    const mark = used ? c.green(unicode ? '●' : '*') : ' '
    const note = m.builtin ? (m.note ?? '') : 'custom'
    return `${mark} ${used ? c.bold(padEnd(m.name, nameWidth)) : padEnd(m.name, nameWidth)}  ${padEnd(redactList(m.url), 52)}  ${c.dim(note)}`.trimEnd()
  })
}

/** `gomirror current`: each managed variable, its value and where it comes from. */
export function renderCurrent(vars: Record<ManagedVar, VarState>, envFile: string, mirror: Mirror | null): string[] {
  const c = colors()
  const lines: string[] = []
  const shown = MANAGED_VARS.map((name) => (vars[name].value === '' ? '(empty)' : redactList(vars[name].value)))
  const valueWidth = Math.min(56, Math.max(...shown.map((v) => width(v))))
  MANAGED_VARS.forEach((name, i) => {
    const v = vars[name]
    const value = v.value === '' ? c.dim('(empty)') : (shown[i] as string)
    const source = v.source === 'env' ? c.yellow(SOURCE_TEXT.env) : c.dim(SOURCE_TEXT[v.source])
    lines.push(`${padEnd(name, 11)} ${padEnd(value, valueWidth)}  ${source}`)
  })
  lines.push('')
  const proxy = vars.GOPROXY.value
  lines.push(mirror ? `GOPROXY's first entry is the ${c.bold(mirror.name)} mirror.` : `GOPROXY's first entry is not a mirror gomirror knows (${redactList(proxy.split(/[,|]/)[0] ?? '')}).`)
  lines.push(`go env file: ${envFile || '(off: GOENV=off)'}`)
  return lines
}

/** Before → after for each variable a change touched. */
export function renderChanges(previous: Partial<Record<ManagedVar, string | null>>, written: Partial<Record<ManagedVar, string | null>>): string[] {
  const c = colors()
  const show = (v: string | null | undefined): string => (v === null || v === undefined ? c.dim('(not set)') : redactList(v))
  return MANAGED_VARS.filter((n) => n in written).map((n) => `  ${padEnd(n, 11)} ${show(previous[n])} ${c.dim('→')} ${c.bold(show(written[n]))}`)
}

/** The warning when OS environment variables shadow what was just written. */
export function renderShadowWarning(names: readonly ManagedVar[], afterWrite = true): string[] {
  if (names.length === 0) return []
  const list = names.join(', ')
  const tail = afterWrite ? ', so this change does not take effect yet.' : ' (go env -w cannot change it).'
  return [
    colors().yellow(`warning: ${list} ${names.length > 1 ? 'are' : 'is'} set in your OS environment, which overrides the go env file${tail}`),
    `  Remove the export from your shell profile (~/.bashrc, ~/.zshrc, ~/.profile, or the system environment on Windows), open a new shell, and check with: gomirror current`,
  ]
}
