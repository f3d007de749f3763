/** What to probe: a name for the table and the base URL (which may carry credentials). */
export interface ProbeTarget {
  name: string
  url: string
}

/** One mirror's outcome. A dead mirror is a result with `error`, never a thrown error. */
export interface ProbeResult {
  name: string
  /** The base URL with any credentials masked. */
  url: string
  healthy: boolean
  /** Median of the warm samples (connection already open), in ms rounded to 0.1; null when unhealthy before any sample. */
  latencyMs: number | null
  /** Time to open the connection (TCP, plus TLS for https), measured apart from latency. */
  connectMs: number | null
  /** Every warm sample, in ms rounded to 0.1, in the order taken: .info, .mod, then more .info. */
  samples: number[]
  /** Whether `sumdb/sum.golang.org/supported` answered 200; null when not asked. */
  sumdb: boolean | null
  /** Why the mirror is unhealthy, naming the request and what went wrong; null when healthy. */
  error: string | null
  /** Remote address of the first connection (the proxy's when HTTPS_PROXY applies); null when none opened. */
  address?: string | null
  /** `IPv4` or `IPv6`, for `address`. */
  family?: string | null
  /** Connections opened; above 1 means the mirror closed keep-alive and some samples paid a handshake. */
  connections?: number
}

export interface ProbeOptions {
  /** Warm latency samples per mirror; the .info and .mod checks are two of them, so at least 2. @default 5 */
  samples?: number
  /** Time allowed for one request, headers and body. @default 4000 */
  requestTimeoutMs?: number
  /** Time allowed for one mirror's whole probe (all requests). @default 2 × requestTimeoutMs */
  mirrorTimeoutMs?: number
  /** Largest body accepted for a canary request before it counts as endless. @default 262144 */
  maxBodyBytes?: number
  /** Redirects followed before giving up (Go itself follows up to 10). @default 5 */
  maxRedirects?: number
  /** Sent as `User-Agent`. @default `gomirror/<version from package.json>` */
  userAgent?: string
  /** Aborts every probe (Ctrl-C). */
  signal?: AbortSignal
}

/** The core reports through callbacks and never prints. */
export interface ProbeCallbacks {
  onStart?: (target: ProbeTarget) => void
  onResult?: (result: ProbeResult) => void
}
