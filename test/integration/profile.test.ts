import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { assertGoInstalled, CLI, createSandbox, envFileVars, type RunResult, type Sandbox } from '../support/sandbox.js'

let sb: Sandbox
let config: string

beforeAll(() => assertGoInstalled())
beforeEach(async () => {
  sb = await createSandbox()
  config = join(sb.dir, '.config', 'gomirror', 'config.json')
})
afterEach(async () => sb.cleanup())

/** Run the CLI in another working directory (project files are found from there). */
async function runIn(cwd: string, args: string[]): Promise<RunResult> {
  const r = await execa('node', [CLI, ...args], { env: sb.env, extendEnv: false, reject: false, stdin: 'ignore', cwd, timeout: 60_000 })
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 }
}

async function ok(args: string[], cwd = sb.dir): Promise<RunResult> {
  const r = await runIn(cwd, args)
  expect(r.exitCode, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0)
  return r
}

async function goEnv(...names: string[]): Promise<Record<string, string>> {
  return JSON.parse((await sb.go(['env', '-json', ...names])).stdout) as Record<string, string>
}

const CORP = ['profile', 'add', 'corp', '--proxy', 'https://athens.corp.example.com,https://goproxy.cn,direct', '--private', 'git.corp.example.com/*', '--nosumdb', 'git.corp.example.com']
const HOME = ['profile', 'add', 'home', '--proxy', 'https://goproxy.cn,direct', '--sumdb', 'sum.golang.google.cn']

describe('profile switch', () => {
  it('applies a profile so go env shows it, leaves nothing of the previous one, and is undoable', async () => {
    await ok(CORP)
    await ok(HOME)
    await sb.go(['env', '-w', 'GOINSECURE=old.example.com', 'GOFLAGS=-mod=mod'])
    await ok(['profile', 'switch', 'corp'])
    expect(await goEnv('GOPROXY', 'GOPRIVATE', 'GONOSUMDB', 'GOSUMDB', 'GOINSECURE')).toEqual({
      GOPROXY: 'https://athens.corp.example.com,https://goproxy.cn,direct',
      GOPRIVATE: 'git.corp.example.com/*',
      GONOSUMDB: 'git.corp.example.com',
      GOSUMDB: 'sum.golang.org',
      GOINSECURE: '',
    })
    const sw = await ok(['profile', 'switch', 'home', '--json'])
    expect(JSON.parse(sw.stdout)).toMatchObject({ profile: 'home', changed: true, written: { GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: 'sum.golang.google.cn', GOPRIVATE: null, GONOSUMDB: null } })
    // Only home's values remain; unmanaged keys are untouched.
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOFLAGS: '-mod=mod', GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: 'sum.golang.google.cn' })
    expect(await goEnv('GOPRIVATE', 'GONOPROXY')).toEqual({ GOPRIVATE: '', GONOPROXY: '' })

    expect(JSON.parse((await ok(['profile', 'list', '--json'])).stdout)).toMatchObject({ active: 'home', profiles: [{ name: 'corp' }, { name: 'home' }] })
    const undo = await ok(['undo'])
    expect(undo.stdout).toMatch(/profile switch home/)
    expect(envFileVars(await sb.readEnvFile()).GOPRIVATE).toBe('git.corp.example.com/*')
    // The file holds corp's values again, so corp is the active profile.
    expect(JSON.parse((await ok(['profile', 'list', '--json'])).stdout).active).toBe('corp')

    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.io,direct'])
    const list = JSON.parse((await ok(['profile', 'list', '--json'])).stdout)
    // drift is measured against the profile last switched to (home).
    expect(list).toMatchObject({ active: null, lastSwitched: 'home' })
    expect(list.drift).toContain('GOPROXY')
  })

  it('--dry-run writes nothing; an unknown profile is exit 2 with a suggestion', async () => {
    await ok(HOME)
    const dry = await ok(['profile', 'switch', 'home', '--dry-run'])
    expect(dry.stdout).toMatch(/Would switch to profile home/)
    expect(await sb.readEnvFile()).toBe('')
    const r = await sb.run(['profile', 'switch', 'hom'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/unknown profile "hom"[\s\S]*did you mean home\?/)
  })

  it('without a name or project file, refuses (no terminal) and lists the profiles', async () => {
    await ok(HOME)
    await ok(CORP)
    const r = await sb.run(['profile', 'switch'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/your profiles: corp, home/)
  })
})

