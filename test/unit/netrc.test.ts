import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { authorizationFor, parseGoAuth } from '../../src/net/credentials.js'
import { findNetrcLine, netrcPath, parseNetrc, rawHostname, readNetrc, type Netrc } from '../../src/net/netrc.js'

// cmd/go/internal/auth/netrc_test.go (Go 1.19), verbatim.
const GO_TEST_NETRC = `
machine incomplete
password none

machine api.github.com
  login user
  password pwd

machine incomlete.host
  login justlogin

machine test.host
login user2
password pwd2

machine oneline login user3 password pwd3

machine ignore.host macdef ignore
  login nobody
  password nothing

machine hasmacro.too macdef ignore-next-lines login user4 password pwd4
  login nobody
  password nothing

default
login anonymous
password gopher@golang.org

machine after.default
login oops
password too-late-in-file
`

const strip = (lines: ReturnType<typeof parseNetrc>): string[][] => lines.map((l) => [l.machine, l.login, l.password])

describe('parseNetrc, as cmd/go parses it', () => {
  it("passes go's own TestParseNetrc", () => {
    expect(strip(parseNetrc(GO_TEST_NETRC))).toEqual([
      ['api.github.com', 'user', 'pwd'],
      ['test.host', 'user2', 'pwd2'],
      ['oneline', 'user3', 'pwd3'],
      ['hasmacro.too', 'user4', 'pwd4'],
    ])
  })

  it('records the line of the machine token', () => {
    expect(parseNetrc(GO_TEST_NETRC).map((l) => l.line)).toEqual([5, 12, 16, 22])
  })

  it('keeps parsing after "default" when it is not the last unpaired token of its line', () => {
    // go: `default login a password b` pairs (default,login) (a,password) and leaves `b`; no stop.
    expect(strip(parseNetrc('default login a password b\nmachine m login u password p\n'))).toEqual([['m', 'u', 'p']])
    expect(strip(parseNetrc('machine m login u\ndefault\npassword p\nmachine n login v password q\n'))).toEqual([])
  })

  it('ends a macro only at a truly empty line (CRLF files never end one)', () => {
    expect(strip(parseNetrc('macdef x\nstuff\n\nmachine m login u password p\n'))).toEqual([['m', 'u', 'p']])
    expect(strip(parseNetrc('macdef x\r\nstuff\r\n\r\nmachine m login u password p\r\n'))).toEqual([])
    expect(strip(parseNetrc('macdef x\nstuff\n \nmachine m login u password p\n'))).toEqual([])
  })

  it("splits fields on Go's unicode.IsSpace, not JavaScript's \\s", () => {
    expect(strip(parseNetrc('machine\u0085m login u password p'))).toEqual([['m', 'u', 'p']])
    expect(strip(parseNetrc('machine m login u password \ufeffp'))).toEqual([['m', 'u', '\ufeffp']])
  })

  it('a complete entry resets: later tokens without a machine start nothing', () => {
    expect(strip(parseNetrc('machine m login u password p login v password q\n'))).toEqual([['m', 'u', 'p']])
    expect(strip(parseNetrc('login u password p machine m\n'))).toEqual([])
  })
})

describe('which entry go sends', () => {
  const netrc: Netrc = { path: '/h/.netrc', found: true, error: null, lines: parseNetrc('machine 127.0.0.1 login a password one\nmachine Corp.Example login b password two\nmachine 127.0.0.1 login c password three\nmachine ::1 login d password four\n') }

  it('matches the host name without the port, first entry wins, https only', () => {
    expect(findNetrcLine(netrc, 'https://127.0.0.1:8443/goproxy/')?.login).toBe('a')
    expect(findNetrcLine(netrc, 'http://127.0.0.1:8443/')).toBeNull()
    expect(findNetrcLine(netrc, 'https://[::1]:9/')?.login).toBe('d')
  })

  it('compares the host as written, case included (url.Hostname does not lower it)', () => {
    expect(findNetrcLine(netrc, 'https://Corp.Example/')?.login).toBe('b')
    expect(findNetrcLine(netrc, 'https://corp.example/')).toBeNull()
    expect(rawHostname('https://u:p@Corp.Example:443/x')).toBe('Corp.Example')
  })

  it('a netrc entry wins over credentials in the URL (net/http uses the URL only without a header)', () => {
    const fromUrl = 'Basic dXJsOnVybA=='
    expect(authorizationFor({ netrc }, 'https://127.0.0.1:1/', fromUrl)).toBe(`Basic ${Buffer.from('a:one').toString('base64')}`)
    expect(authorizationFor({ netrc }, 'https://other.example/', fromUrl)).toBe(fromUrl)
    expect(authorizationFor({ netrc: null }, 'https://127.0.0.1:1/', null)).toBeNull()
  })
})

describe('the netrc file go reads', () => {
  it('is $NETRC, else ~/.netrc, else _netrc in %USERPROFILE% on Windows', () => {
    expect(netrcPath({ NETRC: '/x/n', HOME: '/h' }, 'linux')).toBe('/x/n')
    expect(netrcPath({ HOME: '/h' }, 'linux')).toBe(join('/h', '.netrc'))
    expect(netrcPath({ USERPROFILE: 'C:\\Users\\me', HOME: '/h' }, 'win32')).toBe(join('C:\\Users\\me', '_netrc'))
  })

  it('a missing file is no error; the entries of a present one are read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'netrc-'))
    try {
      expect(await readNetrc({ HOME: dir }, 'linux')).toMatchObject({ found: false, error: null, lines: [] })
      await writeFile(join(dir, '.netrc'), 'machine h login u password p\n')
      expect(await readNetrc({ HOME: dir }, 'linux')).toMatchObject({ found: true, lines: [{ machine: 'h', login: 'u', line: 1 }] })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('GOAUTH', () => {
  it('means nothing below Go 1.24: netrc is always read', () => {
    expect(parseGoAuth('off', { major: 1, minor: 19 })).toEqual({ value: '', netrc: true, commands: [], off: false })
  })

  it('from Go 1.24: default netrc, off, and commands gomirror does not run', () => {
    const go124 = { major: 1, minor: 24 }
    expect(parseGoAuth('', go124)).toMatchObject({ netrc: true, off: false, commands: [] })
    expect(parseGoAuth('off', go124)).toMatchObject({ netrc: false, off: true })
    expect(parseGoAuth('git /src/x; netrc', go124)).toMatchObject({ netrc: true, commands: ['git /src/x'] })
    expect(parseGoAuth('/usr/bin/creds --flag', go124)).toMatchObject({ netrc: false, commands: ['/usr/bin/creds --flag'] })
  })
})
