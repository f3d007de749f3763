// Runs before `npm test`: builds the CLI the integration tests spawn, and makes sure Go is there.
// On a fresh Debian machine run as root (as CI is) it installs Go itself, so `npm ci && npm test`
// is all the set-up the tests need; elsewhere it says how to install Go and stops.
import { execFileSync, spawnSync } from 'node:child_process'

function has(cmd, args) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0
}

execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })

if (!has('go', ['version'])) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (root && has('apt-get', ['--version'])) {
    console.log('pretest: go is missing; installing golang-go with apt-get')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', 'golang-go'], { stdio: 'inherit', env })
  } else {
    console.error('pretest: the integration tests run the real go command, and go is not on PATH.')
    console.error('         Install Go >= 1.13 (https://go.dev/dl/ or apt-get install golang-go) and run npm test again.')
    process.exit(1)
  }
}
