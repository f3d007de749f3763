/**
 * A real terminal for tests: the built CLI runs in a detached tmux pane of a fixed size, keys are
 * sent with send-keys and the screen is read with capture-pane, so what is asserted is what a
 * person would see (colours, cursor movement, prompts, Ctrl-C). Each terminal has its own tmux
 * server on a socket inside the sandbox, so tests run in parallel and clean up with the sandbox.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { CLI, ROOT, type Sandbox } from './sandbox.js'

const run = promisify(execFile)

export interface TerminalOptions {
  env: NodeJS.ProcessEnv
  /** Where the command runs and where tmux's socket and files go. */
  dir: string
  /** @default 80 */
  columns?: number
  /** @default 24 */
  rows?: number
}

export interface Terminal {
  /** tmux key names or text: 'Enter', 'Down', 'C-c', 'q'. */
  sendKeys(...keys: string[]): Promise<void>
  /**
   * The screen as text, trailing blanks trimmed; with `colors`, SGR escape sequences included;
   * with `history`, the lines scrolled off the top too.
   */
  capture(opts?: { colors?: boolean; history?: boolean }): Promise<string>
  /** Poll the screen until it matches; returns it. Throws with the last screen on timeout. */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>
  /** The command's exit status, once it has exited. */
  waitForExit(timeoutMs?: number): Promise<number>
  kill(): Promise<void>
}

/** Terminal tests need tmux and the built CLI; they fail loudly without them, never skip. */
export function assertTerminalReady(): void {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'pipe' })
  } catch {
    throw new Error('tmux is missing: the terminal tests drive the CLI in tmux (apt-get install -y tmux)')
  }
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run npm run build (npm test does it in pretest)')
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Start `argv` in a fresh terminal. */
export async function startTerminal(argv: readonly string[], opts: TerminalOptions): Promise<Terminal> {
  const id = randomBytes(4).toString('hex')
  const socket = join(opts.dir, `tmux-${id}.sock`)
  const config = join(opts.dir, `tmux-${id}.conf`)
  const exitFile = join(opts.dir, `tmux-${id}.exit`)
  // No status line (all rows are the pane's), no user config, a common TERM.
  await writeFile(config, 'set -g status off\nset -g default-shell /bin/sh\nset -g default-terminal xterm-256color\nset -g history-limit 5000\n')
  const env: NodeJS.ProcessEnv = { ...opts.env }
  delete env.TMUX
  // A person at a terminal: CI runs with CI=true, which rightly turns prompts and progress off.
  delete env.CI
  const tmux = async (...args: string[]): Promise<string> => (await run('tmux', ['-S', socket, ...args], { env })).stdout
  // The shell stays after the command so the pane (and what it printed last) survives; tmux drops
  // the final output of a pane whose process exits at once. The exit status goes to a file.
  const shell = `cd ${quote(opts.dir)} && ${argv.map(quote).join(' ')}; echo $? > ${quote(exitFile)}; exec sleep 3600`
  await run('tmux', ['-S', socket, '-f', config, 'new-session', '-d', '-s', 'gm', '-x', String(opts.columns ?? 80), '-y', String(opts.rows ?? 24), shell], { env })

  const capture = async (o: { colors?: boolean; history?: boolean } = {}): Promise<string> => {
    const text = await tmux('capture-pane', '-p', ...(o.colors ? ['-e'] : []), ...(o.history ? ['-S', '-'] : []), '-t', 'gm')
    return text.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd()
  }
  return {
    sendKeys: async (...keys) => {
      await tmux('send-keys', '-t', 'gm', ...keys)
    },
    capture,
    waitFor: async (pattern, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs
      let screen = ''
      while (Date.now() < deadline) {
        screen = await capture()
        if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen
        await sleep(50)
      }
      throw new Error(`the terminal never showed ${String(pattern)}; the screen was:\n${screen}`)
    },
    waitForExit: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        const status = await readFile(exitFile, 'utf8').catch(() => '')
        if (status.trim() !== '') return Number(status.trim())
        await sleep(50)
      }
      throw new Error(`the command did not exit within ${timeoutMs} ms; the screen was:\n${await capture()}`)
    },
    kill: async () => {
      await tmux('kill-server').catch(() => undefined)
      await rm(socket, { force: true })
    },
  }
}

/** Start the built gomirror CLI in a terminal inside the sandbox (its HOME, GOENV and config). */
export async function startGomirror(sb: Sandbox, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}, size: { columns?: number; rows?: number } = {}): Promise<Terminal> {
  return startTerminal(['node', CLI, ...args], { env: { ...sb.env, ...extraEnv }, dir: sb.dir, ...size })
}

/** SGR colour sequences in a capture taken with `{ colors: true }`. */
// eslint-disable-next-line no-control-regex
export const SGR = /\u001b\[[0-9;]*m/
