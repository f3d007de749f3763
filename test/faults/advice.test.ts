/**
 * Wrong writes and wrong advice (issue 9): a suggested command that means something else when
 * pasted, doctor "fixing" a deliberate GONOPROXY=none, and one proxy written twice under two names.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setFix } from '../../src/doctor/fix-text.js'
import type { VarState } from '../../src/goenv/read.js'
import { buildGoproxy, chooseMirrors } from '../../src/commands/use-plan.js'
import type { Mirror as CatalogMirror } from '../../src/mirrors/catalog.js'
import type { ProbeResult } from '../../src/probe/types.js'
import { english } from '../../src/profiles/wording.js'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'
import { verifierKey } from '../support/verifier-key.js'

let sb: Sandbox
beforeAll(() => assertGoInstalled())
beforeEach(async () => {
  sb = await createSandbox()
})
afterEach(async () => sb.cleanup())

const SHELLS = ['sh', 'bash', 'fish', ...(existsSync('/usr/bin/zsh') || existsSync('/bin/zsh') ? ['zsh'] : [])]

/** Paste `line` into a real shell whose go uses the sandbox's GOENV. */
function paste(shell: string, line: string): void {
  execFileSync(shell, ['-c', line], { env: sb.env, stdio: 'pipe' })
}

async function goValue(name: string): Promise<string> {
  const r = await sb.go(['env', '-json', name])
  return (JSON.parse(r.stdout) as Record<string, string>)[name] as string
}

describe('every suggested command pastes correctly into sh, bash, zsh and fish', () => {
  // Values go env -w accepts as they are (no newline), with every character a shell might take for syntax.
  const VALUES = [
    'https://a.example|https://b.example|direct',
    '*.corp.example.com,github.com/mycorp/*',
    'a b;echo INJECTED',
    '$HOME/$(id)`id`',
    "it's \"quoted\"",
    'back\\slash\\',
    '~/x %y {a,b} #z &&|>',
  ]
  const fileState: VarState = { value: 'old', source: 'goenv', fileValue: 'old', envValue: null }

  for (const shell of SHELLS) {
    it(`go env -w fixes read back exactly in ${shell}`, async () => {
      for (const value of VALUES) {
        const fix = setFix('GOINSECURE', value, fileState)
        paste(shell, fix(english))
        expect(await goValue('GOINSECURE'), `${shell}: ${fix(english)}`).toBe(value)
      }
      paste(shell, setFix('GOINSECURE', null, fileState)(english))
      expect(envFileVars(await sb.readEnvFile()).GOINSECURE).toBeUndefined()
    })
  }

  it('doctor --json gives the argv of a command fix, and its quoted line pastes into real shells', async () => {
    const intended = 'https://a.example|https://b.example|direct'
    await sb.go(['env', '-w', 'GOPROXY=https://a.example|https://b.example|https://a.example|direct'])
    const r = await sb.run(['doctor', '--offline', '--json'])
    const tidy = (JSON.parse(r.stdout) as { checks: { id: string; fix?: string; fixArgv?: string[] }[] }).checks.find((c) => c.id === 'goproxy.tidy')
    expect(tidy?.fixArgv).toEqual(['go', 'env', '-w', `GOPROXY=${intended}`])
    expect(tidy?.fix).toBe(`go env -w GOPROXY='${intended}'`)
    // The human report shows the same line.
    expect((await sb.run(['doctor', '--offline'])).stdout).toContain(`fix: go env -w GOPROXY='${intended}'`)
    for (const shell of SHELLS) {
      await sb.go(['env', '-w', 'GOPROXY=https://changed.example'])
      paste(shell, tidy?.fix as string)
      expect(await goValue('GOPROXY'), shell).toBe(intended)
    }
  })
})

