import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { CancelledError } from '../../src/errors.js'
import type { ProbeResult } from '../../src/probe/types.js'
import { setLang } from '../../src/ui/i18n.js'
import { canPick, mirrorChoices, pickMirror, pickProfile, profileChoices } from '../../src/ui/picker.js'
import { width } from '../../src/ui/text.js'

afterEach(() => setLang('en'))

function result(name: string, healthy: boolean, latencyMs: number | null, error: string | null = null): ProbeResult {
  return { name, url: `https://${name}.example/`, healthy, latencyMs, connectMs: null, samples: [], sumdb: null, error }
}

const RESULTS = [
  result('official', false, null, 'list: no answer within 4000 ms'),
  result('aliyun', true, 38),
  result('goproxy.cn', true, 21),
  result('tencent', false, null, `info: HTTP 502 ${'and a very long explanation '.repeat(5)}`),
]

describe('mirrorChoices', () => {
  it('puts healthy mirrors first, fastest first, with latency and a bar; unhealthy ones disabled with why', () => {
    const choices = mirrorChoices(RESULTS, { unicode: false })
    expect(choices.map((c) => c.value)).toEqual(['goproxy.cn', 'aliyun', 'official', 'tencent'])
    expect(choices[0]?.name).toBe('goproxy.cn     21 ms  #######.....')
    expect(choices[1]?.name).toBe('aliyun         38 ms  ############')
    expect(choices[0]?.disabled).toBeUndefined()
    expect(choices[2]?.disabled).toBe('list: no answer within 4000 ms')
    expect(choices[2]?.description).toBe('https://official.example/')
  })

  it('fits 80 columns, also in Chinese (inquirer adds a marker and a space)', () => {
    setLang('zh')
    for (const c of mirrorChoices(RESULTS, { unicode: true, columns: 80 })) {
      expect(width(`- ${c.name} ${c.disabled ?? ''}`)).toBeLessThanOrEqual(80)
    }
    expect(mirrorChoices(RESULTS, { unicode: true })[3]?.name).toContain('失败')
  })

  it('marks the active profile', () => {
    expect(profileChoices(['home', 'corp'], 'corp').map((c) => c.name)).toEqual(['home', 'corp  (active)'])
  })
})

describe('canPick', () => {
  it('prompts only for a person at a terminal: never with --json, --yes, CI, or a pipe', () => {
    const tty = { isTTY: true }
    expect(canPick({}, {}, tty, tty)).toBe(true)
    expect(canPick({ json: true }, {}, tty, tty)).toBe(false)
    expect(canPick({ yes: true }, {}, tty, tty)).toBe(false)
    expect(canPick({}, { CI: '1' }, tty, tty)).toBe(false)
    expect(canPick({}, {}, { isTTY: false }, tty)).toBe(false)
    expect(canPick({}, {}, tty, {})).toBe(false)
  })
})

/** Drive the real inquirer prompt through in-memory streams. */
function keys(...sequence: string[]): { input: PassThrough; output: PassThrough; screen: () => string } {
  const input = new PassThrough()
  const output = new PassThrough()
  let screen = ''
  output.on('data', (d: Buffer) => (screen += d.toString()))
  let i = 0
  const next = (): void => {
    if (i < sequence.length) input.write(sequence[i++])
    if (i < sequence.length) setTimeout(next, 20)
  }
  setTimeout(next, 50)
  return { input, output, screen: () => screen }
}

describe('pickMirror', () => {
  it('Enter on the first row picks the fastest', async () => {
    const io = keys('\r')
    expect(await pickMirror(RESULTS, { unicode: false, context: io })).toBe('goproxy.cn')
    expect(io.screen()).toContain('Pick a mirror (fastest first):')
    expect(io.screen()).toContain('list: no answer within 4000 ms')
  })

  it('arrow keys move to another healthy mirror', async () => {
    expect(await pickMirror(RESULTS, { unicode: false, context: keys('\u001b[B', '\r') })).toBe('aliyun')
  })

  it('Ctrl-C cancels with CancelledError (exit 130)', async () => {
    const error = await pickMirror(RESULTS, { unicode: false, context: keys('\u0003') }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CancelledError)
    expect((error as CancelledError).exitCode).toBe(130)
  })

  it('refuses when nothing is healthy', async () => {
    await expect(pickMirror([RESULTS[0] as ProbeResult], { unicode: false })).rejects.toThrow(/no healthy mirror/)
  })
})

describe('pickProfile', () => {
  it('defaults to the active profile', async () => {
    expect(await pickProfile(['home', 'corp', 'ci'], 'corp', { unicode: false, context: keys('\r') })).toBe('corp')
  })

  it('refuses when there is no profile', async () => {
    await expect(pickProfile([], null)).rejects.toThrow(/no profile/)
  })
})
