/**
 * Damaged gomirror files (a crash, a full disk, a sync tool, a hand edit): every writing command
 * names the file and the mv that sets it aside, and writes nothing to the go env file; undo never
 * crashes. Each variant is checked with `reset` (which would change the go env file) and `undo`.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, type Sandbox } from '../support/sandbox.js'
import { configDir, readBytes } from './support.js'

/** The machine running the suite may be loaded; each case runs gomirror and go several times. */
const SLOW = 240_000
const sandboxes: Sandbox[] = []
let mirror: Mirror
beforeAll(async () => {
  assertGoInstalled()
  mirror = await startMirror()
})
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.cleanup()))
  await mirror?.close()
})

const ENTRY = { id: 'x1', at: '2026-01-01T00:00:00.000Z', command: 'use a', envFile: '<ENV>', previous: { GOPROXY: null }, written: { GOPROXY: 'https://goproxy.cn,direct' }, state: 'applied' }

/** [file, contents, what the message must say]. '<ENV>' is replaced with the sandbox's go env file. */
const VARIANTS: [string, string, RegExp][] = [
  ['config.json', '', /the file is empty/],
  ['config.json', '  \n\t\n', /the file is empty/],
  ['config.json', '{"mirrors": {', /JSON|Expected|Unexpected/],
  ['config.json', '[]', /not a JSON object/],
  ['config.json', '{"profiles": []}', /"profiles" is not an object/],
  ['config.json', '{"activeProfile": 5}', /"activeProfile" is not a string/],
  ['config.json', '{"history": [null]}', /history entry 1 is not an object/],
  ['config.json', '{"history": {"0": {}}}', /"history" is not a list/],
  ['config.json', JSON.stringify({ history: [{ ...ENTRY, state: undefined, previous: 'GOPROXY=x' }] }), /history entry 1: "previous" is not an object/],
  ['history.json', '', /the file is empty/],
  ['history.json', '   \n', /the file is empty/],
  ['history.json', '{"version":1,"entries":[{"id":"x1","at":"2026', /JSON|Unterminated|Expected|Unexpected/],
  ['history.json', JSON.stringify([ENTRY]), /not a JSON object/],
  ['history.json', JSON.stringify({ version: 1, entries: [null] }), /history entry 1 is not an object/],
  ['history.json', JSON.stringify({ version: 1, entries: 'none' }), /"entries" is not a list/],
  ['history.json', JSON.stringify({ version: 1, entries: [{ ...ENTRY, command: 5 }] }), /history entry 1: "command" is not a string/],
  ['history.json', JSON.stringify({ version: 1, entries: [{ ...ENTRY, written: { GOPROXY: 7 } }] }), /history entry 1: GOPROXY in "written" is neither a string nor null/],
  ['history.json', JSON.stringify({ version: 1, entries: [{ ...ENTRY, state: 'done' }] }), /history entry 1: "state" is not one of/],
  ['history.json', JSON.stringify({ version: 1, entries: [ENTRY, { ...ENTRY, previous: { PATH: '/bin' } }] }), /history entry 2: "previous" names PATH/],
]

describe.concurrent('damaged config and history', { timeout: SLOW }, () => {
  for (const [i, [file, contents, why]] of VARIANTS.entries()) {
    it(`${file} = ${JSON.stringify(contents).slice(0, 60)}: named with its mv, nothing written`, async () => {
      const sb = await createSandbox()
      sandboxes.push(sb)
      await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct', 'GOPRIVATE=*.corp.example'])
      const before = await readBytes(sb.envFile)
      const path = join(configDir(sb), file)
      await mkdir(configDir(sb), { recursive: true })
      const damaged = contents.replaceAll('<ENV>', sb.envFile.replaceAll('\\', '\\\\'))
      await writeFile(path, damaged)

      for (const args of [['reset'], ['undo', '--force']]) {
        const r = await sb.run(args)
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(1)
        expect(r.stderr).toContain(`${path} is damaged`)
        expect(r.stderr).toMatch(why)
        expect(r.stderr).toContain(`mv '${path}' '${path}.bak'`)
        expect(r.stderr).not.toMatch(/unexpected error|TypeError|at .*\.js/)
        expect(await readBytes(sb.envFile)).toEqual(before)
        expect(await readBytes(path)).toEqual(Buffer.from(damaged))
      }
      // Following the advice works: with the file set aside, reset is recorded and undoable
      // (checked for the first variant of each file; the rest only differ in the damage).
      if (i !== 0 && i !== VARIANTS.findIndex(([f]) => f === 'history.json')) return
      await rename(path, `${path}.bak`)
      const r = await sb.run(['reset'])
      expect(r.exitCode, r.stderr).toBe(0)
      const u = await sb.run(['undo'])
      expect(u.exitCode, u.stderr).toBe(0)
      expect(await readBytes(sb.envFile)).toEqual(before)
    })
  }
})

describe('an empty config.json and use', { timeout: SLOW }, () => {
  it('use stops before probing or writing, naming the file; profile switch likewise', async () => {
    const sb = await createSandbox()
    sandboxes.push(sb)
    await sb.setCatalog([{ name: 'a', url: mirror.url }])
    await sb.go(['env', '-w', 'GOPRIVATE=*.corp.example'])
    const before = await readBytes(sb.envFile)
    await mkdir(configDir(sb), { recursive: true })
    const path = join(configDir(sb), 'config.json')
    await writeFile(path, '')
    for (const args of [['use', 'a'], ['profile', 'switch', 'p']]) {
      const r = await sb.run(args)
      expect(r.exitCode, r.stderr).toBe(1)
      expect(r.stderr).toContain(`${path} is damaged (the file is empty)`)
      expect(r.stderr).not.toMatch(/Unexpected end of JSON input/)
      expect(await readBytes(sb.envFile)).toEqual(before)
    }
    expect(mirror.requests.length).toBe(0)
  })
})

describe('history kept inside config.json by an older gomirror', { timeout: SLOW }, () => {
  it('is carried over: undo walks it, and config.json no longer holds it afterwards', async () => {
    const sb = await createSandbox()
    sandboxes.push(sb)
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct'])
    await mkdir(configDir(sb), { recursive: true })
    const config = join(configDir(sb), 'config.json')
    const legacy = { at: '2026-01-01T00:00:00.000Z', command: 'use goproxy.cn', envFile: sb.envFile, previous: { GOPROXY: null }, written: { GOPROXY: 'https://goproxy.cn,direct' } }
    await writeFile(config, JSON.stringify({ mirrors: {}, profiles: {}, history: [legacy] }))
    const u = await sb.run(['undo', '--json'])
    expect(u.exitCode, u.stderr).toBe(0)
    expect(JSON.parse(u.stdout)).toMatchObject({ undone: { command: 'use goproxy.cn' }, written: { GOPROXY: null }, remaining: 0 })
    expect(await sb.readEnvFile()).toBe('')
    expect(JSON.parse((await readBytes(config))?.toString() ?? '{}')).not.toHaveProperty('history')
    expect(JSON.parse((await readBytes(join(configDir(sb), 'history.json')))?.toString() ?? '{}')).toEqual({ version: 1, entries: [] })
  })
})
