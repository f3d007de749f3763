import { readGoSnapshot, type GoSnapshot } from '../goenv/read.js'
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import { loadMirrors } from '../mirrors/load.js'
import { mirrorForProxy } from '../mirrors/resolve.js'
import { differencesInEffect } from '../profiles/environment.js'
import { findProjectFile, readProjectFileForReport } from '../profiles/project.js'
import { renderProfileStatus, type PinnedStatus } from '../profiles/render.js'
import { activeProfileState, lookupProfileName } from '../profiles/store.js'
import { readStore, type StoreData } from '../store/store.js'
import { printJson, printLines } from '../ui/print.js'
import { renderCurrent, renderShadowWarning } from '../ui/render-env.js'
import { redactList } from '../util/url.js'

/** `gomirror current`: what Go uses now, where each value comes from, and which profile that is. */
export async function runCurrent(opts: { json?: boolean }): Promise<number> {
  const [snapshot, mirrors, store, projectPath] = await Promise.all([readGoSnapshot(), loadMirrors(), readStore(), findProjectFile()])
  const mirror = mirrorForProxy(snapshot.vars.GOPROXY.value, mirrors)
  const active = activeProfileState(store, snapshot.fileVars)
  const pinned = projectPath === null ? null : await pinnedStatus(projectPath, store, snapshot, Boolean(opts.json))
  if (opts.json) {
    const vars: Record<string, { value: string; source: string; file: string | null }> = {}
    for (const name of MANAGED_VARS) {
      const v = snapshot.vars[name]
      vars[name] = { value: redactList(v.value), source: v.source, file: v.fileValue === null ? null : redactList(v.fileValue) }
    }
    printJson({
      vars,
      mirror: mirror?.name ?? null,
      envFile: snapshot.envFile || null,
      goVersion: snapshot.goVersion.raw,
      profile: active.name,
      lastSwitchedProfile: active.lastSwitched,
      pinned: pinned && { ...pinned, inEffect: pinned.known && pinned.error === null && pinned.differs.length === 0 },
    })
    return 0
  }
  printLines([...renderCurrent(snapshot.vars, snapshot.envFile, mirror), ...renderProfileStatus(active, pinned)])
  const shadowing = MANAGED_VARS.filter((n) => snapshot.vars[n].source === 'env')
  if (shadowing.length > 0) printLines(['', ...renderShadowWarning(shadowing, false)])
  return 0
}

/**
 * The pinned profile compared with what Go uses now (OS environment included). Its definition is
 * the file's `vars` when present (what `profile switch` would apply), else the user's profile.
 * A broken file is reported, not fatal: `current` must always answer. Why it is broken is in
 * English for --json, in the user's language otherwise.
 */
async function pinnedStatus(path: string, store: StoreData, snapshot: GoSnapshot, json: boolean): Promise<PinnedStatus> {
  const { project, problem } = await readProjectFileForReport(path)
  if (problem) {
    const why = json ? problem.message.message : problem.message.text
    // "<file>: why" (or "<file>：why" in Chinese) → "why": the line already names the file.
    const prefix = [`${path}: `, `${path}：`].find((p) => why.startsWith(p))
    return { profile: '', file: path, known: false, differs: [], error: prefix ? why.slice(prefix.length) : why }
  }
  const storedName = lookupProfileName(store, project.profile)
  const vars = project.vars ?? (storedName === null ? null : (store.profiles[storedName]?.vars ?? null))
  const effective = {} as Record<ManagedVar, string>
  for (const n of MANAGED_VARS) effective[n] = snapshot.vars[n].value
  return { profile: storedName ?? project.profile, file: path, known: vars !== null, differs: vars === null ? [] : differencesInEffect(vars, effective), error: null }
}
