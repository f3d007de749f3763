import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { quoteArg, quoteCommand } from '../../src/util/shell-quote.js'

/** Values with every character a shell might take for syntax. */
export const AWKWARD = [
  'https://a|https://b|direct',
  '*.corp.example.com,github.com/mycorp/*',
  'a b  c',
  'x;echo INJECTED',
  '$HOME/$(id)`id`',
  "it's",
  'say "hi"',
  'back\\slash\\',
  '\\\'',
  "'",
  '',
  '~/go',
  '=cmd',
  '%self {a,b} #not-a-comment',
  'tab\there',
  'new\nline',
  '&&|>;<!?[x]',
] as const

describe('quoteArg (table)', () => {
  it('leaves plain words bare and quotes the rest', () => {
    expect(quoteArg('GOPROXY=https://goproxy.cn,direct')).toBe('GOPROXY=https://goproxy.cn,direct')
    expect(quoteArg('GOPROXY=https://a|https://b|direct')).toBe("GOPROXY='https://a|https://b|direct'")
    expect(quoteArg('GOPRIVATE=*.corp.example.com')).toBe("GOPRIVATE='*.corp.example.com'")
    expect(quoteArg("it's")).toBe("'it'\\''s'")
    expect(quoteArg('a\\b')).toBe("'a'\\\\'b'")
    expect(quoteArg('')).toBe("''")
    expect(quoteArg('GONOSUMDB=')).toBe('GONOSUMDB=')
    expect(quoteArg('=x')).toBe("'=x'")
    expect(quoteCommand(['go', 'env', '-w', 'GOSUMDB=sum.golang.org https://goproxy.cn/sumdb/sum.golang.org'])).toBe("go env -w GOSUMDB='sum.golang.org https://goproxy.cn/sumdb/sum.golang.org'")
  })
})

/** sh (dash here), bash and fish are required; zsh is checked too where it is installed. */
const SHELLS = ['sh', 'bash', 'fish', ...(existsSync('/usr/bin/zsh') || existsSync('/bin/zsh') ? ['zsh'] : [])]

describe('quoteCommand in real shells', () => {
  for (const shell of SHELLS) {
    it(`${shell} reads every quoted word back exactly`, () => {
      const words = [...AWKWARD, ...AWKWARD.map((v) => `GOPROXY=${v}`)]
      // printf prints each argument followed by NUL, so the words come back exactly, newlines and all.
      const line = quoteCommand(['printf', '%s\\0', ...words])
      const out = execFileSync(shell, ['-c', line], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent' } })
      expect(out.split('\0').slice(0, -1)).toEqual(words)
    })
  }
})
