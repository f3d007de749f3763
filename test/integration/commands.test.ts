import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMirror, TEST_CERT, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'

let m: Mirror
let sb: Sandbox
beforeAll(async () => {
  assertGoInstalled()
  // Go refuses credentials over plain http, so the mirror that needs them speaks https.
  m = await startMirror({ auth: { user: 'alice', pass: 's3cret-token' }, tls: true })
})
afterAll(async () => m?.close())
beforeEach(async () => {
  sb = await createSandbox()
  const ca = join(sb.dir, 'ca.pem')
  await writeFile(ca, TEST_CERT)
  // The probe trusts what go trusts (SSL_CERT_FILE), not NODE_EXTRA_CA_CERTS, which go never reads.
  sb.env.SSL_CERT_FILE = ca
})
afterEach(async () => sb.cleanup())

describe('ls and current', () => {
  it('ls lists the built-in mirrors and marks the one GOPROXY uses', async () => {
    await sb.go(['env', '-w', 'GOPROXY=https://mirrors.aliyun.com/goproxy,direct'])
    const r = await sb.run(['ls', '--json'])
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.mirrors.map((x: { name: string }) => x.name)).toEqual(['official', 'goproxy.cn', 'goproxy.io', 'aliyun', 'tencent', 'huawei', 'baidu'])
    expect(out.current).toBe('aliyun')
    const text = await sb.run(['ls'])
    expect(text.stdout).toMatch(/^\S+ aliyun/m)
  })

  it('current reports each value with its source: env, goenv or default', async () => {
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct', 'GOPRIVATE=*.corp'])
    const r = await sb.run(['current', '--json'], { GOSUMDB: 'sum.golang.google.cn' })
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.vars.GOPROXY).toMatchObject({ value: 'https://goproxy.cn,direct', source: 'goenv' })
    expect(out.vars.GOPRIVATE).toMatchObject({ value: '*.corp', source: 'goenv' })
    expect(out.vars.GOSUMDB).toMatchObject({ value: 'sum.golang.google.cn', source: 'env' })
    expect(out.vars.GOINSECURE).toMatchObject({ value: '', source: 'default' })
    expect(out.mirror).toBe('goproxy.cn')
    const text = await sb.run(['current'], { GOSUMDB: 'sum.golang.google.cn' })
    expect(text.stdout).toMatch(/GOSUMDB +sum.golang.google.cn +OS environment/)
    expect(text.stdout).toMatch(/first entry is the goproxy.cn mirror/)
  })
})

describe('mirror add/remove and credentials', () => {
  it('adds a custom mirror with credentials, stores it 0600, never prints the secret, and uses it', async () => {
    const withCreds = m.url.replace('https://', 'https://alice:s3cret-token@')
    const add = await sb.run(['mirror', 'add', 'corp', withCreds])
    expect(add.exitCode, add.stderr).toBe(0)
    expect(add.stdout).toContain('alice:***@')
    const ls = await sb.run(['ls'])
    expect(ls.stdout).toMatch(/corp .*alice:\*\*\*@/)
    const test = await sb.run(['test', 'corp', '--json'])
    expect(test.exitCode, test.stderr).toBe(0)
    expect(JSON.parse(test.stdout).results[0]).toMatchObject({ name: 'corp', healthy: true })
    const use = await sb.run(['use', 'corp'])
    expect(use.exitCode, use.stderr).toBe(0)
    for (const out of [add, ls, test, use]) expect(out.stdout + out.stderr).not.toContain('s3cret-token')
    // Go itself needs the credentials, so the go env file has them.
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe(`${withCreds},direct`)
    const { stat } = await import('node:fs/promises')
    expect((await stat(join(sb.dir, '.config', 'gomirror', 'config.json'))).mode & 0o777).toBe(0o600)

    const rm = await sb.run(['mirror', 'remove', 'corp'])
    expect(rm.exitCode, rm.stderr).toBe(0)
    expect((await sb.run(['test', 'corp'])).exitCode).toBe(2)
  })

  it('rejects bad names, bad URLs, built-in names and duplicates with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['mirror', 'add', 'my/mirror', 'https://x.example'], /invalid mirror name/],
      [['mirror', 'add', 'fastest', 'https://x.example'], /means something else/],
      [['mirror', 'add', 'corp', 'ftp://x.example'], /scheme must be https/],
      [['mirror', 'add', 'corp', 'goproxy.corp.example.com'], /did you mean https:\/\/goproxy.corp.example.com/],
      [['mirror', 'add', 'corp', 'https://x.example/?a=1'], /no \?query/],
      [['mirror', 'add', 'corp', 'http://bob:tok@x.example/'], /credentials over plain http, which go refuses/],
      [['mirror', 'add', 'corp', 'https://x.example/%zz'], /a "%" not followed by two hex digits/],
      [['mirror', 'add', 'corp', 'https://x.example;direct'], /one URL/],
      [['mirror', 'add', 'aliyun', 'https://x.example'], /built-in/],
      [['mirror', 'remove', 'aliyun'], /built-in/],
      [['mirror', 'remove', 'nope'], /unknown mirror "nope"/],
    ]
    for (const [args, message] of cases) {
      const r = await sb.run(args)
      expect(r.exitCode, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2)
    }
    expect((await sb.run(['mirror', 'add', 'corp', 'https://x.example'])).exitCode).toBe(0)
    const dup = await sb.run(['mirror', 'add', 'corp', 'https://y.example'])
    expect(dup.exitCode).toBe(2)
    expect(dup.stderr).toMatch(/already exists/)
  })
})

