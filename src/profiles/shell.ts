import { UsageError } from '../errors.js'
import { t } from '../ui/i18n.js'

/** The output formats of `gomirror env`. */
export const SHELLS = ['sh', 'fish', 'powershell', 'cmd', 'dotenv'] as const
export type Shell = (typeof SHELLS)[number]

export function parseShell(value: string | undefined): Shell {
  if (value === undefined) return 'sh'
  const v = value.toLowerCase()
  const alias: Record<string, Shell> = { bash: 'sh', zsh: 'sh', dash: 'sh', ksh: 'sh', pwsh: 'powershell', ps: 'powershell', 'cmd.exe': 'cmd', env: 'dotenv', direnv: 'sh' }
  const shell = (SHELLS as readonly string[]).includes(v) ? (v as Shell) : Object.hasOwn(alias, v) ? alias[v] : undefined
  if (!shell) throw new UsageError(t('unknown --shell "{value}": want one of {list}', { value, list: SHELLS.join(', ') }), t('for example: {example}', { example: 'eval "$(gomirror env --shell sh)"' }))
  return shell
}

/** POSIX sh: single quotes keep everything literal; a ' closes, is escaped, and reopens. */
export function quoteSh(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/** fish: inside single quotes only \\ and \' are escapes. */
export function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`
}

/** PowerShell: single-quoted strings are verbatim; a quote (any of its four) is doubled. */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`
}

/**
 * cmd.exe, for a batch file (`call`): `set "VAR=value"` keeps & | < > ^ literal inside the quotes;
 * % is doubled because batch files expand %VAR% even there. A double quote or a line break cannot
 * be written safely at all, so it is refused.
 */
export function quoteCmd(name: string, value: string): string {
  if (/["\r\n]/.test(value)) {
    throw new UsageError(t('{name} contains a double quote or a line break, which cmd.exe cannot set safely', { name }), t('use --shell powershell instead'))
  }
  return `set "${name}=${value.replaceAll('%', '%%')}"`
}

/** dotenv (direnv dotenv, docker --env-file readers, node/ruby/python dotenv): double quotes with backslash escapes; $ escaped so nothing expands. */
export function quoteDotenv(value: string): string {
  return `"${value.replace(/[\\"$]/g, '\\$&').replaceAll('\n', '\\n').replaceAll('\r', '\\r')}"`
}

/** One line that sets (value) or removes (null) a variable; null for dotenv removals, which it cannot express. */
export function renderAssignment(shell: Shell, name: string, value: string | null): string | null {
  switch (shell) {
    case 'sh':
      return value === null ? `unset ${name}` : `export ${name}=${quoteSh(value)}`
    case 'fish':
      return value === null ? `set -e ${name}` : `set -gx ${name} ${quoteFish(value)}`
    case 'powershell':
      return value === null ? `Remove-Item Env:${name} -ErrorAction SilentlyContinue` : `$env:${name} = ${quotePowerShell(value)}`
    case 'cmd':
      return value === null ? `set "${name}="` : quoteCmd(name, value)
    case 'dotenv':
      return value === null ? null : `${name}=${quoteDotenv(value)}`
  }
}

/** Every assignment, in the given order. */
export function renderAssignments(shell: Shell, values: ReadonlyArray<readonly [string, string | null]>): string[] {
  return values.map(([n, v]) => renderAssignment(shell, n, v)).filter((l): l is string => l !== null)
}
