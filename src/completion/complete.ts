import type { Command, Option } from 'commander'
import { t } from '../ui/i18n.js'
import { truncate } from '../ui/text.js'

/**
 * Shell completion, answered by walking the commander program itself, so new commands and options
 * complete without touching the shell scripts. The scripts send the words typed so far (the last
 * one being completed, possibly empty) to `gomirror __complete`, which prints one candidate a line.
 */
export interface Candidate {
  value: string
  description?: string
}

/** Where dynamic values come from; each must be fast (no go, no network) and may fail quietly. */
export interface CompletionSources {
  mirrors(): Promise<Candidate[]>
  customMirrors(): Promise<Candidate[]>
  profiles(): Promise<Candidate[]>
}

type Source = keyof CompletionSources
/** A literal value, or `@source` for dynamic ones. */
type ValueSpec = readonly (string | `@${Source}`)[]

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const

/**
 * Values of positional arguments, by command path; the last entry repeats for a variadic argument.
 * Commands not listed fall back to the argument's commander choices, or to its name (`<profile>`,
 * `[mirrors...]`).
 */
const POSITIONAL_VALUES: Readonly<Record<string, readonly ValueSpec[]>> = {
  test: [['@mirrors']],
  use: [['fastest', '@mirrors'], ['@mirrors']],
  'mirror remove': [['@customMirrors']],
  'profile show': [['@profiles']],
  'profile switch': [['@profiles']],
  'profile remove': [['@profiles']],
  'profile rename': [['@profiles'], []],
  'profile pin': [['@profiles']],
  'profile export': [['@profiles']],
  completion: [SHELLS],
}

/** Values of options, by `<command path> <long flag>` first, then by long flag alone. */
const OPTION_VALUES: Readonly<Record<string, ValueSpec>> = {
  '--lang': ['zh', 'en'],
  'use --sumdb': ['auto', 'keep', 'sum.golang.org', 'sum.golang.google.cn'],
  '--sumdb': ['sum.golang.org', 'sum.golang.google.cn'],
  '--profile': ['@profiles'],
  '--shell': ['sh', 'fish', 'powershell', 'cmd', 'dotenv'],
}

function optionSpec(path: readonly string[], option: Option | undefined, flag: string): ValueSpec {
  return OPTION_VALUES[`${path.join(' ')} ${flag}`] ?? OPTION_VALUES[flag] ?? option?.argChoices ?? []
}

const hidden = (cmd: Command): boolean => Boolean((cmd as unknown as { _hidden?: boolean })._hidden)

function findSubcommand(cmd: Command, word: string): Command | undefined {
  return cmd.commands.find((c) => c.name() === word || c.aliases().includes(word))
}

/** Options a word can name here: the command's own and its ancestors' (global ones like --lang). */
function optionsInScope(cmd: Command): Option[] {
  const out: Option[] = []
  for (let c: Command | null = cmd; c; c = c.parent) out.push(...c.options.filter((o) => c === cmd || o.long !== '--version'))
  return out
}

function findOption(cmd: Command, flag: string): Option | undefined {
  return optionsInScope(cmd).find((o) => o.long === flag || o.short === flag)
}

/** Candidates for the last of `words`; the words before it are complete. */
export async function complete(program: Command, words: readonly string[], sources: CompletionSources): Promise<Candidate[]> {
  // Windows PowerShell 5.1 cannot pass an empty argument, so its script sends "" instead.
  const last = words.at(-1) ?? ''
  const cur = last === '""' ? '' : last
  let cmd = program
  const path: string[] = []
  let helpTopic = false
  let positional = 0
  let pending: Option | undefined
  const used = new Set<string>()
  for (const word of words.slice(0, -1)) {
    if (pending) {
      // bash splits `--lang=zh` into `--lang`, `=`, `zh`.
      if (word !== '=') pending = undefined
      continue
    }
    // After `--` the words belong to another program (exec): leave them to the shell.
    if (word === '--') return []
    if (word.startsWith('-') && word.length > 1) {
      const opt = findOption(cmd, word.split('=')[0] as string)
      if (opt) {
        used.add(opt.long ?? opt.short ?? '')
        if (opt.required && !word.includes('=')) pending = opt
      }
      continue
    }
    const sub = positional === 0 && !helpTopic ? findSubcommand(cmd, word) : undefined
    if (sub) {
      cmd = sub
      path.push(sub.name())
      used.clear()
      continue
    }
    if (cmd === program && word === 'help' && positional === 0) helpTopic = true
    else positional++
  }

  if (pending) return filter(await expand(optionSpec(path, pending, pending.long ?? ''), sources), cur)
  if (cur.startsWith('--') && cur.includes('=')) {
    const [flag, value] = [cur.slice(0, cur.indexOf('=')), cur.slice(cur.indexOf('=') + 1)]
    const values = await expand(optionSpec(path, findOption(cmd, flag), flag), sources)
    return filter(values, value).map((c) => ({ ...c, value: `${flag}=${c.value}` }))
  }
  if (cur.startsWith('-')) return filter(optionCandidates(cmd, used), cur)
  if (helpTopic) return positional === 0 ? filter(subcommandCandidates(program), cur) : []
  const out: Candidate[] = []
  if (positional === 0) out.push(...subcommandCandidates(cmd), ...(cmd === program ? [{ value: 'help', description: t('show help for a command') }] : []))
  out.push(...(await expand(positionalSpec(cmd, path.join(' '), positional), sources)))
  return filter(out, cur)
}

function subcommandCandidates(cmd: Command): Candidate[] {
  return cmd.commands.filter((c) => !hidden(c)).map((c) => ({ value: c.name(), description: c.description() }))
}

function optionCandidates(cmd: Command, used: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = []
  for (const o of optionsInScope(cmd)) {
    const flag = o.long ?? o.short
    if (!flag || o.hidden || used.has(flag)) continue
    out.push({ value: flag, description: o.description })
  }
  out.push({ value: '--help', description: t('show help') })
  return out
}

function positionalSpec(cmd: Command, path: string, index: number): ValueSpec {
  const table = POSITIONAL_VALUES[path]
  const args = cmd.registeredArguments
  const variadic = args.at(-1)?.variadic ?? false
  if (table) return table[index] ?? (variadic ? (table.at(-1) ?? []) : [])
  const arg = args[index] ?? (variadic ? args.at(-1) : undefined)
  if (!arg) return []
  if (arg.argChoices) return arg.argChoices
  if (/^profiles?$/.test(arg.name())) return ['@profiles']
  if (/^mirrors?$/.test(arg.name())) return ['@mirrors']
  return []
}

async function expand(spec: ValueSpec, sources: CompletionSources): Promise<Candidate[]> {
  const out: Candidate[] = []
  for (const item of spec) {
    if (!item.startsWith('@')) out.push({ value: item })
    else out.push(...(await sources[item.slice(1) as Source]().catch(() => [])))
  }
  return out
}

function filter(candidates: readonly Candidate[], prefix: string): Candidate[] {
  const seen = new Set<string>()
  return candidates.filter((c) => c.value.startsWith(prefix) && !seen.has(c.value) && (seen.add(c.value), true))
}

/** One line a candidate: `value<TAB>description`, the description on one line and short (ASCII ellipsis: PowerShell tooltips). */
export function formatCandidates(candidates: readonly Candidate[]): string[] {
  return candidates.map((c) => {
    const desc = (c.description ?? '').replace(/\s+/g, ' ').trim()
    return desc ? `${c.value}\t${truncate(desc, 66, false)}` : c.value
  })
}
