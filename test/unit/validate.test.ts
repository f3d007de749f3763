import { describe, expect, it } from 'vitest'
import { parseEnvFile } from '../../src/goenv/env-file.js'
import { parseGosumdb, patternListProblem, validateGosumdb } from '../../src/goenv/validate.js'
import { UsageError } from '../../src/errors.js'

describe('parseGosumdb (as cmd/go dbDial + note.NewVerifier)', () => {
  it.each([
    ['sum.golang.org', 'sum.golang.org', null],
    ['sum.golang.google.cn', 'sum.golang.org', 'https://sum.golang.google.cn'],
    ['sum.golang.org https://goproxy.cn/sumdb/sum.golang.org', 'sum.golang.org', 'https://goproxy.cn/sumdb/sum.golang.org'],
    ['sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8', 'sum.golang.org', null],
    ['gosum.io+ce6e7565+AY5qEHUk/qmHc5btzW45JVoENfazw8LielDsaI+lEbq6', 'gosum.io', null],
  ])('accepts %s', (value, name, url) => {
    expect(parseGosumdb(value)).toEqual({ off: false, name, url })
  })

  it('accepts off', () => expect(parseGosumdb('off')).toMatchObject({ off: true }))

  it.each([
    ['goproxy.cn/sumdb/sum.golang.org', /neither a known database name nor a verifier key/],
    ['https://sum.golang.google.cn', /neither a known database name/],
    ['sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8', /does not match its key/],
    ['sum.golang.org+033de0ae', /malformed verifier key/],
    ['a b c', /too many fields/],
    ['', /empty/],
    ['sum.golang.org ftp://x', /must be https or http/],
  ])('rejects %s', (value, why) => {
    const r = parseGosumdb(value)
    expect('error' in r && r.error).toMatch(why)
  })

  it('validateGosumdb throws a UsageError (exit 2) with an example', () => {
    expect(() => validateGosumdb('goproxy.cn/sumdb/sum.golang.org', '--sumdb')).toThrow(UsageError)
  })
})

describe('patternListProblem', () => {
  it.each(['', 'github.com/corp/*', '*.corp.example.com,rsc.io/private', 'git.corp/[a-z]*'])('accepts %s', (v) => {
    expect(patternListProblem(v)).toBeNull()
  })
  it.each([
    ['*.corp, *.internal', /space/],
    ['https://github.com/corp', /scheme/],
    ['"github.com/corp/*"', /quote/],
    ['github.com/corp,', /empty element/],
    ['a,,b', /empty element/],
    ['git.corp/[a-z', /not a valid glob/],
  ])('rejects %s', (v, why) => expect(patternListProblem(v)).toMatch(why))
})

describe('parseEnvFile (as cmd/go readEnvFile)', () => {
  it('keeps KEY=VALUE lines starting with A-Z, last one wins, nothing trimmed', () => {
    const vars = parseEnvFile('GOPROXY=a\n# comment\nbad line\ngoflags=x\nGOPROXY=b\nGOPRIVATE= spaced \n=x\n')
    expect([...vars]).toEqual([['GOPROXY', 'b'], ['GOPRIVATE', ' spaced ']])
  })
})
