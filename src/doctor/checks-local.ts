import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { MANAGED_VARS } from '../goenv/vars.js'
import { suggest } from '../mirrors/suggest.js'
import type { Wording } from '../profiles/wording.js'
import { quoteArg } from '../util/shell-quote.js'
import { redactList } from '../util/url.js'
import { commandFix } from './fix-command.js'
import type { DoctorFacts } from './gather.js'
import { fail, pass, warn, type Check, type CheckText } from './types.js'

/** Every variable some Go release since 1.13 reads (internal/cfg KnownEnv and later additions). */
export const KNOWN_GO_VARS = new Set(
  `AR CC CGO_CFLAGS CGO_CFLAGS_ALLOW CGO_CFLAGS_DISALLOW CGO_CPPFLAGS CGO_CPPFLAGS_ALLOW CGO_CPPFLAGS_DISALLOW CGO_CXXFLAGS
  CGO_CXXFLAGS_ALLOW CGO_CXXFLAGS_DISALLOW CGO_ENABLED CGO_FFLAGS CGO_FFLAGS_ALLOW CGO_FFLAGS_DISALLOW CGO_LDFLAGS CGO_LDFLAGS_ALLOW
  CGO_LDFLAGS_DISALLOW CXX FC GCCGO GO111MODULE GO386 GOAMD64 GOARCH GOARM GOARM64 GOAUTH GOBIN GOCACHE GOCACHEPROG GODEBUG GOENV GOEXE
  GOEXPERIMENT GOFIPS140 GOFLAGS GOGCCFLAGS GOHOSTARCH GOHOSTOS GOINSECURE GOMIPS GOMIPS64 GOMODCACHE GONOPROXY GONOSUMDB GOOS
  GOPATH GOPPC64 GOPRIVATE GOPROXY GOROOT GORISCV64 GOSUMDB GOTELEMETRY GOTELEMETRYDIR GOTMPDIR GOTOOLCHAIN GOTOOLDIR GOVCS GOWASM
  GOWORK GO_EXTLINK_ENABLED PKG_CONFIG`.split(/\s+/),
)

/** Names people set that Go has never read, or no longer reads, and what to use instead. */
const RETIRED: Record<string, string> = {
  GONOSUMCHECK: 'GONOSUMDB',
  GONOVERIFY: 'GONOSUMDB',
  GOPROXY_URL: 'GOPROXY',
  GO_PROXY: 'GOPROXY',
  GO_SUMDB: 'GOSUMDB',
  GO_PRIVATE: 'GOPRIVATE',
}

export function checkGoCommand(facts: DoctorFacts): Check[] {
  if (!facts.snapshot) {
    const e = facts.goError
    return [fail('go', 'go.installed', e ? e.message : (t) => t('the go command could not be run'), e?.hint ?? undefined)]
  }
  const { goVersion, vars } = facts.snapshot
  const version = goVersion.raw
  const checks = [pass('go', 'go.installed', (t) => t('{version} is installed', { version }))]
  const needs: Wording[] = []
  if (goVersion.minor < 15 && vars.GOPROXY.value.includes('|')) needs.push((t) => t("GOPROXY uses '|' (Go 1.15+), but this is {version}", { version }))
  if (goVersion.minor < 14 && vars.GOINSECURE.value !== '') needs.push((t) => t('GOINSECURE needs Go 1.14+, but this is {version}', { version }))
  checks.push(needs.length > 0
    ? fail('go', 'go.features', (t) => needs.map((w) => w(t)).join('; '), (t) => t('install a newer Go (https://go.dev/dl/), or replace | with , in GOPROXY'))
    : pass('go', 'go.features', (t) => t('{version} supports every setting in use', { version })))
  const mode = facts.snapshot.extra.GO111MODULE
  if (mode === 'off') checks.push(warn('go', 'go.modules', (t) => t('GO111MODULE=off: module mode is off, so GOPROXY and GOSUMDB are not used at all'), commandFix(['go', 'env', '-u', 'GO111MODULE'])))
  return checks
}

export function checkEnvFile(facts: DoctorFacts): Check[] {
  if (!facts.snapshot) return []
  const f = facts.envFile
  if (!f) return [warn('envfile', 'envfile.access', (t) => t('GOENV=off: the go env file is turned off, so go env -w (and gomirror) cannot save settings'), (t) => t('unset GOENV in your shell start-up file'))]
  const path = f.path
  if (f.error) {
    const error = f.error
    return [fail('envfile', 'envfile.access', (t) => t('the go env file {path} cannot be checked: {error}', { path, error }), commandFix(['ls', '-l', path]))]
  }
  if (!f.exists) {
    return [f.writable
      ? pass('envfile', 'envfile.access', (t) => t('the go env file {path} does not exist yet; go env -w will create it', { path }))
      : fail('envfile', 'envfile.access', (t) => t('the go env file {path} does not exist and its directory is not writable', { path }), commandFix(['mkdir', '-p', dirname(path)]))]
  }
  if (!f.readable || !f.writable) {
    const message: Wording = !f.readable ? (t) => t('the go env file {path} is not readable', { path }) : (t) => t('the go env file {path} is not writable', { path })
    return [fail('envfile', 'envfile.access', message, commandFix(['chmod', 'u+rw', path]))]
  }
  return [pass('envfile', 'envfile.access', (t) => t('the go env file {path} is readable and writable', { path }))]
}

