import { commitUndo } from '../goenv/commit.js'
import { planVars } from '../goenv/plan.js'
import { readGoSnapshot, shadowedVars } from '../goenv/read.js'
import type { ManagedVar } from '../goenv/vars.js'
import { colors } from '../ui/color.js'
import { printJson, printLines } from '../ui/print.js'
import { t } from '../ui/i18n.js'
import { renderChanges, renderShadowWarning } from '../ui/render-env.js'
import { redactValues } from '../util/url.js'

/**
 * `gomirror undo`: put back what the newest change to this go env file replaced, then forget that
 * change, so a second undo walks further back. Refuses when the values were edited since, unless --force.
 */
export async function runUndo(opts: { dryRun?: boolean; json?: boolean; force?: boolean }): Promise<number> {
  const snapshot = await readGoSnapshot()
  const { entry, plan, restored, remaining } = await commitUndo(snapshot, opts)
  const before: Partial<Record<ManagedVar, string | null>> = {}
  for (const n of planVars(plan)) before[n] = snapshot.fileVars.get(n) ?? null
  const shadowed = shadowedVars(snapshot, planVars(plan))
  if (opts.json) {
    printJson({ undone: { command: entry.command, at: entry.at }, written: redactValues(restored), previous: redactValues(before), dryRun: Boolean(opts.dryRun), remaining, shadowed })
    return 0
  }
  const c = colors()
  const done = { command: entry.command, at: entry.at }
  printLines([
    opts.dryRun ? t('Would undo "gomirror {command}" from {at} (dry run: nothing written):', done) : t('Undid "gomirror {command}" from {at}:', done),
    ...renderChanges(before, restored),
    c.dim(remaining > 0 ? t('Run gomirror undo again to go further back.') : t('That was the oldest change gomirror remembers.')),
    ...renderShadowWarning(shadowed),
  ])
  return 0
}
