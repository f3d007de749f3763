/**
 * A throw-away Go user for integration tests: its own HOME, GOENV, GOPATH, module cache and
 * gomirror config, so no test ever touches this machine's go env file. Runs the built CLI and the
 * real go command inside it.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execa } from 'execa'
import { findClosedPortUrl } from './net-helpers.js'
import { TEST_SUM_GOLANG_ORG } from './sumdb-tlog-server.js'

export const ROOT = resolve(import.meta.dirname, '../..')
export const CLI = join(ROOT, 'bin', 'gomirror.js')

/** Tests that need Go fail loudly when it is missing; they never skip. */
export function assertGoInstalled(): void {
  try {
    execFileSync('go', ['version'], { stdio: 'pipe' })
  } catch {
    throw new Error('the go command is missing: integration tests need Go >= 1.13 (apt-get install -y golang-go)')
  }
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run npm run build (npm test does it in pretest)')
}

export interface RunResult {
  stdout: string
  stderr: string
  exitCode: number
}

export interface Sandbox {
  dir: string
  env: NodeJS.ProcessEnv
  envFile: string
  /** Run the built gomirror CLI. */
  run(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<RunResult>
  /** Run the real go command. */
  go(args: string[], extraEnv?: NodeJS.ProcessEnv, cwd?: string): Promise<RunResult>
  /** The go env file's text ('' when absent). */
  readEnvFile(): Promise<string>
  /** Restrict the catalog to these mirrors (GOMIRROR_CATALOG). */
  setCatalog(mirrors: { name: string; url: string }[]): Promise<void>
  cleanup(): Promise<void>
}

const SCRUB = /^(GO[A-Z0-9_]*|GOMIRROR_.*|HTTPS?_PROXY|https?_proxy|NO_PROXY|no_proxy|ALL_PROXY|all_proxy|XDG_CONFIG_HOME|LANG|LC_ALL|LC_MESSAGES)$/

/** Both checksum database hosts on a loopback port nobody listens on: connection refused. */
async function closedSumdbHosts(): Promise<string> {
  const url = await findClosedPortUrl()
  return `sum.golang.org=${url},sum.golang.google.cn=${url}`
}

export async function createSandbox(): Promise<Sandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'gomirror-test-'))
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!SCRUB.test(k)) env[k] = v
  Object.assign(env, {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    GOENV: join(dir, '.config', 'go', 'env'),
    GOPATH: join(dir, 'gopath'),
    GOCACHE: join(dir, 'gocache'),
    GOFLAGS: '-modcacherw',
    GOTOOLCHAIN: 'local',
    GOTELEMETRY: 'off',
    NO_COLOR: '1',
    LANG: 'C',
    // `use` may ask the checksum database hosts; a test must never reach the real ones.
    GOMIRROR_SUMDB_HOSTS: await closedSumdbHosts(),
    // Loopback mirrors proxy a sum.golang.org signed with this test key (mirror-server.ts).
    GOMIRROR_SUMDB_KEY: TEST_SUM_GOLANG_ORG.vkey,
  })
  const envFile = env.GOENV as string
  const sandbox: Sandbox = {
    dir,
    env,
    envFile,
    run: async (args, extraEnv = {}) => {
      const r = await execa('node', [CLI, ...args], { env: { ...env, ...extraEnv }, extendEnv: false, reject: false, stdin: 'ignore', cwd: dir, timeout: 60_000 })
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 }
    },
    go: async (args, extraEnv = {}, cwd = dir) => {
      const r = await execa('go', args, { env: { ...env, ...extraEnv }, extendEnv: false, reject: false, stdin: 'ignore', cwd, timeout: 120_000 })
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 }
    },
    readEnvFile: async () => readFile(envFile, 'utf8').catch(() => ''),
    setCatalog: async (mirrors) => {
      const file = join(dir, 'catalog.json')
      await writeFile(file, JSON.stringify(mirrors))
      env.GOMIRROR_CATALOG = file
    },
    cleanup: async () => rm(dir, { recursive: true, force: true }),
  }
  return sandbox
}

/** Parse a go env file the simple way tests need: KEY=VALUE lines. */
export function envFileVars(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=')
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return out
}
