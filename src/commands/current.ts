import { readGoSnapshot } from '../goenv/read.js'
import { MANAGED_VARS } from '../goenv/vars.js'
import { loadMirrors } from '../mirrors/load.js'
import { mirrorForProxy } from '../mirrors/resolve.js'
import { printJson, printLines } from '../ui/print.js'
import { renderCurrent, renderShadowWarning } from '../ui/render-env.js'
import { redactList } from '../util/url.js'

/** `gomirror current`: what Go uses now, and where each value comes from. */
export async function runCurrent(opts: { json?: boolean }): Promise<number> {
  const [snapshot, mirrors] = await Promise.all([readGoSnapshot(), loadMirrors()])
  const mirror = mirrorForProxy(snapshot.vars.GOPROXY.value, mirrors)
  if (opts.json) {
    const vars: Record<string, { value: string; source: string; file: string | null }> = {}
    for (const name of MANAGED_VARS) {
      const v = snapshot.vars[name]
      vars[name] = { value: redactList(v.value), source: v.source, file: v.fileValue === null ? null : redactList(v.fileValue) }
    }
    printJson({ vars, mirror: mirror?.name ?? null, envFile: snapshot.envFile || null, goVersion: snapshot.goVersion.raw })
    return 0
  }
  printLines(renderCurrent(snapshot.vars, snapshot.envFile, mirror))
  const shadowing = MANAGED_VARS.filter((n) => snapshot.vars[n].source === 'env')
  if (shadowing.length > 0) printLines(['', ...renderShadowWarning(shadowing, false)])
  return 0
}
