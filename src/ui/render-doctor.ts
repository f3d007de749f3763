import type { Category, Check } from '../doctor/types.js'
import { colors } from './color.js'

const TITLES: Record<Category, string> = {
  go: 'Go command',
  envfile: 'Go env file',
  environment: 'Environment',
  proxy: 'GOPROXY',
  sumdb: 'Checksum database (GOSUMDB)',
  private: 'Private modules',
  project: 'Project profile',
  network: 'Network',
}

/** The human report: checks grouped by category, each with its fix, then one summary line. */
export function renderDoctorReport(checks: readonly Check[], opts: { unicode: boolean; offline: boolean }): string[] {
  const c = colors()
  const mark = { pass: c.green(opts.unicode ? '✓' : 'ok'), warn: c.yellow(opts.unicode ? '!' : '!!'), fail: c.red(opts.unicode ? '✗' : 'XX') }
  const lines: string[] = []
  let category: Category | null = null
  for (const check of checks) {
    if (check.category !== category) {
      category = check.category
      lines.push(...(lines.length > 0 ? [''] : []), c.bold(TITLES[category]))
    }
    lines.push(`  ${mark[check.status]} ${check.message}`)
    if (check.fix && check.status !== 'pass') lines.push(c.dim(`      fix: ${check.fix}`))
  }
  const n = (s: Check['status']): number => checks.filter((x) => x.status === s).length
  const parts = [`${n('pass')} passed`, `${n('warn')} ${n('warn') === 1 ? 'warning' : 'warnings'}`, `${n('fail')} failed`]
  lines.push('', `${n('fail') > 0 ? c.red('Problems found') : n('warn') > 0 ? c.yellow('No failures') : c.green('All good')}: ${parts.join(', ')}.${opts.offline ? ' Network checks skipped (--offline).' : ''}`)
  if (checks.some((x) => x.autoFix && x.status !== 'pass')) lines.push(c.dim('Some of these can be fixed for you: gomirror doctor --fix'))
  return lines
}

export function doctorToJson(checks: readonly Check[]): { checks: object[]; ok: boolean } {
  return {
    checks: checks.map((x) => ({ id: x.id, status: x.status, message: x.message, ...(x.fix ? { fix: x.fix } : {}), category: x.category, fixable: Boolean(x.autoFix) })),
    ok: !checks.some((x) => x.status === 'fail'),
  }
}
