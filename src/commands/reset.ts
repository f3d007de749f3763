import { commitChange } from '../goenv/commit.js'
import { planVars, previousValues, writtenValues, type Plan } from '../goenv/plan.js'
import { readGoSnapshot } from '../goenv/read.js'
import { MANAGED_VARS } from '../goenv/vars.js'
import { colors } from '../ui/color.js'
import { printJson, printLines } from '../ui/print.js'
import { t } from '../ui/i18n.js'
import { renderChanges, renderShadowWarning } from '../ui/render-env.js'
import { redactValues } from '../util/url.js'

/** `gomirror reset`: remove every managed key from the go env file, so Go's defaults apply; undoable. */
export async function runReset(opts: { dryRun?: boolean; json?: boolean }): Promise<number> {
  const snapshot = await readGoSnapshot()
  const plan: Plan = { set: {}, unset: MANAGED_VARS.filter((n) => snapshot.fileVars.has(n)) }
  const previous = previousValues(plan, snapshot)
  if (!opts.dryRun && plan.unset.length > 0) {
    await commitChange(plan, snapshot, { command: 'reset' })
  }
  const shadowed = MANAGED_VARS.filter((n) => snapshot.vars[n].envValue !== null)
  if (opts.json) {
    printJson({ removed: planVars(plan), previous: redactValues(previous), dryRun: Boolean(opts.dryRun), shadowed })
    return 0
  }
  if (plan.unset.length === 0) {
    printLines([t("The go env file sets none of gomirror's variables; Go's defaults already apply.")])
  } else {
    printLines([
      opts.dryRun ? t('Would remove from {file} (dry run: nothing written):', { file: snapshot.envFile }) : t('Removed from {file}:', { file: snapshot.envFile }),
      ...renderChanges(previous, writtenValues(plan)),
      ...(opts.dryRun ? [] : [colors().dim(t('Undo with: gomirror undo'))]),
    ])
  }
  printLines(renderShadowWarning(shadowed, false))
  return 0
}
