/**
 * A `go` that never finishes (a wrapper script whose child hangs) must not hold gomirror: go runs
 * in its own process group and is killed with its children at the deadline (GOMIRROR_GO_TIMEOUT_MS
 * here, GO_TIMEOUT_MS by default), and the command fails with exit 1, says go timed out, and
 * writes nothing. Before the fix, execa killed the script but kept waiting for the pipes its
 * child held open: current, use and doctor never finished.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, type TestContext } from 'vitest'
import { startMirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, type Sandbox } from '../support/sandbox.js'

/** Not smaller: the wrappers run the real go for what does not hang, and on a loaded machine even `go version` can take seconds. */
const TIMEOUT_MS = 5000
/** Generous (loaded machine, several runs at once); before the fix these never ended (sb.run gives up at 60 s). */
const BOUND_MS = 50_000

let realGo: string
beforeAll(() => {
  assertGoInstalled()
  realGo = join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'bin', 'go')
})

/** Each wrapper records the pids of the children it leaves behind in $HANG_PIDS. */
const WRAPPERS = {
  // Hangs for every command, its child holding the output pipes.
  'hangs-always': () => '#!/bin/sh\nsleep 1000 &\necho $! >> "$HANG_PIDS"\nwait\n',
  // The real go for `version`; `env` hangs.
  'hangs-on-env': () => `#!/bin/sh\nif [ "$1" = version ]; then exec '${realGo}' "$@"; fi\nsleep 1000 &\necho $! >> "$HANG_PIDS"\nwait\n`,
  // Runs the real go and exits, but leaves a child that keeps stdout open.
  'leaves-a-child': () => `#!/bin/sh\n'${realGo}' "$@"\ncode=$?\nsleep 1000 &\necho $! >> "$HANG_PIDS"\nexit $code\n`,
  // Reads work; `go env -w` hangs (the write step itself).
  'hangs-on-write': () => `#!/bin/sh\nif [ "$1" != env ] || [ "$2" != -w ]; then exec '${realGo}' "$@"; fi\nsleep 1000 &\necho $! >> "$HANG_PIDS"\nwait\n`,
} as const
type Wrapper = keyof typeof WRAPPERS
/** The wrappers that hang before gomirror has read anything. */
const READ_HANGS = ['hangs-always', 'hangs-on-env', 'leaves-a-child'] as const

async function setup(ctx: TestContext, wrapper: Wrapper): Promise<{ sb: Sandbox; env: NodeJS.ProcessEnv; pidFile: string }> {
  const sb = await createSandbox()
  ctx.onTestFinished(async () => {
    killLeftovers(pidFile)
    await sb.cleanup()
  })
  const bin = join(sb.dir, `go-${wrapper}`)
  const pidFile = join(sb.dir, 'hang-pids')
  await writeFile(pidFile, '')
  await writeFile(bin, WRAPPERS[wrapper]())
  await chmod(bin, 0o755)
  return { sb, pidFile, env: { GOMIRROR_GO: bin, GOMIRROR_GO_TIMEOUT_MS: String(TIMEOUT_MS), HANG_PIDS: pidFile } }
}

function pids(pidFile: string): number[] {
  return readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number)
}

/** Dead, or a zombie nobody reaps (its shell was killed too): either way, not running. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) [ZX] /.test(stat)
  } catch {
    return false
  }
}

/** If the fix regressed, do not leave sleeps behind on the machine. */
function killLeftovers(pidFile: string): void {
  try {
    for (const pid of pids(pidFile)) if (isRunning(pid)) process.kill(pid, 'SIGKILL')
  } catch {
    // nothing recorded
  }
}

async function timed(sb: Sandbox, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; exitCode: number; ms: number }> {
  const started = Date.now()
  const r = await sb.run(args, env)
  return { ...r, ms: Date.now() - started }
}

function expectChildrenKilled(pidFile: string): void {
  const left = pids(pidFile)
  expect(left.length).toBeGreaterThan(0) // the wrapper did run and leave a child
  expect(left.filter(isRunning)).toEqual([])
}

/** Both go version and go env -json run at once; on a loaded machine either may be the one reported. */
const TIMED_OUT = /go(-[a-z-]+)? (version|env -json) did not finish within 5 s and was stopped, with the processes it started/

