import { describe, expect, it } from 'vitest'
import { planFromValues, prunePlan, writtenValues } from '../../src/goenv/plan.js'
import { buildGoproxy, chooseMirrors } from '../../src/commands/use-plan.js'
import type { ProbeResult } from '../../src/probe/types.js'
import type { Mirror } from '../../src/mirrors/catalog.js'

const mirror = (name: string): Mirror => ({ name, url: `https://${name}.example`, builtin: true })
const result = (name: string, latencyMs: number | null, healthy = true): ProbeResult => ({
  name, url: `https://${name}.example`, healthy, latencyMs, connectMs: 1, samples: [], sumdb: true, error: healthy ? null : 'list: HTTP 500',
})

describe('plans', () => {
  it('prunePlan drops sets to the same value and unsets of absent keys', () => {
    const file = new Map([['GOPROXY', 'https://a.example,direct'], ['GOSUMDB', 'sum.golang.org']])
    expect(prunePlan({ set: { GOPROXY: 'https://a.example,direct', GOPRIVATE: '*.corp' }, unset: ['GOSUMDB', 'GOINSECURE'] }, file))
      .toEqual({ set: { GOPRIVATE: '*.corp' }, unset: ['GOSUMDB'] })
  })

  it('planFromValues turns recorded previous values back into a plan (null: remove)', () => {
    expect(planFromValues({ GOPROXY: 'https://a.example,direct', GOSUMDB: null })).toEqual({ set: { GOPROXY: 'https://a.example,direct' }, unset: ['GOSUMDB'] })
    expect(writtenValues({ set: { GOPROXY: 'x' }, unset: ['GOSUMDB'] })).toEqual({ GOPROXY: 'x', GOSUMDB: null })
  })
})

describe('choosing and building GOPROXY', () => {
  const mirrors = ['a', 'b', 'c'].map(mirror)
  const ranked = [result('b', 10), result('c', 20), result('a', null, false)]

  it('picks the fastest healthy mirror and the next N healthy as fallbacks', () => {
    const choice = chooseMirrors(ranked, mirrors, null, 1)
    expect(choice?.chosen.name).toBe('b')
    expect(choice?.fallbacks.map((m) => m.name)).toEqual(['c'])
    expect(buildGoproxy(choice!, 19)).toBe('https://b.example|https://c.example,direct')
    expect(buildGoproxy(choice!, 14)).toBe('https://b.example,https://c.example,direct')
  })

  it('a named mirror comes first even when another is faster; fallbacks never repeat it', () => {
    const choice = chooseMirrors(ranked, mirrors, mirror('c'), 2)
    expect(choice?.chosen.name).toBe('c')
    expect(choice?.fallbacks.map((m) => m.name)).toEqual(['b'])
  })

  it('returns null when nothing is healthy', () => {
    expect(chooseMirrors([result('a', null, false)], mirrors, null, 0)).toBeNull()
  })
})
