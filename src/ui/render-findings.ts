/**
 * Words for value findings (src/values): the only place their codes become English or Chinese.
 * `--json` carries the code and the English text (renderFinding after setLang('en')).
 */
import type { Finding } from '../values/types.js'
import { t as translate } from './i18n.js'

type Translate = (english: string, params?: Readonly<Record<string, string | number>>) => string

function urlReason(t: Translate, reason: string): string {
  switch (reason) {
    case 'control': return t('it contains a control character (a tab?)')
    case 'missing-scheme': return t('it starts with ":"')
    case 'colon-first-segment': return t('it has no scheme and a ":" before the first "/"')
    case 'missing-bracket': return t('an IPv6 address without its closing "]"')
    case 'bad-port': return t('the port is not a number')
    case 'bad-userinfo': return t('the user:password part has characters that must be %-escaped')
    case 'bad-escape': return t('a "%" not followed by two hex digits')
    case 'bad-host-char': return t('the host name has a character no host can have')
    case 'scheme': return t('the scheme must be https, http or file')
    case 'credentials-http': return t('go refuses to send credentials over plain http')
    case 'no-host': return t('it has no host')
    default: return reason
  }
}

function neverReason(t: Translate, reason: string): string {
  switch (reason) {
    case 'scheme': return t('module paths have no scheme')
    case 'quote': return t('the quotes are part of the pattern')
    case 'separator': return t('only "," separates patterns')
    case 'userinfo': return t('module paths have no user@ part (an ssh remote is written host/path)')
    case 'port': return t('module paths have no :port')
    case 'uppercase': return t('host names in module paths are lower-case')
    case 'backslash': return t('module paths use "/", and "\\" escapes the next character')
    case 'char': return t('it has a character no module path has')
    default: return t('it has an empty, dot-only or dot-edged path element')
  }
}

/** One finding in the user's language, without the variable name (callers add where it came from). */
export function renderFinding(f: Finding, t: Translate = translate): string {
  const p = f.params
  switch (f.code) {
    case 'control': return t('it contains a line break or NUL, which go env -w refuses')
    case 'quotes': return t('it contains quotes; a shell removes them, but a config file keeps them and go cannot read the value')
    case 'proxy.empty-list': return t('it contains no entries')
    case 'proxy.url': return t('go cannot parse the URL {entry}: {reason}', { entry: p.entry ?? '', reason: urlReason(t, p.reason ?? '') })
    case 'proxy.scheme': return t('{entry}: the scheme must be https, http or file', { entry: p.entry ?? '' })
    case 'proxy.no-scheme': return t('{entry} is not a URL (write it as https://host/path)', { entry: p.entry ?? '' })
    case 'proxy.file': return t('{entry}: a file URL is file:///absolute/path, with no host', { entry: p.entry ?? '' })
    case 'proxy.no-host': return t('{entry} has no host, so every request through it fails', { entry: p.entry ?? '' })
    case 'proxy.credentials-http': return t('{entry} sends credentials over plain http, which go refuses', { entry: p.entry ?? '' })
    case 'proxy.separator': return t('"{separator}" is not a separator: go reads {entry} as one proxy URL. Did you mean ","?', { separator: p.separator === ' ' ? t('a space') : (p.separator ?? ''), entry: p.entry ?? '' })
    case 'proxy.empty-element': return t('it has an empty element (a doubled or trailing comma), which go skips')
    case 'proxy.ignored': return t('go never uses what follows "{end}": {ignored}', { end: p.end ?? '', ignored: p.ignored ?? '' })
    case 'proxy.http': return t('{host} is plain http: module downloads can be read and altered on the way', { host: p.host ?? '' })
    case 'sumdb.empty': return t('it is empty')
    case 'sumdb.fields': return t('too many fields (want a key, optionally followed by one URL)')
    case 'sumdb.key':
      return p.reason === 'hash'
        ? t("the verifier key's hash does not match its key (copied wrong?)")
        : p.reason === 'alg'
          ? t('unknown verifier algorithm in key "{key}"', { key: p.key ?? '' })
          : t('"{key}" is neither a known database name nor a verifier key (name+hash+key)', { key: p.key ?? '' })
    case 'sumdb.name': return t('invalid database name "{name}" (must be host[/path])', { name: p.name ?? '' })
    case 'sumdb.url': return t('go cannot use the database URL {url}: {reason}', { url: p.url ?? '', reason: urlReason(t, p.reason ?? '') })
    case 'sumdb.url-as-key': return t('{key} is a URL where the database name or key belongs (the URL goes after it)', { key: p.key ?? '' })
    case 'pattern.bad-glob': return t('"{pattern}" is not a valid glob (unclosed [ or a trailing \\), so go matches nothing with it', { pattern: p.pattern ?? '' })
    case 'pattern.never': return t('"{pattern}" can never match a module path: {reason}', { pattern: p.pattern ?? '', reason: neverReason(t, p.reason ?? '') })
    case 'pattern.empty-element': return t('it has an empty element (a doubled or trailing comma), which go skips')
  }
}
