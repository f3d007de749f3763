/**
 * A forward proxy that misbehaves on purpose, for the fault-injection tests. It listens on
 * 127.0.0.1 and never connects anywhere itself: whatever a client asks for (CONNECT or an
 * absolute-form request), it answers according to its mode. Point a client at a non-loopback
 * name (https://mirror.invalid.test/) so Go's proxy rules send it here; nothing leaves loopback.
 */
import { createServer, type Socket } from 'node:net'
import { listenLoopback } from './net-helpers.js'

export const PROXY_MODES = [
  'close-on-connect', // reads the request head, then closes the connection without a word
  'silent', // accepts, reads, never answers
  'slowloris', // answers one byte every 100 ms: a status line, then a header that never ends
  'tls-stall', // answers CONNECT 200 at once, then trickles a TLS record that never completes
  '407', // Proxy Authentication Required
  'garbage', // answers with bytes that are not HTTP, then closes
] as const
export type ProxyMode = (typeof PROXY_MODES)[number]

export interface HostileProxy {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** Request lines received (`CONNECT mirror.invalid.test:443 HTTP/1.1`), in arrival order. */
  requests: string[]
  /** Proxy-Authorization headers received, parallel to `requests` ('' when absent). */
  auth: string[]
  /** Connections accepted so far. */
  connections(): number
  close(): Promise<void>
}

const TRICKLE_MS = 100

function trickle(socket: Socket, prefix: Buffer, filler: Buffer): void {
  let sent = 0
  const timer = setInterval(() => {
    if (socket.destroyed) return void clearInterval(timer)
    const byte = sent < prefix.length ? prefix.subarray(sent, sent + 1) : filler
    sent++
    socket.write(byte)
  }, TRICKLE_MS)
  socket.on('close', () => clearInterval(timer))
}

function answer(mode: ProxyMode, socket: Socket): void {
  switch (mode) {
    case 'close-on-connect':
      socket.destroy()
      return
    case 'silent':
      return
    case 'slowloris':
      trickle(socket, Buffer.from('HTTP/1.1 200 Connection established\r\nX-Padding: '), Buffer.from('a'))
      return
    case 'tls-stall':
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n')
      // A handshake record header announcing 16 KiB, then the bytes one at a time: never enough.
      trickle(socket, Buffer.from([0x16, 0x03, 0x03, 0x40, 0x00]), Buffer.from([0x00]))
      return
    case '407':
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n')
      return
    case 'garbage':
      socket.end(Buffer.concat([Buffer.from('SSH-2.0-OpenSSH_9.2\r\n'), Buffer.from([0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x0d, 0x0a, 0x0d, 0x0a])]))
      return
  }
}

export async function startHostileProxy(mode: ProxyMode): Promise<HostileProxy> {
  const requests: string[] = []
  const auth: string[] = []
  const sockets = new Set<Socket>()
  let accepted = 0
  const server = createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    let head = ''
    let answered = false
    socket.on('data', (chunk: Buffer) => {
      if (answered) return // a tunnel's payload (a TLS ClientHello) is ignored: nothing is relayed
      head += chunk.toString('latin1')
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      answered = true
      const lines = head.slice(0, end).split('\r\n')
      requests.push(lines[0] ?? '')
      auth.push(lines.find((l) => /^proxy-authorization:/i.test(l))?.replace(/^[^:]*:\s*/, '') ?? '')
      answer(mode, socket)
    })
  })
  const port = await listenLoopback(server)
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    auth,
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
