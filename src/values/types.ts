/**
 * A judgement about one value, as data: `src/ui/render-findings.ts` words it. `error` means the go
 * command cannot parse or use the value (gomirror refuses it, exit 2); `warn` means go accepts it but
 * silently ignores part of it or can never match what was meant.
 */
export interface Finding {
  code: FindingCode
  severity: 'error' | 'warn'
  params: Record<string, string>
}

export const FINDING_CODES = [
  'control', // NUL, CR, LF or VT: go env -w refuses it
  'quotes', // quotes kept from a shell or a config file
  'proxy.empty-list', // not empty, but no entries (",", " ")
  'proxy.url', // go's url.Parse refuses an entry (params.reason: a GoUrlError)
  'proxy.scheme', // scheme other than https, http, file
  'proxy.no-scheme', // a single word or an absolute path: go wants a full URL
  'proxy.file', // a file: URL go refuses or cannot read (params.reason)
  'proxy.no-host', // http(s) URL without a host: go parses it, every request fails
  'proxy.credentials-http', // user:token@ over plain http: go refuses to send them
  'proxy.separator', // an entry holding ';', '，', a space...: go reads it as one URL
  'proxy.empty-element', // ",,": go skips it
  'proxy.ignored', // entries after direct/off: never reached
  'proxy.http', // plain http to a remote host
  'sumdb.empty', // only spaces
  'sumdb.fields', // more than "key url"
  'sumdb.key', // neither a known name nor a verifier key (params.reason)
  'sumdb.name', // the key's name is not host[/path]
  'sumdb.url', // the URL after the key cannot be parsed or used (params.reason)
  'sumdb.url-as-key', // a URL where the key belongs
  'pattern.bad-glob', // path.Match refuses it: matches nothing
  'pattern.never', // can never match a module path (params.reason)
  'pattern.empty-element', // ",,": go skips it
] as const
export type FindingCode = (typeof FINDING_CODES)[number]

export interface ValueJudgement {
  findings: Finding[]
  /** The value gomirror would write instead, when one can be guessed (never contains an empty element). */
  suggestedFix?: string
}

export function finding(code: FindingCode, severity: Finding['severity'], params: Record<string, string> = {}): Finding {
  return { code, severity, params }
}

/** go env -w refuses these (cmd/go envcmd checkEnvWrite). */
export const CONTROL = /[\0\n\r\v]/
export const QUOTES = /["'`\u2018\u2019\u201c\u201d]/g
/** What people type for ',' : ';', full-width and ideographic commas, '、', and blanks. */
export const FAKE_SEPARATORS = /[;\uff0c\u3001\uff1b\s]+/
