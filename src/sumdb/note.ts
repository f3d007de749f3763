/**
 * Signed notes as the checksum database writes them (golang.org/x/mod/sumdb/note), so a tree head
 * is trusted exactly when go would trust it. A verifier key is `name+hash+base64(alg ‖ key)`; the
 * hash is the first 4 bytes of SHA-256(name ‖ "\n" ‖ alg ‖ key), big-endian; alg 1 is Ed25519. A
 * note is `text\n` + a blank line + lines `— name base64(keyhash ‖ signature)`.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'

/** Why a key or a note is refused; the message is Go's own wording where it has one. */
export type NoteErrorCode =
  | 'malformed-key' // not name+hash+key, or a key of the wrong length
  | 'key-hash' // the hash does not belong to the name and key
  | 'key-algorithm' // not Ed25519
  | 'malformed-note' // not text, blank line, signature lines
  | 'unverified' // no signature by a key we know (signed by another key, or another name)
  | 'invalid-signature' // signed under our key's name and hash, but the signature is wrong

export class NoteError extends Error {
  constructor(readonly code: NoteErrorCode, message: string) {
    super(message)
    this.name = 'NoteError'
  }
}

const ALG_ED25519 = 1
// DER wrappers that turn a raw 32-byte Ed25519 key into what node:crypto accepts (RFC 8410).
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex')
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex')
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export interface Verifier {
  name: string
  /** The key hash, an unsigned 32-bit number. */
  hash: number
  key: KeyObject
}

export interface Signer {
  name: string
  hash: number
  key: KeyObject
}

/** Go's base64.StdEncoding: padded, no stray characters (Buffer.from would skip them silently). */
function decodeBase64(text: string): Buffer | null {
  return STRICT_BASE64.test(text) ? Buffer.from(text, 'base64') : null
}

/** A name go accepts: non-empty, no white space, no `+`. */
export function isValidName(name: string): boolean {
  return name !== '' && !/[\s\u0085\u00a0+]/u.test(name)
}

/** First 4 bytes of SHA-256(name ‖ "\n" ‖ alg ‖ key), as an unsigned number. */
export function keyHash(name: string, algAndKey: Buffer): number {
  return createHash('sha256').update(name).update('\n').update(algAndKey).digest().readUInt32BE(0)
}

function chop(text: string, sep: string): [string, string] {
  const i = text.indexOf(sep)
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + sep.length)]
}

function parseKeyParts(hash16: string, key64: string, name: string): { hash: number; alg: number; raw: Buffer } | null {
  const key = decodeBase64(key64)
  if (!/^[0-9a-fA-F]{8}$/.test(hash16) || !key || key.length === 0 || !isValidName(name)) return null
  return { hash: Number.parseInt(hash16, 16), alg: key[0] as number, raw: key }
}

/** Parse a verifier key (`sum.golang.org+033de0ae+Ac4z…`) as note.NewVerifier does. Throws NoteError. */
export function parseVerifierKey(vkey: string): Verifier {
  const [name, rest] = chop(vkey, '+')
  const [hash16, key64] = chop(rest, '+')
  const parts = parseKeyParts(hash16, key64, name)
  if (!parts) throw new NoteError('malformed-key', 'malformed verifier id')
  if (parts.hash !== keyHash(name, parts.raw)) throw new NoteError('key-hash', 'invalid verifier hash')
  if (parts.alg !== ALG_ED25519) throw new NoteError('key-algorithm', 'unknown verifier algorithm')
  if (parts.raw.length !== 33) throw new NoteError('malformed-key', 'malformed verifier id')
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, parts.raw.subarray(1)]), format: 'der', type: 'spki' })
  return { name, hash: parts.hash, key }
}

/** Parse a signer key (`PRIVATE+KEY+name+hash+base64(alg ‖ seed)`) as note.NewSigner does. For tests and test servers. */
export function parseSignerKey(skey: string): Signer {
  const [p1, r1] = chop(skey, '+')
  const [p2, r2] = chop(r1, '+')
  const [name, r3] = chop(r2, '+')
  const [hash16, key64] = chop(r3, '+')
  const parts = parseKeyParts(hash16, key64, name)
  if (p1 !== 'PRIVATE' || p2 !== 'KEY' || !parts) throw new NoteError('malformed-key', 'malformed verifier id')
  if (parts.alg !== ALG_ED25519) throw new NoteError('key-algorithm', 'unknown verifier algorithm')
  if (parts.raw.length !== 33) throw new NoteError('malformed-key', 'malformed verifier id')
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, parts.raw.subarray(1)]), format: 'der', type: 'pkcs8' })
  if (parts.hash !== keyHash(name, publicKeyBytes(key))) throw new NoteError('key-hash', 'invalid verifier hash')
  return { name, hash: parts.hash, key }
}

