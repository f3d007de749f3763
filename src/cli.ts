import { Command, CommanderError } from 'commander'
import { GomirrorError } from './errors.js'
import { VERSION } from './version.js'

/** Every command module returns an exit code; only this file turns errors into codes. */
type Run = () => Promise<number>

/** Register the commands. Command modules load on first use so `--version` and `ls` start fast. */
export function buildProgram(setRun: (run: Run) => void): Command {
  const program = new Command('gomirror')
    .description('Probe Go module mirrors with the real GOPROXY protocol and switch to the fastest healthy one, reversibly.')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'no colours (also: NO_COLOR=1)')
    .option('-y, --yes', 'never prompt; answer yes')
    .showSuggestionAfterError(true)
    .exitOverride()
    // Set before any subcommand is added: commander copies these settings to each one.
    .configureOutput({ outputError: (text, write) => write(`gomirror: ${text.replace(/^error: /, '')}`) })
  program.addHelpText('after', `
Examples:
  $ gomirror use fastest          probe the mirrors, switch to the fastest healthy one
  $ gomirror test                 probe every known mirror, change nothing
  $ gomirror undo                 put back what the last change replaced`)

  program.command('ls').description('list built-in and custom mirrors; the one in use is marked')
    .option('--json', 'print JSON')
    .action((opts) => setRun(async () => (await import('./commands/ls.js')).runLs(opts)))

  program.command('current').description('show the effective Go module settings and where each comes from')
    .option('--json', 'print JSON')
    .action((opts) => setRun(async () => (await import('./commands/current.js')).runCurrent(opts)))

  program.command('test').argument('[mirrors...]', 'names or URLs (default: every known mirror)')
    .description('probe mirrors with the GOPROXY protocol and rank them; writes nothing')
    .option('--json', 'print JSON')
    .option('--samples <n>', 'warm latency samples per mirror', '5')
    .option('--timeout <ms>', 'time allowed for one request', '4000')
    .addHelpText('after', '\nExamples:\n  $ gomirror test\n  $ gomirror test goproxy.cn aliyun https://goproxy.corp.example.com')
    .action((names, opts) => setRun(async () => (await import('./commands/test.js')).runTest(names, opts)))

  program.command('use').argument('[target]', "a mirror name, a URL, or 'fastest'").argument('[candidates...]', "with 'fastest': only these mirrors")
    .description('switch GOPROXY to a mirror (after a health check), or to the fastest healthy one')
    .option('--dry-run', 'print the plan, write nothing')
    .option('--json', 'print JSON')
    .option('--fallback <n>', 'follow the choice with the next N healthy mirrors', '0')
    .option('--sumdb <mode>', "auto, keep, or a GOSUMDB value", 'auto')
    .option('--private <patterns>', 'also set GOPRIVATE to these module path patterns')
    .option('--force', 'switch even when the mirror fails its health check')
    .option('--samples <n>', 'warm latency samples per mirror', '5')
    .option('--timeout <ms>', 'time allowed for one request', '4000')
    .addHelpText('after', '\nExamples:\n  $ gomirror use fastest\n  $ gomirror use fastest goproxy.cn aliyun --fallback 1\n  $ gomirror use https://goproxy.corp.example.com --private "git.corp.example.com/*"')
    .action((target, candidates, opts) => setRun(async () => (await import('./commands/use.js')).runUse(target, candidates, { ...program.opts(), ...opts })))

  program.command('undo').description("put back what gomirror's last change replaced (repeat to walk further back)")
    .option('--dry-run', 'print the plan, write nothing')
    .option('--json', 'print JSON')
    .option('--force', 'undo even though the values were edited since gomirror wrote them')
    .action((opts) => setRun(async () => (await import('./commands/undo.js')).runUndo(opts)))

  program.command('reset').description("remove gomirror-managed keys from the go env file (back to Go's defaults); undoable")
    .option('--dry-run', 'print the plan, write nothing')
    .option('--json', 'print JSON')
    .action((opts) => setRun(async () => (await import('./commands/reset.js')).runReset(opts)))

  const mirror = program.command('mirror').description('add or remove custom mirrors')
  mirror.command('add').argument('<name>').argument('<url>')
    .description('add a custom mirror that every command can use by name')
    .option('--force', 'replace an existing custom mirror of that name')
    .addHelpText('after', '\nExample:\n  $ gomirror mirror add corp https://goproxy.corp.example.com')
    .action((name, url, opts) => setRun(async () => (await import('./commands/mirror.js')).runMirrorAdd(name, url, opts)))
  mirror.command('remove').alias('rm').argument('<name>')
    .description('remove a custom mirror')
    .action((name) => setRun(async () => (await import('./commands/mirror.js')).runMirrorRemove(name)))

  program.command('doctor').description("find what is wrong with this machine's Go module settings, and say how to fix it")
    .option('--json', 'print JSON')
    .option('--fix', 'apply the fixes that are safe and unambiguous (shown first; undoable)')
    .option('--offline', 'skip the network checks')
    .addHelpText('after', '\nExamples:\n  $ gomirror doctor\n  $ gomirror doctor --fix --yes')
    .action((opts) => setRun(async () => (await import('./commands/doctor.js')).runDoctor({ ...program.opts(), ...opts })))

  // Further command groups register here, one block each (profiles, doctor, completion).
  return program
}

/** Run the CLI; returns the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  let run: Run | undefined
  const program = buildProgram((r) => (run = r))
  try {
    // `gomirror` alone prints the overview, not an error.
    if (argv.length <= 2) {
      program.outputHelp()
      return 0
    }
    await program.parseAsync(argv)
    return run ? await run() : 0
  } catch (error) {
    return reportError(error)
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
    return 2
  }
  if (error instanceof GomirrorError) {
    process.stderr.write(`gomirror: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`)
    if (process.env.DEBUG?.includes('gomirror')) process.stderr.write(`${error.stack}\n`)
    return error.exitCode
  }
  const err = error as Error
  process.stderr.write(`gomirror: unexpected error: ${err?.message ?? String(error)}\n  run again with DEBUG=gomirror for details, and report it\n`)
  if (process.env.DEBUG?.includes('gomirror')) process.stderr.write(`${err?.stack}\n`)
  return 1
}

