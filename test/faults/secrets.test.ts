/**
 * No credential leaks, in any URL form, through any output path: human output, --json, errors,
 * doctor, profile list/show/switch, export, pin --share, ls, test, use, undo. Each form puts a
 * unique token in the password; the token must appear nowhere it should not, while the positive
 * controls (env, export --with-credentials, the go env file) prove it was really there.
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { findClosedPortUrl, startMirror, TEST_CERT, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, type RunResult, type Sandbox } from '../support/sandbox.js'

/** Credential forms go accepts and sends; `tok` is the part that must never be shown. */
const FORMS: { label: string; cred: (tok: string) => string }[] = [
  { label: 'scheme-less user:token@host', cred: (tok) => `alice:${tok}@corp.example` },
  { label: "'@' in the password", cred: (tok) => `https://alice:p@ss${tok}@corp.example` },
  { label: "scheme-less, '@' and ':' in the password", cred: (tok) => `alice:p@s:${tok}@corp.example` },
]

let sb: Sandbox
let seq = 0
/** A fresh token per use, so one test's token can never satisfy another's assertion. */
const token = (): string => `TOKEN${process.pid}x${++seq}SECRET`

function expectClean(r: RunResult, tok: string, what: string): void {
  expect(r.stdout, `${what}: stdout`).not.toContain(tok)
  expect(r.stderr, `${what}: stderr`).not.toContain(tok)
  expect(r.stderr, `${what}: no crash`).not.toMatch(/unexpected error|internal error|URIError|TypeError|\n\s+at /)
}

async function clean(args: string[], tok: string, extraEnv: NodeJS.ProcessEnv = {}, exit?: number | number[]): Promise<RunResult> {
  const r = await sb.run(args, extraEnv)
  expectClean(r, tok, args.join(' '))
  if (exit !== undefined) expect([exit].flat(), `${args.join(' ')}: exit ${r.exitCode}\n${r.stderr}`).toContain(r.exitCode)
  return r
}

/** Read-only commands, run side by side. */
async function all(commands: string[][], tok: string, extraEnv: NodeJS.ProcessEnv = {}, exit: number | number[] = [0, 1]): Promise<void> {
  await Promise.all(commands.map((args) => clean(args, tok, extraEnv, exit)))
}

beforeAll(() => assertGoInstalled())
beforeEach(async () => {
  sb = await createSandbox()
  // Catalog on a closed loopback port: doctor and test stay offline and quick.
  await sb.setCatalog([{ name: 'local', url: await findClosedPortUrl() }])
})
afterEach(async () => sb.cleanup())

