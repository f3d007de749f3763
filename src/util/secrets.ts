/**
 * The one secret masker. Every value, URL, proxy variable or message gomirror prints, writes to a
 * shared file or puts in `--json` goes through `maskSecrets` (print.ts and cli.ts apply it at the
 * edge too, as a safety net), so credentials never reach the terminal in any URL form:
 *
 * - with a scheme:        https://alice:TOKEN@corp.example   → https://alice:***@corp.example
 * - without a scheme:     alice:TOKEN@corp.example           → alice:***@corp.example
 *   (cmd/go's proxyList adds https:// to such an entry and sends the credentials)
 * - a bare token:         TOKEN@corp.example                 → ***@corp.example
 * - '@' in the password:  alice:p@ss@w0rd@corp.example       → alice:***@corp.example
 *   (net/url ends the userinfo at the LAST '@' of the authority)
 * - ':' in the password:  alice:p:w@corp.example             → alice:***@corp.example
 * - GOPROXY lists:        a,b|c — every entry on its own
 * - proxy variables:      HTTPS_PROXY=user:pw@host           → HTTPS_PROXY=user:***@host
 *
 * It is one left-to-right pass (linear in the text's length, whatever it holds) and errs on the
 * side of hiding: text it cannot place is masked rather than shown. A module version such as
 * `rsc.io/quote@v1.5.2` is left alone: a '/' before the '@' puts it in a path, not in a userinfo.
 */

const MASK = '***'

/** Characters that end a word: whitespace, controls, and quotes/brackets that never sit in a URL. */
function isHardBoundary(code: number): boolean {
  return code <= 0x20 || code === 0x7f || code === 0x22 /* " */ || code === 0x3c /* < */ || code === 0x3e /* > */ || code === 0x60 /* ` */ || (code >= 0x80 && code <= 0x9f)
}

/** Characters that start a new entry while no ':' has been seen (so they cannot be in a password). */
function isSoftSeparator(code: number): boolean {
  // = ; ( ) [ ] { } '
  return code === 0x3d || code === 0x3b || code === 0x28 || code === 0x29 || code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d || code === 0x27
}

/** Operation counter for the linear-time test: characters visited by the last maskSecrets call. */
export const maskStats = { steps: 0 }

/**
 * Mask every credential in free text, a URL, a GOPROXY-style list or a proxy variable's value.
 * Idempotent: masked text stays as it is.
 */
export function maskSecrets(text: string): string {
  return scan(text, 'text', false)
}

/** One GOPROXY-style value: entries split at every ',' and '|', as cmd/go splits them first. */
export function maskList(value: string): string {
  return scan(value, 'list', false)
}

/** One URL (a proxy variable's value, a mirror URL): ',' and '|' may sit in its password. */
export function maskUrl(value: string): string {
  return scan(value, 'url', false)
}

/**
 * How ',' and '|' are read. `list`: they always end an entry (GOPROXY). `url`: they never do (a
 * password may hold them). `text`: they end an entry unless they follow a ':' that is not a port,
 * so a password holding them is masked whole; `host:8443,next` is still read as two entries.
 */
type Mode = 'list' | 'url' | 'text'

function scan(text: string, mode: Mode, strip: boolean): string {
  maskStats.steps = 0
  if (!text.includes('@')) return text
  const n = text.length
  let out = ''
  let emitted = 0 // text[0, emitted) is already in out
  // The entry being read (a candidate userinfo): where it starts, its first ':', and whether a
  // path ('/', '?', '#') began before any ':' (then an '@' is not a userinfo end).
  let start = 0
  let colon = -1
  let portOnly = false // only digits since the ':'
  let inPath = false
  // After a userinfo '@': the range to mask, extended while more '@' follow in the same authority.
  let maskFrom = -1
  let maskTo = -1

  const commit = (): void => {
    if (maskFrom >= 0) {
      if (strip) {
        out += text.slice(emitted, start)
        emitted = maskTo + 1
      } else {
        out += text.slice(emitted, maskFrom) + MASK
        emitted = maskTo
      }
    }
    maskFrom = -1
    maskTo = -1
  }
  const reset = (at: number): void => {
    commit()
    start = at
    colon = -1
    inPath = false
  }

  for (let i = 0; i < n; i++) {
    maskStats.steps++
    const code = text.charCodeAt(i)
    if (isHardBoundary(code)) {
      reset(i + 1)
      continue
    }
    if (maskFrom >= 0) {
      // In the host part after a userinfo: another '@' before the authority ends means the
      // password held an '@' (net/url takes the last one).
      if (code === 0x40 /* @ */) maskTo = i
      else if (code === 0x2f /* / */ || code === 0x3f /* ? */ || code === 0x23 /* # */) {
        commit()
        inPath = true
        colon = -1
        start = i + 1
      } else if ((code === 0x2c /* , */ || code === 0x7c) /* | */ && mode !== 'url') reset(i + 1)
      continue
    }
    if (code === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      // "scheme://": the authority starts after it.
      reset(i + 2)
      i++
      continue
    }
    if (code === 0x2c /* , */ || code === 0x7c /* | */) {
      if (mode === 'list' || (mode === 'text' && (colon < 0 || inPath || (portOnly && colon < i - 1)))) {
        reset(i + 1)
        continue
      }
      if (mode === 'url' && colon < 0 && !inPath) continue
      portOnly = false
      continue
    }
    if (colon < 0 && !inPath && isSoftSeparator(code)) {
      reset(i + 1)
      continue
    }
    if (code === 0x2f || code === 0x3f || code === 0x23) {
      if (colon < 0) inPath = true
      continue
    }
    if (code === 0x3a /* : */) {
      if (colon < 0 && !inPath) {
        colon = i
        portOnly = true
      } else portOnly = false
      continue
    }
    if (code < 0x30 || code > 0x39) portOnly = false
    if (code === 0x40 /* @ */) {
      const from = colon >= 0 ? colon + 1 : start
      // An empty userinfo ("https://@h", "u:@h") hides nothing; "@v/list" is not a userinfo.
      if (inPath || from >= i) continue
      maskFrom = from
      maskTo = i
    }
  }
  commit()
  return out + text.slice(emitted)
}

/** Whether a value carries credentials in any URL form. */
export function hasSecrets(text: string): boolean {
  return maskSecrets(text) !== text
}

/**
 * Remove credentials instead of masking them: `https://alice:TOKEN@h` → `https://h`,
 * `alice:TOKEN@h,direct` → `h,direct`. For files meant to be shared (export, pin --share).
 */
export function stripSecrets(text: string): string {
  return scan(text, 'text', true)
}

/** Mask every string inside a JSON-like value (objects, arrays); keys are left as they are. */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => maskDeep(v)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v)
    return out as T
  }
  return value
}
