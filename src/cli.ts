import { Command, CommanderError } from 'commander'
import { GomirrorError } from './errors.js'
import { safeForTerminal, shortenLongWords } from './util/display.js'
import { examplesText, helpConfiguration, localizeCommanderError } from './ui/help.js'
import { prepareColors } from './ui/color.js'
import { detectLang, t, useLang } from './ui/i18n.js'
import { VERSION } from './version.js'

/** Every command module returns an exit code; only this file turns errors into codes. */
type Run = () => Promise<number>

/** The probing options `test` and `use` share, defined once so their help and parsing agree. */
function addProbeOptions(cmd: Command): Command {
  return cmd
    .option('--samples <n>', t('warm latency samples per mirror'), '5')
    .option('--timeout <ms>', t('time allowed for one request'), '4000')
    .option('--deep', t("also download the canary module's zip: throughput, and its go.sum hash checked"))
    .option('--verbose', t('show the address, family and proxy each mirror answered from, and every sample'))
    .option('--no-cutoff', t('wait for every mirror instead of cutting off those that can no longer win'))
}

/** Register the commands. Command modules load on first use so `--version` and `ls` start fast. */
export function buildProgram(setRun: (run: Run) => void): Command {
  const program = new Command('gomirror')
    .description(t('Probe Go module mirrors with the real GOPROXY protocol and switch to the fastest healthy one, reversibly.'))
    .version(VERSION, '-V, --version', t('print the version'))
    .option('--no-color', t('no colours (also: NO_COLOR=1)'))
    .option('-y, --yes', t('never prompt; answer yes'))
    // Read by main() before parsing (help texts are built in the chosen language); declared here for --help and parsing.
    .option('--lang <lang>', t('language of messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG)'))
    .showSuggestionAfterError(true)
    .exitOverride()
    // Set before any subcommand is added: commander copies these settings to each one.
    .helpOption('-h, --help', t('show help'))
    .helpCommand('help [command]', t('show help for a command'))
    .configureHelp(helpConfiguration())
    .configureOutput({ outputError: (text, write) => write(errorText(`gomirror: ${localizeCommanderError(text.replace(/^error: /, ''))}`)) })
  program.addHelpText('after', examplesText([
    ['gomirror use fastest', t('probe the mirrors, switch to the fastest healthy one')],
    ['gomirror test', t('probe every known mirror, change nothing')],
    ['gomirror undo', t('put back what the last change replaced')],
  ]))

  program.command('ls').description(t('list built-in and custom mirrors; the one in use is marked'))
    .option('--json', t('print JSON'))
    .addHelpText('after', examplesText([['gomirror ls'], ['gomirror ls --json']]))
    .action((opts) => setRun(async () => (await import('./commands/ls.js')).runLs(opts)))

  program.command('current').description(t('show the effective Go module settings and where each comes from'))
    .option('--json', t('print JSON'))
    .addHelpText('after', examplesText([['gomirror current'], ['gomirror current --json']]))
    .action((opts) => setRun(async () => (await import('./commands/current.js')).runCurrent(opts)))

  const test = program.command('test').argument('[mirrors...]', t('names or URLs (default: every known mirror)'))
    .description(t('probe mirrors with the GOPROXY protocol and rank them; writes nothing'))
    .option('--json', t('print JSON'))
    .option('-q, --quiet', t('no progress output while probing'))
  addProbeOptions(test)
    .addHelpText('after', examplesText([['gomirror test'], ['gomirror test goproxy.cn aliyun https://goproxy.corp.example.com']]))
    .action((names, opts) => setRun(async () => (await import('./commands/test.js')).runTest(names, opts)))

  const use = program.command('use').argument('[target]', t("a mirror name, a URL, or 'fastest'")).argument('[candidates...]', t("with 'fastest': only these mirrors"))
    .description(t('switch GOPROXY to a mirror (after a health check), or to the fastest healthy one'))
    .option('--dry-run', t('print the plan, write nothing'))
    .option('--json', t('print JSON'))
    .option('-q, --quiet', t('no progress output while probing, and no table'))
    .option('--fallback <n>', t('follow the choice with the next N healthy mirrors'), '0')
    .option('--sumdb <mode>', t('auto, keep, or a GOSUMDB value'), 'auto')
    .option('--private <patterns>', t('also set GOPRIVATE to these module path patterns'))
    .option('--force', t('switch even when the mirror fails its health check'))
  addProbeOptions(use)
    .addHelpText('after', examplesText([['gomirror use fastest'], ['gomirror use fastest goproxy.cn aliyun --fallback 1'], ['gomirror use https://goproxy.example.com --private "git.example.com/*"']]))
    .action((target, candidates, opts) => setRun(async () => (await import('./commands/use.js')).runUse(target, candidates, { ...program.opts(), ...opts })))

  program.command('undo').description(t("put back what gomirror's last change replaced (repeat to walk further back)"))
    .option('--dry-run', t('print the plan, write nothing'))
    .option('--json', t('print JSON'))
    .option('--force', t('undo even though the values were edited since gomirror wrote them'))
    .addHelpText('after', examplesText([['gomirror undo --dry-run', t('see what would be put back')], ['gomirror undo']]))
    .action((opts) => setRun(async () => (await import('./commands/undo.js')).runUndo(opts)))

  program.command('reset').description(t("remove gomirror-managed keys from the go env file (back to Go's defaults); undoable"))
    .option('--dry-run', t('print the plan, write nothing'))
    .option('--json', t('print JSON'))
    .addHelpText('after', examplesText([['gomirror reset --dry-run', t('see what would be removed')], ['gomirror reset']]))
    .action((opts) => setRun(async () => (await import('./commands/reset.js')).runReset(opts)))

  const mirror = program.command('mirror').description(t('add or remove custom mirrors'))
    .addHelpText('after', examplesText([['gomirror mirror add corp https://goproxy.corp.example.com'], ['gomirror mirror remove corp']]))
  mirror.command('add').argument('<name>', t('a short name: letters, digits, ".", "_" or "-"')).argument('<url>', t('the GOPROXY base URL (https; its user and token belong in ~/.netrc)'))
    .description(t('add a custom mirror that every command can use by name'))
    .option('--force', t('replace an existing custom mirror of that name'))
    .addHelpText('after', examplesText([['gomirror mirror add corp https://goproxy.corp.example.com'], ['gomirror mirror add corp https://goproxy.corp.example.com/ --force']]))
    .action((name, url, opts) => setRun(async () => (await import('./commands/mirror.js')).runMirrorAdd(name, url, opts)))
  mirror.command('remove').alias('rm').argument('<name>', t('a custom mirror name'))
    .description(t('remove a custom mirror'))
    .addHelpText('after', examplesText([['gomirror mirror remove corp']]))
    .action((name) => setRun(async () => (await import('./commands/mirror.js')).runMirrorRemove(name)))

  program.command('doctor').description(t("find what is wrong with this machine's Go module settings, and how to fix it"))
    .option('--json', t('print JSON'))
    .option('--fix', t('apply the fixes that are safe and unambiguous (shown first; undoable)'))
    .option('--offline', t('skip the network checks'))
    .addHelpText('after', examplesText([['gomirror doctor'], ['gomirror doctor --fix --yes', t('apply the safe fixes without asking')]]))
    .action((opts) => setRun(async () => (await import('./commands/doctor.js')).runDoctor({ ...program.opts(), ...opts })))

  program.command('completion').argument('<shell>', t('bash, zsh, fish or powershell'))
    .description(t('print a shell completion script: commands, options, mirror and profile names'))
    .addHelpText('after', examplesText([
      ['source <(gomirror completion bash)', t('bash: add this line to ~/.bashrc')],
      ['source <(gomirror completion zsh)', t('zsh: add this line to ~/.zshrc')],
      ['gomirror completion fish > ~/.config/fish/completions/gomirror.fish'],
      ['gomirror completion powershell | Out-String | Invoke-Expression', t('PowerShell: add to $PROFILE')],
    ]))
    .action((shell) => setRun(async () => (await import('./commands/completion.js')).runCompletion(shell)))

  // Profiles (issue 3): named sets of the managed variables, per-project pins, env and exec.
  const profileCmd = async () => import('./commands/profile.js')
  const profile = program.command('profile').description(t('named sets of Go module settings: add, switch, pin to a project, share'))
    .addHelpText('after', examplesText([['gomirror profile add home --proxy https://goproxy.cn,direct'], ['gomirror profile switch home'], ['gomirror profile pin corp --share']]))
  profile.command('add').argument('<name>', t('a plain word: letters, digits, ".", "_" or "-"'))
    .description(t('add a profile; every value is checked as the go command will read it'))
    .option('--proxy <GOPROXY>', t('GOPROXY, e.g. {example}', { example: 'https://goproxy.cn,direct' }))
    .option('--sumdb <GOSUMDB>', t('GOSUMDB, e.g. {example}', { example: 'sum.golang.google.cn' }))
    .option('--private <patterns>', t('GOPRIVATE module path patterns, comma-separated'))
    .option('--noproxy <patterns>', t('GONOPROXY module path patterns'))
    .option('--nosumdb <patterns>', t('GONOSUMDB module path patterns'))
    .option('--insecure <patterns>', t('GOINSECURE module path patterns'))
    .option('--force', t('replace a profile of that name'))
    .addHelpText('after', examplesText([['gomirror profile add home --proxy https://goproxy.cn,direct'], ['gomirror profile add corp --proxy https://goproxy.corp.example.com,direct'], ["gomirror profile add work --private 'git.corp.example.com/*'"]]))
    .action((name, opts) => setRun(async () => (await profileCmd()).runProfileAdd(name, { ...program.opts(), ...opts })))
  profile.command('save').argument('<name>', t('the new profile name'))
    .description(t("capture the go env file's current values as a profile"))
    .option('--force', t('replace a profile of that name'))
    .addHelpText('after', examplesText([['gomirror profile save home']]))
    .action((name, opts) => setRun(async () => (await profileCmd()).runProfileSave(name, { ...program.opts(), ...opts })))
  profile.command('list').alias('ls').description(t('list profiles; the active one is marked'))
    .option('--json', t('print JSON'))
    .addHelpText('after', examplesText([['gomirror profile list'], ['gomirror profile list --json']]))
    .action((opts) => setRun(async () => (await profileCmd()).runProfileList(opts)))
  profile.command('show').argument('<name>').description(t("show a profile's settings"))
    .option('--json', t('print JSON'))
    .addHelpText('after', examplesText([['gomirror profile show corp']]))
    .action((name, opts) => setRun(async () => (await profileCmd()).runProfileShow(name, opts)))
  profile.command('switch').argument('[name]', t("a profile (default: the project's, from .gomirror.json)"))
    .description(t('apply a profile to the go env file; variables it does not set are removed; undoable'))
    .option('--dry-run', t('print the plan, write nothing'))
    .option('--json', t('print JSON'))
    .addHelpText('after', examplesText([['gomirror profile switch corp'], ['gomirror profile switch', t("the project's profile (.gomirror.json)")]]))
    .action((name, opts) => setRun(async () => (await import('./commands/profile-switch.js')).runProfileSwitch(name, { ...program.opts(), ...opts })))
  profile.command('remove').alias('rm').argument('<name>').description(t('remove a profile (the go env file keeps its values)'))
    .addHelpText('after', examplesText([['gomirror profile remove old-corp']]))
    .action((name) => setRun(async () => (await profileCmd()).runProfileRemove(name)))
  profile.command('rename').argument('<old>').argument('<new>').description(t('rename a profile'))
    .addHelpText('after', examplesText([['gomirror profile rename corp corp-eu']]))
    .action((oldName, newName) => setRun(async () => (await profileCmd()).runProfileRename(oldName, newName)))
  profile.command('pin').argument('<name>').description(t('bind this project to a profile: write .gomirror.json at the module root'))
    .option('--share', t("also write the profile's definition, for teammates (never credentials)"))
    .addHelpText('after', examplesText([['gomirror profile pin corp'], ['gomirror profile pin corp --share', t('commit .gomirror.json so the team gets the same settings')]]))
    .action((name, opts) => setRun(async () => (await import('./commands/profile-share.js')).runProfilePin(name, opts)))
  profile.command('export').argument('<name>').description(t('write a profile as JSON, for profile import'))
    .option('-o, --output <file>', t('write to this file instead of stdout'))
    .option('--with-credentials', t('include user:token@ credentials from proxy URLs'))
    .addHelpText('after', examplesText([['gomirror profile export corp --output corp.json']]))
    .action((name, opts) => setRun(async () => (await import('./commands/profile-share.js')).runProfileExport(name, opts)))
  profile.command('import').argument('<file>', t("a file from profile export, a .gomirror.json, or '-' for stdin"))
    .description(t('add a profile from a JSON file; checked like profile add'))
    .option('--name <name>', t('save it under this name instead'))
    .option('--force', t('replace a profile of that name'))
    .addHelpText('after', examplesText([['gomirror profile import corp.json'], ['gomirror profile import .gomirror.json --force']]))
    .action((file, opts) => setRun(async () => (await import('./commands/profile-share.js')).runProfileImport(file, { ...program.opts(), ...opts })))

  program.command('env').description(t("print shell assignments for a profile's settings (eval, direnv, CI)"))
    .option('--profile <name>', t("the profile (default: the project's, else the active one)"))
    .option('--shell <shell>', t('sh, fish, powershell, cmd or dotenv'), 'sh')
    .addHelpText('after', examplesText([['eval "$(gomirror env --profile corp)"', 'sh, bash, zsh'], ['gomirror env --shell fish | source', 'fish'], ['gomirror env --shell powershell | Invoke-Expression', 'PowerShell']]))
    .action((opts) => setRun(async () => (await import('./commands/env.js')).runEnv(opts)))
  program.command('exec').argument('<command...>', t('the command and its arguments, after --'))
    .description(t("run one command with a profile's settings in its environment; the go env file is untouched"))
    .option('--profile <name>', t("the profile (default: the project's, else the active one)"))
    // The command's own options (go env -json) pass through in order; `--` is still the safe way.
    .allowUnknownOption()
    .addHelpText('after', examplesText([['gomirror exec --profile corp -- go mod download'], ['gomirror exec -- go build ./...', t("the project's profile")]]))
    .action((command, opts) => setRun(async () => (await import('./commands/exec.js')).runExec(command, opts)))

  // Further command groups register here, one block each (profiles, doctor, completion).
  return program
}

