import { afterEach, describe, expect, it } from 'vitest'
import { BUILTIN_MIRRORS, type Mirror } from '../../src/mirrors/catalog.js'
import { setLang } from '../../src/ui/i18n.js'
import { renderMirrorList, renderShadowWarning } from '../../src/ui/render-env.js'
import { width } from '../../src/ui/text.js'

afterEach(() => setLang('en'))

const MIRRORS: Mirror[] = [
  ...BUILTIN_MIRRORS.map((m) => ({ ...m, builtin: true })),
  { name: 'corp', url: 'https://user:token@goproxy.corp.example.com/a/very/long/path/that/keeps/going/on', builtin: false },
]

describe('renderMirrorList', () => {
  it.each(['en', 'zh'] as const)('fits 80 columns in %s, credentials masked, the one in use marked', (lang) => {
    setLang(lang)
    const lines = renderMirrorList(MIRRORS, MIRRORS[3] as Mirror, false)
    expect(lines.filter((l) => width(l) > 80)).toEqual([])
    expect(lines[3]).toMatch(/^\* aliyun/)
    expect(lines.join('\n')).not.toContain('token')
    // The full URL of every built-in mirror is shown; only the long custom one is cut.
    for (const m of BUILTIN_MIRRORS) expect(lines.join('\n')).toContain(m.url)
    expect(lines[1]).toContain(lang === 'zh' ? '七牛云' : 'Qiniu')
  })
})

describe('renderShadowWarning', () => {
  it('agrees in number and says what to do', () => {
    expect(renderShadowWarning(['GOPROXY'])[0]).toMatch(/GOPROXY is set in your OS environment, which overrides the go env file, so/)
    expect(renderShadowWarning(['GOPROXY', 'GOSUMDB'], false)[0]).toMatch(/GOPROXY, GOSUMDB are set in your OS environment, which override the go env file \(go env -w/)
    setLang('zh')
    expect(renderShadowWarning(['GOPROXY'])[0]).toContain('系统环境变量中设置了 GOPROXY')
  })
})