describe('doctor --fix keeps deliberate "no exceptions" (go help private)', () => {
  it('GONOPROXY=none with a company proxy: doctor --fix --yes leaves it, while fixing something else', async () => {
    // A duplicate in GOPROXY gives doctor --fix something real to write.
    await sb.go(['env', '-w', 'GOPRIVATE=git.corp.example', 'GONOPROXY=none', 'GOPROXY=https://athens.corp.example|https://goproxy.cn|https://athens.corp.example|direct'])
    const report = JSON.parse((await sb.run(['doctor', '--offline', '--json'])).stdout) as { checks: { id: string; status: string; fixable: boolean; message: string }[] }
    expect(report.checks.find((c) => c.id === 'private.GONOPROXY')).toMatchObject({ status: 'pass', fixable: false })
    // Not "covered by GONOPROXY": it is deliberately not.
    expect(report.checks.find((c) => c.id === 'private.patterns')?.message).toBe('GOPRIVATE=git.corp.example is well-formed')
    const r = await sb.run(['doctor', '--offline', '--fix', '--yes'])
    expect(r.exitCode, r.stdout + r.stderr).toBe(0)
    const file = envFileVars(await sb.readEnvFile())
    expect(file.GONOPROXY).toBe('none')
    expect(file.GOPROXY).toBe('https://athens.corp.example|https://goproxy.cn|direct')
    expect(await goValue('GONOPROXY')).toBe('none')
  })

  it('GONOSUMDB=none with the company checksum database: not "fixed" either', async () => {
    await sb.go(['env', '-w', 'GOPRIVATE=git.corp.example', 'GONOSUMDB=none', `GOSUMDB=${verifierKey('sumdb.corp.example')}`, 'GONOPROXY=none', 'GOPROXY=https://athens.corp.example,direct'])
    const before = await sb.readEnvFile()
    const r = await sb.run(['doctor', '--offline', '--fix', '--yes', '--json'])
    const out = JSON.parse(r.stdout) as { checks: { id: string; status: string }[]; fixed: unknown }
    expect(out.fixed).toBeNull()
    expect(out.checks.filter((c) => c.id.startsWith('private.GONO')).map((c) => c.status)).toEqual(['pass', 'pass'])
    expect(await sb.readEnvFile()).toBe(before)
  })

  it('GONOPROXY=none in front of a public proxy is explained, but still not rewritten', async () => {
    await sb.go(['env', '-w', 'GOPRIVATE=git.corp.example', 'GONOPROXY=none', 'GOPROXY=https://goproxy.cn,direct'])
    const r = await sb.run(['doctor', '--offline', '--fix', '--yes', '--json'])
    const out = JSON.parse(r.stdout) as { checks: { id: string; status: string; message: string; fixable: boolean }[] }
    const c = out.checks.find((x) => x.id === 'private.GONOPROXY')
    expect(c).toMatchObject({ status: 'warn', fixable: false })
    expect(c?.message).toMatch(/https:\/\/goproxy\.cn, a public proxy/)
    expect(envFileVars(await sb.readEnvFile()).GONOPROXY).toBe('none')
  })
})

describe('one proxy under two names is probed and written once', () => {
  const m = (name: string, url: string): CatalogMirror => ({ name, url, builtin: false })
  const ok = (name: string, url: string, latencyMs: number): ProbeResult => ({ name, url, healthy: true, latencyMs, sumdb: true, error: null }) as ProbeResult

  it('chooseMirrors skips a fallback with the chosen URL; buildGoproxy never repeats a proxy', () => {
    const mirrors = [m('a', 'https://goproxy.cn'), m('a2', 'https://GOPROXY.cn/'), m('b', 'https://b.example')]
    const ranked = [ok('a', 'https://goproxy.cn', 5), ok('a2', 'https://GOPROXY.cn/', 6), ok('b', 'https://b.example', 7)]
    const choice = chooseMirrors(ranked, mirrors, null, 2)
    expect(choice?.fallbacks.map((x) => x.name)).toEqual(['b'])
    expect(buildGoproxy({ chosen: mirrors[0] as CatalogMirror, chosenResult: null, fallbacks: [mirrors[1] as CatalogMirror, mirrors[2] as CatalogMirror], fallbackResults: [] }, 19))
      .toBe('https://goproxy.cn|https://b.example,direct')
  })

  let one: Mirror, two: Mirror
  beforeAll(async () => {
    ;[one, two] = await Promise.all([startMirror({ latencyMs: 5 }), startMirror({ latencyMs: 40 })])
  })
  afterAll(async () => Promise.all([one?.close(), two?.close()]))

  it('use fastest --fallback 2 with the same URL as two mirrors', async () => {
    const sameWithoutSlash = one.url.replace(/\/$/, '')
    await sb.setCatalog([{ name: 'one', url: one.url }, { name: 'copy', url: sameWithoutSlash }, { name: 'two', url: two.url }])
    const r = await sb.run(['use', 'fastest', '--fallback', '2', '--json'])
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as { results: { name: string }[]; written: { GOPROXY: string } }
    // Probed once: the second name of the same URL is not a candidate.
    expect(out.results.map((x) => x.name).sort()).toEqual(['one', 'two'])
    const goproxy = await goValue('GOPROXY')
    // Which is faster is the machine's business; that each proxy appears once is ours.
    expect(goproxy.replace(/,direct$/, '').split('|').sort()).toEqual([one.url, two.url].sort())
    expect(out.written.GOPROXY).toBe(goproxy)
  })
})
