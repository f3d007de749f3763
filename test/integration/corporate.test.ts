/**
 * A company network, with the real go as the judge: a mirror signed by a private CA, trusted
 * through SSL_CERT_FILE or a hashed SSL_CERT_DIR (or not at all), and a mirror behind basic auth
 * with its token in ~/.netrc or $NETRC (or nowhere, or over plain http). In every case gomirror's
 * `healthy` must equal go's success, and the token must appear in no output and no file.
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, type RunResult, type Sandbox } from '../support/sandbox.js'

const CERTS = new URL('../support/certs/', import.meta.url)
const certificate = async (): Promise<{ key: string; cert: string }> => ({
  key: await readFile(new URL('leaf.key', CERTS), 'utf8'),
  cert: await readFile(new URL('leaf.pem', CERTS), 'utf8'),
})

const TOKEN = `tok-${randomUUID()}`
const USER = 'team'

let sb: Sandbox
beforeAll(() => {
  assertGoInstalled()
  execFileSync('openssl', ['version'], { stdio: 'pipe' }) // the hashed-directory case needs `openssl rehash`
})
beforeEach(async () => { sb = await createSandbox() })
afterEach(async () => sb.cleanup())

interface Verdicts { gomirror: boolean; go: boolean; test: RunResult; download: RunResult }

let judged = 0

/** `gomirror test URL --json` and `go mod download rsc.io/quote@v1.5.2` through URL, same environment. */
async function judge(url: string, env: NodeJS.ProcessEnv): Promise<Verdicts> {
  const test = await sb.run(['test', url, '--json'], env)
  const row = (JSON.parse(test.stdout) as { results: { healthy: boolean }[] }).results[0]
  // A fresh module cache each time: go must fetch, not find the module from an earlier call.
  const download = await sb.go(['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], {
    ...env, GOPROXY: url, GONOSUMDB: 'rsc.io', GOFLAGS: '-modcacherw -mod=mod', GOMODCACHE: join(sb.dir, `modcache-${++judged}`),
  })
  return { gomirror: Boolean(row?.healthy), go: download.exitCode === 0, test, download }
}

/** Every file under the sandbox except the netrc files that are meant to hold the token. */
async function filesHolding(needles: string[], skip: string[]): Promise<string[]> {
  const found: string[] = []
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) await walk(p)
      else if (e.isFile() && !skip.includes(p)) {
        const text = await readFile(p, 'latin1')
        if (needles.some((n) => text.includes(n))) found.push(p)
      }
    }
  }
  await walk(sb.dir)
  return found
}

describe('a mirror signed by a company CA', () => {
  let mirror: Mirror
  beforeAll(async () => { mirror = await startMirror({ certificate: await certificate() }) })
  afterAll(async () => mirror?.close())

  it('trusted through SSL_CERT_FILE: healthy to gomirror, and go downloads through it', async () => {
    const ca = join(sb.dir, 'company-ca.pem')
    await copyFile(new URL('ca.pem', CERTS), ca)
    const env = { SSL_CERT_FILE: ca, SSL_CERT_DIR: join(sb.dir, 'no-such-dir') }
    const v = await judge(mirror.url, env)
    expect(v.go, v.download.stderr).toBe(true)
    expect(v.gomirror, v.test.stdout).toBe(true)
    const verbose = await sb.run(['test', mirror.url, '--verbose'], env)
    expect(verbose.stdout).toContain(`trust roots (as go reads them): SSL_CERT_FILE=${ca} (1 certs)`)
  })

  it('trusted through a hashed SSL_CERT_DIR (openssl rehash), the system bundle still read', async () => {
    const dir = join(sb.dir, 'company-certs')
    await mkdir(dir)
    await copyFile(new URL('ca.pem', CERTS), join(dir, 'company-ca.pem'))
    execFileSync('openssl', ['rehash', dir], { stdio: 'pipe' })
    expect((await readdir(dir)).some((n) => /^[0-9a-f]{8}\.0$/.test(n))).toBe(true)
    const env = { SSL_CERT_FILE: '', SSL_CERT_DIR: dir }
    const v = await judge(mirror.url, env)
    expect(v.go, v.download.stderr).toBe(true)
    expect(v.gomirror, v.test.stdout).toBe(true)
  })

  it('untrusted (system roots only): unhealthy to gomirror, and go fails too', async () => {
    const v = await judge(mirror.url, { SSL_CERT_FILE: '', SSL_CERT_DIR: '' })
    expect(v.download.stdout + v.download.stderr).toMatch(/x509: certificate signed by unknown authority/)
    expect(v.go).toBe(false)
    expect(v.gomirror).toBe(false)
    expect(v.test.stdout).toMatch(/TLS error/)
  })
})

