/**
 * Trust boundaries for project files (issue 9): a cloned repository's .gomirror.json may not
 * quietly change which checksum database verifies modules, or exempt modules the user does not
 * own from verification. Shown, refused without --yes (exit 2, nothing written), still shown with
 * --yes, and reported by doctor afterwards.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { assertGoInstalled, CLI, createSandbox, envFileVars, type RunResult, type Sandbox } from '../support/sandbox.js'
import { verifierKey } from '../support/verifier-key.js'

let sb: Sandbox
let project: string
let config: string
const EVIL = verifierKey('sum.evil.example')

beforeAll(() => assertGoInstalled())
beforeEach(async () => {
  sb = await createSandbox()
  project = join(sb.dir, 'cloned')
  await mkdir(project)
  config = join(sb.dir, '.config', 'gomirror', 'config.json')
})
afterEach(async () => sb.cleanup())

async function runIn(cwd: string, args: string[]): Promise<RunResult> {
  const r = await execa('node', [CLI, ...args], { env: sb.env, extendEnv: false, reject: false, stdin: 'ignore', cwd, timeout: 60_000 })
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 }
}

async function pin(vars: Record<string, string>, profile = 'team'): Promise<void> {
  await writeFile(join(project, '.gomirror.json'), JSON.stringify({ profile, vars }))
}

const HOSTILE = { GOPROXY: 'https://proxy.evil.example,direct', GOSUMDB: `${EVIL} https://sum.evil.example`, GONOSUMDB: 'github.com/victim/lib' }

describe('profile switch with a project definition that changes verification', () => {
  it('without --yes: says what would no longer be verified, exit 2, nothing written', async () => {
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct'])
    const before = await sb.readEnvFile()
    await pin(HOSTILE)
    const r = await runIn(project, ['profile', 'switch'])
    expect(r.exitCode).toBe(2)
    // The database that would replace sum.golang.org, and the public module exempted, are named.
    expect(r.stdout).toMatch(/warning: GOSUMDB=sum\.evil\.example\+\S+ https:\/\/sum\.evil\.example replaces sum\.golang\.org: .*database sum\.evil\.example/)
    expect(r.stdout).toMatch(/warning: GONOSUMDB=github\.com\/victim\/lib exempts github\.com\/victim\/lib from checksum verification/)
    expect(r.stderr).toMatch(/would change how modules are verified: GOSUMDB=sum\.evil\.example/)
    expect(r.stderr).toMatch(/re-run with --yes/)
    expect(await sb.readEnvFile()).toBe(before)
    await expect(stat(config)).rejects.toThrow()
    // doctor in the project says the same before anything is accepted.
    const doctor = JSON.parse((await runIn(project, ['doctor', '--offline', '--json'])).stdout) as { checks: { id: string; status: string; message: string }[] }
    expect(doctor.checks.filter((c) => c.id.startsWith('project.trust.')).map((c) => [c.id, c.status])).toEqual([['project.trust.GOSUMDB', 'warn'], ['project.trust.GONOSUMDB', 'warn']])
    expect(doctor.checks.find((c) => c.id === 'project.trust.GONOSUMDB')?.message).toMatch(/exempts github\.com\/victim\/lib from checksum verification/)
  })

  it('--json without --yes: exit 2, nothing written, the reason on stderr', async () => {
    await pin(HOSTILE)
    const r = await runIn(project, ['profile', 'switch', '--json'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/would change how modules are verified/)
    expect(await sb.readEnvFile()).toBe('')
  })

  it('with --yes: still warns, then switches; --json lists the changes; doctor flags the state afterwards', async () => {
    await pin(HOSTILE)
    const r = await runIn(project, ['profile', 'switch', '--yes'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/warning: GOSUMDB=.* replaces sum\.golang\.org/)
    expect(r.stdout).toMatch(/warning: GONOSUMDB=github\.com\/victim\/lib exempts github\.com\/victim\/lib/)
    expect(envFileVars(await sb.readEnvFile())).toMatchObject({ GOSUMDB: HOSTILE.GOSUMDB, GONOSUMDB: HOSTILE.GONOSUMDB })

    const doctor = JSON.parse((await runIn(project, ['doctor', '--offline', '--json'])).stdout) as { checks: { id: string; status: string; message: string; fixArgv?: string[] }[] }
    const db = doctor.checks.find((c) => c.id === 'trust.GOSUMDB')
    expect(db?.status).toBe('warn')
    expect(db?.message).toMatch(/checked against the database sum\.evil\.example, not sum\.golang\.org/)
    expect(db?.fixArgv).toEqual(['go', 'env', '-u', 'GOSUMDB'])
    const exempt = doctor.checks.find((c) => c.id === 'trust.GONOSUMDB')
    expect(exempt?.status).toBe('warn')
    expect(exempt?.message).toMatch(/GONOSUMDB=github\.com\/victim\/lib exempts github\.com\/victim\/lib .*from checksum verification/)
  })

  it('--yes --json: the trust changes are in the JSON and on stderr', async () => {
    await pin({ GOPRIVATE: 'github.com/victim' })
    const r = await runIn(project, ['profile', 'switch', '--yes', '--json'])
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as { trust: { variable: string; patterns: string[]; publicExamples: string[]; message: string }[] }
    expect(out.trust).toEqual([expect.objectContaining({ variable: 'GOPRIVATE', patterns: ['github.com/victim'], publicExamples: ['github.com/victim'] })])
    expect(out.trust[0]?.message).toMatch(/GOPRIVATE=github\.com\/victim \(GONOSUMDB defaults to it\) exempts/)
    expect(r.stderr).toMatch(/warning: GOPRIVATE=github\.com\/victim/)
  })

  it("a GOSUMDB=off definition is refused without --yes, whatever the user's profile says", async () => {
    await runIn(sb.dir, ['profile', 'add', 'team', '--proxy', 'https://goproxy.cn,direct'])
    await pin({ GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: 'off' })
    const r = await runIn(project, ['profile', 'switch'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/would change how modules are verified: GOSUMDB=off turns checksum verification off/)
  })
})

describe('profile import, where env and exec send the user', () => {
  it('refuses a hostile definition without --yes, naming what would be unverified; imports it with --yes', async () => {
    await pin(HOSTILE)
    const file = join(project, '.gomirror.json')
    const refused = await runIn(project, ['profile', 'import', file])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toMatch(/weakens verification: GOSUMDB=sum\.evil\.example\+\S+ https:\/\/sum\.evil\.example replaces sum\.golang\.org.*\(and 1 more\)/)
    await expect(stat(config)).rejects.toThrow()
    const env = await runIn(project, ['env'])
    expect(env.exitCode).toBe(2)

    const accepted = await runIn(project, ['profile', 'import', file, '--yes'])
    expect(accepted.exitCode, accepted.stderr).toBe(0)
    expect(accepted.stdout).toMatch(/warning: GONOSUMDB=github\.com\/victim\/lib exempts github\.com\/victim\/lib/)
    expect((await runIn(project, ['env'])).stdout).toMatch(/GONOSUMDB='?github\.com\/victim\/lib/)
  })
})

describe('what is not a trust change', () => {
  it("the user's own private patterns, and sum.golang.org under another name or URL, are not flagged", async () => {
    await sb.go(['env', '-w', 'GOPRIVATE=git.corp.example,*.internal.example'])
    await pin({ GOPROXY: 'https://athens.corp.example,direct', GOSUMDB: 'sum.golang.google.cn', GOPRIVATE: 'git.corp.example/team,api.internal.example' })
    const r = await runIn(project, ['profile', 'switch', '--json', '--yes'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect((JSON.parse(r.stdout) as { trust: unknown[] }).trust).toEqual([])
    const refused = await runIn(project, ['profile', 'switch', 'team'])
    expect(refused.exitCode).toBe(0) // the stored definition, now the user's own
    await pin({ GOSUMDB: 'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org' }, 'other')
    const same = await runIn(project, ['profile', 'switch', '--json', '--yes'])
    expect((JSON.parse(same.stdout) as { trust: unknown[] }).trust).toEqual([])
  })

  it('env and exec never use an unadopted hostile definition: exit 2, nothing printed for eval', async () => {
    await pin(HOSTILE)
    const env = await runIn(project, ['env'])
    expect(env.exitCode).toBe(2)
    expect(env.stdout).toBe('')
    const exec = await runIn(project, ['exec', '--', 'go', 'env', 'GOSUMDB'])
    expect(exec.exitCode).toBe(2)
    expect(exec.stdout).toBe('')
    expect(JSON.parse(await readFile(join(project, '.gomirror.json'), 'utf8')).vars).toEqual(HOSTILE)
  })
})
