/** The trust prompt in a real terminal (tmux): shown with what would be unverified; "no" writes nothing. */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'
import { assertTerminalReady, startGomirror, type Terminal } from '../support/terminal.js'
import { verifierKey } from '../support/verifier-key.js'

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

it('asks about a definition that changes verification, naming the database and the exempted module; no writes nothing', async () => {
  const vars = { GOSUMDB: verifierKey('sum.evil.example'), GONOSUMDB: 'github.com/victim/lib' }
  await writeFile(join(sb.dir, '.gomirror.json'), JSON.stringify({ profile: 'team', vars }))
  term = await startGomirror(sb, ['profile', 'switch'], {}, { columns: 400 })
  const screen = await term.waitFor(/changes how modules are verified/)
  expect(screen).toMatch(/replaces sum\.golang\.org: .*database sum\.evil\.example/)
  expect(screen).toMatch(/GONOSUMDB=github\.com\/victim\/lib exempts github\.com\/victim\/lib from checksum verification/)
  await term.sendKeys('n', 'Enter')
  expect(await term.waitForExit()).toBe(1)
  expect(await sb.readEnvFile()).toBe('')

  term = await startGomirror(sb, ['profile', 'switch'], {}, { columns: 400 })
  await term.waitFor(/changes how modules are verified/)
  await term.sendKeys('y', 'Enter')
  expect(await term.waitForExit()).toBe(0)
  expect(envFileVars(await sb.readEnvFile())).toEqual(vars)
})