/** alg ‖ raw public key, from a private or public Ed25519 KeyObject. */
function publicKeyBytes(key: KeyObject): Buffer {
  const spki = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' })
  return Buffer.concat([Buffer.from([ALG_ED25519]), spki.subarray(SPKI_ED25519.length)])
}

/** A fresh key pair in go's text forms (note.GenerateKey). For tests and test servers. */
export function generateNoteKey(name: string): { skey: string; vkey: string } {
  const { privateKey } = generateKeyPairSync('ed25519')
  const pub = publicKeyBytes(privateKey)
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519.length)
  const hash = keyHash(name, pub).toString(16).padStart(8, '0')
  return {
    skey: `PRIVATE+KEY+${name}+${hash}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64')}`,
    vkey: `${name}+${hash}+${pub.toString('base64')}`,
  }
}

/** Sign `text` (which must end in a newline), as note.Sign does with one signer. */
export function signNote(text: string, signer: Signer): string {
  if (!text.endsWith('\n')) throw new NoteError('malformed-note', 'malformed note')
  const head = Buffer.alloc(4)
  head.writeUInt32BE(signer.hash >>> 0)
  const sig = sign(null, Buffer.from(text, 'utf8'), signer.key)
  return `${text}\n— ${signer.name} ${Buffer.concat([head, sig]).toString('base64')}\n`
}

export interface OpenedNote {
  /** The signed text, ending in a newline. */
  text: string
  /** Names of the keys whose signatures verified. */
  signedBy: string[]
}

const MAX_SIGNATURES = 100

function verifySignature(text: string, key: KeyObject, sig: Buffer): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), key, sig)
  } catch {
    return false // a signature of the wrong length
  }
}

/** Bytes go accepts in a note: valid UTF-8, no control characters but newline. */
function decodeNoteText(msg: Buffer): string | null {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(msg)
  } catch {
    return null
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0009\u000b-\u001f]/.test(text) ? null : text
}

/**
 * Verify a signed note with the keys we know (note.Open): at least one signature must be by one of
 * them and every such signature must be valid. Signatures by other keys are ignored, as go does.
 * Throws NoteError.
 */
export function openNote(msg: Buffer | string, verifiers: readonly Verifier[]): OpenedNote {
  const text0 = decodeNoteText(typeof msg === 'string' ? Buffer.from(msg, 'utf8') : msg)
  const malformed = new NoteError('malformed-note', 'malformed note')
  if (text0 === null) throw malformed
  const split = text0.lastIndexOf('\n\n')
  if (split < 0) throw malformed
  const text = text0.slice(0, split + 1)
  let sigs = text0.slice(split + 2)
  if (sigs === '' || !sigs.endsWith('\n')) throw malformed
  const signedBy: string[] = []
  const seen = new Set<string>()
  let count = 0
  while (sigs.length > 0) {
    const nl = sigs.indexOf('\n')
    let line = sigs.slice(0, nl)
    sigs = sigs.slice(nl + 1)
    if (!line.startsWith('— ')) throw malformed
    line = line.slice(2)
    const [name, b64] = chop(line, ' ')
    const raw = decodeBase64(b64)
    if (!raw || !isValidName(name) || b64 === '' || raw.length < 5) throw malformed
    if (++count > MAX_SIGNATURES) throw malformed
    const hash = raw.readUInt32BE(0)
    const matches = verifiers.filter((v) => v.name === name && v.hash === hash)
    if (matches.length === 0) continue
    const id = `${name}+${hash.toString(16).padStart(8, '0')}`
    if (matches.length > 1) throw new NoteError('unverified', `ambiguous key ${id}`)
    if (seen.has(id)) continue
    seen.add(id)
    if (!verifySignature(text, (matches[0] as Verifier).key, raw.subarray(4))) {
      throw new NoteError('invalid-signature', `invalid signature for key ${id}`)
    }
    signedBy.push(name)
  }
  if (signedBy.length === 0) throw new NoteError('unverified', 'note has no verifiable signatures')
  return { text, signedBy }
}
