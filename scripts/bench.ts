/**
 * `npm run bench`: speed and memory figures, measured, printed side by side in one run.
 * Targets come from the issues; this script reports, it does not fail the build.
 *  - probe: `gomirror test` wall time over five loopback mirrors, one of which never answers
 *  - start-up: `--version` and `ls` against `node -e 0`
 *  - memory: peak RSS while probing ten mirrors
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startMirror } from '../test/support/mirror-server.js'

const ROOT = resolve(import.meta.dirname, '..')
const CLI = join(ROOT, 'bin', 'gomirror.js')
const home = mkdtempSync(join(tmpdir(), 'gomirror-bench-'))
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GOENV: join(home, 'goenv'), NO_COLOR: '1', GOPROXY: '', CI: '1' }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** Run a command to completion without blocking this process's event loop (it serves the mirrors). */
function run(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }))
  })
}

async function timeRuns(cmd: string, args: string[], runs: number, extraEnv: NodeJS.ProcessEnv = {}, check?: (stdout: string) => void): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const r = await run(cmd, args, extraEnv)
    times.push(performance.now() - t0)
    check?.(r.stdout)
  }
  return median(times)
}

/** The probe figures only count when the probe really succeeded. */
function expectHealthy(n: number): (stdout: string) => void {
  return (stdout) => {
    const healthy = (JSON.parse(stdout) as { results: { healthy: boolean }[] }).results.filter((r) => r.healthy).length
    if (healthy !== n) throw new Error(`bench: expected ${n} healthy mirrors, got ${healthy}: ${stdout}`)
  }
}

async function peakRssMb(args: string[], extraEnv: NodeJS.ProcessEnv): Promise<number | null> {
  const r = await run('/usr/bin/time', ['-f', '%M', 'node', CLI, ...args], extraEnv).catch(() => null)
  const kb = Number(r?.stderr.trim().split('\n').pop())
  return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null
}

const row = (label: string, value: string, note = ''): void => console.log(`${label.padEnd(44)} ${value.padStart(12)}  ${note}`)

async function main(): Promise<void> {
  execFileSync('go', ['version'], { stdio: 'ignore' })
  console.log(`gomirror bench — node ${process.version}, ${new Date().toISOString()}\n`)

  // Probe wall time: four answering mirrors (10–40 ms) and one that accepts and never answers.
  const mirrors = await Promise.all([10, 20, 30, 40].map((latencyMs) => startMirror({ latencyMs })))
  const hang = await startMirror({ fault: 'hang' })
  const catalog = join(home, 'catalog5.json')
  writeFileSync(catalog, JSON.stringify([...mirrors, hang].map((m, i) => ({ name: `m${i}`, url: m.url }))))
  const probe = await timeRuns('node', [CLI, 'test', '--json'], 5, { GOMIRROR_CATALOG: catalog }, expectHealthy(4))
  row('test: 5 loopback mirrors, 1 never answers', `${probe.toFixed(0)} ms`, 'median of 5 runs, wall (goal: <= 1500 ms, issue 5)')
  const healthyOnly = join(home, 'catalog4.json')
  writeFileSync(healthyOnly, JSON.stringify(mirrors.map((m, i) => ({ name: `m${i}`, url: m.url }))))
  const probe4 = await timeRuns('node', [CLI, 'test', '--json'], 5, { GOMIRROR_CATALOG: healthyOnly }, expectHealthy(4))
  row('test: 4 loopback mirrors, all healthy', `${probe4.toFixed(0)} ms`, 'median of 5 runs, wall')

  // Start-up.
  const base = await timeRuns('node', ['-e', '0'], 15)
  const version = await timeRuns('node', [CLI, '--version'], 15)
  const ls = await timeRuns('node', [CLI, 'ls'], 15)
  row('node -e 0', `${base.toFixed(1)} ms`, 'median of 15')
  row('gomirror --version', `${version.toFixed(1)} ms`, `${(version / base).toFixed(2)}x node -e 0 (goal: <= 1.5x)`)
  row('gomirror ls', `${ls.toFixed(1)} ms`, `${(ls / base).toFixed(2)}x node -e 0 (goal: <= 1.5x)`)

  // Memory while probing ten mirrors.
  const ten = await Promise.all(Array.from({ length: 6 }, (_, i) => startMirror({ latencyMs: 5 + i * 5 })))
  const catalog10 = join(home, 'catalog10.json')
  writeFileSync(catalog10, JSON.stringify([...mirrors, ...ten].map((m, i) => ({ name: `m${i}`, url: m.url }))))
  const rss = await peakRssMb(['test', '--json'], { GOMIRROR_CATALOG: catalog10 })
  row('peak RSS, test over 10 mirrors', rss === null ? 'n/a' : `${rss.toFixed(1)} MB`, '(goal: < 120 MB)')

  await Promise.all([...mirrors, hang, ...ten].map((m) => m.close()))
  rmSync(home, { recursive: true, force: true })
}

await main()