describe('project files (.gomirror.json)', () => {
  it('pin writes at the module root; switch with no name uses it; current reports it', async () => {
    await ok(HOME)
    await ok(CORP)
    const project = join(sb.dir, 'proj')
    const sub = join(project, 'internal', 'x')
    await mkdir(sub, { recursive: true })
    await writeFile(join(project, 'go.mod'), 'module example.com/proj\n\ngo 1.19\n')
    const pin = await ok(['profile', 'pin', 'corp'], sub)
    expect(pin.stdout).toContain(join(project, '.gomirror.json'))
    expect(JSON.parse(await readFile(join(project, '.gomirror.json'), 'utf8'))).toEqual({ profile: 'corp' })

    await ok(['profile', 'switch', 'home'], sub)
    const before = JSON.parse((await ok(['current', '--json'], sub)).stdout)
    expect(before).toMatchObject({ profile: 'home', pinned: { profile: 'corp', inEffect: false } })
    expect(before.pinned.differs).toEqual(['GOPROXY', 'GOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB'])
    expect((await ok(['current'], sub)).stdout).toMatch(/pins corp, but .* differ; apply it with: gomirror profile switch/)

    const sw = await ok(['profile', 'switch'], sub)
    expect(sw.stdout).toMatch(/Switched to profile corp \(from .*\.gomirror\.json\)/)
    expect((await goEnv('GOPRIVATE')).GOPRIVATE).toBe('git.corp.example.com/*')
    expect(JSON.parse((await ok(['current', '--json'], sub)).stdout)).toMatchObject({ profile: 'corp', pinned: { profile: 'corp', inEffect: true, differs: [] } })
  })

  it('a shared definition never applies unseen: shown, refused without a terminal, adopted with --yes', async () => {
    const project = join(sb.dir, 'team')
    await mkdir(project)
    await writeFile(join(project, '.gomirror.json'), JSON.stringify({ profile: 'team', vars: { GOPROXY: 'https://goproxy.team.example.com,direct', GOPRIVATE: 'git.team.example.com' } }))
    const refused = await runIn(project, ['profile', 'switch'])
    expect(refused.exitCode).toBe(2)
    expect(refused.stdout).toMatch(/defines profile team, which you do not have yet/)
    expect(refused.stdout).toMatch(/GOPROXY +\(not set\) → https:\/\/goproxy.team.example.com,direct/)
    expect(refused.stderr).toMatch(/re-run with --yes/)
    expect(await sb.readEnvFile()).toBe('')
    await expect(stat(config)).rejects.toThrow()

    await ok(['profile', 'switch', '--yes'], project)
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOPROXY: 'https://goproxy.team.example.com,direct', GOPRIVATE: 'git.team.example.com' })
    expect(JSON.parse((await ok(['profile', 'show', 'team', '--json'])).stdout)).toMatchObject({ name: 'team', active: true })

    // The repository changes the definition: shown as a difference, refused again until --yes.
    await writeFile(join(project, '.gomirror.json'), JSON.stringify({ profile: 'team', vars: { GOPROXY: 'https://evil.example.com,direct', GOSUMDB: 'off' } }))
    const changed = await runIn(project, ['profile', 'switch'])
    expect(changed.exitCode).toBe(2)
    expect(changed.stdout).toMatch(/differently from yours/)
    expect(changed.stdout).toMatch(/GOPROXY +https:\/\/goproxy.team.example.com,direct → https:\/\/evil.example.com,direct/)
    expect(changed.stdout).toMatch(/GOSUMDB=off turns checksum verification off/)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe('https://goproxy.team.example.com,direct')
    // env and exec refuse it too, pointing at the command that shows it.
    const env = await runIn(project, ['env'])
    expect(env.exitCode).toBe(2)
    expect(env.stderr).toMatch(/not used unseen[\s\S]*profile import/)
  })

  it('pin --share writes the definition, but never credentials', async () => {
    await ok(HOME)
    await ok(['profile', 'add', 'secret', '--proxy', 'https://alice:tok3n@athens.corp.example.com,direct'])
    await ok(['profile', 'pin', 'home', '--share'])
    expect(JSON.parse(await readFile(join(sb.dir, '.gomirror.json'), 'utf8'))).toEqual({ profile: 'home', vars: { GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: 'sum.golang.google.cn' } })
    const r = await sb.run(['profile', 'pin', 'secret', '--share'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/credentials[\s\S]*netrc/)
    expect(r.stderr).not.toContain('tok3n')
  })
})

