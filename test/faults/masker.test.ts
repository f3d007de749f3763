/**
 * The secret masker on its own: every URL form Go sends credentials for, checked against what the
 * real go command would send (a Go program applying cmd/go's proxyList rules and net/url), and
 * linear in the text's length.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { maskSecrets, maskStats, stripSecrets, hasSecrets, maskDeep } from '../../src/util/secrets.js'
import { redactList, redactUrl } from '../../src/util/url.js'
import { quoteInput, sanitizeForTerminal, shortenForMessage } from '../../src/util/display.js'
import { assertGoInstalled } from '../support/sandbox.js'

// [input, masked]
const CASES: [string, string][] = [
  ['https://alice:TOKEN@corp.example', 'https://alice:***@corp.example'],
  ['alice:TOKEN@corp.example,direct', 'alice:***@corp.example,direct'],
  ['TOKEN@corp.example|direct', '***@corp.example|direct'],
  ['https://alice:p@ss@w0rdTAIL@corp.example/goproxy,direct', 'https://alice:***@corp.example/goproxy,direct'],
  ['alice:p@ss@w0rdTAIL@corp.example', 'alice:***@corp.example'],
  ['https://alice:p:w:TAIL@corp.example', 'https://alice:***@corp.example'],
  ['alice:p@s:TAIL@corp.example', 'alice:***@corp.example'],
  ['https://a.example,alice:TOKEN@corp.example|bob:T2@b.example,direct', 'https://a.example,alice:***@corp.example|bob:***@b.example,direct'],
  ['HTTPS_PROXY=user:pw@proxy.example:3128', 'HTTPS_PROXY=user:***@proxy.example:3128'],
  ['http://user:p,w@proxy.example:3128', 'http://user:***@proxy.example:3128'],
  ['GOPROXY=https://u:TOK@h/x is set', 'GOPROXY=https://u:***@h/x is set'],
  ['invalid --sumdb "https://u:TOK@h/x": bad', 'invalid --sumdb "https://u:***@h/x": bad'],
  ['(https://u:TOK@h)', '(https://u:***@h)'],
  ['https://%zz:tok@h', 'https://%zz:***@h'],
  ['https://u:p/w@h', 'https://u:***@h'],
  // Not credentials: module versions, paths, empty userinfo, already masked text.
  ['rsc.io/quote@v1.5.2', 'rsc.io/quote@v1.5.2'],
  ['https://h/rsc.io/quote/@v/list', 'https://h/rsc.io/quote/@v/list'],
  ['https://h/a:b,direct', 'https://h/a:b,direct'],
  ['https://@h', 'https://@h'],
  ['alice:***@corp.example,bob:***@other.example', 'alice:***@corp.example,bob:***@other.example'],
  ['https://goproxy.cn,direct', 'https://goproxy.cn,direct'],
  ['', ''],
]

describe('maskSecrets', () => {
  it.each(CASES)('%s', (input, masked) => {
    expect(maskSecrets(input)).toBe(masked)
    expect(maskSecrets(masked)).toBe(masked)
    // url.ts keeps working for other branches, through the same masker (',' and '|' below).
    if (!/[,|]/.test(input)) {
      expect(redactList(input)).toBe(masked)
      expect(redactUrl(input)).toBe(masked)
    }
  })

  it('strips credentials for files meant to be shared', () => {
    expect(stripSecrets('alice:TOKEN@corp.example,direct')).toBe('corp.example,direct')
    expect(stripSecrets('https://alice:p@ss@w0rd@corp.example/x|https://b.example')).toBe('https://corp.example/x|https://b.example')
    expect(stripSecrets('https://goproxy.cn,direct')).toBe('https://goproxy.cn,direct')
    expect(hasSecrets('alice:TOKEN@corp.example')).toBe(true)
    expect(hasSecrets('rsc.io/quote@v1.5.2')).toBe(false)
  })

  it('masks every string in a JSON value', () => {
    expect(maskDeep({ a: ['x:TOK@h'], b: { c: 'https://u:TOK@h' }, n: 1, z: null })).toEqual({ a: ['x:***@h'], b: { c: 'https://u:***@h' }, n: 1, z: null })
  })

  it('hides exactly what the go command would send as a password, for every entry (real go)', () => {
    assertGoInstalled()
    const values = [
      ...CASES.map(([input]) => input).filter((v) => !/\s|"|\(|=/.test(v) && v !== ''),
      'alice:TOK1@corp.example,bob:TOK2@b.example|direct',
      'https://alice:p@ss:w@rd@corp.example:8443/goproxy',
      'a.example:8443,alice:TOK@corp.example',
      'alice:T%40K@corp.example',
    ]
    const text = execFileSync('go', ['run', join(import.meta.dirname, 'go-userinfo', 'main.go')], {
      input: `${values.join('\n')}\n`,
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '' },
    }).toString()
    const lines = text.trim().split('\n')
    expect(lines).toHaveLength(values.length)
    let withPassword = 0
    values.forEach((value, i) => {
      const creds = JSON.parse(lines[i] as string) as { user: string; password: string; hasPassword: boolean }[]
      for (const masked of [maskSecrets(value), redactList(value)]) for (const c of creds) {
        if (c.hasPassword && c.password !== '' && c.password !== '***') {
          withPassword++
          expect(masked, value).not.toContain(c.password)
          expect(masked, value).toContain(`${c.user}:***@`)
        } else if (c.user !== '' && c.user !== '***') {
          expect(masked, value).not.toContain(`${c.user}@`)
        }
      }
    })
    expect(withPassword).toBeGreaterThan(10)
  })
})

describe('masking is linear in the length of the value', () => {
  const MB = 1 << 20
  const inputs: [string, string][] = [
    ['letters', 'a'.repeat(MB)],
    ['schemes', 'https://'.repeat(MB / 8)],
    ['at signs', '@'.repeat(MB)],
    ['user:pw@ runs', 'a:b@'.repeat(MB / 4)],
    ['a list', 'x:y@h,'.repeat(MB / 6)],
    ['colons and slashes', 'a:/'.repeat(MB / 3)],
  ]
  it.each(inputs)('%s (1 MB): one step per character', (_label, input) => {
    const started = performance.now()
    maskSecrets(input)
    expect(maskStats.steps).toBeLessThanOrEqual(input.length)
    // Generous: the old regex took minutes on these; one pass takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5000)
  })
})

describe('message text', () => {
  it('shortens long inputs to their start and end', () => {
    const s = `${'a'.repeat(50_000)}MIDDLE${'z'.repeat(50_000)}`
    const short = shortenForMessage(s, 80)
    expect(short.length).toBeLessThanOrEqual(80)
    expect(short.startsWith('aaa')).toBe(true)
    expect(short.endsWith('zzz')).toBe(true)
    expect(short).toContain('…')
    expect(shortenForMessage('short', 80)).toBe('short')
  })

  it('escapes control characters, raw bytes and bidi overrides but keeps colours and newlines', () => {
    expect(sanitizeForTerminal('a\u0007b\u001b[2Jc\rd\u202ee\ufffd')).toBe('a\\x07b\\x1b[2Jc\\x0dd\\u202ee\\ufffd')
    expect(sanitizeForTerminal('\u001b[1mbold\u001b[22m\nnext\tcol')).toBe('\u001b[1mbold\u001b[22m\nnext\tcol')
  })

  it('quotes a user input masked, escaped and shortened', () => {
    expect(quoteInput('https://u:TOK@h')).toBe('"https://u:***@h"')
    expect(quoteInput('say "hi"')).toBe(`'say "hi"'`)
    expect(quoteInput('x'.repeat(1000)).length).toBeLessThanOrEqual(82)
  })
})

describe('lists, single URLs and free text read "," and "|" as go does', () => {
  it.each([
    // [value, list mode, url mode, text mode]
    ['a.example:8443,alice:TOK@corp.example', 'a.example:8443,alice:***@corp.example', 'a.example:***@corp.example', 'a.example:8443,alice:***@corp.example'],
    ['http://user:p,w|x@proxy.example', 'http://user:p,w|***@proxy.example', 'http://user:***@proxy.example', 'http://user:***@proxy.example'],
    ['alice:TOK@a.example,bob:T2@b.example', 'alice:***@a.example,bob:***@b.example', 'alice:***@b.example', 'alice:***@a.example,bob:***@b.example'],
  ])('%s', (value, list, url, text) => {
    expect(redactList(value)).toBe(list)
    expect(redactUrl(value)).toBe(url)
    expect(maskSecrets(value)).toBe(text)
  })
})
