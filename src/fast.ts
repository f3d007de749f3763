import { prepareColors } from './ui/color.js'
import { detectLang, useLang } from './ui/i18n.js'
import { VERSION } from './version.js'

/** Flags the fast path understands; anything else goes to the full CLI. */
const SIMPLE_FLAGS = new Set(['--json', '--no-color', '-y', '--yes'])

/**
 * The commands that need no network and no go run without loading commander: `--version`, `ls`
 * and `profile list` must start within 1.5x of a bare `node`. Returns null when the command line
 * is anything else, or when anything goes wrong, so the full CLI runs it and reports errors.
 */
export async function fastMain(argv: readonly string[]): Promise<number | null> {
  const args = argv.slice(2)
  if (args.length === 1 && (args[0] === '-V' || args[0] === '--version')) {
    process.stdout.write(`${VERSION}\n`)
    return 0
  }
  const words: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--lang') i++
    else if (a.startsWith('--lang=') || SIMPLE_FLAGS.has(a)) continue
    else if (a.startsWith('-')) return null
    else words.push(a)
  }
  const command = words.join(' ')
  if (command !== 'ls' && command !== 'profile list' && command !== 'profile ls') return null
  try {
    await useLang(args.includes('--json') ? 'en' : detectLang(process.env, args))
    await prepareColors()
    const json = args.includes('--json')
    if (command === 'ls') return await (await import('./commands/ls.js')).runLs({ json })
    return await (await import('./commands/profile-list.js')).runProfileList({ json })
  } catch {
    // Read-only commands: running them again through the full CLI is harmless and reports properly.
    return null
  }
}
