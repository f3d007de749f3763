/**
 * Mirror URLs given by the user (command line, catalog, custom mirrors), judged as one GOPROXY
 * entry. Apart from resolve.ts so that read-only commands (ls) need not load the value judgement.
 */
import { UsageError } from '../errors.js'
import { t } from '../ui/i18n.js'
import { renderFinding } from '../ui/render-findings.js'
import { checkValue, errorsOf } from '../values/check.js'
import { redactList, redactUrl, urlKey } from '../util/url.js'
import type { Mirror } from './catalog.js'
import { findMirror } from './resolve.js'

/**
 * Check a mirror URL as one GOPROXY entry (src/values: refused where go cannot parse or use it),
 * plus what makes no sense for a mirror gomirror probes: http or https only, one URL, no query or fragment.
 */
export function validateProxyUrl(raw: string): string {
  const value = raw.trim()
  const shown = redactUrl(value)
  if (/[\s,|;\uff0c\u3001]/.test(value)) {
    throw new UsageError(t('invalid mirror URL "{url}": it contains a space, \',\' or \'|\'', { url: shown }), t('give one URL; gomirror builds the GOPROXY list itself'))
  }
  const error = errorsOf(checkValue('GOPROXY', value))[0]
  let u: URL | null = null
  try {
    u = new URL(value)
  } catch {
    // reported below
  }
  if (error || !u) {
    const hint = /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(value) ? t('did you mean {name}?', { name: `https://${value}` }) : t('write the full URL, e.g. https://goproxy.cn')
    const why = error ? renderFinding(error) : t('not an absolute URL')
    throw new UsageError(t('invalid mirror URL "{url}": {problem}', { url: shown, problem: redactList(why) }), hint)
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new UsageError(t('invalid mirror URL "{url}": the scheme must be https or http, not {scheme}', { url: shown, scheme: u.protocol.replace(/:$/, '') }), t('for example: {example}', { example: 'https://goproxy.cn' }))
  }
  if (u.search || u.hash) {
    throw new UsageError(t('invalid mirror URL "{url}": a GOPROXY URL takes no ?query or #fragment', { url: shown }), t('use {url}', { url: redactUrl(`${u.origin}${u.pathname}`) }))
  }
  return value
}

/** A name or a URL on the command line, resolved to a mirror (URLs become an unnamed mirror unless known). */
export function resolveMirrorArg(arg: string, mirrors: Mirror[]): Mirror {
  if (arg.includes('://')) {
    const url = validateProxyUrl(arg)
    const known = mirrors.find((m) => urlKey(m.url) === urlKey(url))
    return known ? { ...known, url } : { name: new URL(url).host, url, builtin: false, note: 'url' }
  }
  return findMirror(arg, mirrors)
}
