/**
 * How go reaches the proxies: the certificate authorities it trusts, the credentials it sends
 * (netrc, GOAUTH), and what a proxy that refuses us (401/403) needs. Passwords are never worded:
 * a netrc entry is named by file:line, machine and login.
 */
import { rawHostname } from '../net/netrc.js'
import type { TrustRoots } from '../net/trust-roots.js'
import type { ProbeResult } from '../probe/types.js'
import type { Wording } from '../profiles/wording.js'
import { describeTrustRoots } from '../ui/render-probe.js'
import type { DoctorFacts } from './gather.js'
import { fail, pass, warn, type Check } from './types.js'

/** Local: which roots go trusts here, and how it gets credentials. */
export function checkTrustAndCredentials(facts: DoctorFacts): Check[] {
  return [judgeTrust(facts.trust, facts.env), ...judgeCredentials(facts)]
}

function judgeTrust(trust: TrustRoots, env: NodeJS.ProcessEnv): Check {
  const file = env.SSL_CERT_FILE
  if (trust.mode === 'unix' && file && !trust.sources.some((s) => s.env === 'SSL_CERT_FILE')) {
    return warn('network', 'network.trust-roots', (t) => t('SSL_CERT_FILE={file} gives go no certificate (missing, unreadable or not PEM), so the company CA in it is not trusted; {summary}', { file, summary: describeTrustRoots(trust, t) }),
      (t) => t('point SSL_CERT_FILE at a PEM file with the CA certificate, or unset it'))
  }
  if (trust.mode === 'unix' && trust.pems.length === 0) {
    return fail('network', 'network.trust-roots', (t) => t('go finds no trusted certificate authority on this machine, so every https proxy fails ("x509: certificate signed by unknown authority"); {summary}', { summary: describeTrustRoots(trust, t) }),
      (t) => t('install the ca-certificates package, or set SSL_CERT_FILE to a CA bundle'))
  }
  return pass('network', 'network.trust-roots', (t) => describeTrustRoots(trust, t))
}

function judgeCredentials(facts: DoctorFacts): Check[] {
  const { goAuth, netrc } = facts
  const checks: Check[] = []
  const path = netrc.path ?? '~/.netrc'
  if (goAuth.off) {
    checks.push(pass('network', 'network.credentials', (t) => t('GOAUTH=off: go sends no credentials to proxies, and neither do the probes')))
  } else if (goAuth.netrc) {
    const n = netrc.lines.length
    checks.push(netrc.error
      ? warn('network', 'network.credentials', (t) => t('{file} cannot be read ({error}), so go sends no credentials from it', { file: path, error: String(netrc.error) }), `chmod 600 ${path}`)
      : pass('network', 'network.credentials', netrc.found
        ? (t) => t('go sends credentials from {file} ({n} complete entries) over https, matched by host name; the probes send the same', { file: path, n })
        : (t) => t('no {file}: go sends no credentials to proxies (none needed for public mirrors)', { file: path })))
  }
  if (goAuth.commands.length > 0) {
    const commands = goAuth.commands.join('; ')
    checks.push(warn('network', 'network.goauth', (t) => t('GOAUTH runs {commands} for credentials; gomirror never runs them and probes without those credentials, so a proxy that needs them may look unhealthy here while go can use it', { commands })))
  }
  return checks
}

/** After the probes: explain a 401/403 from a proxy, and report Athens-style health endpoints. */
export function checkProxyAccess(facts: DoctorFacts, urls: readonly string[], results: readonly ProbeResult[]): Check[] {
  const checks: Check[] = []
  results.forEach((r, i) => {
    const raw = urls[i] ?? ''
    const status = /\bHTTP (401|403)\b/.exec(r.error ?? '')?.[1]
    if (!r.healthy && status) checks.push(judgeRefusal(facts, raw, r, status))
    const health = r.serviceHealth
    if (health && (health.healthz || health.readyz)) {
      const answered = [health.healthz, health.readyz].filter((u): u is string => u !== null).join(', ')
      checks.push(pass('network', `proxy.service-health.${r.url}`, (t) => t('{url}: {answered} answered 200 (a self-hosted mirror such as Athens)', { url: r.url, answered })))
    }
  })
  return checks
}

function judgeRefusal(facts: DoctorFacts, raw: string, r: ProbeResult, status: string): Check {
  const url = r.url
  const id = `proxy.auth.${url}`
  const file = facts.netrc.path ?? '~/.netrc'
  const host = rawHostname(raw) ?? 'HOST'
  const template = `machine ${host} login USER password TOKEN`
  const addLine: Wording = (t) => t('add this line to {file} (chmod 600), with your user and token: {line}', { file, line: template })
  const params = { url, status }
  if (/^http:/i.test(raw.trim())) {
    return warn('network', id, (t) => t('{url} answered HTTP {status}; go never sends credentials over plain http', params), (t) => t('use the https URL of that proxy, and {advice}', { advice: addLine(t) }))
  }
  if (facts.goAuth.off) {
    return warn('network', id, (t) => t('{url} answered HTTP {status}; GOAUTH=off, so go sends it no credentials', params), (t) => t('go env -u GOAUTH, and {advice}', { advice: addLine(t) }))
  }
  const sent = r.credentials
  if (sent?.source === 'netrc') {
    const entry = { ...params, file: sent.file, line: sent.line, machine: sent.machine, login: sent.login }
    return fail('network', id, (t) => t('{url} answered HTTP {status} to the credentials go sends from {file}:{line} (machine {machine}, login {login}): they are wrong, expired or lack access', entry),
      (t) => t('update the password (token) on line {line} of {file}', entry))
  }
  if (sent?.source === 'url') {
    return fail('network', id, (t) => t('{url} answered HTTP {status} to the credentials in its URL (go sends those, as no {file} entry matches {host})', { ...params, file, host }),
      (t) => t('take them out of the URL and {advice}', { advice: addLine(t) }))
  }
  if (facts.goAuth.commands.length > 0) {
    const commands = facts.goAuth.commands.join('; ')
    return warn('network', id, (t) => t('{url} answered HTTP {status} to the probe, which sends no credentials; go would ask GOAUTH ({commands}), which gomirror does not run', { ...params, commands }), addLine)
  }
  return fail('network', id, (t) => t('{url} answered HTTP {status}, and go sends it no credentials: {file} has no entry for machine {host}', { ...params, file, host }), addLine)
}
