/**
 * The config folder's lock: a lock left by a killed gomirror is taken over at once; a live holder
 * is waited for and named; a folder gomirror may not write to is a permission problem, not a lock.
 */
import { execFileSync } from 'node:child_process'
import { chmod, mkdir, readdir, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'
import { configDir, handOver, readBytes, readJournal, runUnprivileged } from './support.js'

/** The machine running the suite may be loaded; each case runs gomirror and go several times. */
const SLOW = 240_000
const sandboxes: Sandbox[] = []
beforeAll(() => assertGoInstalled())
afterAll(async () => Promise.all(sandboxes.map((s) => s.cleanup())))

async function sandbox(): Promise<Sandbox> {
  const sb = await createSandbox()
  sandboxes.push(sb)
  await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct', 'GOPRIVATE=*.corp.example'])
  await mkdir(configDir(sb), { recursive: true })
  return sb
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(execFileSync('sh', ['-c', 'sh -c "echo \\$\\$"'], { encoding: 'utf8' }).trim())
}

const lockFile = (sb: Sandbox): string => join(configDir(sb), 'config.json.lock')

describe.concurrent('config lock', { timeout: SLOW }, () => {
  it('a lock left by a dead process on this host is taken over at once', async () => {
    const sb = await sandbox()
    await writeFile(lockFile(sb), JSON.stringify({ pid: deadPid(), host: hostname(), at: new Date().toISOString() }))
    const r = await sb.run(['reset'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stderr).not.toMatch(/another gomirror/)
    expect(envFileVars(await sb.readEnvFile())).toEqual({})
    expect(await readJournal(sb)).toMatchObject([{ command: 'reset', state: 'applied' }])
    // Nothing of the lock is left behind.
    expect((await readdir(configDir(sb))).filter((f) => f.includes('lock'))).toEqual([])
  })

  it('a lock directory left by an older gomirror (proper-lockfile) is taken over once stale', async () => {
    const sb = await sandbox()
    await mkdir(lockFile(sb))
    const old = new Date(Date.now() - 60_000)
    await utimes(lockFile(sb), old, old)
    const r = await sb.run(['reset'])
    expect(r.exitCode, r.stderr).toBe(0)
    expect(envFileVars(await sb.readEnvFile())).toEqual({})
  })

  it('a live holder is waited for, then named; nothing is written', async () => {
    const sb = await sandbox()
    // This test process is alive: its lock must be respected.
    await writeFile(lockFile(sb), JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }))
    const before = await readBytes(sb.envFile)
    const r = await sb.run(['reset'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain(`another gomirror (pid ${process.pid} on ${hostname()}) is changing`)
    expect(r.stderr).toContain(lockFile(sb))
    expect(await readBytes(sb.envFile)).toEqual(before)
    expect(await readJournal(sb)).toBeNull()
  })

  it('a config folder gomirror may not write to is reported as a permission problem, at once', async () => {
    const sb = await sandbox()
    await handOver(sb)
    await chmod(configDir(sb), 0o555)
    const before = await readBytes(sb.envFile)
    const r = await runUnprivileged(sb, ['reset'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain(`gomirror cannot write to its config folder ${configDir(sb)} (permission denied)`)
    expect(r.stderr).toMatch(/ls -ld/)
    expect(r.stderr).not.toMatch(/another gomirror|stale/)
    expect(await readBytes(sb.envFile)).toEqual(before)
    await chmod(configDir(sb), 0o755)
  })
})
