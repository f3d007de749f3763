import { CancelledError, UsageError } from '../errors.js'
import { collectFixPlan, diagnose, summarize } from '../doctor/run.js'
import { commitChange } from '../goenv/commit.js'
import { planVars, previousValues, writtenValues } from '../goenv/plan.js'
import { colors, supportsUnicode } from '../ui/color.js'
import { t } from '../ui/i18n.js'
import { printJson, printLines } from '../ui/print.js'
import { doctorToJson, renderDoctorReport } from '../ui/render-doctor.js'
import { renderChanges } from '../ui/render-env.js'
import { VERSION } from '../version.js'
import { canPrompt } from './options.js'
import { redactValues } from '../util/url.js'

export interface DoctorFlags {
  json?: boolean
  fix?: boolean
  offline?: boolean
  yes?: boolean
}

/** `gomirror doctor`: exit 0 when nothing fails (warnings allowed), 1 otherwise. */
export async function runDoctor(flags: DoctorFlags): Promise<number> {
  const opts = { offline: Boolean(flags.offline), userAgent: `gomirror/${VERSION}` }
  const { facts, checks: first } = await diagnose(opts)
  let checks = first
  if (!flags.fix) {
    if (flags.json) printJson(doctorToJson(checks))
    else printLines(renderDoctorReport(checks, { unicode: supportsUnicode(), offline: opts.offline }))
    return summarize(checks).ok ? 0 : 1
  }

  const { plan, applied, deferred } = collectFixPlan(checks)
  if (!flags.json) printLines(renderDoctorReport(checks, { unicode: supportsUnicode(), offline: opts.offline }))
  let fixed: { written: object; previous: object } | null = null
  if (planVars(plan).length > 0 && facts.snapshot) {
    const snapshot = facts.snapshot
    const previous = previousValues(plan, snapshot)
    const written = writtenValues(plan)
    if (!flags.json) printLines(['', colors().bold(t('doctor --fix will change the go env file:')), ...renderChanges(previous, written)])
    if (!flags.yes) {
      if (!canPrompt(flags.json)) throw new UsageError(t('doctor --fix needs confirmation before it writes'), t('re-run with --yes to apply the fixes shown'))
      const { confirm } = await import('@inquirer/prompts')
      const ok = await confirm({ message: t('Apply these fixes?'), default: true }).catch((error: Error) => {
        if (error.name === 'ExitPromptError') throw new CancelledError()
        throw error
      })
      if (!ok) throw new CancelledError()
    }
    await commitChange(plan, snapshot, { command: 'doctor --fix' })
    fixed = { written: redactValues(written), previous: redactValues(previous) }
    // Look again, so the report and the exit code describe the machine as it is now.
    ;({ checks } = await diagnose(opts))
  }
  if (flags.json) {
    printJson({ ...doctorToJson(checks), fixed, deferred: deferred.map((c) => c.id) })
  } else if (fixed) {
    const s = summarize(checks)
    printLines([
      colors().green(applied.length === 1 ? t('Applied {n} fix; undo with: gomirror undo', { n: 1 }) : t('Applied {n} fixes; undo with: gomirror undo', { n: applied.length })),
      ...(deferred.length > 0 ? [t('Run gomirror doctor --fix again for: {list}', { list: deferred.map((c) => c.id).join(', ') })] : []),
      t('After fixing: {pass} passed, {warn} warnings, {fail} failed.', { pass: s.pass, warn: s.warn, fail: s.fail }),
    ])
  } else {
    printLines(['', t('Nothing doctor can fix on its own; the fix lines above say what to do.')])
  }
  return summarize(checks).ok ? 0 : 1
}
