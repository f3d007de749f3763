/**
 * Small TCP fixtures for network failure tests: a port that never answers, a port nobody listens
 * on, and a tunnelling HTTP proxy. All on 127.0.0.1 with port 0, so tests can run in parallel.
 */
import { createServer, request } from 'node:http'
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net'
import type { IncomingMessage } from 'node:http'

/** Listen on 127.0.0.1 with a free port and return the port. */
export async function listenLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('loopback server has no port')
  return address.port
}

/** A TCP port that accepts connections and never says a word (no HTTP at all). */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = createTcpServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listenLoopback(server)
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A URL whose port had a listener a moment ago and has none now: connection refused. */
export async function findClosedPortUrl(): Promise<string> {
  const server = createTcpServer()
  const port = await listenLoopback(server)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/`
}

/**
 * An HTTP proxy: tunnels https with CONNECT and forwards plain-http requests (absolute-form, as Go
 * sends them); records both. It "resolves" every host name to 127.0.0.1, so a test can probe
 * `http://mirror.test:PORT/` (clients never proxy loopback addresses themselves, as Go does not).
 */
export async function startConnectProxy(): Promise<{ url: string; tunnels: string[]; forwarded: string[]; close(): Promise<void> }> {
  const tunnels: string[] = []
  const forwarded: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('http://')) return void res.writeHead(405).end()
    forwarded.push(req.url)
    const target = new URL(req.url)
    const upstream = request({ host: '127.0.0.1', port: Number(target.port || 80), path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '')
    const port = Number((req.url ?? '').split(':').pop())
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client).pipe(upstream)
    })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => { client.destroy(); upstream.destroy() })
      socket.on('close', () => sockets.delete(socket))
    }
  })
  const port = await listenLoopback(server)
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    forwarded,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
