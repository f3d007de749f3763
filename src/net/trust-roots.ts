/**
 * The certificate authorities go trusts, so that a probe calls a mirror's certificate good exactly
 * when `go mod download` would. On Linux and the BSDs that is what crypto/x509 reads
 * (root_unix.go loadSystemRoots, root_linux.go, root_bsd.go, Go 1.19):
 * - the first bundle FILE that can be read (SSL_CERT_FILE, when set, replaces the whole list);
 * - then every entry of every DIRECTORY (SSL_CERT_DIR, colon-separated, replaces the default
 *   list), except symlinks to a name in the same directory: the `<hash>.0` links `openssl rehash`
 *   makes, whose targets are read anyway (readUniqueDirectoryEntries).
 * Only PEM blocks of type CERTIFICATE without headers count (CertPool.AppendCertsFromPEM).
 * On macOS and Windows go asks the platform verifier; Node 22.15+/23.5+ can read the same store
 * (tls.getCACertificates('system')), older Node only has its bundled roots. Loaded lazily, once.
 */
import { X509Certificate } from 'node:crypto'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import * as tls from 'node:tls'

/** Where some of the roots came from; `certs` counts the certificates go would take from it. */
export interface TrustSource {
  kind: 'file' | 'dir' | 'node-system' | 'node-bundled'
  /** The file or directory; null for Node's stores. */
  path: string | null
  /** Set when the path came from SSL_CERT_FILE or SSL_CERT_DIR. */
  env: 'SSL_CERT_FILE' | 'SSL_CERT_DIR' | null
  certs: number
}

export interface TrustRoots {
  /** `unix`: read as go's crypto/x509 reads them; `node`: Node's stores (macOS, Windows). */
  mode: 'unix' | 'node'
  /** Unique certificates, in PEM. */
  pems: string[]
  /** Only the sources that gave at least one certificate, in reading order. */
  sources: TrustSource[]
  /** SSL_CERT_FILE/SSL_CERT_DIR set but ignored (go ignores them on macOS and Windows). */
  ignoredEnv: string[]
}

/** crypto/x509 root_linux.go (Go 1.19). */
export const LINUX_CERT_FILES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
] as const
export const LINUX_CERT_DIRS = ['/etc/ssl/certs', '/etc/pki/tls/certs', '/system/etc/security/cacerts'] as const

/** crypto/x509 root_bsd.go (Go 1.19). */
export const BSD_CERT_FILES = ['/usr/local/etc/ssl/cert.pem', '/etc/ssl/cert.pem', '/usr/local/share/certs/ca-root-nss.crt', '/etc/openssl/certs/ca-certificates.crt'] as const
export const BSD_CERT_DIRS = ['/etc/ssl/certs', '/usr/local/share/certs', '/etc/openssl/certs'] as const

const PEM_BLOCK = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/g

/**
 * The certificates AppendCertsFromPEM would add: CERTIFICATE blocks without headers that parse.
 * Returned as clean PEM for Node.
 */
const parsed = new Map<string, string | null>()

export function certificatesInPem(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(PEM_BLOCK)) {
    if (m[1] !== 'CERTIFICATE') continue
    const body = m[2] ?? ''
    if (body.split('\n').some((line) => line.includes(':'))) continue // headers: go skips the block
    const b64 = body.replace(/\s+/g, '')
    // The same root is usually in the bundle and in the directory (twice): parse it once.
    if (!parsed.has(b64)) parsed.set(b64, toCleanPem(b64))
    const pem = parsed.get(b64)
    if (pem) out.push(pem)
  }
  return out
}

