import { describe, expect, it } from 'vitest'
import { generateNoteKey, NoteError, openNote, parseSignerKey, parseVerifierKey, signNote } from '../../src/sumdb/note.js'
import { SUM_GOLANG_ORG_KEY } from '../../src/sumdb/proof.js'

// Vectors from golang.org/x/mod/sumdb/note/note_test.go.
const PETER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'
const ENOCH_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop'
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n'
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n'

function codeOf(fn: () => unknown): string | null {
  try {
    fn()
    return null
  } catch (err) {
    if (err instanceof NoteError) return err.code
    throw err
  }
}

describe('verifier keys', () => {
  it('parses a good key and refuses every substring and every one-byte change of it', () => {
    const v = parseVerifierKey(PETER_KEY)
    expect(v.name).toBe('PeterNeumann')
    expect(v.hash).toBe(0xc74f20a3)
    const b = Buffer.from(PETER_KEY)
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if (i !== 0 || j !== b.length) expect(codeOf(() => parseVerifierKey(b.subarray(i, j).toString())), b.subarray(i, j).toString()).not.toBeNull()
      }
    }
    for (let i = 0; i < b.length; i++) {
      const c = Buffer.from(b)
      c[i] = (c[i] as number) + 1
      expect(codeOf(() => parseVerifierKey(c.toString())), c.toString()).not.toBeNull()
    }
  })

  it('tells a wrong hash, a wrong algorithm and a wrong length apart', () => {
    expect(codeOf(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toBe('key-hash')
    expect(codeOf(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='))).toBe('malformed-key')
    expect(codeOf(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toBe('key-algorithm')
    expect(codeOf(() => parseVerifierKey('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toBe('malformed-key')
  })

  it("accepts go's own sum.golang.org key (cmd/go/internal/modfetch/key.go)", () => {
    const v = parseVerifierKey(SUM_GOLANG_ORG_KEY)
    expect(v).toMatchObject({ name: 'sum.golang.org', hash: 0x033de0ae })
    // Another key under the same name and hash is refused: unpadded base64 is malformed, and a well-formed key does not match the hash.
    expect(codeOf(() => parseVerifierKey('sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ly8xmZkYTnKB8mZ'))).toBe('malformed-key')
    expect(codeOf(() => parseVerifierKey('sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn9'))).toBe('key-hash')
  })
})

describe('signer keys and signing', () => {
  it('signs exactly as go does', () => {
    expect(signNote(TEXT, parseSignerKey(PETER_SKEY))).toBe(`${TEXT}\n${PETER_SIG}`)
    expect(() => signNote('abc', parseSignerKey(PETER_SKEY))).toThrow('malformed note')
  })

  it('refuses mangled signer keys', () => {
    const b = Buffer.from(PETER_SKEY)
    for (let i = 0; i < b.length; i++) {
      const c = Buffer.from(b)
      c[i] = (c[i] as number) + 1
      expect(codeOf(() => parseSignerKey(c.toString())), c.toString()).not.toBeNull()
    }
    expect(codeOf(() => parseSignerKey(PETER_SKEY.slice(0, -4)))).not.toBeNull()
  })

  it('generates key pairs whose halves agree', () => {
    const { skey, vkey } = generateNoteKey('test.sumdb.example')
    const note = signNote('hello\n', parseSignerKey(skey))
    expect(openNote(note, [parseVerifierKey(vkey)])).toEqual({ text: 'hello\n', signedBy: ['test.sumdb.example'] })
  })
})

describe('openNote', () => {
  const peter = parseVerifierKey(PETER_KEY)
  const enoch = parseVerifierKey(ENOCH_KEY)

  it('verifies the signatures by known keys and ignores the others', () => {
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter])).toEqual({ text: TEXT, signedBy: ['PeterNeumann'] })
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter, enoch]).signedBy).toEqual(['PeterNeumann', 'EnochRoot'])
    expect(openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}`, [peter]).signedBy).toEqual(['PeterNeumann'])
  })

  it('refuses a note signed only by another key, or by our name under another key hash', () => {
    expect(codeOf(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toBe('unverified')
    expect(codeOf(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [peter]))).toBe('unverified')
    const other = generateNoteKey('PeterNeumann')
    expect(codeOf(() => openNote(signNote(TEXT, parseSignerKey(other.skey)), [peter]))).toBe('unverified')
    expect(codeOf(() => openNote(`${TEXT}\n${PETER_SIG.replace('PeterNeumann', 'CarmenSandiego')}`, [peter]))).toBe('unverified')
  })

  it('refuses a bad signature by a known key, and altered text', () => {
    expect(codeOf(() => openNote(`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, [peter]))).toBe('invalid-signature')
    expect(codeOf(() => openNote(`${TEXT.replace('answer', 'question')}\n${PETER_SIG}`, [peter]))).toBe('invalid-signature')
    expect(codeOf(() => openNote(`${TEXT}\n${PETER_SIG}`, [peter, peter]))).toBe('unverified') // ambiguous
  })

  it('refuses malformed notes (go note_test.go)', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
    ]
    for (const msg of bad) expect(codeOf(() => openNote(msg, [peter])), msg).toBe('malformed-note')
    expect(codeOf(() => openNote(Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]), [peter]))).toBe('malformed-note')
  })
})
