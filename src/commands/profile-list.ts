import { readGoEnvFileVars } from '../goenv/env-file.js'
import { joinNames, renderProfileList } from '../profiles/render.js'
import { activeProfileState, profileNames, type NamedProfile } from '../profiles/store.js'
import { readStore } from '../store/store.js'
import { colors, supportsUnicode } from '../ui/color.js'
import { t } from '../ui/i18n.js'
import { printJson, printLines } from '../ui/print.js'
import { redactValues } from '../util/url.js'

/** `profile list`, kept in its own module: it runs on the fast path and must load little. */
/** `profile list`: the active profile is the one last switched to, while the go env file still matches it. */
export async function runProfileList(opts: { json?: boolean }): Promise<number> {
  const [data, fileVars] = await Promise.all([readStore(), readGoEnvFileVars()])
  const state = activeProfileState(data, fileVars)
  const profiles: NamedProfile[] = profileNames(data).map((n) => ({ name: n, vars: data.profiles[n]?.vars ?? {} }))
  if (opts.json) {
    printJson({ profiles: profiles.map((p) => ({ name: p.name, vars: redactValues(p.vars) })), active: state.name, lastSwitched: state.lastSwitched, drift: state.drift })
    return 0
  }
  const lines = renderProfileList(profiles, state.name, { unicode: supportsUnicode(), columns: process.stdout.columns })
  if (state.name === null && state.lastSwitched !== null) {
    lines.push('', colors().dim(t('No profile is active: {list} changed since you switched to {name}.', { list: joinNames(state.drift), name: state.lastSwitched })))
  }
  printLines(lines)
  return 0
}
