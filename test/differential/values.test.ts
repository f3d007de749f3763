/**
 * Differential test: for every value in corpus.json, gomirror's verdict (src/values) against what
 * the real go command does with it. Go is the judge, observed on loopback only:
 *  - `go env -w VAR=value`: does go accept it at all?
 *  - GOPROXY: `go mod download rsc.io/quote@v1.5.2` with HTTP(S)_PROXY pointing at a recorder that
 *    answers 404 to every plain request and refuses every CONNECT. Go's configuration errors (it
 *    cannot parse or use the value) are told apart from network failures; the recorder shows which
 *    proxies go asked and whether it went direct.
 *  - GOSUMDB: download a module from a loopback mirror with that GOSUMDB; a configuration error
 *    versus go trying to reach the database (the recorder sees it, or a file is looked up).
 *  - Patterns: GONOSUMDB=<value> (module.MatchPrefixPatterns, shared by GOPRIVATE, GONOPROXY and
 *    GOINSECURE) with a checksum database that is a closed port: a module go downloads without
 *    error is one the pattern matched.
 * Prints "agree N of M" and fails under 100%.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { matchPrefixPatterns } from '../../src/goenv/match.js'
import type { ManagedVar } from '../../src/goenv/vars.js'
import { checkValue } from '../../src/values/check.js'
import { parseGoUrl, type GoUrl } from '../../src/values/go-url.js'
import { parseGoproxy } from '../../src/values/goproxy.js'
import { findClosedPortUrl, startMirror, type Mirror } from '../support/mirror-server.js'
import { listenLoopback } from '../support/net-helpers.js'
import { assertGoInstalled } from '../support/sandbox.js'

interface Entry { var: ManagedVar; value: string; targets?: string[] }
const CORPUS = (JSON.parse(readFileSync(join(import.meta.dirname, 'corpus.json'), 'utf8')) as Entry[])
  // DIFF_ONLY=GOSUMDB narrows a run while working on one variable; the suite runs everything.
  .filter((e) => !process.env.DIFF_ONLY || e.var === process.env.DIFF_ONLY)

/** Go's words when it cannot parse or use a value (as opposed to a network failure). */
const CONFIG_ERROR = /invalid proxy URL|GOPROXY list is not the empty string|invalid GOSUMDB|missing GOSUMDB|invalid sumdb name|net\/url: invalid|invalid URL escape|invalid port|invalid character .* in host name|missing protocol scheme|first path segment in URL cannot contain colon|missing '\]' in host|no Host in request URL|refusing to pass credentials to insecure URL|unsupported scheme|unsupported protocol scheme|file URL missing path|file URL specifies non-local host|path is not absolute|invalid file:\/\/ proxy URL|^panic: |goroutine \d+ \[running\]/m

interface Recorder { url: string; hostPort: string; events: string[]; close(): Promise<void> }

/** Answers 404 to every request, refuses every CONNECT, and remembers each. */
async function startRecorder(): Promise<Recorder> {
  const events: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    events.push(`GET ${req.url ?? ''}`)
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
  })
  server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)) })
  server.on('connect', (req, client: Socket) => {
    events.push(`CONNECT ${req.url ?? ''}`)
    client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
  })
  const port = await listenLoopback(server)
  return {
    url: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    events,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

let root = ''
let mirror: Mirror
let closedSumdb = ''
const TARGETS = [...new Set(CORPUS.flatMap((e) => e.targets ?? []))]

/** A version the module path allows: a /v2 (or gopkg.in .v3) suffix needs that major version. */
function versionOf(path: string): string {
  const major = /[/.]v(\d+)$/.exec(path)?.[1]
  return major && Number(major) >= 2 ? `v${major}.0.0` : 'v1.0.0'
}

function baseEnv(dir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GOENV: join(dir, 'env'),
    GOPATH: join(dir, 'gopath'),
    GOMODCACHE: join(dir, 'mod'),
    GOCACHE: join(root, 'gocache'),
    GOFLAGS: '-modcacherw',
    GO111MODULE: 'on',
    GOTOOLCHAIN: 'local',
    GOTELEMETRY: 'off',
    NO_PROXY: '',
    no_proxy: '',
  }
}

