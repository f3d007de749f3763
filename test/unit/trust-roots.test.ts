import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { certificatesInPem, loadTrustRoots } from '../../src/net/trust-roots.js'

const CA = readFileSync(new URL('../support/certs/ca.pem', import.meta.url), 'utf8')
const LEAF = readFileSync(new URL('../support/certs/leaf.pem', import.meta.url), 'utf8')

let dir: string
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'roots-')) })
afterEach(async () => rm(dir, { recursive: true, force: true }))

describe('certificatesInPem, as CertPool.AppendCertsFromPEM', () => {
  it('takes CERTIFICATE blocks and skips other types, blocks with headers and junk', () => {
    const withHeader = CA.replace('-----BEGIN CERTIFICATE-----\n', '-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\n')
    const junk = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n'
    const key = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'
    expect(certificatesInPem(`${key}${CA}${withHeader}${junk}garbage\n${LEAF}`)).toHaveLength(2)
  })
})

describe('loadTrustRoots on Linux, as crypto/x509 loadSystemRoots', () => {
  it('SSL_CERT_FILE replaces the bundle list; SSL_CERT_DIR (colon-separated) the directory list', async () => {
    await writeFile(join(dir, 'ca.pem'), CA)
    const empty = join(dir, 'empty')
    await mkdir(empty)
    const roots = loadTrustRoots({ SSL_CERT_FILE: join(dir, 'ca.pem'), SSL_CERT_DIR: `${empty}:${join(dir, 'missing')}` }, 'linux')
    expect(roots.pems).toHaveLength(1)
    expect(roots.sources).toEqual([{ kind: 'file', path: join(dir, 'ca.pem'), env: 'SSL_CERT_FILE', certs: 1 }])
  })

  it('reads every file of a hashed directory once: same-directory symlinks are skipped, others followed', async () => {
    const certs = join(dir, 'certs')
    const elsewhere = join(dir, 'elsewhere')
    await mkdir(certs)
    await mkdir(elsewhere)
    await writeFile(join(certs, 'ca.pem'), CA)
    await symlink('ca.pem', join(certs, 'abcd1234.0')) // what openssl rehash makes
    await writeFile(join(elsewhere, 'leaf.crt'), LEAF)
    await symlink(join(elsewhere, 'leaf.crt'), join(certs, 'ffff0000.0'))
    const roots = loadTrustRoots({ SSL_CERT_FILE: join(dir, 'none.pem'), SSL_CERT_DIR: certs }, 'linux')
    expect(roots.sources).toEqual([{ kind: 'dir', path: certs, env: 'SSL_CERT_DIR', certs: 2 }])
    expect(roots.pems).toHaveLength(2)
  })

  it('a readable file without certificates still ends the bundle search (go stops at the first readable file)', async () => {
    await writeFile(join(dir, 'empty.pem'), '')
    const roots = loadTrustRoots({ SSL_CERT_FILE: join(dir, 'empty.pem'), SSL_CERT_DIR: join(dir, 'nothing') }, 'linux')
    expect(roots.pems).toEqual([])
    expect(roots.sources).toEqual([])
  })

  it('on macOS and Windows uses what Node can read, and says SSL_CERT_FILE is ignored as go ignores it', () => {
    const roots = loadTrustRoots({ SSL_CERT_FILE: '/x.pem' }, 'darwin')
    expect(roots.mode).toBe('node')
    expect(roots.ignoredEnv).toEqual(['SSL_CERT_FILE'])
    expect(roots.sources.some((s) => s.kind === 'node-bundled' && s.certs > 0)).toBe(true)
  })
})
