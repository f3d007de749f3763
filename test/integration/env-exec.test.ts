import { execFileSync } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { quoteFish, quoteSh, renderAssignments } from '../../src/profiles/shell.js'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, CLI, createSandbox, type Sandbox } from '../support/sandbox.js'

/** Strings a quoting bug would mangle: quotes of every kind, expansions, escapes, globs, newlines. */
const TRICKY = [
  'plain',
  'with space',
  "it's",
  "''",
  '"double"',
  '$HOME and ${HOME} and $(echo no)',
  '`echo no`',
  'back\\slash\\',
  "\\'",
  'glob * ? [a-z]',
  'semi; amp & pipe | lt < gt >',
  '%PATH% !x! ^caret',
  'tab\there',
  'new\nline',
  '#hash',
  '~tilde',
  'ünïcödé 中文',
  '',
]

function assertFishInstalled(): void {
  try {
    execFileSync('fish', ['--version'], { stdio: 'pipe' })
  } catch {
    throw new Error('fish is missing: the env tests evaluate fish output with fish itself (apt-get install -y fish)')
  }
}

describe('the quoting, checked by the real shells', () => {
  beforeAll(() => assertFishInstalled())

  it('sh reads back every value exactly', async () => {
    const script = TRICKY.map((v) => `V=${quoteSh(v)}; printf '%s\\0' "$V"`).join('\n')
    const r = await execa('sh', ['-c', script], { env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' }, extendEnv: false })
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(TRICKY)
  })

  it('fish reads back every value exactly', async () => {
    const script = TRICKY.map((v) => `set V ${quoteFish(v)}; printf '%s\\0' "$V"`).join('\n')
    const r = await execa('fish', ['--no-config', '-c', script], { env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' }, extendEnv: false })
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(TRICKY)
  })

  it('rendered sh and fish assignments export the values and remove the unset ones', async () => {
    const values = TRICKY.map((v, i) => [`V${i}`, v] as const)
    const names = values.map(([n]) => n)
    const print = names.map((n) => `printf '%s\\0' "$${n}"`).join('; ')
    const sh = await execa('sh', ['-c', `${renderAssignments('sh', [...values, ['GONE', null]]).join('\n')}\n${print}; printf '%s' "\${GONE-unset}"`], { env: { PATH: process.env.PATH ?? '', GONE: 'x' }, extendEnv: false })
    expect(sh.stdout.split('\0')).toEqual([...TRICKY, 'unset'])
    const fish = await execa('fish', ['--no-config', '-c', `${renderAssignments('fish', [...values, ['GONE', null]]).join('\n')}\n${print}; set -q GONE; or printf unset`], { env: { PATH: process.env.PATH ?? '', GONE: 'x' }, extendEnv: false })
    expect(fish.stdout.split('\0')).toEqual([...TRICKY, 'unset'])
  })
})

let mirror: Mirror, broken: Mirror
let sb: Sandbox
beforeAll(async () => {
  assertGoInstalled()
  ;[mirror, broken] = await Promise.all([startMirror({ latencyMs: 1 }), startMirror({ fault: 'status-500' })])
})
afterAll(async () => Promise.all([mirror?.close(), broken?.close()]))
beforeEach(async () => {
  sb = await createSandbox()
})
afterEach(async () => sb.cleanup())

async function cli(args: string[], cwd = sb.dir): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const r = await execa('node', [CLI, ...args], { env: sb.env, extendEnv: false, reject: false, stdin: 'ignore', cwd, timeout: 120_000 })
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 }
}

describe('gomirror env', () => {
  beforeAll(() => assertFishInstalled())

  it('sh and fish evaluate it to the profile, and go in that shell sees it', async () => {
    expect((await cli(['profile', 'add', 'corp', '--proxy', 'https://athens.corp.example.com|https://goproxy.cn,direct', '--private', 'git.corp.example.com/*,*.internal'])).exitCode).toBe(0)
    // The go env file sets what corp leaves out: it must not leak into the evaluated shell.
    await sb.go(['env', '-w', 'GOSUMDB=off', 'GOINSECURE=old.example.com'])
    const sh = await cli(['env', '--profile', 'corp'])
    expect(sh.exitCode, sh.stderr).toBe(0)
    const shOut = await execa('sh', ['-c', `${sh.stdout}\ngo env -json GOPROXY GOSUMDB GOPRIVATE GONOSUMDB GOINSECURE`], { env: { ...sb.env, GOPRIVATE: 'leak.example.com' }, extendEnv: false })
    expect(JSON.parse(shOut.stdout)).toEqual({
      GOPROXY: 'https://athens.corp.example.com|https://goproxy.cn,direct',
      GOSUMDB: 'sum.golang.org',
      GOPRIVATE: 'git.corp.example.com/*,*.internal',
      GONOSUMDB: 'git.corp.example.com/*,*.internal',
      GOINSECURE: 'none.invalid',
    })
    const fish = await cli(['env', '--profile', 'corp', '--shell', 'fish'])
    const fishOut = await execa('fish', ['--no-config', '-c', `${fish.stdout}\ngo env -json GOPROXY GOPRIVATE GOSUMDB`], { env: sb.env, extendEnv: false })
    expect(JSON.parse(fishOut.stdout)).toEqual({ GOPROXY: 'https://athens.corp.example.com|https://goproxy.cn,direct', GOPRIVATE: 'git.corp.example.com/*,*.internal', GOSUMDB: 'sum.golang.org' })
  })

  it('formats powershell, cmd and dotenv; uses the project profile; prints credentials only here', async () => {
    expect((await cli(['profile', 'add', 'secret', '--proxy', 'https://alice:tok3n@athens.corp.example.com,direct'])).exitCode).toBe(0)
    const project = join(sb.dir, 'p')
    await mkdir(project)
    await writeFile(join(project, '.gomirror.json'), '{"profile":"secret"}')
    expect((await cli(['env', '--shell', 'powershell'], project)).stdout.split('\n')).toEqual([
      "$env:GOPROXY = 'https://alice:tok3n@athens.corp.example.com,direct'",
      ...['GOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'].map((n) => `Remove-Item Env:${n} -ErrorAction SilentlyContinue`),
    ])
    expect((await cli(['env', '--shell', 'cmd'], project)).stdout.split('\n')[0]).toBe('set "GOPROXY=https://alice:tok3n@athens.corp.example.com,direct"')
    expect((await cli(['env', '--shell', 'dotenv'], project)).stdout).toBe('GOPROXY="https://alice:tok3n@athens.corp.example.com,direct"')
    const none = await cli(['env'])
    expect(none.exitCode).toBe(2)
    expect(none.stderr).toMatch(/which profile\?[\s\S]*--profile \(your profiles: secret\)/)
    expect((await cli(['env', '--shell', 'tcsh', '--profile', 'secret'])).exitCode).toBe(2)
  })
})

describe('gomirror exec', () => {
  it('runs the command with the profile in its environment only; the go env file is untouched', async () => {
    // The go env file points at a broken mirror and marks example.com private (no proxy): both would
    // make the download fail if they leaked into the child.
    await sb.go(['env', '-w', `GOPROXY=${broken.url}`, 'GOPRIVATE=example.com'])
    const before = await readFile(sb.envFile)
    expect((await cli(['profile', 'add', 'loop', '--proxy', `${mirror.url},off`, '--nosumdb', 'example.com'])).exitCode).toBe(0)
    const r = await cli(['exec', '--profile', 'loop', '--', 'go', 'mod', 'download', '-json', 'example.com/hello@v1.0.0'])
    expect(r.exitCode, r.stderr + r.stdout).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ Version: 'v1.0.0' })
    expect(mirror.requests).toContain('/example.com/hello/@v/v1.0.0.zip')
    const seen = await cli(['exec', '--profile', 'loop', 'go', 'env', '-json', 'GOPROXY', 'GONOPROXY', 'GONOSUMDB'])
    expect(JSON.parse(seen.stdout)).toEqual({ GOPROXY: `${mirror.url},off`, GONOPROXY: 'none.invalid', GONOSUMDB: 'example.com' })
    expect((await readFile(sb.envFile)).equals(before)).toBe(true)
    expect((await sb.go(['env', 'GOPROXY'])).stdout.trim()).toBe(broken.url)
  })

  it('passes stdio and the exit code through; a signal gives 128+n; a missing command 127', async () => {
    expect((await cli(['profile', 'add', 'home', '--proxy', 'https://goproxy.cn,direct'])).exitCode).toBe(0)
    const r = await cli(['exec', '--profile', 'home', '--', 'sh', '-c', 'echo "out:$GOPROXY"; echo err >&2; exit 7'])
    expect(r).toEqual({ stdout: 'out:https://goproxy.cn,direct', stderr: 'err', exitCode: 7 })
    expect((await cli(['exec', '--profile', 'home', '--', 'sh', '-c', 'kill -TERM $$'])).exitCode).toBe(143)
    const missing = await cli(['exec', '--profile', 'home', '--', 'no-such-command-x'])
    expect(missing.exitCode).toBe(127)
    expect(missing.stderr).toMatch(/cannot run no-such-command-x: command not found/)
    expect((await cli(['exec', '--profile', 'nope', '--', 'true'])).exitCode).toBe(2)
  })
})