describe('bad input: exit 2, one clear message, nothing written', () => {
  it('handles unknown commands, options, mirrors and malformed values', async () => {
    const cases: [string[], RegExp][] = [
      [['fly'], /unknown command 'fly'/],
      [['tset'], /Did you mean test\?/],
      [['use', 'fastest', '--fallbak', '1'], /unknown option '--fallbak'/],
      [['use', 'goproxycn'], /unknown mirror "goproxycn"[\s\S]*did you mean goproxy.cn\?/],
      [['use', 'ftp://goproxy.cn'], /scheme must be https/],
      [['use', 'fastest', '--fallback', 'two'], /invalid --fallback "two"/],
      [['use', 'fastest', '--sumdb', 'goproxy.cn/sumdb/sum.golang.org'], /invalid --sumdb/],
      [['use', 'fastest', '--sumdb', 'sum.golang.org+033de0ae+AAAA'], /invalid --sumdb/],
      [['use', 'fastest', '--sumdb', 'sum.golang.org\nhttps://x.example'], /line break/],
      [['use', 'fastest', '--private', 'git.corp/[a-z'], /not a valid glob/],
      [['use', 'fastest', '--private', 'x\ny'], /line break/],
      [['use', 'goproxy.cn', 'aliyun'], /only 'use fastest' takes a list/],
      [['use'], /needs a mirror name, a URL, or 'fastest'/],
      [['test', '--samples', '0'], /invalid --samples/],
    ]
    for (const [args, message] of cases) {
      const r = await sb.run(args)
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/)
    }
    expect(await sb.readEnvFile()).toBe('')
  })

  it('bare gomirror prints an overview and exits 0', async () => {
    const r = await sb.run([])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/Usage: gomirror/)
    expect(r.stdout).toMatch(/use fastest/)
  })
})

describe('environment failures: exit 1 with what to do', () => {
  it('go missing', async () => {
    const r = await sb.run(['current'], { GOMIRROR_GO: join(sb.dir, 'no-such-go') })
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/could not run .*no-such-go: not found/)
    expect(r.stderr).toMatch(/install Go/)
    expect(r.stderr.trim().split('\n')).toHaveLength(2)
  })

  it('go too old', async () => {
    const fake = join(sb.dir, 'old-go')
    await writeFile(fake, '#!/bin/sh\necho "go version go1.12.17 linux/amd64"\n')
    await chmod(fake, 0o755)
    const r = await sb.run(['current'], { GOMIRROR_GO: fake })
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/go1.12.17 is too old/)
  })

  it('a -w that succeeds followed by a failing -u is rolled back: the file is exactly as it was', async () => {
    await sb.setCatalog([{ name: 'm', url: m.url.replace('https://', 'https://alice:s3cret-token@') }])
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct', 'GOFLAGS=-mod=mod'])
    expect((await sb.run(['use', 'm', '--sumdb', 'sum.golang.google.cn'])).exitCode).toBe(0)
    // Undoing that sets GOPROXY back (go env -w) and removes GOSUMDB (go env -u); make the -u fail.
    const before = await sb.readEnvFile()
    const wrapper = join(sb.dir, 'flaky-go')
    await writeFile(wrapper, '#!/bin/sh\nfor a in "$@"; do [ "$a" = "-u" ] && { echo "go: simulated failure" >&2; exit 1; }; done\nexec go "$@"\n')
    await chmod(wrapper, 0o755)
    const r = await sb.run(['undo'], { GOMIRROR_GO: wrapper })
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/go env -u failed: go: simulated failure; the go env file was left as it was/)
    expect(await sb.readEnvFile()).toBe(before)
    // The history entry is still there, so a later undo works.
    expect((await sb.run(['undo'])).exitCode).toBe(0)
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOPROXY: 'https://goproxy.cn,direct', GOFLAGS: '-mod=mod' })
  })

  it('a damaged config file is named, with how to recover; nothing crashes', async () => {
    await mkdir(join(sb.dir, '.config', 'gomirror'), { recursive: true })
    await writeFile(join(sb.dir, '.config', 'gomirror', 'config.json'), '{"mirrors": {')
    const r = await sb.run(['ls'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/config\.json is damaged/)
    expect(r.stderr).toMatch(/mv /)
    expect(r.stderr.trim().split('\n').length).toBe(2)
  })

  it('GOENV=off: a clear refusal, nothing written', async () => {
    await sb.setCatalog([{ name: 'm', url: m.url.replace('https://', 'https://alice:s3cret-token@') }])
    const r = await sb.run(['use', 'm'], { GOENV: 'off' })
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/GOENV=off/)
  })
})
