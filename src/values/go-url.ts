/**
 * Go's net/url.Parse (Go 1.19), ported for the cases that decide whether the go command can read
 * a GOPROXY or GOSUMDB URL: what it refuses and the parts it yields. Not a general URL parser.
 */
export interface GoUrl {
  scheme: string
  opaque: string
  /** Userinfo as written (before unescaping), or null when there is no '@'. */
  user: string | null
  host: string
  path: string
  rawQuery: string
  fragment: string
  /** "scheme:/path": a scheme and a path with no "//" authority (Go's URL.OmitHost). */
  omitHost: boolean
}

/** Why Go's url.Parse refuses a string; the words go prints after "parse ...:". */
export type GoUrlError = 'control' | 'missing-scheme' | 'colon-first-segment' | 'missing-bracket' | 'bad-port' | 'bad-userinfo' | 'bad-escape' | 'bad-host-char'

export function parseGoUrl(raw: string): GoUrl | { error: GoUrlError } {
  const hash = raw.indexOf('#')
  const main = hash >= 0 ? raw.slice(0, hash) : raw
  const frag = hash >= 0 ? raw.slice(hash + 1) : ''
  if ([...main].some((c) => c < ' ' || c === '\x7f')) return { error: 'control' }
  // Go special-cases "*" (path "*"); getScheme finds no scheme in it and the parts below are the same.
  const s = getScheme(main)
  if (s === null) return { error: 'missing-scheme' }
  const url: GoUrl = { scheme: s.scheme.toLowerCase(), opaque: '', user: null, host: '', path: '', rawQuery: '', fragment: frag, omitHost: false }
  let rest = s.rest
  // Go sets ForceQuery for a lone '?' at the end; cutting at the first '?' yields the same parts.
  const q = rest.indexOf('?')
  if (q >= 0) {
    url.rawQuery = rest.slice(q + 1)
    rest = rest.slice(0, q)
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest
      return checkFragment(url)
    }
    // Stryker disable next-line StringLiteral: split always yields a first element, the default is never used
    if ((rest.split('/')[0] ?? '').includes(':')) return { error: 'colon-first-segment' }
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2)
    rest = ''
    const slash = authority.indexOf('/')
    if (slash >= 0) {
      rest = authority.slice(slash)
      authority = authority.slice(0, slash)
    }
    const at = authority.lastIndexOf('@')
    // With no '@' (at = -1) this is the whole authority.
    const host = parseHost(authority.slice(at + 1))
    if (typeof host !== 'string') return host
    url.host = host
    if (at >= 0) {
      const userinfo = authority.slice(0, at)
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return { error: 'bad-userinfo' }
      if (!validEscapes(userinfo)) return { error: 'bad-escape' }
      url.user = userinfo
    }
  } else if (url.scheme !== '') {
    // With a scheme, a rest not starting with '/' was returned as opaque above.
    url.omitHost = true
  }
  if (!validEscapes(rest)) return { error: 'bad-escape' }
  url.path = rest
  return checkFragment(url)
}

function checkFragment(url: GoUrl): GoUrl | { error: GoUrlError } {
  return validEscapes(url.fragment) ? url : { error: 'bad-escape' }
}

/** getScheme: null when the string starts with ':' (Go's "missing protocol scheme"). */
function getScheme(raw: string): { scheme: string; rest: string } | null {
  // By code point; a slice only happens after ASCII, where code points and code units agree.
  for (const [i, c] of Array.from(raw).entries()) {
    if (/[A-Za-z]/.test(c)) continue
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw }
      continue
    }
    if (c === ':') return i === 0 ? null : { scheme: raw.slice(0, i), rest: raw.slice(i + 1) }
    return { scheme: '', rest: raw }
  }
  return { scheme: '', rest: raw }
}

function parseHost(host: string): string | { error: GoUrlError } {
  if (host.startsWith('[')) {
    if (!host.includes(']')) return { error: 'missing-bracket' }
    const close = host.lastIndexOf(']')
    if (!/^(:[0-9]*)?$/.test(host.slice(close + 1))) return { error: 'bad-port' }
    // Only before ']': after it, '%25' would be a bad port, refused above.
    const zone = host.indexOf('%25')
    if (zone >= 0) {
      // unescape(host, encodeZone): the zone may escape more than the address, but its own characters
      // follow the host rules. The port after ']' is digits (checked above).
      if (!hostEscapes(host.slice(0, zone)) || !zoneEscapes(host.slice(zone, close))) return { error: 'bad-escape' }
      // After ']' only a port (checked above), which is valid host text.
      if (!validHost(host)) return { error: 'bad-host-char' }
      return host
    }
  } else {
    const colon = host.lastIndexOf(':')
    // The port: what follows the last ':'.
    if (colon >= 0 && !/:[0-9]*$/.test(host)) return { error: 'bad-port' }
  }
  if (!hostEscapes(host)) return { error: 'bad-escape' }
  if (!validHost(host)) return { error: 'bad-host-char' }
  return host
}

/** unescape(host, encodeHost): escapes are well-formed, and only %25 or non-ASCII bytes (>= %80) may be escaped. */
function hostEscapes(host: string): boolean {
  return validEscapes(host) && !/%(?!25)[0-7]/.test(host)
}

/**
 * unescape(zone, encodeZone): escapes are well-formed, and each is %25, %20 or a byte a host need not
 * escape (shouldEscape(v, encodeHost) is false).
 */
function zoneEscapes(zone: string): boolean {
  if (!validEscapes(zone)) return false
  for (const m of zone.matchAll(/%([0-9A-Fa-f]{2})/g)) {
    const hex = m[1] as string
    const c = String.fromCharCode(parseInt(hex, 16))
    if (hex !== '25' && c !== ' ' && !/[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(c)) return false
  }
  return true
}

/** unescape(host, encodeHost): ASCII outside these is refused; non-ASCII bytes pass. */
function validHost(host: string): boolean {
  return /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%\u0080-\u{10ffff}]*$/u.test(host)
}

/** Every '%' starts a two-hex-digit escape. */
function validEscapes(s: string): boolean {
  return !/%(?![0-9A-Fa-f]{2})/.test(s)
}
