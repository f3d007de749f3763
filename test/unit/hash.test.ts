import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hash1, hashGoMod } from '../../src/probe/hash.js'
import { CANARY } from '../../src/probe/canary.js'

describe('hashGoMod', () => {
  it('reproduces the go.sum /go.mod line of the canary', () => {
    expect(hashGoMod(Buffer.from(CANARY.goMod))).toBe(CANARY.goModHash)
  })

  it('changes when one byte changes', () => {
    expect(hashGoMod(Buffer.from(CANARY.goMod.replace('1.3.0', '1.3.1')))).not.toBe(CANARY.goModHash)
  })
})

describe('hash1', () => {
  it('hashes the empty summary for no files', () => {
    // sha256("") in base64
    expect(hash1([])).toBe('h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=')
  })

  it('does not depend on input order', () => {
    const a = { name: 'm@v1.0.0/a.go', data: Buffer.from('package a\n') }
    const b = { name: 'm@v1.0.0/go.mod', data: Buffer.from('module m\n') }
    expect(hash1([a, b])).toBe(hash1([b, a]))
  })

  it('sorts by UTF-8 bytes like Go, not by UTF-16 units', () => {
    // U+FF5E is EF BD 9E in UTF-8 and U+1F600 is F0 9F 98 80: Go puts U+FF5E first, while
    // JS string order (0xFF5E vs the surrogate 0xD83D) would put U+1F600 first.
    const x = { name: '\u{FF5E}', data: Buffer.from('x') }
    const y = { name: '\u{1F600}', data: Buffer.from('y') }
    const line = (f: { name: string; data: Buffer }) => `${createHash('sha256').update(f.data).digest('hex')}  ${f.name}\n`
    const want = `h1:${createHash('sha256').update(line(x) + line(y)).digest('base64')}`
    expect(hash1([y, x])).toBe(want)
    expect(hash1([x, y])).toBe(want)
  })

  it('refuses file names with a newline, as Go does', () => {
    expect(() => hash1([{ name: 'a\nb', data: Buffer.from('') }])).toThrow(/newline/)
  })
})
