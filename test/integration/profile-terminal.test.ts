/**
 * The profile prompts in a real terminal (tmux): a definition from a repository is shown and asked
 * about, Ctrl-C leaves everything as it was, and switch without a name offers the profiles.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'
import { assertTerminalReady, startGomirror, type Terminal } from '../support/terminal.js'

let sb: Sandbox
let term: Terminal | undefined
beforeAll(() => {
  assertGoInstalled()
  assertTerminalReady()
})
beforeEach(async () => {
  sb = await createSandbox()
})
afterEach(async () => {
  await term?.kill()
  term = undefined
  await sb.cleanup()
})

const TEAM = { profile: 'team', vars: { GOPROXY: 'https://goproxy.team.example.com,direct', GOSUMDB: 'off' } }

describe('profile prompts', () => {
  it("shows a project's new definition and what it disables, and switches after yes", async () => {
    await writeFile(join(sb.dir, '.gomirror.json'), JSON.stringify(TEAM))
    term = await startGomirror(sb, ['profile', 'switch'], {}, { columns: 160 })
    const screen = await term.waitFor(/Use the project's definition/)
    expect(screen).toMatch(/defines profile team, which you do not have yet/)
    expect(screen).toMatch(/GOSUMDB=off turns checksum verification off/)
    expect(screen).toMatch(/GOPROXY +\(not set\) → https:\/\/goproxy.team.example.com,direct/)
    await term.sendKeys('y', 'Enter')
    expect(await term.waitForExit()).toBe(0)
    expect(envFileVars(await sb.readEnvFile())).toEqual(TEAM.vars)
  })

  it('Ctrl-C at the prompt exits 130 and writes nothing', async () => {
    await writeFile(join(sb.dir, '.gomirror.json'), JSON.stringify(TEAM))
    term = await startGomirror(sb, ['profile', 'switch'])
    await term.waitFor(/Use the project's definition/)
    await term.sendKeys('C-c')
    expect(await term.waitForExit()).toBe(130)
    expect(await sb.readEnvFile()).toBe('')
    expect((await sb.run(['profile', 'list', '--json'])).stdout).toMatch(/"profiles": \[\]/)
  })

  it('answering no to a weakening profile saves nothing (exit 1)', async () => {
    term = await startGomirror(sb, ['profile', 'add', 'weak', '--nosumdb', '*'])
    await term.waitFor(/turns these safeguards off/)
    await term.sendKeys('n', 'Enter')
    expect(await term.waitForExit()).toBe(1)
    expect((await sb.run(['profile', 'list', '--json'])).stdout).toMatch(/"profiles": \[\]/)
  })

  it('switch without a name or project file offers the profiles', async () => {
    for (const [name, proxy] of [['alpha', 'https://goproxy.cn,direct'], ['beta', 'https://goproxy.io,direct']]) {
      expect((await sb.run(['profile', 'add', name as string, '--proxy', proxy as string])).exitCode).toBe(0)
    }
    term = await startGomirror(sb, ['profile', 'switch'])
    await term.waitFor(/Pick a profile:[\s\S]*alpha[\s\S]*beta/)
    await term.sendKeys('Down', 'Enter')
    expect(await term.waitForExit()).toBe(0)
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOPROXY: 'https://goproxy.io,direct' })
  })
})