describe.each(FORMS)('$label', { timeout: 180_000 }, ({ cred }) => {
  it('GOPROXY in the go env file or the OS environment: current, ls, doctor, reset --dry-run (human and --json)', async () => {
    const tok = token()
    const value = `${cred(tok)},direct`
    const w = await sb.go(['env', '-w', `GOPROXY=${value}`])
    expect(w.exitCode, w.stderr).toBe(0)
    // Positive control: the value is really there, token and all.
    expect(await sb.readEnvFile()).toContain(tok)
    await all([['current'], ['current', '--json'], ['ls'], ['ls', '--json'], ['doctor', '--offline'], ['doctor', '--offline', '--json'], ['reset', '--dry-run'], ['reset', '--dry-run', '--json']], tok)
    const cur = await clean(['current', '--json'], tok, {}, 0)
    expect(JSON.parse(cur.stdout).vars.GOPROXY.value).toMatch(/\*\*\*@corp\.example,direct$/)
    // The OS environment overrides the file: the same through GOPROXY=...
    await all([['current'], ['current', '--json'], ['doctor', '--offline'], ['doctor', '--offline', '--json']], tok, { GOPROXY: value })
  })

  it('profiles: add, list, show, switch, undo; export and pin --share refuse; env and --with-credentials carry it', async () => {
    const tok = token()
    const value = `${cred(tok)},direct`
    await clean(['profile', 'add', 'corp', '--proxy', value], tok, {}, 0)
    await all([['profile', 'list'], ['profile', 'list', '--json'], ['profile', 'show', 'corp'], ['profile', 'show', 'corp', '--json'], ['profile', 'switch', 'corp', '--dry-run'], ['profile', 'switch', 'corp', '--dry-run', '--json']], tok, {}, 0)
    await clean(['profile', 'switch', 'corp', '--yes'], tok, {}, 0)
    expect(await sb.readEnvFile()).toContain(tok)
    await all([['current'], ['current', '--json'], ['profile', 'list'], ['doctor', '--offline'], ['doctor', '--offline', '--json']], tok)
    await clean(['undo'], tok, {}, 0)
    // Re-apply, then let undo print the value it takes away.
    await clean(['profile', 'switch', 'corp', '--yes', '--json'], tok, {}, 0)
    await clean(['undo', '--json'], tok, {}, [0, 2])

    // Sharing refuses credentials in every form, and writes nothing.
    await clean(['profile', 'export', 'corp'], tok, {}, 2)
    const out = join(sb.dir, 'corp.json')
    await clean(['profile', 'export', 'corp', '-o', out], tok, {}, 2)
    expect(existsSync(out)).toBe(false)
    const pin = await sb.run(['profile', 'pin', 'corp', '--share'])
    expectClean(pin, tok, 'pin --share')
    expect(pin.exitCode, pin.stderr).toBe(2)
    expect(existsSync(join(sb.dir, '.gomirror.json'))).toBe(false)

    // Positive controls: the outputs that exist to carry the values do carry them.
    const env = await sb.run(['env', '--profile', 'corp'])
    expect(env.exitCode, env.stderr).toBe(0)
    expect(env.stdout).toContain(tok)
    const exported = await sb.run(['profile', 'export', 'corp', '--with-credentials'])
    expect(exported.exitCode, exported.stderr).toBe(0)
    expect(exported.stdout).toContain(tok)
  })

  it('rejected inputs never echo the token: --sumdb, --private, --proxy, mirror add', async () => {
    const tok = token()
    const c = cred(tok)
    const withScheme = c.includes('://') ? c : `https://${c}`
    await clean(['use', 'local', '--sumdb', `${withScheme}/sumdb`, '--dry-run'], tok, {}, 2)
    await clean(['use', 'local', '--sumdb', `sum.golang.org ${withScheme}/x y`, '--dry-run'], tok, {}, 2)
    // A pattern with a scheme can never match: go accepts it, so gomirror warns (masked) and goes on; the mirror is closed.
    await clean(['use', 'local', '--private', withScheme, '--dry-run'], tok, {}, 1)
    await clean(['use', withScheme, '--private', c, '--dry-run'], tok, {}, [1, 2])
    await clean(['mirror', 'add', 'm', `http://${c.replace(/^https:\/\//, '')}`], tok, {}, 2)
    await clean(['mirror', 'add', 'n', `${withScheme}/x?y=1`], tok, {}, 2)
    // Nothing refused was stored.
    const config = join(sb.dir, '.config', 'gomirror', 'config.json')
    if (existsSync(config)) expect(await readFile(config, 'utf8')).not.toContain(tok)
    // Accepted or refused, what profile add prints is masked.
    await clean(['profile', 'add', 'x', '--proxy', `${c} ,direct`], tok, {}, [0, 2])
    await clean(['profile', 'add', 'y', '--proxy', `${c}?q=1`], tok, {}, [0, 2])
  })

  it('HTTPS_PROXY / HTTP_PROXY with credentials: doctor and test never show them', async () => {
    const tok = token()
    const closed = (await findClosedPortUrl()).replace(/^http:\/\//, '')
    const proxy = cred(tok).replace('corp.example', closed)
    await all([['doctor'], ['doctor', '--json'], ['test', 'local'], ['test', 'local', '--json'], ['current']], tok, { HTTPS_PROXY: proxy })
    await all([['doctor'], ['doctor', '--json']], tok, { HTTP_PROXY: proxy, https_proxy: `http://${proxy.replace(/^https?:\/\//, '')}` })
  })
})

describe('custom mirrors with credentials in the URL', () => {
  let m: Mirror
  beforeAll(async () => {
    // The password holds '@' and ':' and the probe must still authenticate (go sends it so).
    m = await startMirror({ tls: true, auth: { user: 'alice', pass: 'p@ss:MIRRORTOKEN' } })
  })
  afterAll(async () => m?.close())

  it("mirror add, ls, test, use, undo: the password with '@' and ':' never shows, yet is sent", async () => {
    const ca = join(sb.dir, 'ca.pem')
    await writeFile(ca, TEST_CERT)
    sb.env.NODE_EXTRA_CA_CERTS = ca
    sb.env.SSL_CERT_FILE = ca
    const tok = 'MIRRORTOKEN'
    const url = m.url.replace('https://', 'https://alice:p@ss:MIRRORTOKEN@')
    await clean(['mirror', 'add', 'corp', url], tok, {}, 0)
    await all([['ls'], ['ls', '--json'], ['__complete', 'use', '']], tok, {}, 0)
    const test = await clean(['test', 'corp', '--json'], tok, {}, 0)
    expect(JSON.parse(test.stdout).results[0]).toMatchObject({ name: 'corp', healthy: true })
    await clean(['test', 'corp'], tok, {}, 0)
    await clean(['use', 'corp', '--dry-run'], tok, {}, 0)
    await clean(['use', 'corp', '--sumdb', 'keep'], tok, {}, 0)
    expect(await sb.readEnvFile()).toContain(tok)
    await all([['current'], ['current', '--json'], ['ls'], ['doctor', '--offline'], ['doctor', '--offline', '--json']], tok)
    await clean(['undo'], tok, {}, 0)
    await clean(['use', 'corp', '--sumdb', 'keep', '--json'], tok, {}, 0)
    await clean(['undo', '--json'], tok, {}, [0, 2])
  }, 240_000)
})
