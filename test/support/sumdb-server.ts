/**
 * Loopback stand-ins for the checksum database hosts (sum.golang.org, sum.golang.google.cn), for
 * GOMIRROR_SUMDB_HOSTS. They answer `/latest` with a tree head shaped like the real one, or
 * misbehave as a blocked or hijacked host would.
 */
import { createServer } from 'node:http'
import type { Socket } from 'node:net'
import { listenLoopback } from './net-helpers.js'

export type SumdbMode = 'ok' | 'hang' | 'portal' | 'status-404'

export interface SumdbStandIn {
  url: string
  requests: string[]
  close(): Promise<void>
}

// The shape of a signed tree head (golang.org/x/mod/sumdb/note); the signature is not checked.
const TREE_HEAD = 'go.sum database tree\n21863423\nq0s7eDYd6Yp9oYdVHmz0jG2m8bDpJ8cKmQf0y1l7i0Q=\n\n— sum.golang.org Az3grnmrIUEDFqHzAElIQCPNoRFRAAY2WsZaL+Hr9qzW6m5OF+QQVC1j0ZtHjmZ2u9QhM6gYOjmZdrnYFRv9t4W36xgK\n'

export async function startSumdbStandIn(mode: SumdbMode): Promise<SumdbStandIn> {
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    requests.push(req.url ?? '')
    if (mode === 'hang') return
    if (mode === 'status-404' || req.url !== '/latest') return void res.writeHead(404).end('not found\n')
    if (mode === 'portal') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Please log in</html>')
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(TREE_HEAD)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listenLoopback(server)
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The GOMIRROR_SUMDB_HOSTS value pointing both hosts at stand-ins. */
export function sumdbHostsEnv(official: SumdbStandIn, china: SumdbStandIn): string {
  return `sum.golang.org=${official.url},sum.golang.google.cn=${china.url}`
}
