import { readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { GomirrorError, UsageError } from '../errors.js'
import { formatProfileDocument, parseProfileDocument } from '../profiles/document.js'
import { findProjectFile, findProjectRoot, PROJECT_FILE, readProjectFile, writeProjectFile } from '../profiles/project.js'
import { renderDefinitionDiff, renderProfileVars, renderWarnings, renderWeakenings } from '../profiles/render.js'
import { getProfile, lookupProfileName, putProfile } from '../profiles/store.js'
import { diffVars, hasCredentials, validateProfileName, type ProfileVars } from '../profiles/vars.js'
import { readGoEnvFileVars } from '../goenv/env-file.js'
import { MANAGED_VARS } from '../goenv/vars.js'
import { findTrustChanges, ownTrustOf } from '../profiles/trust.js'
import { findWeakenings } from '../profiles/weaken.js'
import { readStore, updateStore } from '../store/store.js'
import { colors } from '../ui/color.js'
import { t } from '../ui/i18n.js'
import { printLines, printRawLines } from '../ui/print.js'
import { acceptWeakenings } from './profile-prompt.js'

function netrcHint(): string {
  return t('keep the token out of the URL: Go reads credentials for a proxy host from ~/.netrc (machine HOST login USER password TOKEN)')
}

/**
 * `profile pin <name> [--share]`: bind the project to a profile with `.gomirror.json` at the
 * module or workspace root. --share also writes the definition, for teammates; never credentials.
 */
export async function runProfilePin(name: string, opts: { share?: boolean }): Promise<number> {
  const profile = getProfile(await readStore(), validateProfileName(name))
  if (opts.share && hasCredentials(profile.vars)) {
    throw new UsageError(t('profile {name} has credentials in a URL; --share would write them into the repository', { name: profile.name }), netrcHint())
  }
  const cwd = process.cwd()
  const root = await findProjectRoot(cwd)
  const previous = await readProjectFile(join(root, PROJECT_FILE)).catch(() => null)
  const path = await writeProjectFile(root, formatProfileDocument(profile.name, opts.share ? profile.vars : null))
  const nearest = await findProjectFile(cwd)
  const c = colors()
  const was = previous && previous.profile !== profile.name ? previous.profile : null
  const params = { name: c.bold(profile.name), file: path, previous: was ?? '' }
  printLines([
    opts.share
      ? was !== null ? t('Pinned profile {name} in {file} (was {previous}), with its definition for your team.', params) : t('Pinned profile {name} in {file}, with its definition for your team.', params)
      : was !== null ? t('Pinned profile {name} in {file} (was {previous}).', params) : t('Pinned profile {name} in {file}.', params),
    c.dim(opts.share ? t('In this project, gomirror profile switch (no name), env and exec use it. Commit the file to share it.') : t('In this project, gomirror profile switch (no name), env and exec use it.')),
    ...(nearest !== null && nearest !== path ? [c.yellow(t('note: {file} is nearer to this directory and takes precedence here', { file: relative(cwd, nearest) || nearest }))] : []),
  ])
  return 0
}

/** `profile export <name> [--output FILE]`: the sharing format, which `profile import` reads. */
export async function runProfileExport(name: string, opts: { output?: string; withCredentials?: boolean }): Promise<number> {
  const profile = getProfile(await readStore(), name)
  if (hasCredentials(profile.vars) && !opts.withCredentials) {
    throw new UsageError(t('profile {name} has credentials in a URL; an exported file is meant to be shared', { name: profile.name }), t('export them anyway with --with-credentials, or {advice}', { advice: netrcHint() }))
  }
  const text = formatProfileDocument(profile.name, profile.vars)
  if (opts.output === undefined || opts.output === '-') {
    // The document itself: credentials only reach here with --with-credentials (refused above).
    printRawLines([text.trimEnd()])
    return 0
  }
  try {
    await writeFile(opts.output, text, { mode: hasCredentials(profile.vars) ? 0o600 : 0o644 })
  } catch (error) {
    throw new GomirrorError(t('cannot write {file}: {error}', { file: opts.output, error: (error as Error).message }), t('check the path and its permissions'))
  }
  printLines([t('Exported profile {name} to {file}.', { name: profile.name, file: opts.output }), colors().dim(t('Import it elsewhere with: gomirror profile import {file}', { file: opts.output }))])
  return 0
}

/**
 * `profile import <file>` ('-' reads stdin): validated strictly; a profile of the same name is
 * replaced only with --force; a definition that weakens verification needs --yes.
 */
export async function runProfileImport(file: string, opts: { name?: string; force?: boolean; yes?: boolean }): Promise<number> {
  const label = file === '-' ? t('(stdin)') : file
  let text: string
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(t('cannot read {file}: {error}', { file: label, error: (error as Error).message }), t('give the path of a file written by gomirror profile export'))
  }
  const doc = parseProfileDocument(text, label, { requireVars: true })
  const vars = doc.vars ?? {}
  const name = opts.name !== undefined ? validateProfileName(opts.name) : doc.profile
  const data = await readStore()
  const existing = lookupProfileName(data, name)
  const stored = existing === null ? null : getProfile(data, existing).vars
  if (stored !== null && diffVars(stored, vars).length === 0) {
    printLines([t('Profile {name} already has exactly these settings; nothing changed.', { name: existing ?? name })])
    return 0
  }
  if (stored !== null && !opts.force) {
    printLines([t('{file} defines profile {name} differently from yours:', { file: label, name }), ...renderDefinitionDiff(stored, vars)])
    throw new UsageError(t('profile "{name}" already exists', { name: existing ?? name }), t('replace it with --force, or import under another name with --name'))
  }
  // A shared file (often a repository's .gomirror.json: env and exec point here) may not quietly
  // change what verifies modules; what it changes beyond the user's own settings is shown and needs a yes.
  const trust = findTrustChanges(vars, ownTrustOf([osValues(process.env), Object.fromEntries(await readGoEnvFileVars()) as ProfileVars, ...Object.values(data.profiles).map((p) => p.vars)]))
  const weakenings = [...trust, ...findWeakenings(vars).filter((w) => !trust.some((x) => x.variable === w.variable))]
  if (!(await acceptWeakenings(weakenings, { yes: Boolean(opts.yes), json: false, subject: t('profile {name} from {file}', { name, file: label }) }))) {
    printLines([t('Nothing was imported.')])
    return 1
  }
  await updateStore((store) => putProfile(store, name, vars))
  const c = colors()
  printLines([
    stored ? t('Replaced profile {name} from {file}:', { name: c.bold(name), file: label }) : t('Imported profile {name} from {file}:', { name: c.bold(name), file: label }),
    ...(stored ? renderDefinitionDiff(stored, vars) : renderProfileVars(vars)),
    ...renderWarnings(doc.warnings),
    ...renderWeakenings(weakenings),
    c.dim(t('Apply it with: gomirror profile switch {name}', { name })),
  ])
  return 0
}

/** The managed variables exported in the OS environment (non-empty: Go ignores empty ones). */
function osValues(env: NodeJS.ProcessEnv): ProfileVars {
  const out: ProfileVars = {}
  for (const name of MANAGED_VARS) if (env[name]) out[name] = env[name]
  return out
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
