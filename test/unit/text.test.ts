import { describe, expect, it } from 'vitest'
import { editDistance, suggest } from '../../src/mirrors/suggest.js'
import { redactList, redactUrl, urlKey } from '../../src/util/url.js'
import { renderProbeTable } from '../../src/ui/render-probe.js'
import { setColorLevel } from '../../src/ui/color.js'
import { width } from '../../src/ui/text.js'
import type { ProbeResult } from '../../src/probe/types.js'

describe('suggest', () => {
  const names = ['official', 'goproxy.cn', 'goproxy.io', 'aliyun', 'tencent', 'huawei', 'baidu']
  it.each([['goproxycn', 'goproxy.cn'], ['aliyn', 'aliyun'], ['tecnent', 'tencent'], ['ali', 'aliyun'], ['zzz', null], ['goproxy', null]])('%s → %s', (input, want) => {
    expect(suggest(input, names)).toBe(want)
  })
  it('counts a swap as one edit', () => expect(editDistance('ab', 'ba')).toBe(1))
})

describe('url helpers', () => {
  it('masks credentials and keeps everything else', () => {
    expect(redactUrl('https://alice:tok@goproxy.corp.example.com/p/')).toBe('https://alice:***@goproxy.corp.example.com/p/')
    expect(redactUrl('https://tok@goproxy.corp.example.com/')).toBe('https://***@goproxy.corp.example.com/')
    expect(redactList('https://a:b@x.example|https://y.example,direct')).toBe('https://a:***@x.example|https://y.example,direct')
  })
  it('urlKey ignores case, trailing slashes, default ports and credentials', () => {
    expect(urlKey('https://u:p@Mirrors.Aliyun.com:443/goproxy/')).toBe(urlKey('https://mirrors.aliyun.com/goproxy'))
  })
})

describe('renderProbeTable', () => {
  const r = (name: string, latencyMs: number | null, error: string | null = null): ProbeResult => ({
    name, url: `https://${name}.example/`, healthy: error === null, latencyMs, connectMs: 1, samples: [], sumdb: error === null ? true : null, error,
  })
  it('fits 80 columns, marks the fastest, scales bars, and says why a mirror failed', async () => {
    await setColorLevel(0)
    const lines = renderProbeTable([r('fast', 10), r('slow', 40), r('dead', null, 'list: no answer within 4000 ms and then some more words to make it long')], { unicode: false, columns: 80 })
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(80)
    expect(lines[1]).toMatch(/^> fast +10 ms {2}###\.{9} {2}yes/)
    expect(lines[2]).toMatch(/^ {2}slow +40 ms {2}#{12} {2}yes/)
    expect(lines[3]).toMatch(/^ {2}dead +failed {2}list: no answer within 4000 ms/)
  })
})
