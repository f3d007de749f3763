/**
 * Which credentials go would attach to a request to a proxy, so a probe sends the same ones.
 * Go 1.19-1.23 always consult netrc for https URLs. Go 1.24 added GOAUTH (default `netrc`): a
 * `;`-separated list of `off`, `netrc`, `git DIR` or a command; gomirror follows `off` and `netrc`
 * and probes without the credentials of `git` and commands (it never runs them).
 *
 * Precedence as net/http has it: cmd/go sets the netrc header before sending, and the client uses
 * the URL's user:password only when no Authorization header is set, so a netrc entry for the host
 * wins over credentials in the URL.
 */
import { readGoEnvFileVars } from '../goenv/env-file.js'
import { basicAuthorization, findNetrcLine, readNetrc, type Netrc, type NetrcLine } from './netrc.js'

export interface GoAuth {
  /** The GOAUTH value in effect ('' below Go 1.24 or when unset). */
  value: string
  /** Whether go reads netrc. */
  netrc: boolean
  /** `git …` and command entries: go runs them, gomirror does not. */
  commands: string[]
  /** GOAUTH=off. */
  off: boolean
}

/** GOAUTH as Go 1.24 reads it; below 1.24 go ignores it and always reads netrc. */
export function parseGoAuth(value: string, goVersion: { major: number; minor: number } | null): GoAuth {
  const applies = goVersion !== null && (goVersion.major > 1 || goVersion.minor >= 24)
  const effective = applies ? value.trim() || 'netrc' : ''
  if (!applies) return { value: '', netrc: true, commands: [], off: false }
  const parts = effective.split(';').map((p) => p.trim()).filter((p) => p !== '')
  const off = parts.length === 1 && parts[0] === 'off'
  return {
    value: effective,
    netrc: !off && parts.includes('netrc'),
    commands: parts.filter((p) => p !== 'netrc' && p !== 'off'),
    off,
  }
}

/** What the probes send: the netrc go would read, or null when go would read none. */
export interface ProbeCredentials {
  netrc: Netrc | null
}

/** The netrc entry go would use for a request to `raw` (https only), or null. */
export function netrcLineFor(creds: ProbeCredentials, raw: string): NetrcLine | null {
  return creds.netrc ? findNetrcLine(creds.netrc, raw) : null
}

/** The Authorization header go would send to `raw`: netrc first, else the URL's own (already computed). */
export function authorizationFor(creds: ProbeCredentials, raw: string, fromUrl: string | null): string | null {
  const line = netrcLineFor(creds, raw)
  return line ? basicAuthorization(line.login, line.password) : fromUrl
}

let pending: Promise<ProbeCredentials> | undefined

/**
 * The credentials for this run, found cheaply: GOAUTH is looked at only when the OS environment
 * or the go env file sets it to something other than netrc, and only then is go asked its
 * version (GOAUTH means nothing below 1.24).
 */
export function resolveProbeCredentials(env: NodeJS.ProcessEnv = process.env): Promise<ProbeCredentials> {
  pending ??= (async () => {
    const value = env.GOAUTH || (await readGoEnvFileVars(env).catch(() => new Map<string, string>())).get('GOAUTH') || ''
    let auth = parseGoAuth('', null)
    if (value.trim() !== '' && value.trim() !== 'netrc') {
      auth = parseGoAuth(value, await readGoVersionQuietly())
    }
    return { netrc: auth.netrc ? await readNetrc(env) : null }
  })()
  return pending
}

async function readGoVersionQuietly(): Promise<{ major: number; minor: number } | null> {
  const { parseGoVersion, runGo } = await import('../goenv/go-command.js')
  try {
    return parseGoVersion((await runGo(['version'])).stdout)
  } catch {
    return null // no go: nothing to be faithful to; netrc as every go reads it
  }
}