interface Observation { envw: boolean; code: number; stderr: string; stdout: string; events: string[]; loop: string }

/** Run go with one value; every run has its own directory and recorder. */
async function observe(e: Entry): Promise<Observation> {
  const dir = await mkdtemp(join(root, 'run-'))
  const rec = await startRecorder()
  const port = rec.hostPort.split(':')[1] as string
  const value = e.value.replaceAll('{loop}', rec.hostPort).replaceAll('{port}', port)
  try {
    const env = { ...baseEnv(dir), HTTP_PROXY: rec.url, HTTPS_PROXY: rec.url }
    const envw = await execa('go', ['env', '-w', `${e.var}=${value}`], { env, extendEnv: false, reject: false, cwd: dir })
    if (envw.exitCode !== 0) return { envw: false, code: envw.exitCode ?? -1, stderr: envw.stderr, stdout: '', events: [], loop: rec.hostPort }
    await rm(join(dir, 'env'), { force: true })
    let args: string[]
    let runEnv: Record<string, string>
    if (e.var === 'GOPROXY') {
      args = ['mod', 'download', '-json', 'rsc.io/quote@v1.5.2']
      runEnv = { ...env, GOPROXY: value, GONOSUMDB: 'rsc.io', GONOPROXY: '' }
    } else if (e.var === 'GOSUMDB') {
      args = ['mod', 'download', '-json', 'example.com/hello@v1.0.0']
      runEnv = { ...env, GOPROXY: mirror.url, GOSUMDB: value }
    } else {
      args = ['mod', 'download', '-json', ...(e.targets ?? []).map((t) => `${t}@${versionOf(t)}`)]
      runEnv = { ...env, GOPROXY: mirror.url, GOSUMDB: `sum.golang.org ${closedSumdb}`, GONOSUMDB: value }
    }
    const r = await execa('go', args, { env: runEnv, extendEnv: false, reject: false, cwd: dir, timeout: 60_000 })
    return { envw: true, code: r.exitCode ?? -1, stderr: r.stderr, stdout: r.stdout, events: [...rec.events], loop: rec.hostPort }
  } finally {
    await rec.close()
    await rm(dir, { recursive: true, force: true })
  }
}

