/**
 * The checksum database hosts gomirror checks when choosing GOSUMDB, and the stand-ins that
 * replace them: GOMIRROR_SUMDB_HOSTS="sum.golang.org=URL,sum.golang.google.cn=URL" (tests use
 * loopback servers; an air-gapped network can point at its own mirror of the database).
 */
import { UsageError } from '../errors.js'

/** sum.golang.google.cn serves the same database as sum.golang.org, under the same key, from mainland China. */
export const SUMDB_HOSTS = ['sum.golang.org', 'sum.golang.google.cn'] as const
export type SumdbHost = (typeof SUMDB_HOSTS)[number]

/** Base URL per host (ending in `/`); `latest` under it is the signed tree head. */
export function sumdbBaseUrls(env: NodeJS.ProcessEnv = process.env): Record<SumdbHost, string> {
  const urls: Record<SumdbHost, string> = { 'sum.golang.org': 'https://sum.golang.org/', 'sum.golang.google.cn': 'https://sum.golang.google.cn/' }
  const raw = env.GOMIRROR_SUMDB_HOSTS?.trim()
  if (!raw) return urls
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=')
    const host = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    if (eq < 0 || !(SUMDB_HOSTS as readonly string[]).includes(host)) {
      throw new UsageError(`GOMIRROR_SUMDB_HOSTS: "${pair.trim()}" is not <host>=<url> for one of ${SUMDB_HOSTS.join(', ')}`, 'for example: GOMIRROR_SUMDB_HOSTS=sum.golang.org=http://127.0.0.1:8081/')
    }
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new UsageError(`GOMIRROR_SUMDB_HOSTS: "${value}" is not a URL`, 'for example: GOMIRROR_SUMDB_HOSTS=sum.golang.org=http://127.0.0.1:8081/')
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`GOMIRROR_SUMDB_HOSTS: "${value}" is not an http(s) URL`)
    urls[host as SumdbHost] = url.href.endsWith('/') ? url.href : `${url.href}/`
  }
  return urls
}
