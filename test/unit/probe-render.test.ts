import { describe, expect, it } from 'vitest'
import { setColorLevel } from '../../src/ui/color.js'
import { describeRoute, formatRate, probeResultsToJson, renderProbeSummary, renderProbeTable } from '../../src/ui/render-probe.js'
import { width } from '../../src/ui/text.js'
import type { ProbeResult } from '../../src/probe/types.js'

const base = (name: string, over: Partial<ProbeResult> = {}): ProbeResult => ({
  name, url: `https://${name}.example/`, healthy: true, latencyMs: 20, connectMs: 5, samples: [20, 21], sumdb: true, error: null,
  address: '203.0.113.7', family: 'IPv4', proxy: null, connections: 1, ...over,
})
const cut = base('far', { healthy: false, latencyMs: null, samples: [], sumdb: null, cutOff: true, cutOffAfterMs: 612, error: 'cut off after 612 ms: could no longer beat fast (20 ms)' })

describe('renderProbeTable', () => {
  it('shows a cut-off row with how long it was given, and counts it in the summary', async () => {
    await setColorLevel(0)
    const lines = renderProbeTable([base('fast'), cut], { unicode: false, columns: 80 })
    expect(lines[2]).toMatch(/^ {2}far +cut off {2}after 612 ms: could no longer beat fast \(20 ms\)$/)
    expect(renderProbeSummary([base('fast'), cut])).toEqual(['1 of 2 healthy, 1 cut off as slower; fastest: fast (20 ms).'])
  })

  it('adds a ZIP column with the download rate when the results are deep, within 80 columns', async () => {
    await setColorLevel(0)
    const zip = { bytes: 3170, ms: 12.5, kibPerSec: 247.7, hash: 'h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=' }
    const lines = renderProbeTable([base('fast', { zip }), cut], { unicode: true, columns: 80 })
    expect(lines[0]).toMatch(/SUMDB +ZIP +URL$/)
    expect(lines[1]).toMatch(/yes +248 KiB\/s {2}https:\/\/fast/)
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(80)
  })

  it('--verbose: address and family, or the proxy, then the samples', () => {
    expect(describeRoute(base('fast'))).toEqual(['answered from 203.0.113.7 (IPv4) · connect 5.0 ms', '2 samples (ms): 20.0 21.0'])
    expect(describeRoute(base('p', { proxy: 'http://proxy.corp:3128/', address: '10.0.0.2', connections: 3 }))[0])
      .toBe('via proxy http://proxy.corp:3128/ at 10.0.0.2 (IPv4) · connect 5.0 ms · 3 connections')
    expect(describeRoute({ ...cut, address: null, connectMs: null })).toEqual(['no connection opened'])
  })
})

describe('formatRate', () => {
  it.each([[512.4, '512 KiB/s'], [3 * 1024, '3.0 MiB/s']])('%d KiB/s → %s', (rate, want) => {
    expect(formatRate(rate)).toBe(want)
  })
})

describe('probeResultsToJson', () => {
  it('keeps the contract fields and adds cutOff, cutOffAfterMs, address, family, proxy, zip', () => {
    const json = probeResultsToJson([base('fast'), cut])
    expect(json.fastest).toBe('fast')
    expect(json.results[1]).toMatchObject({ name: 'far', healthy: false, latencyMs: null, sumdb: null, cutOff: true, cutOffAfterMs: 612, error: cut.error })
    expect(json.results[0]).toMatchObject({ cutOff: false, cutOffAfterMs: null, address: '203.0.113.7', family: 'IPv4', proxy: null, zip: null })
  })
})
