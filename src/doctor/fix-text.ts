import type { VarState } from '../goenv/read.js'
import type { ManagedVar } from '../goenv/vars.js'
import type { Wording } from '../profiles/wording.js'
import { redactList } from '../util/url.js'
import { quoteArg } from '../util/shell-quote.js'
import { commandFix, type CommandFix } from './fix-command.js'
import type { ExportSite } from './gather.js'

/**
 * The command that sets a variable where its value actually comes from: `go env -w` for the go env
 * file or Go's default, the shell start-up file for an OS environment variable (go env -w cannot
 * override that). Credentials are masked; the user pastes their own. A Wording, because the
 * OS-environment case is a sentence (a go env command reads the same in every language).
 */
export function setFix(name: ManagedVar, value: string | null, state: VarState, sites: ExportSite[] = []): Wording | CommandFix {
  if (state.source === 'env') {
    return (t) => {
      const where = sites[0] ? `${sites[0].file}:${sites[0].line}` : t('your shell start-up file (~/.bashrc, ~/.zshrc, ~/.profile)')
      return value === null
        ? t('{name} comes from the OS environment: remove it in {where}, then open a new shell', { name, where })
        : t('{name} comes from the OS environment: change it to {setting} in {where}, then open a new shell', { name, where, setting: quoteArg(`${name}=${redactList(value)}`) })
    }
  }
  return commandFix(value === null ? ['go', 'env', '-u', name] : ['go', 'env', '-w', `${name}=${redactList(value)}`])
}