/** OS environment variables that shadow the go env file, and where they are probably exported. */
export function checkShadowing(facts: DoctorFacts): Check[] {
  if (!facts.snapshot) return []
  const checks: Check[] = []
  for (const name of MANAGED_VARS) {
    const v = facts.snapshot.vars[name]
    if (v.source !== 'env') continue
    const site = facts.exportSites[name]?.[0]
    const fileValue = v.fileValue
    const message: Wording = (t) => t('{setting} is set in the OS environment and overrides the go env file{ignored}{site}', {
      setting: `${name}=${redactList(v.value)}`,
      ignored: fileValue !== null ? t("; the go env file's {setting} is ignored", { setting: `${name}=${redactList(fileValue)}` }) : '',
      site: site ? t(' (probably {site})', { site: `${site.file}:${site.line}: ${site.text.slice(0, 60)}` }) : '',
    })
    const fix: Wording = site
      ? commandFix(['sed', '-i.bak', `${site.line}d`, site.file], (t, command) => t('{command}   # then open a new shell', { command }))
      : (t) => t('find the "export {name}=" line in your shell start-up files, remove it, and open a new shell', { name })
    checks.push(warn('environment', `environment.${name}`, message, fix))
  }
  if (checks.length === 0) checks.push(pass('environment', 'environment.shadow', (t) => t('no OS environment variable overrides the go env file')))
  return checks
}

/** Variables Go does not read (typos, retired names) and GOFLAGS settings Go no longer honours. */
export function checkUnknownSettings(facts: DoctorFacts): Check[] {
  const checks: Check[] = []
  const names = new Set<string>([...Object.keys(facts.env).filter((k) => /^GO/.test(k)), ...(facts.snapshot?.fileVars.keys() ?? [])])
  for (const name of [...names].sort()) {
    if (KNOWN_GO_VARS.has(name) || name.startsWith('GOMIRROR_')) continue
    const inFile = facts.snapshot?.fileVars.has(name) ?? false
    const instead = (Object.hasOwn(RETIRED, name) ? RETIRED[name] : undefined) ?? suggest(name, [...MANAGED_VARS])
    if (!instead && !inFile) continue // GOLANG_VERSION and friends belong to other tools
    const message: Wording = (t) => {
      const params = { name, suggestion: instead ? t(' (did you mean {name}?)', { name: instead }) : '' }
      return inFile ? t('{name} is set in the go env file, but Go does not read it{suggestion}', params) : t('{name} is set in the OS environment, but Go does not read it{suggestion}', params)
    }
    const fix: CheckText = inFile ? commandFix(['go', 'env', '-u', name]) : commandFix(['unset', name], (t, command) => t('{command}   # and remove it from your shell start-up file', { command }))
    checks.push(warn('environment', `environment.unknown.${name}`, message, fix))
  }
  const goflags = facts.snapshot?.extra.GOFLAGS ?? facts.env.GOFLAGS ?? ''
  if (/(^|\s)--?insecure(=\S*)?(\s|$)/.test(goflags)) {
    checks.push(warn('environment', 'environment.goflags-insecure', (t) => t('GOFLAGS={value} has -insecure, which Go no longer honours (removed in Go 1.17)', { value: goflags }), (t) => t('use GOINSECURE=<module patterns> for the hosts that need it, and remove -insecure from GOFLAGS')))
  }
  return checks
}

export function checkModCache(facts: DoctorFacts): Check[] {
  const m = facts.modCache
  if (!facts.snapshot || !m) return []
  const path = m.path
  if (m.exists ? m.writable : m.writable) {
    return [pass('go', 'go.modcache', m.exists ? (t) => t('the module cache {path} is writable', { path }) : (t) => t('the module cache {path} does not exist yet and can be created', { path }))]
  }
  return [fail('go', 'go.modcache', m.exists ? (t) => t('the module cache {path} is not writable', { path }) : (t) => t('the module cache {path} cannot be created', { path }), m.exists ? `sudo chown -R "$USER" ${quoteArg(path)}` : commandFix(['go', 'env', '-w', `GOMODCACHE=${join(facts.env.HOME || homedir(), 'go', 'pkg', 'mod')}`]))]
}