/** Which of the targets go downloaded without a checksum-database error: the ones the pattern matched. */
function goMatched(o: Observation, targets: string[]): boolean[] {
  const results = o.stdout.split(/\n(?=\{)/).filter((s) => s.trim() !== '').map((s) => JSON.parse(s) as { Path: string; Error?: string })
  return targets.map((t) => {
    const r = results.find((x) => x.Path === t)
    if (!r) throw new Error(`go said nothing about ${t}: ${o.stderr}`)
    if (!r.Error) return true
    // Only a checksum-database failure says "not matched"; anything else means the run proves nothing.
    if (!/verifying module|checksum database|connection refused|sumdb/i.test(r.Error)) throw new Error(`${t} failed for another reason: ${r.Error}`)
    return false
  })
}

const LOOPBACK = /^(127\.0\.0\.1|localhost)(:\d+)?$/

/** Whether go reaches `direct` for rsc.io/quote given the recorder's answers, from gomirror's parse. */
function predictDirect(value: string): boolean {
  for (const entry of parseGoproxy(value).entries) {
    if (entry.kind !== 'url') return entry.kind === 'direct'
    const u = parseGoUrl(entry.url) as GoUrl
    // file: not found (go: ErrNotExist, next); plain http and loopback: 404 (next); https through the proxy: CONNECT refused.
    const notFound = u.scheme === 'file' || u.scheme === 'http' || LOOPBACK.test(u.host)
    if (!notFound && !entry.fallBackOnError) return false
  }
  return false
}

function goSays(o: Observation): string {
  return `${o.stderr.split('\n').slice(0, 2).join(' | ')} ${o.stdout.replace(/\s+/g, ' ').slice(0, 300)}`.trim()
}

interface Verdict { ok: boolean; why: string }

function compare(e: Entry, o: Observation): Verdict {
  const value = e.value.replaceAll('{loop}', o.loop).replaceAll('{port}', o.loop.split(':')[1] as string)
  const judged = checkValue(e.var, value)
  const refused = judged.findings.some((f) => f.severity === 'error')
  const codes = judged.findings.map((f) => f.code).join(',') || 'none'
  if (!o.envw) return { ok: refused, why: `go env -w refuses it; gomirror: ${codes}` }
  if (e.var === 'GOPROXY') {
    const goRefuses = CONFIG_ERROR.test(o.stderr + o.stdout)
    if (goRefuses !== refused) return { ok: false, why: `go ${goRefuses ? 'cannot use it' : 'uses it'} (${goSays(o)}); gomirror: ${codes}` }
    if (goRefuses) return { ok: true, why: '' }
    const wentDirect = o.events.some((ev) => /^CONNECT rsc\.io:443$|^GET http:\/\/rsc\.io\//.test(ev))
    const predicted = predictDirect(value)
    return { ok: wentDirect === predicted, why: `go ${wentDirect ? 'went' : 'did not go'} direct, gomirror's parse says it ${predicted ? 'does' : 'does not'} (${o.events.join(' ; ')})` }
  }
  if (e.var === 'GOSUMDB') {
    const goRefuses = CONFIG_ERROR.test(o.stderr + o.stdout)
    return { ok: goRefuses === refused, why: `go ${goRefuses ? 'cannot use it' : 'uses it'} (${goSays(o)}); gomirror: ${codes}` }
  }
  const targets = e.targets ?? []
  const seen = goMatched(o, targets)
  const ours = targets.map((t) => matchPrefixPatterns(value, t))
  if (seen.join() !== ours.join()) return { ok: false, why: `go matches ${seen.join()} of ${targets.join(' ')}, gomirror's matcher ${ours.join()}` }
  const dead = judged.findings.filter((f) => f.code === 'pattern.never' || f.code === 'pattern.bad-glob').length
  const elements = value.split(',').filter((p) => p.replace(/\/$/, '') !== '').length
  // "Matches nothing meant" claimed for every element: go must match none of the modules meant.
  if (elements > 0 && dead === elements && seen.some(Boolean)) return { ok: false, why: `gomirror says no element can match, go matched ${seen.join()}` }
  return { ok: true, why: '' }
}

async function pool<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i] as T)
    }
  }))
  return out
}

beforeAll(async () => {
  assertGoInstalled()
  root = await mkdtemp(join(tmpdir(), 'gomirror-diff-'))
  mirror = await startMirror({ sumdb: false, modules: [{ path: 'example.com/hello', version: 'v1.0.0' }, ...TARGETS.map((path) => ({ path, version: versionOf(path) }))] })
  closedSumdb = await findClosedPortUrl()
})

afterAll(async () => {
  await mirror?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

describe('differential: gomirror agrees with go 1.19 on every value in the corpus', () => {
  it(`judges ${CORPUS.length} values as go does`, async () => {
    if (!process.env.DIFF_ONLY) expect(CORPUS.length).toBeGreaterThanOrEqual(300)
    const started = Date.now()
    const took: [number, string][] = []
    const observations = await pool(CORPUS, 4, async (e) => {
      const t0 = Date.now()
      const o = await observe(e)
      took.push([Date.now() - t0, `${e.var}=${JSON.stringify(e.value)}`])
      return o
    })
    console.log(`observed go on ${CORPUS.length} values in ${Math.round((Date.now() - started) / 1000)} s; slowest: ${took.sort((a, b) => b[0] - a[0]).slice(0, 5).map(([ms, v]) => `${v} ${ms} ms`).join(', ')}`)
    const verdicts = CORPUS.map((e, i) => compare(e, observations[i] as Observation))
    const agree = verdicts.filter((v) => v.ok).length
    const disagreements = CORPUS.flatMap((e, i) => (verdicts[i]?.ok ? [] : [`${e.var}=${JSON.stringify(e.value)}: ${verdicts[i]?.why}`]))
    console.log(`agree ${agree} of ${CORPUS.length}`)
    expect(disagreements).toEqual([])
  }, 600_000)
})
