import type { VarState } from '../goenv/read.js'
import type { ManagedVar } from '../goenv/vars.js'
import { redactList } from '../util/url.js'
import type { ExportSite } from './gather.js'

/** Quote for a POSIX shell so the fix can be pasted as is. */
export function shq(value: string): string {
  return /^[A-Za-z0-9_.,:/@%+=|*-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

/**
 * The command that sets a variable where its value actually comes from: `go env -w` for the go env
 * file or Go's default, the shell start-up file for an OS environment variable (go env -w cannot
 * override that). Credentials are masked; the user pastes their own.
 */
export function setFix(name: ManagedVar, value: string | null, state: VarState, sites: ExportSite[] = []): string {
  if (state.source === 'env') {
    const where = sites[0] ? `${sites[0].file}:${sites[0].line}` : 'your shell start-up file (~/.bashrc, ~/.zshrc, ~/.profile)'
    const to = value === null ? `remove it` : `change it to ${name}=${shq(redactList(value))}`
    return `${name} comes from the OS environment: ${to} in ${where}, then open a new shell`
  }
  return value === null ? `go env -u ${name}` : `go env -w ${name}=${shq(redactList(value))}`
}
