/**
 * Turns whatever a request threw (Node socket errors, undici errors, our own aborts) into the
 * plain text a user reads in the results table. Probe failures are data, never stack traces.
 */

/** A failed check; its message is already the user-facing text (without the request name). */
export class ProbeFailure extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProbeFailure'
  }
}

/** Abort reason for a request that ran out of time, so a timeout is told apart from Ctrl-C. */
export class RequestTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`)
    this.name = 'RequestTimeout'
  }
}

/** Abort reason when a mirror's whole probe ran past its budget (each request may be quick, yet many add up). */
export class ProbeBudget extends Error {
  constructor(readonly budgetMs: number) {
    super(`probe not finished within ${budgetMs} ms in all (answers too slow)`)
    this.name = 'ProbeBudget'
  }
}

/** Where setting up a connection can wait: each has the request's deadline, and names it when it runs out. */
export type ConnectStage = 'connect' | 'proxy-connect' | 'proxy-answer' | 'tls'

const STAGE_TEXT: Record<ConnectStage, string> = {
  connect: 'no connection',
  'proxy-connect': 'no connection to the HTTP proxy',
  'proxy-answer': 'the HTTP proxy did not answer CONNECT',
  tls: 'the TLS handshake through the HTTP proxy did not finish',
}

const CODE_TEXT: Readonly<Record<string, string>> = {
  ECONNRESET: 'connection reset',
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  EAI_NODATA: 'host not found',
  EAI_NONAME: 'host not found',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_DESTROYED: 'connection closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'body shorter than its Content-Length',
  UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
}

interface ErrorLike {
  code?: unknown
  message?: unknown
  cause?: unknown
  errors?: unknown
}

function asErrorLike(err: unknown): ErrorLike {
  return typeof err === 'object' && err !== null ? (err as ErrorLike) : {}
}

/** Node wraps failures (Happy Eyeballs tries every address, fetch-style `cause`): find the root. */
function findRoot(err: unknown): ErrorLike {
  let current = asErrorLike(err)
  for (let depth = 0; depth < 5; depth++) {
    if (typeof current.code === 'string') return current
    if (Array.isArray(current.errors) && current.errors.length > 0) current = asErrorLike(current.errors[0])
    else if (current.cause !== undefined) current = asErrorLike(current.cause)
    else break
  }
  return current
}

function isTlsCode(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|UND_ERR_PRX_TLS)|CERT|^UNABLE_TO_|SELF_SIGNED|^DEPTH_ZERO/.test(code)
}

/** Certificate problems Node names by code, in the words Go users know (crypto/x509's). */
const TLS_TEXT: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate (not trusted)',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain (not trusted)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by an unknown authority',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is not valid for this host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS here (plain http on an https URL?)',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'no TLS version in common with the server',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'no TLS version in common with the server',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'handshake refused by the server',
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: 'handshake refused by the server',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'the server does not speak TLS here (plain http on an https URL?)',
}

/**
 * OpenSSL's own text ("C0B7…:error:0A00010B:SSL routines:ssl3_get_record:wrong version
 * number:../deps/openssl/…") means nothing to a user; Node's plain messages ("certificate has
 * expired") are kept, anything in OpenSSL's format becomes its code.
 */
function describeTls(code: string, message: string): string {
  if (Object.hasOwn(TLS_TEXT, code)) return TLS_TEXT[code] as string
  const plain = message.replace(/[^\x20-\x7e]/g, '')
  if (/error:[0-9A-F]{8}:|SSL routines|deps\/openssl/i.test(plain) || plain.length > 120 || plain === '') return code ? `handshake failed (${code})` : 'handshake failed'
  return plain
}

/**
 * The user-facing cause of a failed request. `timeoutMs` and `headersSeen` shape the timeout text;
 * `cancelled` is true when the caller's signal (Ctrl-C) stopped the request.
 */
export function describeFailure(err: unknown, ctx: { timedOut: RequestTimeout | null; cancelled: boolean; headersSeen: boolean; budget?: ProbeBudget | null; stage?: ConnectStage | null }): string {
  if (err instanceof ProbeFailure) return err.message
  const stage = ctx.stage ? STAGE_TEXT[ctx.stage] : null
  if (ctx.budget) return stage ? `probe not finished within ${ctx.budget.budgetMs} ms in all (${stage})` : ctx.budget.message
  if (ctx.timedOut) {
    if (stage) return `${stage} within ${ctx.timedOut.timeoutMs} ms`
    return ctx.headersSeen
      ? `answer not complete within ${ctx.timedOut.timeoutMs} ms`
      : ctx.timedOut.message
  }
  if (ctx.cancelled) return 'cancelled'
  const root = findRoot(err)
  const code = typeof root.code === 'string' ? root.code : ''
  const message = typeof root.message === 'string' && root.message ? root.message : String(err)
  const known = Object.hasOwn(CODE_TEXT, code) ? CODE_TEXT[code] : undefined
  if (known) return known
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'no answer in time'
  if (code === 'UND_ERR_BODY_TIMEOUT') return 'answer not complete in time'
  if (isTlsCode(code)) return `TLS error: ${describeTls(code, message)}`
  if (code.startsWith('HPE_')) return `malformed HTTP answer (${message})`
  // undici reports proxy trouble as generic errors; the message is the only clue.
  if (message.includes('Proxy Authentication Required')) return 'the HTTP proxy wants credentials (407 Proxy Authentication Required)'
  const tunnel = /Proxy response \((\d+)\) !== 200/.exec(message)
  if (tunnel) return `the HTTP proxy refused the connection (HTTP ${tunnel[1]})`
  return code ? `${message} (${code})` : message
}
