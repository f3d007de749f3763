/**
 * `npm run bench`: speed and memory figures, measured, printed side by side in one run.
 * Targets come from the issues; this script reports, it does not fail the build.
 *  - probe: `gomirror test` wall time over five loopback mirrors, one of which never answers,
 *    next to `nrm test` (nrm 2.1.0, the usual npm registry switcher) on the same endpoints
 *  - start-up: `--version`, `ls` and `profile list` against `node -e 0` and `nrm ls`
 *  - memory: peak RSS while probing ten mirrors
 * nrm is installed once into node_modules/.cache/gomirror-bench (npm registry) and pointed at the
 * loopback endpoints through ~/.nrmrc in a temporary HOME; it never reaches a real registry.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { findClosedPortUrl, startMirror, type Mirror } from '../test/support/mirror-server.js'

const ROOT = resolve(import.meta.dirname, '..')
const CLI = join(ROOT, 'bin', 'gomirror.js')
const NRM_VERSION = '2.1.0'
const NRM_DIR = join(ROOT, 'node_modules', '.cache', 'gomirror-bench', `nrm-${NRM_VERSION}`)
const NRM = join(NRM_DIR, 'node_modules', 'nrm', 'dist', 'index.js')
const home = mkdtempSync(join(tmpdir(), 'gomirror-bench-'))
const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GOENV: join(home, 'goenv'), NO_COLOR: '1', GOPROXY: '', CI: '1' }
for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy', 'GOMIRROR_CATALOG', 'GOMIRROR_CONFIG_DIR']) delete env[name]

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

async function timeRuns(cmd: string, args: string[], runs: number, extraEnv: NodeJS.ProcessEnv = {}, check?: (stdout: string, code: number) => void): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const r = await run(cmd, args, extraEnv)
    times.push(performance.now() - t0)
    check?.(r.stdout, r.code)
  }
  return median(times)
}

/** The probe figures only count when the probe really succeeded. */
function expectHealthy(n: number, cut = 0): (stdout: string) => void {
  return (stdout) => {
    const results = (JSON.parse(stdout) as { results: { healthy: boolean; cutOff: boolean }[] }).results
    const healthy = results.filter((r) => r.healthy).length
    const cutOff = results.filter((r) => r.cutOff).length
    if (healthy !== n || cutOff !== cut) throw new Error(`bench: expected ${n} healthy and ${cut} cut off, got ${healthy} and ${cutOff}: ${stdout}`)
  }
}

async function peakRssMb(args: string[], extraEnv: NodeJS.ProcessEnv): Promise<number | null> {
  const r = await run('/usr/bin/time', ['-f', '%M', 'node', CLI, ...args], extraEnv).catch(() => null)
  const kb = Number(r?.stderr.trim().split('\n').pop())
  return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null
}

/** nrm 2.1.0 from the npm registry, once; null (and a note) when it cannot be installed. */
function installNrm(): string | null {
  if (existsSync(NRM)) return NRM
  mkdirSync(NRM_DIR, { recursive: true })
  try {
    execFileSync('npm', ['install', '--prefix', NRM_DIR, '--no-audit', '--no-fund', '--no-save', `nrm@${NRM_VERSION}`], { stdio: 'ignore' })
  } catch {
    return null
  }
  return existsSync(NRM) ? NRM : null
}

/**
 * ~/.nrmrc for the temporary HOME. nrm tests its seven built-in registries plus custom ones; a
 * custom entry with a built-in's name replaces it, so all seven are re-pointed at the loopback
 * endpoints (the five, then the first two again) and nothing leaves this machine.
 */
function writeNrmrc(endpoints: Mirror[]): void {
  const names = ['npm', 'yarn', 'tencent', 'cnpm', 'taobao', 'npmMirror', 'huawei']
  const lines = names.flatMap((name, i) => {
    const url = (endpoints[i % endpoints.length] as Mirror).url
    return [`[${name}]`, `registry=${url}`, `home=${url}`, '']
  })
  writeFileSync(join(home, '.nrmrc'), lines.join('\n'))
}