describe('a mirror behind basic auth', () => {
  let secure: Mirror, plain: Mirror
  let trust: NodeJS.ProcessEnv
  const line = `machine 127.0.0.1 login ${USER} password ${TOKEN}\n`
  const base64 = Buffer.from(`${USER}:${TOKEN}`).toString('base64')
  beforeAll(async () => {
    ;[secure, plain] = await Promise.all([
      startMirror({ certificate: await certificate(), auth: { user: USER, pass: TOKEN } }),
      startMirror({ auth: { user: USER, pass: TOKEN } }),
    ])
  })
  afterAll(async () => Promise.all([secure, plain].map((m) => m?.close())))
  beforeEach(async () => {
    const ca = join(sb.dir, 'company-ca.pem')
    await copyFile(new URL('ca.pem', CERTS), ca)
    trust = { SSL_CERT_FILE: ca, SSL_CERT_DIR: '' }
  })

  async function expectNoToken(outputs: RunResult[], netrcFiles: string[]): Promise<void> {
    for (const o of outputs) {
      expect(o.stdout + o.stderr).not.toContain(TOKEN)
      expect(o.stdout + o.stderr).not.toContain(base64)
    }
    expect(await filesHolding([TOKEN, base64], netrcFiles)).toEqual([])
  }

  it('credentials in ~/.netrc: go and gomirror both send them; use writes no token anywhere', async () => {
    const netrc = join(sb.dir, '.netrc')
    await writeFile(netrc, line, { mode: 0o600 })
    const v = await judge(secure.url, trust)
    expect(v.go, v.download.stderr).toBe(true)
    expect(v.gomirror, v.test.stdout).toBe(true)
    const verbose = await sb.run(['test', secure.url, '--verbose'], trust)
    expect(verbose.stdout).toContain(`credentials: ${netrc}:1 (machine 127.0.0.1`)
    expect((JSON.parse(v.test.stdout) as { results: { credentials: unknown }[] }).results[0]?.credentials)
      .toEqual({ source: 'netrc', file: netrc, line: 1, machine: '127.0.0.1', login: USER })
    const use = await sb.run(['use', secure.url, '--json'], trust)
    expect(use.exitCode, use.stderr).toBe(0)
    const doctor = await sb.run(['doctor', '--json'], trust)
    await expectNoToken([v.test, verbose, use, doctor], [netrc])
  })

  it('credentials in $NETRC: the same', async () => {
    const netrc = join(sb.dir, 'secrets', 'netrc')
    await mkdir(join(sb.dir, 'secrets'))
    await writeFile(netrc, `machine other.example login x password y\n${line}`, { mode: 0o600 })
    const v = await judge(secure.url, { ...trust, NETRC: netrc })
    expect(v.go, v.download.stderr).toBe(true)
    expect(v.gomirror, v.test.stdout).toBe(true)
    await expectNoToken([v.test], [netrc])
  })

  it('no credentials: both fail, and doctor gives the netrc line to add, never a URL with a token', async () => {
    const v = await judge(secure.url, trust)
    expect(v.go).toBe(false)
    expect(v.gomirror).toBe(false)
    expect(v.test.stdout).toMatch(/HTTP 401/)
    const doctor = await sb.run(['doctor', '--json'], { ...trust, GOPROXY: secure.url })
    const checks = (JSON.parse(doctor.stdout) as { checks: { id: string; message: string; fix?: string }[] }).checks
    const auth = checks.find((c) => c.id.startsWith('proxy.auth.'))
    expect(auth?.message).toContain(`has no entry for machine 127.0.0.1`)
    expect(auth?.fix).toContain(`${join(sb.dir, '.netrc')} (chmod 600)`)
    expect(auth?.fix).toContain('machine 127.0.0.1 login USER password TOKEN')
    expect(auth?.fix).not.toMatch(/:\/\/[^/\s]*@/)
  })

  it('a wrong token in ~/.netrc: both fail, and doctor names the entry by file:line, never its password', async () => {
    const netrc = join(sb.dir, '.netrc')
    await writeFile(netrc, `# team mirror\nmachine 127.0.0.1 login ${USER} password wrong-${TOKEN}\n`, { mode: 0o600 })
    const v = await judge(secure.url, trust)
    expect(v.go).toBe(false)
    expect(v.gomirror).toBe(false)
    const doctor = await sb.run(['doctor', '--json'], { ...trust, GOPROXY: secure.url })
    const auth = (JSON.parse(doctor.stdout) as { checks: { id: string; message: string }[] }).checks.find((c) => c.id.startsWith('proxy.auth.'))
    expect(auth?.message).toContain(`${netrc}:2 (machine 127.0.0.1, login ${USER})`)
    await expectNoToken([v.test, doctor], [netrc])
  })

  it('a ~/.netrc entry wins over credentials in the URL, in go and in gomirror', async () => {
    await writeFile(join(sb.dir, '.netrc'), line, { mode: 0o600 })
    const withWrongUserinfo = secure.url.replace('https://', 'https://someone:stale@')
    const v = await judge(withWrongUserinfo, trust)
    expect(v.go, v.download.stdout).toBe(true)
    expect(v.gomirror, v.test.stdout).toBe(true)
    await rm(join(sb.dir, '.netrc'))
    const without = await judge(withWrongUserinfo, trust)
    expect(without.go).toBe(false)
    expect(without.gomirror).toBe(false)
  })

  it('over plain http neither sends the ~/.netrc credentials', async () => {
    const netrc = join(sb.dir, '.netrc')
    await writeFile(netrc, line, { mode: 0o600 })
    const before = plain.headers.length
    const v = await judge(plain.url, trust)
    expect(v.go).toBe(false)
    expect(v.gomirror).toBe(false)
    expect(plain.headers.length).toBeGreaterThan(before)
    expect(plain.headers.slice(before).some((h) => h.authorization)).toBe(false)
    await expectNoToken([v.test], [netrc])
  })
})

