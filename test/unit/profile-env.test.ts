import { describe, expect, it } from 'vitest'
import { planForProfile } from '../../src/commands/profile-switch.js'
import { applyToEnv, differencesInEffect, expectedGoValues, profileEnvironment } from '../../src/profiles/environment.js'
import { resolveProfile } from '../../src/profiles/resolve.js'
import { parseShell, quoteCmd, quoteDotenv, quoteFish, quotePowerShell, quoteSh, renderAssignments } from '../../src/profiles/shell.js'
import { activeProfileState } from '../../src/profiles/store.js'

describe('shell quoting', () => {
  it('sh: single quotes, a quote as \'\\\'\'', () => {
    expect(quoteSh("it's $HOME `x`")).toBe(`'it'\\''s $HOME \`x\`'`)
  })
  it('fish: single quotes with \\\\ and \\\' escaped', () => {
    expect(quoteFish("a\\b'c $x")).toBe(`'a\\\\b\\'c $x'`)
  })
  it('PowerShell: single quotes, every kind of single quote doubled', () => {
    expect(quotePowerShell("it's $env:HOME `n")).toBe(`'it''s $env:HOME \`n'`)
    expect(quotePowerShell('a\u2019b')).toBe("'a\u2019\u2019b'")
  })
  it('cmd: set "VAR=value" with % doubled; refuses a double quote or newline', () => {
    expect(quoteCmd('GOPROXY', 'https://a%40b@x & y | z ^ !')).toBe('set "GOPROXY=https://a%%40b@x & y | z ^ !"')
    expect(() => quoteCmd('GOPROXY', 'a"b')).toThrow(/cmd.exe cannot set safely/)
  })
  it('dotenv: double quotes with \\, " and $ escaped, newlines as \\n', () => {
    expect(quoteDotenv('a"b\\c$HOME\nd')).toBe('"a\\"b\\\\c\\$HOME\\nd"')
  })
  it('renders sets and removals per shell; dotenv omits removals', () => {
    const values = [['GOPROXY', 'https://goproxy.cn,direct'], ['GOPRIVATE', null]] as const
    expect(renderAssignments('sh', values)).toEqual(["export GOPROXY='https://goproxy.cn,direct'", 'unset GOPRIVATE'])
    expect(renderAssignments('fish', values)).toEqual(["set -gx GOPROXY 'https://goproxy.cn,direct'", 'set -e GOPRIVATE'])
    expect(renderAssignments('powershell', values)).toEqual(["$env:GOPROXY = 'https://goproxy.cn,direct'", 'Remove-Item Env:GOPRIVATE -ErrorAction SilentlyContinue'])
    expect(renderAssignments('cmd', values)).toEqual(['set "GOPROXY=https://goproxy.cn,direct"', 'set "GOPRIVATE="'])
    expect(renderAssignments('dotenv', values)).toEqual(['GOPROXY="https://goproxy.cn,direct"'])
  })
  it('parses --shell with common aliases', () => {
    expect(parseShell('bash')).toBe('sh')
    expect(parseShell('pwsh')).toBe('powershell')
    expect(() => parseShell('tcsh')).toThrow(/unknown --shell "tcsh"/)
  })
})