describe('export, import, save, rename, remove', () => {
  it('round-trips a profile through export and import, strictly validated', async () => {
    await ok(CORP)
    const file = join(sb.dir, 'corp.json')
    await ok(['profile', 'export', 'corp', '--output', file])
    await ok(['profile', 'import', file, '--name', 'corp2'])
    const a = JSON.parse((await ok(['profile', 'show', 'corp', '--json'])).stdout)
    const b = JSON.parse((await ok(['profile', 'show', 'corp2', '--json'])).stdout)
    expect(b.vars).toEqual(a.vars)
    const dup = await sb.run(['profile', 'import', file])
    expect(dup.exitCode).toBe(0)
    expect(dup.stdout).toMatch(/already has exactly these settings/)

    await writeFile(file, JSON.stringify({ profile: 'corp', vars: { GOPROXY: 'https://goproxy.cn', GOSUMDB: 'goproxy.cn/sumdb/sum.golang.org' } }))
    const bad = await sb.run(['profile', 'import', file])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain(`invalid "vars.GOSUMDB" in ${file}`)
    expect(bad.stderr).toMatch(/for example: "GOSUMDB": "sum.golang.org https:\/\/goproxy.cn\/sumdb\/sum.golang.org"/)
    await writeFile(file, JSON.stringify({ profile: 'corp', vars: { GOPROXY: 'https://goproxy.cn' } }))
    const exists = await sb.run(['profile', 'import', file])
    expect(exists.exitCode).toBe(2)
    expect(exists.stderr).toMatch(/already exists[\s\S]*--force/)
    await ok(['profile', 'import', file, '--force'])
    expect(JSON.parse((await ok(['profile', 'show', 'corp', '--json'])).stdout).vars).toEqual({ GOPROXY: 'https://goproxy.cn' })
  })

  it('export refuses credentials unless asked; import reads stdin', async () => {
    await ok(['profile', 'add', 'secret', '--proxy', 'https://alice:tok3n@athens.corp.example.com,direct'])
    const r = await sb.run(['profile', 'export', 'secret'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).not.toContain('tok3n')
    const out = await ok(['profile', 'export', 'secret', '--with-credentials'])
    expect(JSON.parse(out.stdout).vars.GOPROXY).toContain('tok3n')
    const imp = await execa('node', [CLI, 'profile', 'import', '-', '--name', 'copy'], { env: sb.env, extendEnv: false, reject: false, input: out.stdout, cwd: sb.dir })
    expect(imp.exitCode, imp.stderr).toBe(0)
    expect(imp.stdout).toContain('alice:***@')
    expect(imp.stdout).not.toContain('tok3n')
  })

  it('save captures the go env file, says what the OS environment sets, and becomes active', async () => {
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct', 'GOPRIVATE=*.gitlab.com,*.gitee.com'])
    const r = await sb.run(['profile', 'save', 'mine'], { GOSUMDB: 'sum.golang.google.cn' })
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/GOSUMDB is set in your OS environment.*not captured/)
    const list = JSON.parse((await ok(['profile', 'list', '--json'])).stdout)
    expect(list).toEqual({ profiles: [{ name: 'mine', vars: { GOPROXY: 'https://goproxy.cn,direct', GOPRIVATE: '*.gitlab.com,*.gitee.com' } }], active: 'mine', lastSwitched: 'mine', drift: [] })
  })

  it('rename keeps the active marker; remove clears it and leaves the go env file', async () => {
    await ok(HOME)
    await ok(['profile', 'switch', 'home'])
    await ok(['profile', 'rename', 'home', 'cn'])
    expect(JSON.parse((await ok(['profile', 'list', '--json'])).stdout)).toMatchObject({ active: 'cn', profiles: [{ name: 'cn' }] })
    await ok(['profile', 'remove', 'cn'])
    expect(JSON.parse((await ok(['profile', 'list', '--json'])).stdout)).toMatchObject({ active: null, profiles: [] })
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe('https://goproxy.cn,direct')
  })
})

