import { describe, expect, it } from 'vitest'
import { fastest, median, rankResults } from '../../src/probe/rank.js'
import type { ProbeResult } from '../../src/probe/types.js'

function row(name: string, healthy: boolean, latencyMs: number | null, connectMs: number | null = 10): ProbeResult {
  return { name, url: `https://${name}.example/`, healthy, latencyMs, connectMs, samples: [], sumdb: null, error: healthy ? null : 'list: HTTP 500' }
}

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 90], 10],
  ])('median(%j) = %j', (values, want) => {
    expect(median(values)).toBe(want)
  })

  it('does not reorder its input', () => {
    const values = [3, 1, 2]
    median(values)
    expect(values).toEqual([3, 1, 2])
  })
})

describe('rankResults', () => {
  it('puts healthy mirrors first, fastest first', () => {
    const ranked = rankResults([row('slow', true, 80), row('dead', false, null), row('fast', true, 20)])
    expect(ranked.map((r) => r.name)).toEqual(['fast', 'slow', 'dead'])
  })

  it('breaks latency ties by connection time, then by name', () => {
    const ranked = rankResults([row('c', true, 20, 5), row('b', true, 20, 9), row('a', true, 20, 9), row('d', true, 20, null)])
    expect(ranked.map((r) => r.name)).toEqual(['c', 'a', 'b', 'd'])
  })

  it('orders unhealthy mirrors by name, ignoring any partial latency', () => {
    const ranked = rankResults([row('zeta', false, 1), row('alpha', false, 500), row('mid', true, 999)])
    expect(ranked.map((r) => r.name)).toEqual(['mid', 'alpha', 'zeta'])
  })

  it('returns a new array and leaves the input alone', () => {
    const input = [row('b', true, 2), row('a', true, 1)]
    const ranked = rankResults(input)
    expect(ranked).not.toBe(input)
    expect(input.map((r) => r.name)).toEqual(['b', 'a'])
  })
})

describe('fastest', () => {
  it('is the best healthy mirror', () => {
    expect(fastest([row('slow', true, 80), row('fast', true, 20)])?.name).toBe('fast')
  })

  it('is null when nothing is healthy or nothing was probed', () => {
    expect(fastest([row('dead', false, null)])).toBeNull()
    expect(fastest([])).toBeNull()
  })
})
