/**
 * Deciding early and sampling adaptively, against loopback mirrors: the cut-off happens and is
 * reported, clearly slower mirrors take fewer samples, overlapping ones take more, and the
 * jittered 40 ms / 55 ms pair ranks right. Behaviour only: no wall-clock goals here (npm run bench).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { probeMirrors } from '../../src/probe/probe.js'
import { rankResults } from '../../src/probe/rank.js'
import type { ProbeResult } from '../../src/probe/types.js'
import { startMirror, type Mirror, type MirrorOptions } from '../support/mirror-server.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()))
})

async function mirror(opts: MirrorOptions = {}): Promise<Mirror> {
  const m = await startMirror(opts)
  cleanups.push(() => m.close())
  return m
}

function byName(results: ProbeResult[]): Record<string, ProbeResult> {
  return Object.fromEntries(results.map((r) => [r.name, r]))
}

describe('early cut-off', () => {
  it('stops waiting for a mirror that never answers once it can no longer beat the fastest, and says so', async () => {
    const fast = await mirror({ latencyMs: 5 })
    const hang = await mirror({ fault: 'hang' })
    const r = byName(await probeMirrors([{ name: 'fast', url: fast.url }, { name: 'hang', url: hang.url }], { requestTimeoutMs: 10_000 }))
    expect(r.fast).toMatchObject({ healthy: true, error: null })
    expect(r.fast?.cutOff).toBeUndefined()
    expect(r.hang).toMatchObject({ healthy: false, cutOff: true, latencyMs: null })
    expect(r.hang?.error).toMatch(/^cut off after \d+ ms: could no longer beat fast \(\d+(\.\d)? ms\)$/)
    // Given at least the grace, and far less than the 10 s the request was allowed.
    expect(r.hang?.cutOffAfterMs).toBeGreaterThanOrEqual(500)
    expect(r.hang?.cutOffAfterMs).toBeLessThan(10_000)
    expect(rankResults(Object.values(r)).map((x) => x.name)).toEqual(['fast', 'hang'])
  })

  it('with keep: 2 (use --fallback 1) waits for two finishers and names the slower of them', async () => {
    const a = await mirror({ latencyMs: 5 })
    const b = await mirror({ latencyMs: 15 })
    const hang = await mirror({ fault: 'hang' })
    const r = byName(await probeMirrors(
      [{ name: 'a', url: a.url }, { name: 'b', url: b.url }, { name: 'hang', url: hang.url }],
      { requestTimeoutMs: 10_000, decideEarly: { keep: 2 } },
    ))
    expect(r.b?.healthy).toBe(true)
    expect(r.hang?.error).toMatch(/^cut off after \d+ ms: could no longer beat the 2 fastest \(the slowest of them: b, \d+ ms\)$/)
  })

  it('never cuts off an exempt mirror (use <name>), nor anything with decideEarly: false', async () => {
    const fast = await mirror({ latencyMs: 5 })
    const hang = await mirror({ fault: 'hang' })
    const targets = [{ name: 'fast', url: fast.url }, { name: 'hang', url: hang.url }]
    const exempt = byName(await probeMirrors(targets, { requestTimeoutMs: 1200, decideEarly: { exempt: ['hang'] } }))
    expect(exempt.hang).toMatchObject({ healthy: false, error: 'list: no answer within 1200 ms' })
    expect(exempt.hang?.cutOff).toBeUndefined()
    const waited = byName(await probeMirrors(targets, { requestTimeoutMs: 1200, decideEarly: false }))
    expect(waited.hang).toMatchObject({ healthy: false, error: 'list: no answer within 1200 ms' })
    expect(waited.hang?.cutOff).toBeUndefined()
  })

  it('a slower mirror that keeps answering is not cut off: it passes its checks and stops sampling early', async () => {
    const fast = await mirror({ latencyMs: 5 })
    // A gap far wider than the event-loop jitter of a loaded two-core machine, so "clearly behind" holds.
    const slow = await mirror({ latencyMs: 150 })
    const r = byName(await probeMirrors([{ name: 'fast', url: fast.url }, { name: 'slow', url: slow.url }], { samples: 5 }))
    expect(r.slow).toMatchObject({ healthy: true, sumdb: true, error: null })
    expect(r.slow?.samples.length).toBeLessThan(5) // fewer samples: it cannot catch up
    expect(r.fast?.samples).toHaveLength(5)
  })

  it('a mirror that stalls after its health checks stays healthy once it is clearly behind', async () => {
    const fast = await mirror({ latencyMs: 5 })
    const stall = await mirror({ latencyMs: 30, fault: 'stall-after-mod' })
    const r = byName(await probeMirrors([{ name: 'fast', url: fast.url }, { name: 'stall', url: stall.url }], { requestTimeoutMs: 10_000 }))
    expect(r.stall).toMatchObject({ healthy: true, sumdb: true, error: null })
    expect(r.stall?.samples).toHaveLength(2)
  })
})

describe('adaptive sampling', () => {
  it('keeps sampling mirrors whose results overlap, up to the cap', async () => {
    const same = await Promise.all([1, 2, 3].map(() => mirror({ latencyMs: 20, jitter: 0.3 })))
    const results = await probeMirrors(same.map((m, i) => ({ name: `m${i}`, url: m.url })), { samples: 5, maxSamples: 8 })
    expect(Math.max(...results.map((r) => r.samples.length))).toBeGreaterThan(5)
    expect(results.every((r) => r.healthy && r.samples.length <= 8)).toBe(true)
  })

  it('stops well short of the cap when the mirrors are far apart', async () => {
    const [a, b] = await Promise.all([mirror({ latencyMs: 5 }), mirror({ latencyMs: 120 })])
    const r = byName(await probeMirrors([{ name: 'a', url: a.url }, { name: 'b', url: b.url }], { samples: 5, maxSamples: 40 }))
    // a samples on only while b, not yet answered, might still be as fast (a fifth of its wait).
    expect(r.a?.samples.length).toBeGreaterThanOrEqual(5)
    expect(r.a?.samples.length).toBeLessThan(20)
    expect(r.b?.samples.length).toBeLessThan(5)
  })

  it('ranks 40 ms ±30% ahead of 55 ms ±30% at least 19 times in 20 with the default settings', async () => {
    const trial = async (): Promise<{ winner: string; samples: number }> => {
      const [fast, slow] = await Promise.all([mirror({ latencyMs: 40, jitter: 0.3 }), mirror({ latencyMs: 55, jitter: 0.3 })])
      const ranked = rankResults(await probeMirrors([{ name: 'slow', url: slow.url }, { name: 'fast', url: fast.url }]))
      return { winner: ranked[0]?.name ?? '', samples: Math.max(...ranked.map((r) => r.samples.length)) }
    }
    // Ten at a time: each trial is two loopback mirrors and a second or so of mostly waiting.
    const outcomes = [...await Promise.all(Array.from({ length: 10 }, trial)), ...await Promise.all(Array.from({ length: 10 }, trial))]
    const wins = outcomes.filter((o) => o.winner === 'fast').length
    expect(wins, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(19)
  })
})
