import { readGoEnvFileVars } from '../goenv/env-file.js'
import { GO_DEFAULTS } from '../goenv/vars.js'
import { loadMirrors } from '../mirrors/load.js'
import { mirrorForProxy } from '../mirrors/resolve.js'
import { supportsUnicode } from '../ui/color.js'
import { printJson, printLines } from '../ui/print.js'
import { renderMirrorList } from '../ui/render-env.js'
import { redactList } from '../util/url.js'

/**
 * `gomirror ls`. It must start fast, so it does not run the go command: it reads GOPROXY the way Go
 * does (OS environment, then the go env file, then the default).
 */
export async function runLs(opts: { json?: boolean }): Promise<number> {
  const mirrors = await loadMirrors()
  const goproxy = await currentGoproxy()
  const inUse = mirrorForProxy(goproxy, mirrors)
  if (opts.json) {
    printJson({
      mirrors: mirrors.map((m) => ({ name: m.name, url: redactList(m.url), builtin: m.builtin, inUse: inUse?.name === m.name })),
      current: inUse?.name ?? null,
      goproxy: redactList(goproxy),
    })
  } else {
    printLines(renderMirrorList(mirrors, inUse, supportsUnicode(), process.stdout.columns))
  }
  return 0
}

async function currentGoproxy(): Promise<string> {
  if (process.env.GOPROXY) return process.env.GOPROXY
  return (await readGoEnvFileVars()).get('GOPROXY') || GO_DEFAULTS.GOPROXY
}
