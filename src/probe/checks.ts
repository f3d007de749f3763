/**
 * The canary checks (CONTRACT.md, "Health"), one per request, and the URL split every probe
 * starts with. Each check throws a ProbeFailure whose message is the user-facing cause.
 */
import { CANARY } from './canary.js'
import { ProbeFailure } from './failure.js'
import { hashGoMod } from './hash.js'
import type { FetchedResource } from './http.js'

/** A failure of one named request (`list`, `info`, `mod`), as `<request>: <cause>`. */
export class StepFailure extends Error {}

const HTML_TEXT = 'answered with an HTML page (captive portal or login page?)'

export function describeStatus(status: number, step?: string): string {
  if (status === 404 && step === 'list') return 'HTTP 404 (is this the GOPROXY base URL? e.g. https://mirrors.aliyun.com/goproxy/)'
  if (status === 401) return 'HTTP 401 (credentials missing or rejected)'
  if (status === 407) return 'HTTP 407 (the HTTP proxy wants credentials)'
  return `HTTP ${status}`
}

function expectOk(res: FetchedResource, step?: string): string {
  if (res.status !== 200) throw new ProbeFailure(describeStatus(res.status, step))
  return res.body.toString('utf8')
}

/**
 * Go ignores Content-Type, so a right answer is right whatever its type; only a wrong answer that
 * looks like HTML gets the captive-portal text, since that is the likelier story than bad bytes.
 */
function failWith(res: FetchedResource, text: string, cause: string): never {
  const html = /text\/html/i.test(res.contentType) || text.trimStart().startsWith('<')
  throw new ProbeFailure(html ? HTML_TEXT : cause)
}

export function checkList(res: FetchedResource): void {
  const text = expectOk(res, 'list')
  // Go reads the first field of each line as the version and ignores the rest.
  const listed = text.split('\n').some((line) => line.trim().split(/\s+/)[0] === CANARY.version)
  if (!listed) failWith(res, text, `${CANARY.version} not listed`)
}

export function checkInfo(res: FetchedResource): void {
  const text = expectOk(res)
  let info: unknown
  try {
    info = JSON.parse(text)
  } catch {
    failWith(res, text, 'not JSON')
  }
  const version = typeof info === 'object' && info !== null ? (info as { Version?: unknown }).Version : undefined
  if (version === undefined) failWith(res, text, `no Version field, want "${CANARY.version}"`)
  if (version !== CANARY.version) failWith(res, text, `Version is ${JSON.stringify(version)}, want "${CANARY.version}"`)
}

export function checkMod(res: FetchedResource): void {
  const text = expectOk(res)
  const got = hashGoMod(res.body)
  if (got !== CANARY.goModHash) failWith(res, text, `go.mod hash mismatch (got ${got}, want ${CANARY.goModHash})`)
}

/** The base URL without credentials, and the Basic header Go would send for them. */
export function splitCredentials(raw: string): { base: string; authorization: string | null } {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new StepFailure('invalid URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StepFailure(`unsupported URL scheme "${url.protocol}" (only http and https can be probed)`)
  }
  if (!url.username && !url.password) return { base: url.href, authorization: null }
  // cmd/go says "refusing to pass credentials to insecure URL"; a healthy row here would mislead.
  if (url.protocol === 'http:') throw new StepFailure('refusing to send credentials over plain http (go refuses too; use https)')
  const pair = `${decodeUserinfo(url.username)}:${decodeUserinfo(url.password)}`
  url.username = ''
  url.password = ''
  return { base: url.href, authorization: `Basic ${Buffer.from(pair).toString('base64')}` }
}

/** Go's url.Parse refuses a bad escape such as %zz in the userinfo; so does the probe, as a row error. */
function decodeUserinfo(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw new StepFailure('invalid percent escape in the URL\'s user or password (go refuses it too)')
  }
}