function toCleanPem(b64: string): string | null {
  try {
    const der = Buffer.from(b64, 'base64')
    new X509Certificate(der) // parse only: go skips what does not parse
    return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`
  } catch {
    return null // go skips a certificate it cannot parse
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'latin1')
  } catch {
    return null
  }
}

/** os.ReadDir minus same-directory symlinks (x509 readUniqueDirectoryEntries); null when unreadable. */
export function uniqueDirectoryEntries(dir: string): string[] | null {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return null
  }
  return entries
    .filter((e) => {
      if (!e.isSymbolicLink()) return true
      try {
        return readlinkSync(join(dir, e.name)).includes('/')
      } catch {
        return true
      }
    })
    .map((e) => e.name)
    .sort()
}

export type Platform = NodeJS.Platform

const BSDS = new Set<Platform>(['freebsd', 'openbsd', 'netbsd'])

/** Read the roots go would use on `platform`, from `env`. Synchronous and uncached: see trustRoots(). */
export function loadTrustRoots(env: NodeJS.ProcessEnv = process.env, platform: Platform = process.platform): TrustRoots {
  if (platform === 'darwin' || platform === 'win32') return loadNodeStores(env)
  const bsd = BSDS.has(platform)
  const seen = new Set<string>()
  const pems: string[] = []
  const sources: TrustSource[] = []
  const add = (source: Omit<TrustSource, 'certs'>, texts: string[]): void => {
    const certs = texts.flatMap((text) => certificatesInPem(text))
    if (certs.length === 0) return
    sources.push({ ...source, certs: certs.length })
    for (const pem of certs) {
      if (seen.has(pem)) continue
      seen.add(pem)
      pems.push(pem)
    }
  }
  const fileEnv = env.SSL_CERT_FILE ?? ''
  const files = fileEnv !== '' ? [fileEnv] : bsd ? BSD_CERT_FILES : LINUX_CERT_FILES
  for (const file of files) {
    const text = readText(file)
    if (text === null) continue
    add({ kind: 'file', path: file, env: fileEnv !== '' ? 'SSL_CERT_FILE' : null }, [text])
    break // go reads the first file it can read, even an empty one
  }
  const dirEnv = env.SSL_CERT_DIR ?? ''
  const dirs = dirEnv !== '' ? dirEnv.split(':') : bsd ? BSD_CERT_DIRS : LINUX_CERT_DIRS
  for (const dir of dirs) {
    const names = uniqueDirectoryEntries(dir)
    if (names === null) continue
    const texts = names.map((n) => readText(`${dir}/${n}`)).filter((t): t is string => t !== null)
    add({ kind: 'dir', path: dir, env: dirEnv !== '' ? 'SSL_CERT_DIR' : null }, texts)
  }
  return { mode: 'unix', pems, sources, ignoredEnv: [] }
}

function loadNodeStores(env: NodeJS.ProcessEnv): TrustRoots {
  const sources: TrustSource[] = []
  const getter = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates
  const system = typeof getter === 'function' ? getter('system') : []
  if (system.length > 0) sources.push({ kind: 'node-system', path: null, env: null, certs: system.length })
  const bundled = [...tls.rootCertificates]
  sources.push({ kind: 'node-bundled', path: null, env: null, certs: bundled.length })
  const ignoredEnv = (['SSL_CERT_FILE', 'SSL_CERT_DIR'] as const).filter((n) => env[n])
  return { mode: 'node', pems: [...new Set([...system, ...bundled])], sources, ignoredEnv }
}

let cached: { key: string; roots: TrustRoots; options: tls.ConnectionOptions } | undefined

/**
 * The roots for this process, read on first use (only when an https mirror is contacted, so
 * read-only commands never pay for it) and kept for the run.
 */
export function trustRoots(env: NodeJS.ProcessEnv = process.env): TrustRoots {
  return trustEntry(env).roots
}

/** Connect options that make Node verify with exactly these roots (one secure context, built once). */
export function trustConnectOptions(env: NodeJS.ProcessEnv = process.env): tls.ConnectionOptions {
  return trustEntry(env).options
}

function trustEntry(env: NodeJS.ProcessEnv): NonNullable<typeof cached> {
  const key = `${env.SSL_CERT_FILE ?? ''}\0${env.SSL_CERT_DIR ?? ''}`
  if (cached?.key !== key) {
    const roots = loadTrustRoots(env)
    // An empty list is kept empty: go with no roots trusts nothing, and so must the probe.
    cached = { key, roots, options: { secureContext: tls.createSecureContext({ ca: roots.pems }) } }
  }
  return cached
}
