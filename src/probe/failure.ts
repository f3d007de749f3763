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

const CODE_TEXT: Record<string, string> = {
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
  const known = CODE_TEXT[code]
  if (known) return known
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'no answer in time'
  if (code === 'UND_ERR_BODY_TIMEOUT') return 'answer not complete in time'
  if (isTlsCode(code)) return `TLS error: ${message}`
  if (code.startsWith('HPE_')) return `malformed HTTP answer (${message})`
  // undici reports proxy trouble as generic errors; the message is the only clue.
  if (message.includes('Proxy Authentication Required')) return 'the HTTP proxy wants credentials (407 Proxy Authentication Required)'
  const tunnel = /Proxy response \((\d+)\) !== 200/.exec(message)
  if (tunnel) return `the HTTP proxy refused the connection (HTTP ${tunnel[1]})`
  return code ? `${message} (${code})` : message
}
