import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ProbeResult } from '../../src/probe/types.js'
import { setLang } from '../../src/ui/i18n.js'
import { createProbeProgress, progressEnabled, renderProgressFrame } from '../../src/ui/progress.js'
import { width } from '../../src/ui/text.js'

afterEach(() => {
  setLang('en')
  vi.useRealTimers()
})

function result(name: string, healthy: boolean, latencyMs: number | null, error: string | null = null): ProbeResult {
  return { name, url: `https://${name}.example/`, healthy, latencyMs, connectMs: null, samples: [], sumdb: null, error }
}

describe('renderProgressFrame', () => {
  const started = ['goproxy.cn', 'aliyun', 'official']
  const results = new Map([
    ['goproxy.cn', result('goproxy.cn', true, 21.4)],
    ['official', result('official', false, null, 'list: no answer within 4000 ms')],
  ])

  it('shows counts, then a row per started mirror that fills in as answers arrive', () => {
    const lines = renderProgressFrame({ total: 4, started, results }, { unicode: false })
    expect(lines[0]).toBe('| Probing 4 mirrors: 2 answered, 1 healthy')
    expect(lines.slice(1)).toEqual([
      '  goproxy.cn     21 ms  healthy',
      '  aliyun           ...',
      '  official      failed  list: no answer within 4000 ms',
    ])
  })

  it('animates the spinner with the tick, Unicode or ASCII', () => {
    const frame = (tick: number, unicode: boolean): string => (renderProgressFrame({ total: 1, started: [], results: new Map() }, { unicode, tick })[0] as string)[0] as string
    expect([0, 1, 2, 3, 4].map((n) => frame(n, false)).join('')).toBe('|/-\\|')
    expect(frame(0, true)).toBe('⠋')
  })

  it('never lets a line wrap, and never grows taller than the screen', () => {
    const many = Array.from({ length: 40 }, (_, i) => `mirror-${i}`)
    const long = new Map(many.map((n) => [n, result(n, false, null, `list: ${'very long reason '.repeat(10)}`)]))
    const lines = renderProgressFrame({ total: 40, started: many, results: long }, { unicode: true, columns: 60, rows: 12 })
    expect(lines.length).toBeLessThanOrEqual(11)
    expect(lines.every((l) => width(l) < 60)).toBe(true)
    expect(lines.at(-1)).toMatch(/and 31 more/)
  })

  it('speaks Chinese and still fits (wide characters count two)', () => {
    setLang('zh')
    const lines = renderProgressFrame({ total: 4, started, results }, { unicode: true, columns: 40 })
    expect(lines[0]).toContain('正在探测 4 个镜像')
    expect(lines.every((l) => width(l) < 40)).toBe(true)
  })
})

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { out: string } {
  const s = { isTTY, columns: 80, rows: 24, out: '', write(chunk: string) { s.out += chunk; return true } }
  return s as unknown as NodeJS.WriteStream & { out: string }
}

describe('createProbeProgress', () => {
  it('is on only for a terminal, and never under CI, --json or --quiet', () => {
    const tty = fakeStream(true)
    expect(progressEnabled({ stream: tty, env: {} })).toBe(true)
    expect(progressEnabled({ stream: fakeStream(false), env: {} })).toBe(false)
    expect(progressEnabled({ stream: tty, env: { CI: 'true' } })).toBe(false)
    expect(progressEnabled({ stream: tty, env: { TERM: 'dumb' } })).toBe(false)
    expect(progressEnabled({ stream: tty, env: {}, json: true })).toBe(false)
    expect(progressEnabled({ stream: tty, env: {}, quiet: true })).toBe(false)
  })

  it('writes nothing at all when off', () => {
    vi.useFakeTimers()
    const stream = fakeStream(false)
    const p = createProbeProgress({ total: 1, stream, env: {} })
    p.onStart({ name: 'a', url: 'https://a.example/' })
    p.onResult(result('a', true, 5))
    vi.advanceTimersByTime(1000)
    p.stop()
    expect(stream.out).toBe('')
  })

  it('redraws in place at most once per interval, and stop() erases the frame', () => {
    vi.useFakeTimers()
    const stream = fakeStream(true)
    const p = createProbeProgress({ total: 2, stream, env: { NO_COLOR: '1' }, intervalMs: 100 })
    p.onStart({ name: 'a', url: 'https://a.example/' })
    p.onStart({ name: 'b', url: 'https://b.example/' })
    expect(stream.out).toBe('')
    vi.advanceTimersByTime(100)
    // Header and two rows, drawn once for both events.
    expect(stream.out.split('\n').length - 1).toBe(3)
    p.onResult(result('a', true, 12))
    vi.advanceTimersByTime(100)
    // The second frame starts by moving up over the first (3 lines) and erasing it.
    expect(stream.out).toContain('\r\u001b[3A\u001b[J')
    expect(stream.out).toMatch(/a {2,}12 ms {2}healthy/)
    const before = stream.out.length
    p.stop()
    expect(stream.out.slice(before)).toBe('\r\u001b[3A\u001b[J')
    vi.advanceTimersByTime(1000)
    p.stop()
    expect(stream.out.length).toBe(before + '\r\u001b[3A\u001b[J'.length)
  })
})
