/**
 * What a person sees in an 80x24 terminal (tmux): colour only where it belongs, tables that fit,
 * Chinese that lines up, and the picker and progress behaving under real keys and cursor movement.
 */
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { width } from '../../src/ui/text.js'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { createSandbox, ROOT, type Sandbox } from '../support/sandbox.js'
import { assertTerminalReady, SGR, startGomirror, startTerminal, type Terminal } from '../support/terminal.js'

const FIXTURE = join(ROOT, 'test', 'support', 'tty-fixture.mjs')
/** Colour as a real terminal user has it: the test runner's NO_COLOR/FORCE_COLOR removed. */
const COLOUR_ENV = { NO_COLOR: undefined, FORCE_COLOR: undefined }

let good: Mirror
let broken: Mirror
let sb: Sandbox
let term: Terminal | undefined
beforeAll(async () => {
  assertTerminalReady()
  ;[good, broken] = await Promise.all([startMirror({ latencyMs: 5 }), startMirror({ fault: 'status-500' })])
})
afterAll(async () => Promise.all([good?.close(), broken?.close()]))
beforeEach(async () => {
  sb = await createSandbox()
  await sb.setCatalog([
    { name: 'good', url: good.url },
    { name: 'broken', url: broken.url },
  ])
})
afterEach(async () => {
  await term?.kill()
  term = undefined
  await sb.cleanup()
})

const fits = (screen: string): string[] => screen.split('\n').filter((l) => width(l) > 80)

describe('output in a terminal', () => {
  it('gomirror test with NO_COLOR: a colour-free table that fits 80 columns', async () => {
    term = await startGomirror(sb, ['test', '--samples', '2'])
    expect(await term.waitForExit()).toBe(0)
    const screen = await term.capture({ colors: true })
    expect(screen).toMatch(/good .* ms/)
    expect(screen).toMatch(/broken +failed/)
    expect(screen).toMatch(/1 of 2 healthy; fastest: good/)
    expect(screen).not.toMatch(SGR)
    expect(fits(screen)).toEqual([])
  })

  it('colour on a terminal by default; --no-color and NO_COLOR turn it off', async () => {
    term = await startGomirror(sb, ['ls'], COLOUR_ENV)
    expect(await term.waitForExit()).toBe(0)
    expect(await term.capture({ colors: true })).toMatch(SGR)
    await term.kill()

    term = await startGomirror(sb, ['ls', '--no-color'], COLOUR_ENV)
    expect(await term.waitForExit()).toBe(0)
    const plain = await term.capture({ colors: true })
    expect(plain).toMatch(/good/)
    expect(plain).not.toMatch(SGR)
  })

  it('--lang zh and LANG=zh_CN.UTF-8 speak Chinese, and Chinese help fits 80 columns', async () => {
    term = await startGomirror(sb, ['--lang', 'zh', 'mirror', 'add', 'corp', 'https://goproxy.corp.example.com'])
    expect(await term.waitForExit()).toBe(0)
    expect(await term.capture()).toContain('已添加镜像 corp：https://goproxy.corp.example.com')
    await term.kill()

    term = await startGomirror(sb, ['use', '--help'], { LANG: 'zh_CN.UTF-8' })
    expect(await term.waitForExit()).toBe(0)
    const help = await term.capture({ history: true })
    expect(help).toContain('用法: gomirror use')
    expect(help).toContain('只显示计划，不写入')
    expect(fits(help)).toEqual([])
  })
})

