import { GomirrorError } from '../errors.js'
import { planFromValues, planVars, type Plan } from '../goenv/plan.js'
import { readGoSnapshot, shadowedVars, type GoSnapshot } from '../goenv/read.js'
import { applyPlan } from '../goenv/write.js'
import type { ManagedVar } from '../goenv/vars.js'
import { updateStore, type HistoryEntry } from '../store/store.js'
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
  const outcome = await updateStore(async (data) => {
    const index = data.history.findLastIndex((h) => h.envFile === snapshot.envFile)
    const entry = data.history[index]
    if (!entry) {
      throw new GomirrorError(t('nothing to undo: gomirror has no recorded change to {file}', { file: snapshot.envFile || t('the go env file') }), t('see the current settings with: gomirror current'))
    }
    const edited = editedSince(entry, snapshot)
    if (edited.length > 0 && !opts.force) {
      const detail = edited.map((n) => `${n}=${snapshot.fileVars.get(n) ?? t('(not set)')}`).join(', ')
      throw new GomirrorError(t("the go env file was changed after gomirror's last write ({detail}); undo would overwrite that", { detail }), t('run gomirror undo --force to put back the older values anyway'))
    }
    const plan: Plan = planFromValues(entry.previous)
    if (!opts.dryRun) {
      await applyPlan(plan, snapshot)
      data.history.splice(index, 1)
    }
    return { entry, plan, remaining: data.history.filter((h) => h.envFile === snapshot.envFile).length }
  })
  const { entry, plan } = outcome
  const before: Partial<Record<ManagedVar, string | null>> = {}
  for (const n of planVars(plan)) before[n] = snapshot.fileVars.get(n) ?? null
  const shadowed = shadowedVars(snapshot, planVars(plan))
  if (opts.json) {
    printJson({ undone: { command: entry.command, at: entry.at }, written: redactValues(entry.previous), previous: redactValues(before), dryRun: Boolean(opts.dryRun), remaining: outcome.remaining - (opts.dryRun ? 1 : 0), shadowed })
    return 0
  }
  const c = colors()
  const done = { command: entry.command, at: entry.at }
  printLines([
    opts.dryRun ? t('Would undo "gomirror {command}" from {at} (dry run: nothing written):', done) : t('Undid "gomirror {command}" from {at}:', done),
    ...renderChanges(before, entry.previous),
    c.dim(outcome.remaining > (opts.dryRun ? 1 : 0) ? t('Run gomirror undo again to go further back.') : t('That was the oldest change gomirror remembers.')),
    ...renderShadowWarning(shadowed),
  ])
  return 0
}

/** Variables whose file value is no longer what gomirror wrote. */
function editedSince(entry: HistoryEntry, snapshot: GoSnapshot): ManagedVar[] {
  return (Object.keys(entry.written) as ManagedVar[]).filter((n) => (snapshot.fileVars.get(n) ?? null) !== (entry.written[n] ?? null))
}
