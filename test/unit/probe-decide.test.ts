import { describe, expect, it } from 'vitest'
import { findBar, graceMs, isBehind, keepSampling, lowerBound, medianInterval, shouldCutOff, type MirrorProgress } from '../../src/probe/decide.js'

function mirror(name: string, over: Partial<MirrorProgress> = {}): MirrorProgress {
  return { name, startedAt: 0, samples: [], pendingSince: null, passed: false, state: 'running', latencyMs: null, finishedAt: null, exempt: false, ...over }
}

const done = (name: string, latencyMs: number, finishedAt = 100): MirrorProgress =>
  mirror(name, { state: 'healthy', passed: true, latencyMs, finishedAt, samples: [latencyMs, latencyMs] })

const RULE = { base: 5, cap: 20 }

describe('findBar', () => {
  it('is the k-th fastest finished healthy mirror', () => {
    const all = [done('b', 30), mirror('running'), done('a', 10), mirror('dead', { state: 'failed' })]
    expect(findBar(all, 1)).toMatchObject({ name: 'a', latencyMs: 10, k: 1 })
    expect(findBar(all, 2)).toMatchObject({ name: 'b', latencyMs: 30, k: 2 })
    expect(findBar(all, 3)).toBeNull()
  })
})

describe('lowerBound', () => {
  it('before any warm answer: a fifth of the time taken so far', () => {
    expect(lowerBound(mirror('cold'), 600, 20)).toBe(120)
  })
  it('assumes every sample still to come is as fast as the fastest so far', () => {
    expect(lowerBound(mirror('m', { samples: [12, 30] }), 1000, 20)).toBe(12)
  })
  it('counts a sample in flight at what it has taken so far', () => {
    // [40, 50, 45 (in flight)] with a cap of 3: nothing left to come.
    expect(lowerBound(mirror('m', { samples: [40, 50], pendingSince: 955 }), 1000, 3)).toBe(45)
  })
})

describe('medianInterval (order statistics, about 90%)', () => {
  const ranks = (n: number) => Array.from({ length: n }, (_, i) => n - i) // unsorted on purpose
  it.each([
    [2, [1, 2]],
    [5, [1, 5]],
    [8, [2, 7]],
    [10, [2, 9]],
    [20, [6, 15]],
  ])('%i samples → %j', (n, want) => {
    expect(medianInterval(ranks(n))).toEqual(want)
  })
})

describe('shouldCutOff', () => {
  const bar = findBar([done('fast', 10, 90)], 1)
  it('cuts a silent mirror once it had the grace and cannot beat the bar', () => {
    expect(shouldCutOff(mirror('silent'), bar, 499, 0, 500, 20)).toBe(false) // grace not over
    expect(shouldCutOff(mirror('silent'), bar, 500, 0, 500, 20)).toBe(true)
  })
  it('gives at least twice the time the bar needed to finish', () => {
    const slowBar = findBar([done('fast', 10, 400)], 1)
    expect(graceMs(slowBar!, 0, 500)).toBe(800)
    expect(shouldCutOff(mirror('silent'), slowBar, 700, 0, 500, 20)).toBe(false)
  })
  it('spares a mirror whose answers so far could still beat the bar', () => {
    expect(shouldCutOff(mirror('quick', { samples: [8] }), bar, 900, 0, 500, 20)).toBe(false)
  })
  it('spares exempt mirrors, mirrors past their health checks, and everything before a bar exists', () => {
    expect(shouldCutOff(mirror('named', { exempt: true }), bar, 5000, 0, 500, 20)).toBe(false)
    expect(shouldCutOff(mirror('passed', { passed: true, samples: [50, 50] }), bar, 5000, 0, 500, 20)).toBe(false)
    expect(shouldCutOff(mirror('silent'), null, 5000, 0, 500, 20)).toBe(false)
  })
})

describe('keepSampling', () => {
  it('stops a mirror clearly behind the leader after its health checks: fewer samples', () => {
    const slow = mirror('slow', { passed: true, samples: [60, 62] })
    const all = [done('fast', 10), slow]
    expect(isBehind(slow, findBar(all, 1), 200, RULE.cap)).toBe(true)
    expect(keepSampling(slow, all, findBar(all, 1), 200, RULE)).toBe(false)
    expect(keepSampling(slow, all, findBar(all, 1), 200, RULE, false)).toBe(true) // --no-cutoff
  })
  it('takes the base samples, then more only while the median intervals overlap a rival', () => {
    const self = mirror('a', { passed: true, samples: [40, 41, 39, 42, 40] })
    const apart = mirror('b', { passed: true, samples: [55, 56, 54, 57, 55] })
    const close = mirror('c', { passed: true, samples: [41, 44, 38, 45, 43] })
    expect(keepSampling(mirror('a', { passed: true, samples: [40, 41] }), [apart], null, 0, RULE)).toBe(true)
    expect(keepSampling(self, [self, apart], null, 0, RULE)).toBe(false)
    expect(keepSampling(self, [self, close], null, 0, RULE)).toBe(true)
    expect(keepSampling(self, [self, { ...close, state: 'failed' }], null, 0, RULE)).toBe(false)
  })
  it('treats a rival with no answers yet as anything from its best case up', () => {
    const self = mirror('a', { passed: true, samples: [10, 10, 11, 10, 10] })
    expect(keepSampling(self, [self, mirror('silent')], null, 40, RULE)).toBe(true) // 40 ms / 5 = 8 ≤ 10
    expect(keepSampling(self, [self, mirror('silent')], null, 100, RULE)).toBe(false) // 20 > 11
  })
  it('never goes past the cap', () => {
    const self = mirror('a', { passed: true, samples: Array(20).fill(40) })
    expect(keepSampling(self, [self, mirror('b', { samples: [40, 40] })], null, 0, RULE)).toBe(false)
  })
})