describe('profileEnvironment: Go sees exactly the profile', () => {
  it('sets what the profile sets and removes the rest when the go env file has none of it', () => {
    const env = profileEnvironment({ GOPROXY: 'https://goproxy.cn,direct' }, new Map())
    expect(env).toEqual({ GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: null, GOPRIVATE: null, GONOPROXY: null, GONOSUMDB: null, GOINSECURE: null })
  })
  it("spells out Go's default for what the go env file would otherwise leak in", () => {
    const file = new Map([['GOPROXY', 'https://athens.corp'], ['GOSUMDB', 'off'], ['GOPRIVATE', 'git.corp'], ['GONOSUMDB', 'git.corp'], ['GOINSECURE', 'git.corp']])
    expect(profileEnvironment({ GOPRIVATE: 'home.lan' }, file)).toEqual({
      GOPROXY: 'https://proxy.golang.org,direct',
      GOSUMDB: 'sum.golang.org',
      GOPRIVATE: 'home.lan',
      GONOPROXY: null,
      GONOSUMDB: 'home.lan',
      GOINSECURE: 'none.invalid',
    })
    expect(profileEnvironment({}, file).GOPRIVATE).toBe('none.invalid')
  })
  it('applyToEnv deletes removed variables and keeps the rest of the environment', () => {
    const env = applyToEnv({ PATH: '/bin', GOPRIVATE: 'x', GOFLAGS: '-mod=mod' }, profileEnvironment({ GOPROXY: 'off' }, new Map()))
    expect(env).toEqual({ PATH: '/bin', GOFLAGS: '-mod=mod', GOPROXY: 'off' })
  })
  it('expected go env values follow GOPRIVATE for GONOPROXY/GONOSUMDB', () => {
    expect(expectedGoValues({ GOPRIVATE: 'a' })).toMatchObject({ GONOPROXY: 'a', GONOSUMDB: 'a', GOPROXY: 'https://proxy.golang.org,direct' })
    const effective = { GOPROXY: 'https://proxy.golang.org,direct', GOSUMDB: 'sum.golang.org', GOPRIVATE: 'none.invalid', GONOPROXY: 'none.invalid', GONOSUMDB: ',', GOINSECURE: '' }
    expect(differencesInEffect({}, effective)).toEqual([])
    expect(differencesInEffect({ GOSUMDB: 'off' }, effective)).toEqual(['GOSUMDB'])
  })
})

describe('planForProfile', () => {
  it('sets what the profile defines and unsets every other managed key the file has', () => {
    const file = new Map([['GOPROXY', 'x'], ['GOPRIVATE', 'corp'], ['GOFLAGS', '-mod=mod']])
    expect(planForProfile({ GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: 'sum.golang.google.cn' }, file)).toEqual({
      set: { GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: 'sum.golang.google.cn' },
      unset: ['GOPRIVATE'],
    })
  })
})

describe('active profile', () => {
  const profiles = { home: { vars: { GOPROXY: 'https://goproxy.cn,direct' } }, corp: { vars: { GOPROXY: 'https://athens.corp', GOPRIVATE: 'corp' } } }
  it('is the last switched one while the file matches it', () => {
    expect(activeProfileState({ profiles, activeProfile: 'home' }, new Map([['GOPROXY', 'https://goproxy.cn,direct']]))).toEqual({ name: 'home', lastSwitched: 'home', drift: [] })
  })
  it('is none once the file changed, with what changed', () => {
    expect(activeProfileState({ profiles, activeProfile: 'home' }, new Map([['GOPROXY', 'https://goproxy.io']]))).toEqual({ name: null, lastSwitched: 'home', drift: ['GOPROXY'] })
  })
  it('is the one profile the file matches after an undo', () => {
    expect(activeProfileState({ profiles, activeProfile: 'home' }, new Map([['GOPROXY', 'https://athens.corp'], ['GOPRIVATE', 'corp']]))).toMatchObject({ name: 'corp', lastSwitched: 'home' })
  })
})

describe('resolveProfile for env/exec', () => {
  const data = { profiles: { corp: { vars: { GOPROXY: 'https://athens.corp' } } }, activeProfile: 'corp' }
  const project = (vars: Record<string, string> | null) => ({ path: '/p/.gomirror.json', profile: 'corp', vars, warnings: [] })
  it('prefers --profile, then the project, then the active profile', () => {
    expect(resolveProfile(data, { name: 'corp', project: null, fileVars: new Map() }).from).toBe('option')
    expect(resolveProfile(data, { name: undefined, project: project(null), fileVars: new Map() }).from).toBe('project')
    expect(resolveProfile(data, { name: undefined, project: null, fileVars: new Map([['GOPROXY', 'https://athens.corp']]) }).from).toBe('active')
  })
  it("never uses a project's definition the user has not adopted", () => {
    expect(() => resolveProfile(data, { name: undefined, project: project({ GOPROXY: 'https://evil.example' }), fileVars: new Map() })).toThrow(/differently from yours; it is not used unseen/)
    expect(resolveProfile(data, { name: undefined, project: project({ GOPROXY: 'https://athens.corp' }), fileVars: new Map() }).name).toBe('corp')
  })
  it('says what to do when there is nothing to go on', () => {
    expect(() => resolveProfile({ profiles: {}, activeProfile: null }, { name: undefined, project: null, fileVars: new Map() })).toThrow(/no profile is active/)
  })
})