describe('a team mirror (Athens) with /healthz and /readyz', () => {
  let athens: Mirror, plainMirror: Mirror
  beforeAll(async () => {
    ;[athens, plainMirror] = await Promise.all([startMirror({ healthEndpoints: true, basePath: '/goproxy/' }), startMirror()])
  })
  afterAll(async () => Promise.all([athens, plainMirror].map((m) => m?.close())))

  it('--verbose and doctor report them; a mirror without them says nothing; health is unchanged', async () => {
    const origin = new URL(athens.url).origin
    const verbose = await sb.run(['test', athens.url, plainMirror.url, '--verbose'], { COLUMNS: '200' })
    expect(verbose.exitCode, verbose.stderr).toBe(0)
    expect(verbose.stdout).toContain(`service health: ${origin}/healthz`)
    expect(verbose.stdout.match(/service health/g)).toHaveLength(1)
    const json = await sb.run(['test', athens.url, plainMirror.url, '--verbose', '--json'])
    const rows = (JSON.parse(json.stdout) as { results: { url: string; healthy: boolean; serviceHealth: unknown }[] }).results
    expect(rows.find((r) => r.url === athens.url)).toMatchObject({ healthy: true, serviceHealth: { healthz: `${origin}/healthz`, readyz: `${origin}/readyz` } })
    expect(rows.find((r) => r.url === plainMirror.url)).toMatchObject({ healthy: true, serviceHealth: { healthz: null, readyz: null } })
    const quiet = await sb.run(['test', athens.url, '--json'])
    expect((JSON.parse(quiet.stdout) as { results: { healthy: boolean; serviceHealth: unknown }[] }).results[0]).toMatchObject({ healthy: true, serviceHealth: null })
    const doctor = await sb.run(['doctor', '--json'], { GOPROXY: `${athens.url},direct` })
    const checks = (JSON.parse(doctor.stdout) as { checks: { id: string; status: string; message: string }[] }).checks
    expect(checks.find((c) => c.id.startsWith('proxy.service-health.'))).toMatchObject({ status: 'pass', message: expect.stringContaining(`${origin}/healthz`) })
  })
})
