/**
 * URL helpers shared by every command. A proxy URL may carry credentials
 * (https://user:token@host); they are never printed.
 */

/** `https://user:token@host/p` → `https://user:***@host/p`. Non-URLs are returned unchanged. */
export function redactUrl(raw: string): string {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return raw.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@')
  }
  if (!u.password && !u.username) return raw
  if (u.password) u.password = '***'
  else u.username = '***'
  return u.toString()
}

/** Mask every URL inside a comma/pipe separated GOPROXY-style value. */
export function redactList(value: string): string {
  return value.replace(/[a-z][a-z0-9+.-]*:\/\/[^,|\s]+/gi, (m) => redactUrl(m))
}

/**
 * A key for comparing proxy URLs: lower-case scheme and host, default port dropped,
 * credentials dropped, trailing slashes dropped (Go joins paths, so they do not matter).
 */
export function urlKey(raw: string): string {
  try {
    const u = new URL(raw)
    const path = u.pathname.replace(/\/+$/, '')
    return `${u.protocol}//${u.host}${path}`.toLowerCase()
  } catch {
    return raw.trim().replace(/\/+$/, '').toLowerCase()
  }
}

/** Join a base URL and a relative path the way Go does (path.Join of the two paths). */
export function joinUrl(base: string, rel: string): URL {
  const u = new URL(base)
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/${rel.replace(/^\/+/, '')}`
  u.search = ''
  u.hash = ''
  return u
}
