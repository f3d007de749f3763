import type { ProbeCredentials } from '../net/credentials.js'
import type { ProofFinding } from '../sumdb/proof.js'

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
  /** The proxy the probe went through (HTTPS_PROXY/HTTP_PROXY, as go would use it; credentials masked); null when direct. */
  proxy?: string | null
  /**
   * True when the probe stopped waiting for this mirror because it could no longer beat the
   * fastest (see decide.ts). Such a row is not healthy, so `use` never picks it; `error` says how
   * long it was given and whom it could not beat.
   */
  cutOff?: boolean
  /** How long a cut-off mirror was given, in ms; null otherwise. */
  cutOffAfterMs?: number | null
  /** With `deep`: the canary module zip, downloaded and checked against its go.sum hash. */
  zip?: ZipCheck | null
  /** The credentials sent, as go would send them (never the password); null when none. */
  credentials?: SentCredentials | null
  /** With `serviceHealth`: the Athens-style endpoints that answered 200 (best effort; never affects health). */
  serviceHealth?: ServiceHealth | null
  /**
   * With `sumdbKey`: whether the mirror's checksum-database proxy serves what the database signed
   * (src/sumdb/proof.ts); null when not checked (the mirror does not proxy it, or is unhealthy).
   */
  sumdbProof?: SumdbProofRow | null
}

/** Where the Authorization header came from: a netrc entry (file:line, machine, login) or the URL. */
export type SentCredentials = { source: 'netrc'; file: string; line: number; machine: string; login: string } | { source: 'url' }

/** `/healthz` and `/readyz` (Athens, many goproxy setups): the URL that answered 200, else null. */
export interface ServiceHealth {
  healthz: string | null
  readyz: string | null
}

/** The outcome of a checksum-database proof: `finding` is the code and parameters, `error` its English text. */
export interface SumdbProofRow {
  verified: boolean
  error: string | null
  finding: ProofFinding | null
}

/** The canary zip as downloaded by a `deep` probe. */
export interface ZipCheck {
  bytes: number
  /** From sending the request to the last byte, in ms rounded to 0.1. */
  ms: number
  /** bytes / ms, in KiB per second. The canary is small, so this is mostly one round trip. */
  kibPerSec: number
  /** Its dirhash (h1:…), equal to the go.sum line's on a healthy mirror. */
  hash: string
}

export interface ProbeOptions {
  /**
   * Warm latency samples per mirror; the .info and .mod checks are two of them, so at least 2.
   * A mirror clearly behind the leaders stops sooner; one whose results overlap a rival's takes
   * more, up to `maxSamples`. @default 5
   */
  samples?: number
  /** Most warm samples while results overlap (the stability check). @default 4 × samples */
  maxSamples?: number
  /**
   * Decide early (see decide.ts): cut off mirrors that can no longer beat the `keep` fastest and
   * stop sampling mirrors clearly behind. `false` waits for every mirror. @default { keep: 1, graceMs: 500 }
   */
  decideEarly?: false | { keep?: number; graceMs?: number; exempt?: readonly string[] }
  /** Also download the canary's module zip, time it and check its go.sum hash. @default false */
  deep?: boolean
  /**
   * Prove the checksum-database proxy of each healthy mirror that has one with this verifier key
   * (its name is the database asked for: `sumdb/<name>/supported`). Unset: only ask `supported`
   * for sum.golang.org. @default undefined
   */
  sumdbKey?: string
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
  /**
   * The credentials go would send (net/credentials.ts). @default read once from GOAUTH and netrc
   * as the go in use reads them
   */
  credentials?: ProbeCredentials
  /** Also ask `/healthz` and `/readyz` (--verbose, doctor); they never change the verdict. @default false */
  serviceHealth?: boolean
}

/** The core reports through callbacks and never prints. */
export interface ProbeCallbacks {
  onStart?: (target: ProbeTarget) => void
  onResult?: (result: ProbeResult) => void
}
