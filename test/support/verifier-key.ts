import { createHash, randomBytes } from 'node:crypto'

/** A well-formed checksum database verifier key (name+hash+base64(alg||key), sumdb/note) for a database of one's own. */
export function verifierKey(name: string): string {
  const key = Buffer.concat([Buffer.from([1]), randomBytes(32)])
  const hash = createHash('sha256').update(`${name}\n`).update(key).digest().subarray(0, 4).toString('hex')
  return `${name}+${hash}+${key.toString('base64')}`
}
