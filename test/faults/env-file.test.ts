/**
 * The go env file as users really have it: CRLF line endings (edited on Windows, synced),
 * read-only, owned by someone, behind a symlink (dotfiles). gomirror writes only what go writes,
 * keeps the file's mode, owner and link, and "left as it was" is true byte for byte.
 */
import { chmod, lstat, mkdir, readlink, stat, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'
import { handOver, installGoWrapper, IS_ROOT, NOBODY, readBytes, readJournal, runUnprivileged } from './support.js'

let mirror: Mirror
/** The machine running the suite may be loaded; each case runs gomirror and go several times. */
const SLOW = 240_000
const sandboxes: Sandbox[] = []
beforeAll(async () => {
  assertGoInstalled()
  mirror = await startMirror()
})
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.cleanup()))
  await mirror?.close()
})

async function sandbox(): Promise<Sandbox> {
  const sb = await createSandbox()
  sandboxes.push(sb)
  await sb.setCatalog([{ name: 'a', url: mirror.url }])
  await mkdir(dirname(sb.envFile), { recursive: true })
  return sb
}

const CRLF = 'GOFLAGS=-mod=mod\r\nGOPRIVATE=*.corp.example\r\nGOPROXY=https://goproxy.cn,direct\r\n'

describe.concurrent('a go env file with CRLF line endings', { timeout: SLOW }, () => {
  it('use, then undo: the old values come back (go env -w writes the restored line with \\n)', async () => {
    const sb = await sandbox()
    await writeFile(sb.envFile, CRLF)
    const use = await sb.run(['use', 'a', '--sumdb', 'keep'])
    expect(use.exitCode, use.stderr).toBe(0)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe(`${mirror.url},direct`)

    const u = await sb.run(['undo', '--json'])
    expect(u.exitCode, u.stderr).toBe(0)
    expect(JSON.parse(u.stdout)).toMatchObject({ undone: { command: 'use a' }, written: { GOPROXY: 'https://goproxy.cn,direct' } })
    // The lines gomirror never touched keep their CRLF; the restored one is go's own "\n" line.
    expect(await sb.readEnvFile()).toBe('GOFLAGS=-mod=mod\r\nGOPRIVATE=*.corp.example\r\nGOPROXY=https://goproxy.cn,direct\n')
    expect((await sb.go(['env', 'GOPROXY'])).stdout).toBe('https://goproxy.cn,direct')
    expect(await readJournal(sb)).toEqual([])
  })

  it('undo --force after a hand edit, and reset then undo, both restore', async () => {
    const sb = await sandbox()
    await writeFile(sb.envFile, CRLF)
    expect((await sb.run(['use', 'a', '--sumdb', 'keep'])).exitCode).toBe(0)
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.io,direct'])
    const refused = await sb.run(['undo'])
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toMatch(/changed after gomirror's last write/)
    const forced = await sb.run(['undo', '--force'])
    expect(forced.exitCode, forced.stderr).toBe(0)
    expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe('https://goproxy.cn,direct')

    await writeFile(sb.envFile, CRLF)
    const reset = await sb.run(['reset'])
    expect(reset.exitCode, reset.stderr).toBe(0)
    expect(await sb.readEnvFile()).toBe('GOFLAGS=-mod=mod\r\n')
    const u = await sb.run(['undo'])
    expect(u.exitCode, u.stderr).toBe(0)
    expect(await sb.readEnvFile()).toBe('GOFLAGS=-mod=mod\r\nGOPRIVATE=*.corp.example\nGOPROXY=https://goproxy.cn,direct\n')
  })
})

describe.concurrent('restoring after a failed write keeps the file itself', { timeout: SLOW }, () => {
  /** A profile switch needs go env -w then -u; the wrapper makes -u fail after a real -w. */
  async function failedSwitch(sb: Sandbox): Promise<{ stderr: string; exitCode: number }> {
    expect((await sb.run(['profile', 'add', 'p', '--proxy', 'https://goproxy.cn,direct'])).exitCode).toBe(0)
    const wrapper = await installGoWrapper(sb)
    return sb.run(['profile', 'switch', 'p'], { GOMIRROR_GO: wrapper, GOMIRROR_FAULT: 'fail:-u' })
  }

  it('a symlinked go env file (dotfiles) stays a symlink, and its target gets its bytes back', async () => {
    const sb = await sandbox()
    const target = join(sb.dir, 'dotfiles', 'go-env')
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, 'GOPRIVATE=*.corp.example\nGOSUMDB=sum.golang.google.cn\n')
    await symlink(target, sb.envFile)
    const before = await readBytes(target)
    const r = await failedSwitch(sb)
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/go env -u failed: go: simulated failure; the go env file was left as it was/)
    expect((await lstat(sb.envFile)).isSymbolicLink()).toBe(true)
    expect(await readlink(sb.envFile)).toBe(target)
    expect(await readBytes(target)).toEqual(before)
    expect(await readJournal(sb)).toEqual([])
    // And a change that succeeds goes through the link too, and undoes through it.
    expect((await sb.run(['profile', 'switch', 'p'])).exitCode).toBe(0)
    expect((await lstat(sb.envFile)).isSymbolicLink()).toBe(true)
    expect(envFileVars((await readBytes(target))?.toString() ?? '')).toEqual({ GOPROXY: 'https://goproxy.cn,direct' })
    expect((await sb.run(['undo'])).exitCode).toBe(0)
    expect(await readBytes(target)).toEqual(before)
  })

  it('a read-only (0444) go env file keeps its mode and owner', async () => {
    const sb = await sandbox()
    await writeFile(sb.envFile, 'GOPRIVATE=*.corp.example\nGOSUMDB=sum.golang.google.cn\n')
    await chmod(sb.envFile, 0o444)
    const { chown } = await import('node:fs/promises')
    if (IS_ROOT) await chown(sb.envFile, NOBODY, NOBODY)
    const before = await readBytes(sb.envFile)
    const owner = await stat(sb.envFile)
    const r = await failedSwitch(sb)
    expect(r.exitCode).toBe(1)
    // As root go env -w can write a 0444 file, and the -u failure makes gomirror put it back;
    // as a user, go env -w itself is refused. Either way the file is as it was.
    expect(r.stderr).toMatch(/the go env file was left as it was/)
    const after = await stat(sb.envFile)
    expect(after.mode & 0o777).toBe(0o444)
    expect([after.uid, after.gid]).toEqual([owner.uid, owner.gid])
    expect(await readBytes(sb.envFile)).toEqual(before)
    expect(await readJournal(sb)).toEqual([])
  })

  it('a go env file the user may not write: go env -w refuses, that is reported, the file is untouched', async () => {
    const sb = await sandbox()
    await writeFile(sb.envFile, 'GOPRIVATE=*.corp.example\n')
    expect((await sb.run(['profile', 'add', 'p', '--proxy', 'https://goproxy.cn,direct'])).exitCode).toBe(0)
    await handOver(sb)
    await chmod(sb.envFile, 0o444)
    const before = await readBytes(sb.envFile)
    const r = await runUnprivileged(sb, ['profile', 'switch', 'p'])
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/go env -w failed: .*permission denied; the go env file was left as it was/)
    expect(await readBytes(sb.envFile)).toEqual(before)
    expect((await stat(sb.envFile)).mode & 0o777).toBe(0o444)
    // The journal holds nothing: the entry for the refused write was settled as "nothing happened".
    expect(await readJournal(sb)).toEqual([])
    const u = await runUnprivileged(sb, ['undo'])
    expect(u.exitCode).toBe(1)
    expect(u.stderr).toMatch(/nothing to undo/)
  })
})
