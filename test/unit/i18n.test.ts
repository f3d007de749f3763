import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, sep } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import { localizeCommanderError } from '../../src/ui/help.js'
import { detectLang, fillTemplate, langFromLocale, parseLangFlag, placeholders, setLang, t } from '../../src/ui/i18n.js'
import { ZH } from '../../src/ui/messages-zh.js'
import { ROOT } from '../support/sandbox.js'

afterEach(() => setLang('en'))

/** The catalogs themselves (messages-zh.ts and the area files in messages-zh/) are not sources: a key found only there is dead. */
const isCatalog = (p: string): boolean => p.endsWith('messages-zh.ts') || p.includes(`${sep}messages-zh${sep}`)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !isCatalog(p) ? [p] : []
  })
}
const SOURCES = sourceFiles(join(ROOT, 'src')).map((file) => ({ file, text: readFileSync(file, 'utf8') }))

/** Every `t('literal'` / `t("literal"` in src: the templates that need a translation. */
function templatesInSource(): Map<string, string> {
  const out = new Map<string, string>()
  const re = /\bt\(\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g
  for (const { file, text } of SOURCES) {
    for (const m of text.matchAll(re)) {
      const literal = m[1] as string
      // Single-quoted JS literal → its value (the catalog test must see what t() sees).
      const value = literal.startsWith('"') ? (JSON.parse(literal) as string) : literal.slice(1, -1).replace(/\\(.)/g, '$1')
      if (!out.has(value)) out.set(value, file.slice(ROOT.length + 1))
    }
  }
  return out
}

describe('zh catalog', () => {
  it('every entry keeps exactly the placeholders of its English key', () => {
    const bad = Object.entries(ZH).filter(([en, zh]) => placeholders(en).join() !== placeholders(zh).join())
    expect(bad).toEqual([])
  })

  it('translates every t() template in src (add the Chinese to src/ui/messages-zh.ts)', () => {
    const missing = [...templatesInSource()].filter(([en]) => !(en in ZH)).map(([en, file]) => `${file}: ${en}`)
    expect(missing).toEqual([])
  })

  it('has no entry whose English no longer appears in src (a renamed message leaves a dead translation)', () => {
    const all = SOURCES.map((s) => s.text).join('\n')
    const quoted = (en: string): string[] => [`'${en.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`, JSON.stringify(en), `\`${en}\``]
    const dead = Object.keys(ZH).filter((en) => !quoted(en).some((q) => all.includes(q)))
    expect(dead).toEqual([])
  })

  it('uses no characters of ambiguous width (East Asian terminals draw them double): curly quotes, ellipsis, arrows', () => {
    const ambiguous = /[\u2018\u2019\u201c\u201d\u2026\u2192\u00b7\u2022\u25cf]/
    expect(Object.values(ZH).filter((zh) => ambiguous.test(zh))).toEqual([])
  })
})

describe('t()', () => {
  it('fills placeholders and falls back to English for unknown keys', () => {
    expect(t('{n} of {total} healthy', { n: 3, total: 7 })).toBe('3 of 7 healthy')
    setLang('zh')
    expect(t('Removed mirror {name}.', { name: 'corp' })).toBe('已删除镜像 corp。')
    expect(t('no such message {x}', { x: 1 })).toBe('no such message 1')
  })

  it('leaves JSON-looking braces and unknown placeholders alone', () => {
    expect(fillTemplate('a list of {"name","url"} for {who}', { who: 'you' })).toBe('a list of {"name","url"} for you')
    expect(fillTemplate('{missing} stays', {})).toBe('{missing} stays')
    expect(placeholders('{b} {a} {b} {"x"}')).toEqual(['a', 'b'])
  })
})

describe('detectLang', () => {
  const cases: [NodeJS.ProcessEnv, string[], 'en' | 'zh'][] = [
    [{}, [], 'en'],
    [{ LANG: 'zh_CN.UTF-8' }, [], 'zh'],
    [{ LANG: 'zh_TW.UTF-8' }, [], 'zh'],
    [{ LANG: 'zh' }, [], 'zh'],
    [{ LANG: 'en_US.UTF-8' }, [], 'en'],
    [{ LANG: 'C' }, [], 'en'],
    // POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG; the first non-empty one decides.
    [{ LANG: 'zh_CN.UTF-8', LC_ALL: 'C' }, [], 'en'],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }, [], 'zh'],
    [{ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }, [], 'en'],
    [{ LANG: 'zh_CN.UTF-8', LC_ALL: '' }, [], 'zh'],
    [{ LC_ALL: 'zh_SG.GB2312', LANG: 'en_US' }, [], 'zh'],
    // --lang wins over the environment, in any position, either spelling.
    [{ LANG: 'zh_CN.UTF-8' }, ['ls', '--lang', 'en'], 'en'],
    [{ LANG: 'C' }, ['--lang=zh', 'ls'], 'zh'],
    [{ LANG: 'C' }, ['--lang', 'zh-CN', 'test'], 'zh'],
    // After `--` the words belong to the command `exec` runs.
    [{ LANG: 'C' }, ['exec', '--', 'tool', '--lang', 'zh'], 'en'],
  ]
  it.each(cases)('%j %j → %s', (env, argv, want) => {
    expect(detectLang(env, argv, () => '')).toBe(want)
  })

  it('uses the system locale only when no locale variable is set (Windows)', () => {
    expect(detectLang({}, [], () => 'zh-CN')).toBe('zh')
    expect(detectLang({ LANG: 'en_US.UTF-8' }, [], () => 'zh-CN')).toBe('en')
  })

  it('rejects an unknown --lang with a usage error (exit 2)', () => {
    expect(() => detectLang({}, ['--lang', 'fr'])).toThrow(UsageError)
    expect(() => parseLangFlag('klingon')).toThrow(/unsupported language "klingon"/)
    expect(langFromLocale('zhx')).toBe('en')
  })
})

describe('commander messages', () => {
  it('are passed through in English and re-said in Chinese', () => {
    expect(localizeCommanderError("unknown command 'fly'")).toBe("unknown command 'fly'")
    setLang('zh')
    expect(localizeCommanderError("unknown command 'tset'\n(Did you mean test?)")).toBe("未知命令 'tset'\n（是不是想输入 test？）")
    expect(localizeCommanderError("too many arguments for 'ls'. Expected 0 arguments but got 1.")).toBe('ls 的参数过多：应为 0 个，实际为 1 个')
    expect(localizeCommanderError('something new')).toBe('something new')
  })
})
