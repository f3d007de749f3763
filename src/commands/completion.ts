import type { Command } from 'commander'
import { complete, formatCandidates, SHELLS, type Candidate, type CompletionSources } from '../completion/complete.js'
import { completionScript, type Shell } from '../completion/scripts.js'
import { UsageError } from '../errors.js'
import { loadMirrors } from '../mirrors/load.js'
import { readStore } from '../store/store.js'
import { t } from '../ui/i18n.js'
import { printLines, printRawLines } from '../ui/print.js'
import { redactUrl } from '../util/url.js'

/** `gomirror completion <shell>`: print the script that wires the shell to `gomirror __complete`. */
export async function runCompletion(shell: string): Promise<number> {
  const name = shell.toLowerCase() === 'pwsh' ? 'powershell' : shell.toLowerCase()
  if (!(SHELLS as readonly string[]).includes(name)) {
    throw new UsageError(t('unknown shell "{shell}"', { shell }), t('choose one of: {list}', { list: SHELLS.join(', ') }))
  }
  printRawLines([completionScript(name as Shell)])
  return 0
}

/**
 * `gomirror __complete <words...>` (hidden; the scripts call it on every Tab): candidates for the
 * last word. Never fails loudly: a damaged config must not spray errors into the command line.
 */
export async function runComplete(program: Command, words: string[]): Promise<number> {
  try {
    printLines(formatCandidates(await complete(program, words.length > 0 ? words : [''], completionSources())))
  } catch {
    // Nothing to offer; the shell falls back to its own completion.
  }
  return 0
}

/** Mirror ids from the catalog and the config; profile names from the config. No go, no network. */
export function completionSources(env: NodeJS.ProcessEnv = process.env): CompletionSources {
  const mirrors = async (): Promise<Candidate[]> => (await loadMirrors(env)).map((m) => ({ value: m.name, description: redactUrl(m.url) }))
  return {
    mirrors,
    customMirrors: async () => (await loadMirrors(env)).filter((m) => !m.builtin).map((m) => ({ value: m.name, description: redactUrl(m.url) })),
    profiles: async () => {
      // Read defensively: the profiles field is newer than the rest of the config.
      const profiles = (await readStore(env) as unknown as { profiles?: unknown }).profiles
      if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) return []
      return Object.keys(profiles).sort().map((value) => ({ value }))
    },
  }
}
