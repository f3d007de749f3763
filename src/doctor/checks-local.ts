import { MANAGED_VARS } from '../goenv/vars.js'
import { suggest } from '../mirrors/suggest.js'
import { redactList } from '../util/url.js'
import type { DoctorFacts } from './gather.js'
import { fail, pass, warn, type Check } from './types.js'

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
    return [fail('go', 'go.installed', facts.goError?.message ?? 'the go command could not be run', facts.goError?.hint)]
  }
  const { goVersion, vars } = facts.snapshot
  const checks = [pass('go', 'go.installed', `${goVersion.raw} is installed`)]
  const needs: string[] = []
  if (goVersion.minor < 15 && vars.GOPROXY.value.includes('|')) needs.push(`GOPROXY uses '|' (Go 1.15+), but this is ${goVersion.raw}`)
  if (goVersion.minor < 14 && vars.GOINSECURE.value !== '') needs.push(`GOINSECURE needs Go 1.14+, but this is ${goVersion.raw}`)
  checks.push(needs.length > 0
    ? fail('go', 'go.features', needs.join('; '), 'install a newer Go (https://go.dev/dl/), or replace | with , in GOPROXY')
    : pass('go', 'go.features', `${goVersion.raw} supports every setting in use`))
  const mode = facts.snapshot.extra.GO111MODULE
  if (mode === 'off') checks.push(warn('go', 'go.modules', 'GO111MODULE=off: module mode is off, so GOPROXY and GOSUMDB are not used at all', 'go env -u GO111MODULE'))
  return checks
}

export function checkEnvFile(facts: DoctorFacts): Check[] {
  if (!facts.snapshot) return []
  const f = facts.envFile
  if (!f) return [warn('envfile', 'envfile.access', 'GOENV=off: the go env file is turned off, so go env -w (and gomirror) cannot save settings', 'unset GOENV in your shell start-up file')]
  if (f.error) return [fail('envfile', 'envfile.access', `the go env file ${f.path} cannot be checked: ${f.error}`, `ls -l ${f.path}`)]
  if (!f.exists) {
    return [f.writable
      ? pass('envfile', 'envfile.access', `the go env file ${f.path} does not exist yet; go env -w will create it`)
      : fail('envfile', 'envfile.access', `the go env file ${f.path} does not exist and its directory is not writable`, `mkdir -p "$(dirname ${f.path})"`)]
  }
  if (!f.readable || !f.writable) {
    return [fail('envfile', 'envfile.access', `the go env file ${f.path} is not ${!f.readable ? 'readable' : 'writable'}`, `chmod u+rw ${f.path}`)]
  }
  return [pass('envfile', 'envfile.access', `the go env file ${f.path} is readable and writable`)]
}

/** OS environment variables that shadow the go env file, and where they are probably exported. */
export function checkShadowing(facts: DoctorFacts): Check[] {
  if (!facts.snapshot) return []
  const checks: Check[] = []
  for (const name of MANAGED_VARS) {
    const v = facts.snapshot.vars[name]
    if (v.source !== 'env') continue
    const site = facts.exportSites[name]?.[0]
    const where = site ? ` (probably ${site.file}:${site.line}: ${site.text.slice(0, 60)})` : ''
    const file = v.fileValue !== null ? `; the go env file's ${name}=${redactList(v.fileValue)} is ignored` : ''
    const fix = site ? `sed -i.bak '${site.line}d' ${site.file}   # then open a new shell` : `find the "export ${name}=" line in your shell start-up files, remove it, and open a new shell`
    checks.push(warn('environment', `environment.${name}`, `${name}=${redactList(v.value)} is set in the OS environment and overrides the go env file${file}${where}`, fix))
  }
  if (checks.length === 0) checks.push(pass('environment', 'environment.shadow', 'no OS environment variable overrides the go env file'))
  return checks
}

/** Variables Go does not read (typos, retired names) and GOFLAGS settings Go no longer honours. */
export function checkUnknownSettings(facts: DoctorFacts): Check[] {
  const checks: Check[] = []
  const names = new Set<string>([...Object.keys(facts.env).filter((k) => /^GO/.test(k)), ...(facts.snapshot?.fileVars.keys() ?? [])])
  for (const name of [...names].sort()) {
    if (KNOWN_GO_VARS.has(name) || name.startsWith('GOMIRROR_')) continue
    const inFile = facts.snapshot?.fileVars.has(name) ?? false
    const instead = RETIRED[name] ?? suggest(name, [...MANAGED_VARS])
    if (!instead && !inFile) continue // GOLANG_VERSION and friends belong to other tools
    const where = inFile ? 'in the go env file' : 'in the OS environment'
    const fix = inFile ? `go env -u ${name}` : `unset ${name}   # and remove it from your shell start-up file`
    checks.push(warn('environment', `environment.unknown.${name}`, `${name} is set ${where}, but Go does not read it${instead ? ` (did you mean ${instead}?)` : ''}`, fix))
  }
  const goflags = facts.snapshot?.extra.GOFLAGS ?? facts.env.GOFLAGS ?? ''
  if (/(^|\s)--?insecure(=\S*)?(\s|$)/.test(goflags)) {
    checks.push(warn('environment', 'environment.goflags-insecure', `GOFLAGS=${goflags} has -insecure, which Go no longer honours (removed in Go 1.17)`, 'use GOINSECURE=<module patterns> for the hosts that need it, and remove -insecure from GOFLAGS'))
  }
  return checks
}

export function checkModCache(facts: DoctorFacts): Check[] {
  const m = facts.modCache
  if (!facts.snapshot || !m) return []
  if (m.exists ? m.writable : m.writable) {
    return [pass('go', 'go.modcache', m.exists ? `the module cache ${m.path} is writable` : `the module cache ${m.path} does not exist yet and can be created`)]
  }
  return [fail('go', 'go.modcache', m.exists ? `the module cache ${m.path} is not writable` : `the module cache ${m.path} cannot be created`, m.exists ? `sudo chown -R "$USER" ${m.path}` : `go env -w GOMODCACHE=$HOME/go/pkg/mod`)]
}
