import { afterEach, describe, expect, it } from 'vitest'
import { matchPath, publicPathsMatched } from '../../src/goenv/match.js'
import { collectFixPlan } from '../../src/doctor/run.js'
import { cleanPatterns } from '../../src/doctor/checks-settings.js'
import { warn } from '../../src/doctor/types.js'
import { findWeakenings } from '../../src/profiles/weaken.js'
import { setLang } from '../../src/ui/i18n.js'
import { doctorToJson, renderDoctorReport } from '../../src/ui/render-doctor.js'

describe('the Go pattern matcher as doctor uses it (table tests: profile-validate.test.ts)', () => {
  it('a malformed glob matches nothing, as path.Match reports ErrBadPattern', () => {
    expect(matchPath('a[', 'a')).toBe('bad')
    expect(matchPath('a\\', 'a')).toBe('bad')
  })

  it('knows which patterns catch public modules', () => {
    expect(publicPathsMatched('*')).toContain('golang.org/x/text')
    expect(publicPathsMatched('github.com')).toEqual(['github.com/gin-gonic/gin'])
    expect(publicPathsMatched('*.corp.example.com,github.com/mycorp')).toEqual([])
  })
})

describe('doctor fixes', () => {
  it('cleanPatterns drops spaces, quotes, schemes, trailing slashes and empty elements', () => {
    expect(cleanPatterns(' *.corp.example.com ,,"git.internal",https://github.com/mycorp/')).toBe('*.corp.example.com,git.internal,github.com/mycorp')
  })

  it('merges fixes into one plan; a second fix for the same variable waits for another run', () => {
    const a = warn('proxy', 'a', 'a', undefined, { set: { GOPROXY: 'x' }, unset: [] })
    const b = warn('private', 'b', 'b', undefined, { set: { GOPRIVATE: 'p' }, unset: [] })
    const c = warn('private', 'c', 'c', undefined, { set: { GOPROXY: 'y' }, unset: [] })
    const { plan, applied, deferred } = collectFixPlan([a, b, c])
    expect(plan).toEqual({ set: { GOPROXY: 'x', GOPRIVATE: 'p' }, unset: [] })
    expect(applied.map((x) => x.id)).toEqual(['a', 'b'])
    expect(deferred.map((x) => x.id)).toEqual(['c'])
  })
})

describe('doctor in Chinese', () => {
  afterEach(() => setLang('en'))

  it('keeps message and fix English for --json and translates only the terminal report', () => {
    setLang('zh')
    const c = warn('proxy', 'goproxy.off', (t) => t('GOPROXY=off: Go will not download any module'), (t) => t('use the https URL of that proxy'))
    expect(doctorToJson([c]).checks).toEqual([{ id: 'goproxy.off', status: 'warn', message: 'GOPROXY=off: Go will not download any module', fix: 'use the https URL of that proxy', category: 'proxy', fixable: false }])
    const report = renderDoctorReport([c], { unicode: false, offline: true }).join('\n')
    expect(report).toContain('GOPROXY=off：Go 不会下载任何模块')
    expect(report).toContain('修复：请改用该代理的 https URL')
    expect(report).not.toContain('will not download')
  })

  it('keeps the weakenings English for --json (profile show/switch) and Chinese for warnings', () => {
    setLang('zh')
    const [w] = findWeakenings({ GOSUMDB: 'off' })
    expect(w?.message).toMatch(/^GOSUMDB=off turns checksum verification off/)
    expect(w?.text).toMatch(/^GOSUMDB=off 会关闭所有模块的校验和验证/)
  })
})
