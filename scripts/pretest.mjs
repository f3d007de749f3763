// Runs before `npm test`: builds the CLI the integration tests spawn and makes sure the tools the
// tests drive are there: the real go command, fish (shell quoting of `gomirror env`), tmux (the
// terminal tests) and tinyproxy (a real forward proxy). On a Debian machine run as root, as CI is,
// it installs the missing ones itself, so `npm ci && npm test` is all the set-up the tests need;
// elsewhere it names what to install and stops. Tests never skip for a missing tool.
import { execFileSync, spawnSync } from 'node:child_process'

const TOOLS = [
  { cmd: 'go', args: ['version'], pkg: 'golang-go', why: 'the integration tests run the real go command (Go >= 1.13)' },
  { cmd: 'fish', args: ['--version'], pkg: 'fish', why: 'gomirror env --shell fish output is checked by fish itself' },
  { cmd: 'tmux', args: ['-V'], pkg: 'tmux', why: 'the interactive picker is tested in a real terminal' },
  { cmd: 'tinyproxy', args: ['-v'], pkg: 'tinyproxy', why: 'probes are tested through a real forward proxy' },
]

const has = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).error === undefined

execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })

const missing = TOOLS.filter((t) => !has(t.cmd, t.args))
if (missing.length > 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (root && has('apt-get', ['--version'])) {
    const pkgs = missing.map((t) => t.pkg)
    console.log(`pretest: installing ${pkgs.join(', ')} with apt-get`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env })
  } else {
    console.error('pretest: the tests need tools that are not on PATH:')
    for (const t of missing) console.error(`  ${t.cmd} (Debian/Ubuntu package ${t.pkg}): ${t.why}`)
    console.error('Install them and run npm test again.')
    process.exit(1)
  }
}
