import { readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { GomirrorError, UsageError } from '../errors.js'
import { formatProfileDocument, parseProfileDocument } from '../profiles/document.js'
import { findProjectFile, findProjectRoot, PROJECT_FILE, readProjectFile, writeProjectFile } from '../profiles/project.js'
import { renderDefinitionDiff, renderProfileVars, renderWarnings, renderWeakenings } from '../profiles/render.js'
import { getProfile, lookupProfileName, putProfile } from '../profiles/store.js'
import { diffVars, hasCredentials, validateProfileName } from '../profiles/vars.js'
import { findWeakenings } from '../profiles/weaken.js'
import { readStore, updateStore } from '../store/store.js'
import { colors } from '../ui/color.js'
import { printLines } from '../ui/print.js'
import { acceptWeakenings } from './profile-prompt.js'

const NETRC_HINT = 'keep the token out of the URL: Go reads credentials for a proxy host from ~/.netrc (machine HOST login USER password TOKEN)'

/**
 * `profile pin <name> [--share]`: bind the project to a profile with `.gomirror.json` at the
 * module or workspace root. --share also writes the definition, for teammates; never credentials.
 */
export async function runProfilePin(name: string, opts: { share?: boolean }): Promise<number> {
  const profile = getProfile(await readStore(), validateProfileName(name))
  if (opts.share && hasCredentials(profile.vars)) {
    throw new UsageError(`profile ${profile.name} has credentials in a URL; --share would write them into the repository`, NETRC_HINT)
  }
  const cwd = process.cwd()
  const root = await findProjectRoot(cwd)
  const previous = await readProjectFile(join(root, PROJECT_FILE)).catch(() => null)
  const path = await writeProjectFile(root, formatProfileDocument(profile.name, opts.share ? profile.vars : null))
  const nearest = await findProjectFile(cwd)
  const c = colors()
  printLines([
    `Pinned profile ${c.bold(profile.name)} in ${path}${previous && previous.profile !== profile.name ? ` (was ${previous.profile})` : ''}${opts.share ? ', with its definition for your team' : ''}.`,
    c.dim(`In this project, gomirror profile switch (no name), env and exec use it.${opts.share ? ' Commit the file to share it.' : ''}`),
    ...(nearest !== null && nearest !== path ? [c.yellow(`note: ${relative(cwd, nearest) || nearest} is nearer to this directory and takes precedence here`)] : []),
  ])
  return 0
}

/** `profile export <name> [--output FILE]`: the sharing format, which `profile import` reads. */
export async function runProfileExport(name: string, opts: { output?: string; withCredentials?: boolean }): Promise<number> {
  const profile = getProfile(await readStore(), name)
  if (hasCredentials(profile.vars) && !opts.withCredentials) {
    throw new UsageError(`profile ${profile.name} has credentials in a URL; an exported file is meant to be shared`, `export them anyway with --with-credentials, or ${NETRC_HINT}`)
  }
  const text = formatProfileDocument(profile.name, profile.vars)
  if (opts.output === undefined || opts.output === '-') {
    printLines([text.trimEnd()])
    return 0
  }
  try {
    await writeFile(opts.output, text, { mode: hasCredentials(profile.vars) ? 0o600 : 0o644 })
  } catch (error) {
    throw new GomirrorError(`cannot write ${opts.output}: ${(error as Error).message}`, 'check the path and its permissions')
  }
  printLines([`Exported profile ${profile.name} to ${opts.output}.`, colors().dim(`Import it elsewhere with: gomirror profile import ${opts.output}`)])
  return 0
}

/**
 * `profile import <file>` ('-' reads stdin): validated strictly; a profile of the same name is
 * replaced only with --force; a definition that weakens verification needs --yes.
 */
export async function runProfileImport(file: string, opts: { name?: string; force?: boolean; yes?: boolean }): Promise<number> {
  const label = file === '-' ? '(stdin)' : file
  let text: string
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${label}: ${(error as Error).message}`, 'give the path of a file written by gomirror profile export')
  }
  const doc = parseProfileDocument(text, label, { requireVars: true })
  const vars = doc.vars ?? {}
  const name = opts.name !== undefined ? validateProfileName(opts.name) : doc.profile
  const data = await readStore()
  const existing = lookupProfileName(data, name)
  const stored = existing === null ? null : getProfile(data, existing).vars
  if (stored !== null && diffVars(stored, vars).length === 0) {
    printLines([`Profile ${existing} already has exactly these settings; nothing changed.`])
    return 0
  }
  if (stored !== null && !opts.force) {
    printLines([`${label} defines profile ${name} differently from yours:`, ...renderDefinitionDiff(stored, vars)])
    throw new UsageError(`profile "${existing}" already exists`, 'replace it with --force, or import under another name with --name')
  }
  const weakenings = findWeakenings(vars)
  if (!(await acceptWeakenings(weakenings, { yes: Boolean(opts.yes), json: false, subject: `profile ${name} from ${label}` }))) {
    printLines(['Nothing was imported.'])
    return 1
  }
  await updateStore((store) => putProfile(store, name, vars))
  const c = colors()
  printLines([
    `${stored ? 'Replaced' : 'Imported'} profile ${c.bold(name)} from ${label}:`,
    ...(stored ? renderDefinitionDiff(stored, vars) : renderProfileVars(vars)),
    ...renderWarnings(doc.warnings),
    ...renderWeakenings(weakenings),
    c.dim(`Apply it with: gomirror profile switch ${name}`),
  ])
  return 0
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
