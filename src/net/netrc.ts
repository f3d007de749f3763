/**
 * The credentials go sends to a proxy: `~/.netrc` (`_netrc` on Windows, `$NETRC` when set), parsed
 * line for line as cmd/go/internal/auth/netrc.go parses it (Go 1.19), and matched as AddCredentials
 * matches it: the first entry whose machine equals the URL's host name, port left out, and only
 * for https requests (cmd/go/internal/web/http.go). Passwords never leave this module except as
 * the Authorization header of a request: every other caller sees NetrcEntry without it.
 */
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** One complete entry; `line` is the 1-based line where its machine token is. */
export interface NetrcLine {
  machine: string
  login: string
  password: string
  line: number
}

/** What may be shown of an entry: never the password. */
export interface NetrcEntry {
  machine: string
  login: string
  file: string
  line: number
}

/** Go's strings.Fields splits on unicode.IsSpace, which differs from JavaScript's \s (U+0085 yes, U+FEFF no). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u

function fields(line: string): string[] {
  return line.split(GO_SPACE).filter((f) => f !== '')
}

/** cmd/go/internal/auth parseNetrc, quirks included (see netrc_test.go). */
export function parseNetrc(data: string): NetrcLine[] {
  const out: NetrcLine[] = []
  let l = { machine: '', login: '', password: '', line: 0 }
  let inMacro = false
  const lines = data.split('\n')
  for (const [index, text] of lines.entries()) {
    if (inMacro) {
      if (text === '') inMacro = false // only a truly empty line ends a macro ("\r" does not)
      continue
    }
    const f = fields(text)
    let i = 0
    for (; i < f.length - 1; i += 2) {
      const value = f[i + 1] as string
      switch (f[i]) {
        case 'machine':
          l = { machine: value, login: '', password: '', line: index + 1 }
          break
        case 'login':
          l.login = value
          break
        case 'password':
          l.password = value
          break
        case 'macdef':
          inMacro = true
          break
        default: // "default" and unknown tokens are skipped with their value, as in go
      }
      if (l.machine !== '' && l.login !== '' && l.password !== '') {
        out.push(l)
        l = { machine: '', login: '', password: '', line: 0 }
      }
    }
    // Only a `default` left over as the line's last unpaired token ends the file for go.
    if (i < f.length && f[i] === 'default') break
  }
  return out
}

/** $NETRC, else ~/.netrc (`_netrc` on Windows), as netrcPath; null when go finds no home directory. */
export function netrcPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (env.NETRC) return env.NETRC
  // os.UserHomeDir: $HOME on Unix, %USERPROFILE% on Windows (an error when empty).
  const home = platform === 'win32' ? env.USERPROFILE : env.HOME
  if (!home) return env === process.env && platform === process.platform ? homedir() || null : null
  return join(home, platform === 'win32' ? '_netrc' : '.netrc')
}

export interface Netrc {
  /** The file go would read; null when it has no home directory. */
  path: string | null
  /** Whether it could be read (missing is not an error to go: it sends nothing). */
  found: boolean
  /** Why it could not be read, other than being absent. */
  error: string | null
  lines: NetrcLine[]
}

/** Read and parse the file go would read. Never rejects. */
export async function readNetrc(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<Netrc> {
  const path = netrcPath(env, platform)
  if (path === null) return { path, found: false, error: null, lines: [] }
  try {
    return { path, found: true, error: null, lines: parseNetrc(await readFile(path, 'utf8')) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { path, found: false, error: code === 'ENOENT' ? null : (error as Error).message, lines: [] }
  }
}

/** The host as go's url.Hostname() sees it: case kept (WHATWG URL would lower it), no port, no brackets. */
export function rawHostname(raw: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(raw.trim())
  return m ? (m[1] as string).replace(/^\[|\]$/g, '') : null
}

/** The entry go would use for a request to `raw`: https only, host name without port, first match wins. */
export function findNetrcLine(netrc: Netrc, raw: string): NetrcLine | null {
  if (!/^https:\/\//i.test(raw.trim())) return null
  const host = rawHostname(raw)
  return host ? (netrc.lines.find((l) => l.machine === host) ?? null) : null
}

/** The entry without its password, for messages. */
export function describeNetrcLine(netrc: Netrc, line: NetrcLine): NetrcEntry {
  return { machine: line.machine, login: line.login, file: netrc.path ?? '', line: line.line }
}

/** The header req.SetBasicAuth would set. */
export function basicAuthorization(login: string, password: string): string {
  return `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`
}