describe('validation and safety', () => {
  it('refuses each class of invalid value with exit 2 and saves nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--proxy', '"https://goproxy.cn"'], /contains quotes[\s\S]*--proxy '?https:\/\/goproxy.cn'?/],
      [['--proxy', 'ftp://goproxy.cn'], /the scheme must be https, http or file/],
      [['--proxy', 'goproxy'], /goproxy is not a URL/],
      [['--proxy', 'http://bob:pw@goproxy.corp.example.com'], /credentials over plain http/],
      [['--sumdb', 'https://goproxy.cn/sumdb/sum.golang.org'], /is a URL where the database name or key belongs[\s\S]*'sum.golang.org https:\/\/goproxy.cn\/sumdb\/sum.golang.org'/],
      [['--proxy', 'https://goproxy.cn/%zz'], /a "%" not followed by two hex digits/],
      [['--proxy', 'https:/goproxy.cn'], /has no host/],
      [['--sumdb', 'gosum.io+ce6e7566+AY5qEHUk/qmHc5btzW45JVoENfazw8LielDsaI+lEbq6'], /does not match its key/],
      [['--private', 'git.corp/[a-z'], /not a valid glob/],
      [['--nosumdb', 'git.corp.com\n'], /line break/],
    ]
    for (const [flags, message] of cases) {
      const r = await sb.run(['profile', 'add', 'bad', ...flags])
      expect(r.exitCode, `${flags.join(' ')}: ${r.stderr}`).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2)
    }
    for (const name of ['../etc', 'a/b', 'has space']) expect((await sb.run(['profile', 'add', name])).exitCode).toBe(2)
    await expect(stat(config)).rejects.toThrow()
  })

  it('accepts what go accepts but never uses as meant, warns naming the intent, and stores no empty element', async () => {
    const r = await sb.run(['profile', 'add', 'odd', '--proxy', 'https://goproxy.cn;direct', '--private', 'GitHub.com/MyCorp,,git.corp.example.com', '--sumdb', 'sum.golang.org goproxy.cn/sumdb/sum.golang.org'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout + r.stderr).toMatch(/";" is not a separator: go reads https:\/\/goproxy.cn;direct as one proxy URL. Did you mean ","\?/)
    expect(r.stdout + r.stderr).toMatch(/"GitHub.com\/MyCorp" can never match a module path: host names in module paths are lower-case/)
    const list = JSON.parse((await sb.run(['profile', 'list', '--json'])).stdout) as { profiles: { name: string; vars: Record<string, string> }[] }
    expect(list.profiles.find((p) => p.name === 'odd')?.vars).toEqual({ GOPROXY: 'https://goproxy.cn;direct', GOSUMDB: 'sum.golang.org goproxy.cn/sumdb/sum.golang.org', GOPRIVATE: 'GitHub.com/MyCorp,git.corp.example.com' })
    const env = await sb.run(['env', '--profile', 'odd'])
    expect(env.exitCode, env.stderr).toBe(0)
    expect(env.stdout).not.toMatch(/=',?'|,,|=,/)
    expect((await sb.run(['profile', 'remove', 'odd'])).exitCode).toBe(0)
  })

  it('a profile that weakens verification needs --yes and says what it disables', async () => {
    for (const flags of [['--sumdb', 'off'], ['--nosumdb', '*'], ['--private', 'github.com'], ['--insecure', '*.com']]) {
      const r = await sb.run(['profile', 'add', 'weak', ...flags])
      expect(r.exitCode, flags.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/weakens verification[\s\S]*re-run with --yes/)
    }
    await expect(stat(config)).rejects.toThrow()
    const r = await sb.run(['profile', 'add', 'weak', '--sumdb', 'off', '--yes'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/warning: GOSUMDB=off turns checksum verification off/)
  })

  it('keeps credentials in a 0600 file and masks them everywhere it prints', async () => {
    const add = await ok(['profile', 'add', 'corp', '--proxy', 'https://alice:tok3n@athens.corp.example.com,direct'])
    const outputs = [add, await ok(['profile', 'list']), await ok(['profile', 'list', '--json']), await ok(['profile', 'show', 'corp']), await ok(['profile', 'show', 'corp', '--json']), await ok(['profile', 'switch', 'corp']), await ok(['current', '--json'])]
    for (const o of outputs) {
      expect(o.stdout + o.stderr).not.toContain('tok3n')
    }
    expect(outputs[2]?.stdout).toContain('alice:***@athens')
    expect((await stat(config)).mode & 0o777).toBe(0o600)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe('https://alice:tok3n@athens.corp.example.com,direct')
  })

  it('concurrent profile adds lose nothing and leave valid JSON', async () => {
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']
    const results = await Promise.all(names.map((n) => sb.run(['profile', 'add', n, '--proxy', `https://${n}.example.com,direct`])))
    for (const r of results) expect(r.exitCode, r.stderr).toBe(0)
    const data = JSON.parse(await readFile(config, 'utf8'))
    expect(Object.keys(data.profiles).sort()).toEqual(names)
    expect(data.profiles.p4.vars).toEqual({ GOPROXY: 'https://p4.example.com,direct' })
  })

  it('an old config file without profiles still loads', async () => {
    await mkdir(join(sb.dir, '.config', 'gomirror'), { recursive: true })
    await writeFile(config, JSON.stringify({ mirrors: {}, history: [] }))
    expect(JSON.parse((await ok(['profile', 'list', '--json'])).stdout)).toEqual({ profiles: [], active: null, lastSwitched: null, drift: [] })
    await ok(HOME)
  })
})
