/**
 * A real forward proxy for tests: Debian's tinyproxy, on 127.0.0.1, started and stopped by the
 * test. There is no DNS for test host names here, so tinyproxy is told (its `Upstream` directive)
 * to pass every request on to one loopback server, in the absolute form a proxy uses; our
 * loopback mirror answers that like any origin. Proof of the route: tinyproxy's log, and the
 * `Via: 1.1 tinyproxy` header it adds to what it forwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Tinyproxy {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** Everything tinyproxy logged so far (it logs each request line). */
  log(): string
  close(): Promise<void>
}

/** Fail loudly, never skip: the proxy tests are the only proof that proxies are honoured. */
export function assertTinyproxyInstalled(): void {
  const r = spawnSync('tinyproxy', ['-v'], { encoding: 'utf8' })
  if (r.error) throw new Error('tinyproxy is missing: the proxy tests need it (apt-get install -y tinyproxy; npm test installs it on Debian as root)')
}

/** tinyproxy wants a fixed port in its config: take a free one from the kernel first. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no free port')
  return address.port
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited with ${child.exitCode}:\n${output()}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true) })
      socket.on('error', () => resolve(false))
    })
    if (open) return
    if (Date.now() > deadline) throw new Error(`tinyproxy did not listen on ${port} within 10 s:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Start tinyproxy forwarding everything to `upstream` (host:port on loopback). Always close() it. */
export async function startTinyproxy(upstream: string): Promise<Tinyproxy> {
  assertTinyproxyInstalled()
  const dir = await mkdtemp(join(tmpdir(), 'gomirror-tinyproxy-'))
  const port = await freePort()
  const conf = join(dir, 'tinyproxy.conf')
  await writeFile(conf, [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Allow 127.0.0.1',
    'Timeout 30',
    'MaxClients 50',
    'LogLevel Connect',
    `LogFile "${join(dir, 'tinyproxy.log')}"`,
    `Upstream http ${upstream}`,
    '',
  ].join('\n'))
  // -d: stay in the foreground, so the child is tinyproxy itself and killing it by pid ends it.
  const child = spawn('tinyproxy', ['-d', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const log = (): string => {
    try {
      return readFileSync(join(dir, 'tinyproxy.log'), 'utf8')
    } catch {
      return output
    }
  }
  try {
    await waitForPort(port, child, log)
  } catch (err) {
    child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
    throw err
  }
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * A host name that /etc/hosts maps to a loopback address but that is not "localhost": Go (and so
 * gomirror) would send it through a proxy, yet a direct connection still reaches a loopback
 * server without any DNS query. Null when the file has none; then direct requests fail to resolve.
 */
export function loopbackAlias(): string | null {
  let text: string
  try {
    text = readFileSync('/etc/hosts', 'utf8')
  } catch {
    return null
  }
  for (const line of text.split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/)
    if (!address?.startsWith('127.')) continue
    const name = names.find((n) => n && n !== 'localhost' && !n.startsWith('localhost.') && /^[a-z0-9.-]+$/i.test(n))
    if (name) return name.toLowerCase()
  }
  return null
}