/** Run the CLI; returns the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  let run: Run | undefined
  quietOnClosedPipe()
  const completing = argv[2] === '__complete'
  try {
    // Before the program is built: its descriptions and help are in this language.
    // --json is for scripts: everything, stderr included, stays English and stable.
    await useLang(argv.includes('--json') ? 'en' : detectLang(process.env, argv.slice(2)))
  } catch (error) {
    // A half-typed --lang on a completion request must not cost the user their candidates.
    if (!completing) return reportError(error)
    await useLang(detectLang(process.env, []))
  }
  await prepareColors()
  const program = buildProgram((r) => (run = r))
  // Shells call this on every Tab: answered before commander parses, so words like --help or -V
  // in the half-typed command line are completed, not acted on.
  if (completing) return (await import('./commands/completion.js')).runComplete(program, argv.slice(3))
  try {
    // `gomirror` alone (or with only global flags such as --lang zh) prints the overview, not an error.
    if (onlyGlobalFlags(argv.slice(2))) {
      program.outputHelp()
      return 0
    }
    await program.parseAsync(argv)
    return run ? await run() : 0
  } catch (error) {
    return reportError(error)
  }
}

let pipeGuarded = false

/** `gomirror --help | head` closes stdout early: stop quietly, as other CLIs do, not with a stack trace. */
function quietOnClosedPipe(): void {
  if (pipeGuarded) return
  pipeGuarded = true
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(0)
  })
}