const row = (label: string, value: string, note = ''): void => console.log(`${label.padEnd(46)} ${value.padStart(10)}  ${note}`)
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`

async function main(): Promise<void> {
  execFileSync('go', ['version'], { stdio: 'ignore' })
  env.GOMIRROR_SUMDB_HOSTS = `sum.golang.org=${await findClosedPortUrl()},sum.golang.google.cn=${await findClosedPortUrl()}`
  const nrm = installNrm()
  console.log(`gomirror bench — node ${process.version}, ${new Date().toISOString()}`)
  console.log(`peer: ${nrm ? `nrm ${NRM_VERSION}` : `nrm ${NRM_VERSION} could not be installed (npm registry unreachable?): its rows are skipped`}\n`)

  // Probe wall time: four answering mirrors (10–40 ms) and one that accepts and never answers.
  const mirrors = await Promise.all([10, 20, 30, 40].map((latencyMs) => startMirror({ latencyMs })))
  const hang = await startMirror({ fault: 'hang' })
  const five = [...mirrors, hang]
  const catalog = join(home, 'catalog5.json')
  writeFileSync(catalog, JSON.stringify(five.map((m, i) => ({ name: `m${i}`, url: m.url }))))
  const probe = await timeRuns('node', [CLI, 'test', '--json'], 5, { GOMIRROR_CATALOG: catalog }, expectHealthy(4, 1))
  row('gomirror test: 5 loopback, 1 never answers', `${probe.toFixed(0)} ms`, 'median of 5, wall (goal: <= 1500 ms)')
  if (nrm) {
    writeNrmrc(five)
    const peer = await timeRuns('node', [nrm, 'test'], 3, {}, (stdout) => {
      if (!/timeout/.test(stdout)) throw new Error(`bench: nrm test did not time out on the silent endpoint:\n${stdout}`)
    })
    row('nrm test: the same endpoints', `${peer.toFixed(0)} ms`, 'median of 3, wall (waits its 5 s timeout)')
    row('  gomirror test / nrm test', ratio(probe, peer), '(goal: <= 0.33x)')
  }
  const healthyOnly = join(home, 'catalog4.json')
  writeFileSync(healthyOnly, JSON.stringify(mirrors.map((m, i) => ({ name: `m${i}`, url: m.url }))))
  const probe4 = await timeRuns('node', [CLI, 'test', '--json'], 5, { GOMIRROR_CATALOG: healthyOnly }, expectHealthy(4))
  row('gomirror test: 4 loopback, all healthy', `${probe4.toFixed(0)} ms`, 'median of 5, wall')
  const deep4 = await timeRuns('node', [CLI, 'test', '--json', '--deep'], 5, { GOMIRROR_CATALOG: healthyOnly }, expectHealthy(4))
  row('gomirror test --deep: the same 4', `${deep4.toFixed(0)} ms`, 'median of 5, wall (zip downloaded and hashed)')

  // Start-up: commands that need no network.
  console.log('')
  const base = await timeRuns('node', ['-e', '0'], 15)
  row('node -e 0', `${base.toFixed(1)} ms`, 'median of 15')
  const version = await timeRuns('node', [CLI, '--version'], 15)
  row('gomirror --version', `${version.toFixed(1)} ms`, `${ratio(version, base)} node -e 0 (goal: <= 1.5x)`)
  const ls = await timeRuns('node', [CLI, 'ls'], 15, { GOMIRROR_CATALOG: catalog })
  row('gomirror ls', `${ls.toFixed(1)} ms`, `${ratio(ls, base)} node -e 0 (goal: <= 1.5x)`)
  const profiles = await run('node', [CLI, 'profile', 'list'])
  if (profiles.code === 0) {
    const list = await timeRuns('node', [CLI, 'profile', 'list'], 15)
    row('gomirror profile list', `${list.toFixed(1)} ms`, `${ratio(list, base)} node -e 0 (goal: <= 1.5x)`)
  } else {
    row('gomirror profile list', 'n/a', `(exit ${profiles.code}: not available in this build)`)
  }
  if (nrm) {
    const nrmLs = await timeRuns('node', [nrm, 'ls'], 15)
    row('nrm ls', `${nrmLs.toFixed(1)} ms`, `${ratio(nrmLs, base)} node -e 0`)
    row('  gomirror ls / nrm ls', ratio(ls, nrmLs), '(goal: < 1x)')
  }

  // Memory while probing ten mirrors.
  console.log('')
  const ten = await Promise.all(Array.from({ length: 6 }, (_, i) => startMirror({ latencyMs: 5 + i * 5 })))
  const catalog10 = join(home, 'catalog10.json')
  writeFileSync(catalog10, JSON.stringify([...mirrors, ...ten].map((m, i) => ({ name: `m${i}`, url: m.url }))))
  const rss = await peakRssMb(['test', '--json'], { GOMIRROR_CATALOG: catalog10 })
  row('peak RSS, test over 10 mirrors', rss === null ? 'n/a' : `${rss.toFixed(1)} MB`, '(goal: < 120 MB)')
  const rssDeep = await peakRssMb(['test', '--json', '--deep'], { GOMIRROR_CATALOG: catalog10 })
  row('peak RSS, test --deep over 10 mirrors', rssDeep === null ? 'n/a' : `${rssDeep.toFixed(1)} MB`, '(goal: < 120 MB)')

  await Promise.all([...five, ...ten].map((m) => m.close()))
  rmSync(home, { recursive: true, force: true })
}

await main()
