import type { Category, Check } from '../doctor/types.js'
import { colors } from './color.js'
import { t } from './i18n.js'

function title(category: Category): string {
  switch (category) {
    case 'go':
      return t('Go command')
    case 'envfile':
      return t('Go env file')
    case 'environment':
      return t('Environment')
    case 'proxy':
      return 'GOPROXY'
    case 'sumdb':
      return t('Checksum database (GOSUMDB)')
    case 'private':
      return t('Private modules')
    case 'project':
      return t('Project profile')
    case 'network':
      return t('Network')
  }
}

/** The human report, in the user's language: checks grouped by category, each with its fix, then one summary line. */
export function renderDoctorReport(checks: readonly Check[], opts: { unicode: boolean; offline: boolean }): string[] {
  const c = colors()
  const mark = { pass: c.green(opts.unicode ? '✓' : 'ok'), warn: c.yellow(opts.unicode ? '!' : '!!'), fail: c.red(opts.unicode ? '✗' : 'XX') }
  const lines: string[] = []
  let category: Category | null = null
  for (const check of checks) {
    if (check.category !== category) {
      category = check.category
      lines.push(...(lines.length > 0 ? [''] : []), c.bold(title(category)))
    }
    lines.push(`  ${mark[check.status]} ${check.localized.message}`)
    if (check.localized.fix && check.status !== 'pass') lines.push(c.dim(`      ${t('fix: {fix}', { fix: check.localized.fix })}`))
  }
  const n = (s: Check['status']): number => checks.filter((x) => x.status === s).length
  const counts = {
    status: n('fail') > 0 ? c.red(t('Problems found')) : n('warn') > 0 ? c.yellow(t('No failures')) : c.green(t('All good')),
    passed: t('{n} passed', { n: n('pass') }),
    warnings: n('warn') === 1 ? t('{n} warning', { n: 1 }) : t('{n} warnings', { n: n('warn') }),
    failed: t('{n} failed', { n: n('fail') }),
    skipped: opts.offline ? t(' Network checks skipped (--offline).') : '',
  }
  lines.push('', t('{status}: {passed}, {warnings}, {failed}.{skipped}', counts))
  if (checks.some((x) => x.autoFix && x.status !== 'pass')) lines.push(c.dim(t('Some of these can be fixed for you: gomirror doctor --fix')))
  return lines
}

/** `doctor --json`: the English message and fix, whatever the language of the terminal. */
export function doctorToJson(checks: readonly Check[]): { checks: object[]; ok: boolean } {
  return {
    checks: checks.map((x) => ({ id: x.id, status: x.status, message: x.message, ...(x.fix ? { fix: x.fix } : {}), ...(x.fixArgv ? { fixArgv: x.fixArgv } : {}), category: x.category, fixable: Boolean(x.autoFix) })),
    ok: !checks.some((x) => x.status === 'fail'),
  }
}