describe('the picker (built, driven by test/support/tty-fixture.mjs)', () => {
  const startPicker = async (...args: string[]): Promise<Terminal> => startTerminal(['node', FIXTURE, 'pick', ...args], { env: sb.env, dir: sb.dir })

  it('lists mirrors fastest first with latency and a bar, the unhealthy one disabled with why; Enter picks the fastest', async () => {
    term = await startPicker()
    const screen = await term.waitFor('Pick a mirror (fastest first):')
    const rows = screen.split('\n')
    const at = (name: string): number => rows.findIndex((l) => l.includes(name))
    expect(at('goproxy.cn')).toBeLessThan(at('aliyun'))
    expect(at('aliyun')).toBeLessThan(at('tencent'))
    expect(at('tencent')).toBeLessThan(at('official'))
    expect(rows[at('goproxy.cn')]).toMatch(/21 ms +\S+/)
    expect(rows[at('official')]).toMatch(/failed {2}list: no answer within 4000 ms/)
    expect(fits(screen)).toEqual([])
    await term.sendKeys('Enter')
    expect(await term.waitForExit()).toBe(0)
    expect(await term.capture()).toContain('picked goproxy.cn')
  })

  it('arrow keys move; the disabled row cannot be picked', async () => {
    term = await startPicker()
    await term.waitFor('Pick a mirror')
    await term.sendKeys('Down', 'Down', 'Down')
    await term.sendKeys('Enter')
    await term.waitFor('This mirror is unhealthy and cannot be picked.')
    await term.sendKeys('Up', 'Enter')
    expect(await term.waitForExit()).toBe(0)
    expect(await term.capture()).toContain('picked tencent')
  })

  it('Ctrl-C exits 130 and says nothing was changed', async () => {
    term = await startPicker()
    await term.waitFor('Pick a mirror')
    await term.sendKeys('C-c')
    expect(await term.waitForExit()).toBe(130)
    expect(await term.capture()).toContain('cancelled; nothing was changed')
  })

  it('speaks Chinese with --lang zh', async () => {
    term = await startPicker('--lang', 'zh')
    const screen = await term.waitFor('选择镜像（最快的在前）：')
    expect(screen).toMatch(/official +失败 +list: no answer/)
    expect(fits(screen)).toEqual([])
    await term.sendKeys('C-c')
    expect(await term.waitForExit()).toBe(130)
    expect(await term.capture()).toContain('已取消，未做任何更改')
  })
})

describe('probe progress (built, driven by test/support/tty-fixture.mjs)', () => {
  it('fills rows in as answers arrive, then is erased before the final table', async () => {
    term = await startTerminal(['node', FIXTURE, 'progress'], { env: sb.env, dir: sb.dir })
    const frame = await term.waitFor(/Probing 3 mirrors: 2 answered, 1 healthy/)
    expect(frame).toMatch(/goproxy\.cn +21 ms +healthy/)
    expect(frame).toMatch(/official +failed +list: no answer/)
    expect(frame).toMatch(/aliyun +(…|\.\.\.)$/m)
    await term.sendKeys('x')
    expect(await term.waitForExit()).toBe(0)
    const screen = await term.capture()
    expect(screen).not.toContain('Probing')
    // The table starts where the progress began: the first line of the screen.
    expect(screen.split('\n')[0]).toBe('FINAL TABLE')
  })
})

describe('the real commands in a terminal', () => {
  it('gomirror use with no argument probes, offers the picker, and Enter switches to the fastest', async () => {
    term = await startGomirror(sb, ['use'])
    const screen = await term.waitFor('Pick a mirror (fastest first):')
    const rows = screen.split('\n')
    expect(rows.findIndex((l) => l.includes('good'))).toBeLessThan(rows.findIndex((l) => l.includes('broken')))
    expect(screen).toMatch(/broken +failed +list: HTTP 500/)
    expect(screen).not.toContain('Probing') // progress erased before the prompt
    await term.sendKeys('Enter')
    expect(await term.waitForExit()).toBe(0)
    expect(await term.capture()).toMatch(/Switched to good/)
    expect(await sb.readEnvFile()).toBe(`GOPROXY=${good.url},direct\n`)
  })

  it('Ctrl-C at the picker exits 130 and writes nothing', async () => {
    term = await startGomirror(sb, ['use'])
    await term.waitFor('Pick a mirror')
    await term.sendKeys('C-c')
    expect(await term.waitForExit()).toBe(130)
    expect(await sb.readEnvFile()).toBe('')
  })

  it('gomirror test shows progress while a mirror is slow, then erases it before the table', async () => {
    const slow = await startMirror({ latencyMs: 700 })
    try {
      await sb.setCatalog([{ name: 'good', url: good.url }, { name: 'slow', url: slow.url }])
      term = await startGomirror(sb, ['test', '--no-cutoff', '--samples', '2'])
      const frame = await term.waitFor(/Probing 2 mirrors: 1 answered/)
      expect(frame).toMatch(/good +\d+(\.\d)? ms/)
      expect(await term.waitForExit()).toBe(0)
      const screen = await term.capture()
      expect(screen).not.toContain('Probing')
      expect(screen.split('\n')[0]).toMatch(/MIRROR +LATENCY/)
    } finally {
      await slow.close()
    }
  })
})
