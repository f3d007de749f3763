import { constants } from 'node:fs'
import { access, readdir, readFile, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { GomirrorError } from '../errors.js'
import { GoTimeoutError } from '../goenv/go-command.js'
import { readGoSnapshot, type GoSnapshot } from '../goenv/read.js'
import { MANAGED_VARS, type ManagedVar } from '../goenv/vars.js'
import type { Bilingual } from '../profiles/wording.js'
import { getLang, setLang } from '../ui/i18n.js'
import { parseGoAuth, type GoAuth } from '../net/credentials.js'
import { readNetrc, type Netrc } from '../net/netrc.js'
import { trustRoots, type TrustRoots } from '../net/trust-roots.js'

/** Where an OS environment variable is probably exported. */
export interface ExportSite {
  file: string
  line: number
  text: string
}

export interface PathAccess {
  path: string
  exists: boolean
  /** For a missing path: whether its nearest existing parent lets us create it. */
  writable: boolean
  readable: boolean
  error?: string
}

/** Everything the checks look at, gathered once; the checks themselves are pure. */
export interface DoctorFacts {
  snapshot: GoSnapshot | null
  /** Why go could not be asked (missing, too old, broken), in English and in the user's language, when snapshot is null. */
  goError: { message: Bilingual; hint: Bilingual | null } | null
  envFile: PathAccess | null
  modCache: PathAccess | null
  /** The process environment (GO*, proxies); the go env file is in snapshot. */
  env: NodeJS.ProcessEnv
  /** For each managed variable set in the OS environment, where it is probably exported. */
  exportSites: Partial<Record<ManagedVar, ExportSite[]>>
  /** How go gets credentials (GOAUTH where the go in use has it), and the netrc it reads. */
  goAuth: GoAuth
  netrc: Netrc
  /** The certificate authorities go trusts here (read like crypto/x509 does). */
  trust: TrustRoots
}

export async function gatherFacts(env: NodeJS.ProcessEnv = process.env): Promise<DoctorFacts> {
  let snapshot: GoSnapshot | null = null
  let goError: DoctorFacts['goError'] = null
  try {
    snapshot = await readGoSnapshot(env)
  } catch (error) {
    if (!(error instanceof GomirrorError)) throw error
    const en = getLang() === 'en' ? error : await englishGoError(env, error)
    goError = { message: { message: en.message, text: error.message }, hint: error.hint ? { message: en.hint ?? error.hint, text: error.hint } : null }
  }
  const shadowed = MANAGED_VARS.filter((n) => env[n])
  const [envFile, modCache, exportSites, netrc] = await Promise.all([
    snapshot?.envFile ? checkPath(snapshot.envFile) : Promise.resolve(null),
    snapshot?.extra.GOMODCACHE ? checkPath(snapshot.extra.GOMODCACHE) : Promise.resolve(null),
    findExportSites(shadowed, env),
    readNetrc(env),
  ])
  const goAuth = parseGoAuth(snapshot?.extra.GOAUTH ?? '', snapshot?.goVersion ?? null)
  return { snapshot, goError, envFile, modCache, env, exportSites, goAuth, netrc, trust: trustRoots(env) }
}

/**
 * The go command's error is worded where it is thrown, in the user's language; --json needs it in
 * English, so go is asked once more with messages in English. Only when go could not be asked,
 * and before any check runs: nothing else is being worded meanwhile.
 */
async function englishGoError(env: NodeJS.ProcessEnv, localized: GomirrorError): Promise<GomirrorError> {
  const lang = getLang()
  setLang('en')
  try {
    // A go that hung once would hang again: word the same error in English instead of waiting twice.
    if (localized instanceof GoTimeoutError) return new GoTimeoutError(localized.bin, localized.args, localized.timeoutMs)
    await readGoSnapshot(env)
    return localized // it worked the second time: keep what the user sees
  } catch (error) {
    return error instanceof GomirrorError ? error : localized
  } finally {
    setLang(lang)
  }
}

/** Exists? readable? writable (or, when missing, creatable under its nearest existing parent)? */
export async function checkPath(path: string): Promise<PathAccess> {
  try {
    await stat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { path, exists: false, readable: false, writable: false, error: (error as Error).message }
    let parent = dirname(path)
    while (parent !== dirname(parent) && !(await exists(parent))) parent = dirname(parent)
    return { path, exists: false, readable: false, writable: await can(parent, constants.W_OK | constants.X_OK) }
  }
  return { path, exists: true, readable: await can(path, constants.R_OK), writable: await can(path, constants.W_OK) }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false)
}

async function can(p: string, mode: number): Promise<boolean> {
  return access(p, mode).then(() => true, () => false)
}

/** Shell start-up files that commonly export Go variables. */
async function startupFiles(env: NodeJS.ProcessEnv): Promise<string[]> {
  const home = env.HOME || homedir()
  const files = ['.bashrc', '.bash_profile', '.bash_login', '.profile', '.zshrc', '.zprofile', '.zshenv', '.config/fish/config.fish'].map((f) => join(home, f))
  files.push('/etc/profile', '/etc/environment', '/etc/bash.bashrc', '/etc/zsh/zshenv')
  for (const dir of [join(home, '.config/fish/conf.d'), '/etc/profile.d']) {
    const names = await readdir(dir).catch(() => [] as string[])
    files.push(...names.filter((n) => /\.(sh|fish)$/.test(n)).map((n) => join(dir, n)))
  }
  return files
}

/** Find `export GOPROXY=…`, `GOPROXY=…`, `set -gx GOPROXY …`, `setenv GOPROXY …` lines. */
export async function findExportSites(names: readonly ManagedVar[], env: NodeJS.ProcessEnv): Promise<Partial<Record<ManagedVar, ExportSite[]>>> {
  const sites: Partial<Record<ManagedVar, ExportSite[]>> = {}
  if (names.length === 0) return sites
  for (const file of await startupFiles(env)) {
    const text = await readFile(file, 'utf8').catch(() => null)
    if (text === null) continue
    text.split('\n').forEach((line, i) => {
      for (const name of names) {
        const re = new RegExp(`^\\s*(?:export\\s+${name}\\s*=|${name}\\s*=|set\\s+(?:-[a-zA-Z]+\\s+)*${name}\\s|setenv\\s+${name}\\s)`)
        if (re.test(line)) (sites[name] ??= []).push({ file, line: i + 1, text: line.trim() })
      }
    })
  }
  return sites
}
