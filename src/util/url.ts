/**
 * URL helpers shared by every command. A proxy URL may carry credentials
 * (https://user:token@host); they are never printed.
 */
import { maskList, maskUrl } from './secrets.js'

/** `https://user:token@host/p` → `https://user:***@host/p` (see maskSecrets: every URL form). */
export function redactUrl(raw: string): string {
  return maskUrl(raw)
}

/** Mask every entry of a comma/pipe separated GOPROXY-style value, with or without a scheme. */
export function redactList(value: string): string {
  return maskList(value)
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

/** Mask credentials in every value of a variable map (null, meaning "not set", stays null). */
export function redactValues<T extends Partial<Record<string, string | null>>>(values: T): T {
  const out: Partial<Record<string, string | null>> = {}
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v === null ? null : redactList(v)
  return out as T
}
