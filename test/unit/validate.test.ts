import { describe, expect, it } from 'vitest'
import { parseEnvFile } from '../../src/goenv/env-file.js'

describe('parseEnvFile (as cmd/go readEnvFile)', () => {
  it('keeps KEY=VALUE lines starting with A-Z, last one wins, nothing trimmed', () => {
    const vars = parseEnvFile('GOPROXY=a\n# comment\nbad line\ngoflags=x\nGOPROXY=b\nGOPRIVATE= spaced \n=x\n')
    expect([...vars]).toEqual([['GOPROXY', 'b'], ['GOPRIVATE', ' spaced ']])
  })
})
