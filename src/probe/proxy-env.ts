/**
 * Which proxy the go command would use for a URL: a port of golang.org/x/net/http/httpproxy
 * (what net/http.ProxyFromEnvironment, and so cmd/go, use). A probe that routed differently from Go
 * would measure a path Go never takes, so the rules are Go's, not undici's (which reads the
 * lower-case names first and sends https through HTTP_PROXY when HTTPS_PROXY is unset). Pure.
 */
import { BlockList, isIP } from 'node:net'
import { domainToASCII } from 'node:url'

/** The proxy variables as Go reads them: the upper-case name first, then the lower-case one. */
export interface ProxyEnv {
  httpProxy: string
  httpsProxy: string
  noProxy: string
  /** REQUEST_METHOD is set: Go refuses HTTP_PROXY there (golang.org/s/cgihttpproxy). */
  cgi: boolean
}

function getEnvAny(env: NodeJS.ProcessEnv, ...names: string[]): string {
  for (const name of names) {
    const value = env[name]
    if (value) return value
  }
  return ''
}

export function readProxyEnv(env: NodeJS.ProcessEnv = process.env): ProxyEnv {
  return {
    httpProxy: getEnvAny(env, 'HTTP_PROXY', 'http_proxy'),
    httpsProxy: getEnvAny(env, 'HTTPS_PROXY', 'https_proxy'),
    noProxy: getEnvAny(env, 'NO_PROXY', 'no_proxy'),
    cgi: Boolean(env.REQUEST_METHOD),
  }
}

const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks5:'])

/** Go's parseProxy: a value without a usable scheme (`proxy.corp:3128`) means http://. Null when unusable. */
export function parseProxyUrl(value: string): URL | null {
  if (!value) return null
  try {
    const url = new URL(value)
    if (PROXY_SCHEMES.has(url.protocol)) return url
  } catch {
    // fall through to the http:// retry, as Go does
  }
  try {
    return new URL(`http://${value}`)
  } catch {
    return null // Go ignores a proxy value it cannot parse, and connects directly
  }
}

type Matcher = (host: string, port: string, ip: string | null) => boolean

/** `host:port`, `[v6]:port`, or null when there is no port (Go's net.SplitHostPort). */
function splitHostPort(entry: string): { host: string; port: string } | null {
  const m = /^\[([^\]]*)\]:(\d*)$/.exec(entry) ?? /^([^:[\]]*):(\d*)$/.exec(entry)
  return m ? { host: m[1] ?? '', port: m[2] ?? '' } : null
}

function parseCidr(entry: string): BlockList | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(entry)
  if (!m) return null
  const family = isIP(m[1] ?? '')
  const prefix = Number(m[2])
  if (family === 0 || prefix > (family === 4 ? 32 : 128)) return null
  const list = new BlockList()
  list.addSubnet(m[1] as string, prefix, family === 4 ? 'ipv4' : 'ipv6')
  return list
}

function normalizeIp(ip: string): string {
  // ::ffff:1.2.3.4 is the same address to Go's net.IP.Equal.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  return (mapped ? mapped[1] as string : ip).toLowerCase()
}

function ipFamily(ip: string): 'ipv4' | 'ipv6' {
  return isIP(ip) === 4 ? 'ipv4' : 'ipv6'
}

/** NO_PROXY as Go parses it: `*`, CIDRs, IPs (with optional port), domains (with optional port). */
export function parseNoProxy(noProxy: string): Matcher[] {
  const matchers: Matcher[] = []
  for (const raw of noProxy.split(',')) {
    const p = raw.trim().toLowerCase()
    if (!p) continue
    if (p === '*') return [() => true]
    const cidr = parseCidr(p)
    if (cidr) {
      matchers.push((_h, _p, ip) => ip !== null && cidr.check(normalizeIp(ip), ipFamily(normalizeIp(ip))))
      continue
    }
    const split = splitHostPort(p)
    if (split && !split.host) continue
    let host = split ? split.host : p
    const port = split ? split.port : ''
    if (isIP(host)) {
      const want = normalizeIp(host)
      matchers.push((_h, actualPort, ip) => ip !== null && normalizeIp(ip) === want && (port === '' || port === actualPort))
      continue
    }
    if (host.startsWith('*.')) host = host.slice(1)
    const matchHost = !host.startsWith('.')
    if (matchHost) host = `.${host}`
    const ascii = domainToASCII(host.slice(1))
    const suffix = ascii ? `.${ascii}` : host
    matchers.push((h, actualPort) => (h.endsWith(suffix) || (matchHost && h === suffix.slice(1))) && (port === '' || port === actualPort))
  }
  return matchers
}

function isLoopback(ip: string): boolean {
  const v = normalizeIp(ip)
  return isIP(v) === 4 ? v.startsWith('127.') : v === '::1'
}

export type ProxyChoice = { proxy: URL } | { proxy: null } | { error: string }

/** The proxy Go would use for `target`, or none; an error where Go would fail the request. */
export function proxyForUrl(target: URL, env: ProxyEnv): ProxyChoice {
  let proxy: URL | null = null
  if (target.protocol === 'https:') proxy = parseProxyUrl(env.httpsProxy)
  else if (target.protocol === 'http:') {
    proxy = parseProxyUrl(env.httpProxy)
    if (proxy && env.cgi) return { error: 'refusing to use HTTP_PROXY value in CGI environment (REQUEST_METHOD is set), as go does' }
  }
  if (!proxy) return { proxy: null }
  const host = target.hostname.replace(/^\[|\]$/g, '')
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  // Go never proxies localhost or a loopback address, whatever NO_PROXY says.
  if (host === 'localhost') return { proxy: null }
  const ip = isIP(host) ? host : null
  if (ip && isLoopback(ip)) return { proxy: null }
  const matchers = parseNoProxy(env.noProxy)
  if (matchers.some((match) => match(host.toLowerCase(), port, ip))) return { proxy: null }
  return { proxy }
}
