import { CancelledError, GomirrorError } from '../errors.js'
import type { ProbeResult } from '../probe/types.js'
import { colors, supportsUnicode } from './color.js'
import { t } from './i18n.js'
import { bar, formatMs, padEnd, padStart, truncate, width } from './text.js'

/** One row of an inquirer `select`. */
export interface PickChoice {
  value: string
  name: string
  /** Shown after the prompt once answered. */
  short: string
  /** Shown under the list for the highlighted row. */
  description?: string
  /** A string is shown as the reason the row cannot be picked. */
  disabled?: string
}

export interface PickOptions {
  unicode?: boolean
  /** @default process.stdout.columns or 80 */
  columns?: number
  /** Streams and abort signal for inquirer; tests pass their own. */
  context?: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; signal?: AbortSignal }
}

/** Whether a prompt may appear: a person at a terminal, not CI, not --json, not --yes (CONTRACT.md). */
export function canPick(flags: { json?: boolean; yes?: boolean }, env: NodeJS.ProcessEnv = process.env, stdin: { isTTY?: boolean } = process.stdin, stdout: { isTTY?: boolean } = process.stdout): boolean {
  return !flags.json && !flags.yes && Boolean(stdin.isTTY) && Boolean(stdout.isTTY) && !env.CI
}

const BAR_CELLS = 12

/** Healthy mirrors fastest first with latency and a bar, then the unhealthy ones, disabled with why. Pure. */
export function mirrorChoices(results: readonly ProbeResult[], opts: { unicode: boolean; columns?: number }): PickChoice[] {
  const columns = Math.max(60, opts.columns ?? 80) - 1
  const healthy = results.filter((r) => r.healthy).sort((a, b) => (a.latencyMs ?? Infinity) - (b.latencyMs ?? Infinity))
  const unhealthy = results.filter((r) => !r.healthy)
  const nameWidth = Math.min(16, Math.max(6, ...results.map((r) => width(r.name))))
  const max = Math.max(0, ...healthy.map((r) => r.latencyMs ?? 0))
  const label = (r: ProbeResult): string => padEnd(truncate(r.name, nameWidth, opts.unicode), nameWidth)
  // Room left on a disabled row after "- name  failed  " (inquirer adds the marker and a space).
  const reasonRoom = columns - (2 + nameWidth + 2 + 8 + 2)
  return [
    ...healthy.map((r) => ({
      value: r.name,
      name: `${label(r)}  ${padStart(formatMs(r.latencyMs), 8)}  ${bar(r.latencyMs ?? 0, max, BAR_CELLS, opts.unicode)}`,
      short: r.name,
      description: truncate(r.url, columns, opts.unicode),
    })),
    ...unhealthy.map((r) => ({
      value: r.name,
      // The trailing space lines the reason up with the bars above (inquirer adds one more).
      name: `${label(r)}  ${padStart(t('failed'), 8)} `,
      short: r.name,
      description: truncate(r.url, columns, opts.unicode),
      disabled: truncate(r.error ?? t('unhealthy'), Math.max(10, reasonRoom), opts.unicode),
    })),
  ]
}

/** Profile rows in the given order, the active one marked. Pure. */
export function profileChoices(names: readonly string[], active: string | null, descriptions: Readonly<Record<string, string>> = {}, columns = 80): PickChoice[] {
  const nameWidth = Math.max(...names.map((n) => width(n)), 4)
  return names.map((n) => ({
    value: n,
    name: n === active ? `${padEnd(n, nameWidth)}  ${t('(active)')}` : n,
    short: n,
    ...(descriptions[n] ? { description: truncate(descriptions[n] as string, Math.max(40, columns) - 1) } : {}),
  }))
}

/** `gomirror use` in a terminal: pick from the probe results; Enter on the first row takes the fastest. */
export async function pickMirror(results: readonly ProbeResult[], opts: PickOptions = {}): Promise<string> {
  const unicode = opts.unicode ?? supportsUnicode()
  const choices = mirrorChoices(results, { unicode, columns: opts.columns ?? process.stdout.columns })
  const fastest = choices.find((c) => !c.disabled)
  if (!fastest) throw new GomirrorError(t('no healthy mirror to pick from; nothing was changed'), t('the table says why each failed; check your network or proxy (HTTPS_PROXY), or try again'))
  return select(t('Pick a mirror (fastest first):'), choices, fastest.value, unicode, t('This mirror is unhealthy and cannot be picked.'), opts)
}

/** `gomirror profile switch` in a terminal: pick a profile; the active one is the default. */
export async function pickProfile(names: readonly string[], active: string | null, opts: PickOptions & { descriptions?: Record<string, string> } = {}): Promise<string> {
  if (names.length === 0) throw new GomirrorError(t('there is no profile to switch to'), t('save the current settings as one with: gomirror profile save <name>'))
  const unicode = opts.unicode ?? supportsUnicode()
  const choices = profileChoices(names, active, opts.descriptions, opts.columns ?? process.stdout.columns)
  return select(t('Pick a profile:'), choices, active !== null && names.includes(active) ? active : (names[0] as string), unicode, '', opts)
}

/** The entry for commands: null when no prompt may appear, so the caller falls back (usage error or default). */
export async function pickMirrorIfInteractive(results: readonly ProbeResult[], flags: { json?: boolean; yes?: boolean }, opts: PickOptions = {}): Promise<string | null> {
  return canPick(flags) ? pickMirror(results, opts) : null
}

export async function pickProfileIfInteractive(names: readonly string[], active: string | null, flags: { json?: boolean; yes?: boolean }, opts: PickOptions & { descriptions?: Record<string, string> } = {}): Promise<string | null> {
  return canPick(flags) ? pickProfile(names, active, opts) : null
}

async function select(message: string, choices: PickChoice[], defaultValue: string, unicode: boolean, disabledError: string, opts: PickOptions): Promise<string> {
  // Loaded on first use: inquirer is the heaviest dependency and most commands never prompt.
  const { select: inquirerSelect } = await import('@inquirer/prompts')
  const c = colors()
  const key = (k: string): string => c.bold(k)
  try {
    return await inquirerSelect(
      {
        message,
        choices,
        default: defaultValue,
        pageSize: Math.min(choices.length, 12),
        loop: false,
        // chalk honours --no-color, NO_COLOR and FORCE_COLOR; inquirer's own styling only sees NO_COLOR.
        theme: {
          prefix: { idle: c.blue('?'), done: c.green(unicode ? '✔' : 'v') },
          icon: { cursor: unicode ? '❯' : '>' },
          style: {
            answer: (s: string) => c.cyan(s),
            message: (s: string) => c.bold(s),
            error: (s: string) => c.red(`> ${s}`),
            help: (s: string) => c.dim(s),
            highlight: (s: string) => c.cyan(s),
            disabled: (s: string) => c.dim(s),
            description: (s: string) => c.dim(s),
            keysHelpTip: () => [`${key(unicode ? '↑↓' : 'Up/Down')} ${c.dim(t('move'))}`, `${key('Enter')} ${c.dim(t('pick'))}`, `${key('Ctrl-C')} ${c.dim(t('cancel'))}`].join(c.dim(unicode ? ' • ' : ' | ')),
          },
          ...(disabledError ? { i18n: { disabledError } } : {}),
        },
      },
      opts.context,
    )
  } catch (error) {
    // Ctrl-C (ExitPromptError) or an aborted prompt: exit 130, nothing written. Matched by name
    // because the class lives in @inquirer/core, which is not a direct dependency.
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new CancelledError()
    throw error
  }
}