function onlyGlobalFlags(args: readonly string[]): boolean {
  return args.every((a, i) => ['--no-color', '-y', '--yes'].includes(a) || (a === '--lang' && i + 1 < args.length) || a.startsWith('--lang=') || args[i - 1] === '--lang')
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
    return 2
  }
  if (error instanceof GomirrorError) {
    // Messages are translated where they are thrown; t() here also covers fixed English ones
    // (CancelledError's) and leaves already-translated text as it is.
    process.stderr.write(errorText(`gomirror: ${t(error.message)}\n${error.hint ? `  ${t(error.hint)}\n` : ''}`))
    if (process.env.DEBUG?.includes('gomirror')) process.stderr.write(`${error.stack}\n`)
    return error.exitCode
  }
  const err = error as Error
  process.stderr.write(errorText(`gomirror: ${t('unexpected error: {error}', { error: err?.message ?? String(error) })}\n  ${t('run again with DEBUG=gomirror for details, and report it')}\n`))
  if (process.env.DEBUG?.includes('gomirror')) process.stderr.write(`${err?.stack}\n`)
  return 1
}

/**
 * Error text as the user sees it: credentials masked, control characters escaped, and any word
 * longer than 200 characters (a pasted 100 kB value) cut to its start and end.
 */
function errorText(text: string): string {
  return shortenLongWords(safeForTerminal(text), 200)
}
