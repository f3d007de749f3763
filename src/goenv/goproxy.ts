/**
 * GOPROXY parsed exactly as cmd/go's modfetch.proxyList does (Go 1.19), so gomirror and Go agree
 * on what a value means: entries split on ',' or '|', spaces trimmed, empty entries skipped,
 * `off` and `direct` end the list (later entries are ignored), and a bare host gets https://.
 */
export interface ProxyEntry {
  kind: 'url' | 'direct' | 'off'
  /** The URL Go will use (with https:// added to a bare host), or 'direct'/'off'. */
  url: string
  /** The entry as written. */
  raw: string
  /** Separator after this entry was '|': fall through on any error, not only 404/410 (Go >= 1.15). */
  fallBackOnError: boolean
}

export interface ParsedGoproxy {
  entries: ProxyEntry[]
  /** Entries Go never reaches because they follow `direct` or `off`. */
  ignored: string[]
  /** Go's own complaint about the value, if it would refuse it; null when Go accepts it. */
  error: string | null
}

export function parseGoproxy(value: string): ParsedGoproxy {
  const entries: ProxyEntry[] = []
  const ignored: string[] = []
  let rest = value
  let ended = false
  while (rest !== '') {
    const i = rest.search(/[,|]/)
    const raw = i >= 0 ? rest.slice(0, i) : rest
    const fallBackOnError = i >= 0 && rest[i] === '|'
    rest = i >= 0 ? rest.slice(i + 1) : ''
    const entry = raw.trim()
    if (entry === '') continue
    if (ended) {
      ignored.push(entry)
      continue
    }
    if (entry === 'off' || entry === 'direct') {
      entries.push({ kind: entry, url: entry, raw, fallBackOnError })
      ended = true
      continue
    }
    let url = entry
    if (/[.:/]/.test(url) && !url.includes(':/') && !isAbsolutePath(url)) url = `https://${url}`
    const error = checkProxyUrl(url)
    if (error) return { entries, ignored, error }
    entries.push({ kind: 'url', url, raw, fallBackOnError })
  }
  if (entries.length === 0 && value !== '') return { entries, ignored, error: 'GOPROXY list is not the empty string, but contains no entries' }
  return { entries, ignored, error: null }
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')
}

/** modfetch.newProxyRepo's scheme check. */
function checkProxyUrl(url: string): string | null {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase()
  if (!scheme) return `invalid proxy URL missing scheme: ${url}`
  if (scheme === 'http' || scheme === 'https') {
    try {
      new URL(url)
    } catch {
      return `invalid proxy URL: ${url}`
    }
    return null
  }
  if (scheme === 'file') return null
  return `invalid proxy URL scheme (must be https, http, file): ${url}`
}