describe('a go that hangs is stopped with its children at the deadline', { timeout: 90_000 }, () => {
  for (const wrapper of READ_HANGS) {
    it(`${wrapper}: current`, async (ctx) => {
      const { sb, env, pidFile } = await setup(ctx, wrapper)
      const run = await timed(sb, ['current'], env)
      expect(run.exitCode).toBe(1)
      expect(run.stderr).toMatch(TIMED_OUT)
      expect(run.stderr).toMatch(/GOMIRROR_GO_TIMEOUT_MS sets the limit/)
      expect(run.stdout).toBe('')
      expect(run.ms).toBeLessThan(BOUND_MS)
      expectChildrenKilled(pidFile)
    })
  }

  it('hangs-on-env: use fastest stops probing, fails, and writes nothing', async (ctx) => {
    const { sb, env, pidFile } = await setup(ctx, 'hangs-on-env')
    const mirror = await startMirror()
    ctx.onTestFinished(() => mirror.close())
    await sb.setCatalog([{ name: 'local', url: mirror.url }])
    const run = await timed(sb, ['use', 'fastest'], env)
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(TIMED_OUT)
    expect(run.ms).toBeLessThan(BOUND_MS)
    expect(await sb.readEnvFile()).toBe('')
    expectChildrenKilled(pidFile)
  })

  it('leaves-a-child: use fastest fails before go env -w, and writes nothing', async (ctx) => {
    const { sb, env, pidFile } = await setup(ctx, 'leaves-a-child')
    const mirror = await startMirror()
    ctx.onTestFinished(() => mirror.close())
    await sb.setCatalog([{ name: 'local', url: mirror.url }])
    const run = await timed(sb, ['use', 'fastest'], env)
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/go-leaves-a-child (version|env -json) did not finish within 5 s/)
    expect(run.ms).toBeLessThan(BOUND_MS)
    expect(await sb.readEnvFile()).toBe('')
    expectChildrenKilled(pidFile)
  })

  it('hangs-on-write: use fastest fails at the write, says so, and leaves the go env file as it was', async (ctx) => {
    const { sb, env, pidFile } = await setup(ctx, 'hangs-on-write')
    const mirror = await startMirror()
    ctx.onTestFinished(() => mirror.close())
    await sb.setCatalog([{ name: 'local', url: mirror.url }])
    await sb.go(['env', '-w', 'GOPRIVATE=git.corp.example.com'])
    const before = await sb.readEnvFile()
    const run = await timed(sb, ['use', 'fastest'], env)
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/go-hangs-on-write env -w did not finish within 5 s and was stopped/)
    expect(run.ms).toBeLessThan(BOUND_MS)
    expect(await sb.readEnvFile()).toBe(before)
    expectChildrenKilled(pidFile)
  })

  it('hangs-on-env: doctor --json reports it as the go check, in English, once', async (ctx) => {
    const { sb, env, pidFile } = await setup(ctx, 'hangs-on-env')
    const run = await timed(sb, ['doctor', '--json'], { ...env, LANG: 'zh_CN.UTF-8' })
    expect(run.exitCode).toBe(1)
    const out = JSON.parse(run.stdout) as { checks: { id: string; status: string; message: string }[]; ok: boolean }
    expect(out.ok).toBe(false)
    const failed = out.checks.filter((c) => c.status === 'fail')
    expect(failed.map((c) => c.id)).toEqual(['go.installed'])
    expect(failed[0]?.message).toMatch(TIMED_OUT)
    expect(run.ms).toBeLessThan(BOUND_MS)
    // doctor words the error in English without asking the hung go a second time.
    expect(pids(pidFile)).toHaveLength(1)
    expectChildrenKilled(pidFile)
  })

  it('hangs-on-env: the message is translated', async (ctx) => {
    const { sb, env } = await setup(ctx, 'hangs-on-env')
    const run = await timed(sb, ['current'], { ...env, LANG: 'zh_CN.UTF-8' })
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/(version|env -json) 在 5 秒内没有结束，已将它及其启动的进程一并终止/)
  })
})
