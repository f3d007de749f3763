/**
 * SIGKILL gomirror at each step of a write (through a `go` wrapper that kills its parent), then
 * check that the go env file is in a state the step allows, that the journal recorded the change
 * before go ran, and that `undo` afterwards brings back the original bytes.
 */
import { readdir, readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, CLI, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'
import { installGoWrapper, KILL_STEPS, readBytes, readJournal, type KillStep } from './support.js'

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

const ORIGINAL = { GOFLAGS: '-mod=mod', GOPRIVATE: '*.corp.example', GOSUMDB: 'sum.golang.google.cn' }
const PROXY = 'https://goproxy.cn,direct'

/** A go env file written by go itself, and a profile whose switch needs both go env -w and -u. */
async function setup(): Promise<{ sb: Sandbox; wrapper: string; original: Buffer }> {
  const sb = await createSandbox()
  sandboxes.push(sb)
  await sb.setCatalog([{ name: 'a', url: mirror.url }])
  await sb.go(['env', '-w', ...Object.entries(ORIGINAL).map(([k, v]) => `${k}=${v}`)])
  const add = await sb.run(['profile', 'add', 'p', '--proxy', PROXY])
  expect(add.exitCode, add.stderr).toBe(0)
  const original = await readBytes(sb.envFile)
  if (!original) throw new Error('setup: no go env file')
  return { sb, wrapper: await installGoWrapper(sb), original }
}

const AFTER_W = { ...ORIGINAL, GOPROXY: PROXY }
const SWITCHED = { GOFLAGS: '-mod=mod', GOPROXY: PROXY }

/** What the file holds after a kill at each step of `profile switch p` (sets first, then unsets). */
const SWITCH_STATE: Record<KillStep, Record<string, string>> = { 'before-w': ORIGINAL, 'after-w': AFTER_W, 'before-u': AFTER_W, 'after-u': SWITCHED }

describe.concurrent('SIGKILL during profile switch (go env -w, then -u)', { timeout: SLOW }, () => {
  for (const step of KILL_STEPS) {
    it(`killed ${step}: the journal has the change pending; undo restores the original bytes`, async () => {
      const { sb, wrapper, original } = await setup()
      const r = await sb.run(['profile', 'switch', 'p'], { GOMIRROR_GO: wrapper, GOMIRROR_FAULT: `kill:${step}` })
      expect(r.exitCode).not.toBe(0)
      expect(envFileVars(await sb.readEnvFile())).toEqual(SWITCH_STATE[step])
      expect(await readJournal(sb)).toMatchObject([{ command: 'profile switch p', state: 'pending', written: { GOPROXY: PROXY, GOPRIVATE: null, GOSUMDB: null } }])

      const u = await sb.run(['undo'])
      if (step === 'before-w') {
        // Nothing reached the file: the pending entry is dropped, and there is nothing to undo.
        expect(u.exitCode).toBe(1)
        expect(u.stderr).toMatch(/nothing to undo/)
        expect(await readJournal(sb)).toEqual([])
      } else {
        expect(u.exitCode, u.stderr).toBe(0)
        expect(u.stderr).toMatch(/an earlier "gomirror profile switch p" was interrupted/)
        expect(u.stdout).toMatch(/Undid "gomirror profile switch p"/)
        expect(await readJournal(sb)).toEqual([])
      }
      expect(await readBytes(sb.envFile)).toEqual(original)
    })
  }
})

/** After `undo` of the switch is killed: its -w puts GOPRIVATE/GOSUMDB back, its -u removes GOPROXY. */
const UNDO_STATE: Record<KillStep, Record<string, string>> = { 'before-w': SWITCHED, 'after-w': AFTER_W, 'before-u': AFTER_W, 'after-u': ORIGINAL }

describe.concurrent('SIGKILL during undo', { timeout: SLOW }, () => {
  for (const step of KILL_STEPS) {
    it(`killed ${step}: the entry is marked undoing; the next undo (or none) ends at the original bytes`, async () => {
      const { sb, wrapper, original } = await setup()
      const s = await sb.run(['profile', 'switch', 'p'])
      expect(s.exitCode, s.stderr).toBe(0)
      const r = await sb.run(['undo'], { GOMIRROR_GO: wrapper, GOMIRROR_FAULT: `kill:${step}` })
      expect(r.exitCode).not.toBe(0)
      expect(envFileVars(await sb.readEnvFile())).toEqual(UNDO_STATE[step])
      expect(await readJournal(sb)).toMatchObject([{ command: 'profile switch p', state: 'undoing' }])

      const u = await sb.run(['undo'])
      if (step === 'after-u') {
        // The undo had finished writing: settling drops the entry, so there is nothing left.
        expect(u.exitCode).toBe(1)
        expect(u.stderr).toMatch(/nothing to undo/)
      } else {
        expect(u.exitCode, u.stderr).toBe(0)
        expect(u.stdout).toMatch(/Undid "gomirror profile switch p"/)
      }
      expect(await readJournal(sb)).toEqual([])
      expect(await readBytes(sb.envFile)).toEqual(original)
    })
  }
})

describe.concurrent('SIGKILL during reset and use', { timeout: SLOW }, () => {
  for (const step of ['before-u', 'after-u'] as const) {
    it(`reset killed ${step}: GOPRIVATE is never lost`, async () => {
      const { sb, wrapper, original } = await setup()
      const r = await sb.run(['reset'], { GOMIRROR_GO: wrapper, GOMIRROR_FAULT: `kill:${step}` })
      expect(r.exitCode).not.toBe(0)
      expect(envFileVars(await sb.readEnvFile())).toEqual(step === 'before-u' ? ORIGINAL : { GOFLAGS: '-mod=mod' })
      expect(await readJournal(sb)).toMatchObject([{ command: 'reset', state: 'pending', previous: { GOPRIVATE: '*.corp.example' } }])
      const u = await sb.run(['undo'])
      expect(u.exitCode).toBe(step === 'before-u' ? 1 : 0)
      expect(await readBytes(sb.envFile)).toEqual(original)
      expect(envFileVars(await sb.readEnvFile()).GOPRIVATE).toBe('*.corp.example')
    })
  }
  for (const step of ['before-w', 'after-w'] as const) {
    it(`use killed ${step}: undo restores the original bytes`, async () => {
      const { sb, wrapper, original } = await setup()
      const r = await sb.run(['use', 'a', '--sumdb', 'keep'], { GOMIRROR_GO: wrapper, GOMIRROR_FAULT: `kill:${step}` })
      expect(r.exitCode).not.toBe(0)
      expect(envFileVars(await sb.readEnvFile()).GOPROXY).toBe(step === 'before-w' ? undefined : `${mirror.url},direct`)
      expect(await readJournal(sb)).toMatchObject([{ command: 'use a', state: 'pending' }])
      const u = await sb.run(['undo', '--json'])
      expect(u.exitCode).toBe(step === 'before-w' ? 1 : 0)
      if (step === 'after-w') expect(JSON.parse(u.stdout)).toMatchObject({ undone: { command: 'use a' }, written: { GOPROXY: null } })
      expect(await readBytes(sb.envFile)).toEqual(original)
    })
  }
})

/** Wait until no process has `dir` in its environment (a go child orphaned by the kill), 10 s at most. */
async function waitForNoProcessUsing(dir: string): Promise<void> {
  for (const until = Date.now() + 10_000; Date.now() < until; await sleep(20)) {
    const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    const environs = await Promise.all(pids.map((p) => readFile(`/proc/${p}/environ`, 'latin1').catch(() => '')))
    if (!environs.some((e) => e.includes(dir))) return
  }
  throw new Error(`a process using ${dir} is still running 10 s after the kill`)
}

describe('SIGKILL at random moments of profile switch', { timeout: 2 * SLOW }, () => {
  const KILLS = 10
  it(`${KILLS} kills: the file is always old, half-way or new, and undo always gets back the original bytes`, async () => {
    const { sb, original } = await setup()
    // How long a switch takes here, to spread the kills over it.
    const t0 = Date.now()
    expect((await sb.run(['profile', 'switch', 'p'])).exitCode).toBe(0)
    const span = Date.now() - t0
    expect((await sb.run(['undo'])).exitCode).toBe(0)
    expect(await readBytes(sb.envFile)).toEqual(original)
    // Keys sorted on both sides: AFTER_W lists GOPROXY last, the file read back sorts it first.
    const sorted = (vars: Record<string, string>): string => JSON.stringify(Object.fromEntries(Object.entries(vars).sort()))
    const states = [ORIGINAL, AFTER_W, SWITCHED].map(sorted)
    for (let i = 0; i < KILLS; i++) {
      // Its own process group, killed whole: a go child must not finish its write after the checks.
      const child = execa('node', [CLI, 'profile', 'switch', 'p'], { env: sb.env, extendEnv: false, reject: false, stdin: 'ignore', cwd: sb.dir, detached: true })
      await sleep(Math.round((span * (i + 0.5)) / KILLS))
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already finished
        }
      }
      await child
      // go runs in a process group of its own (so a deadline can kill its children), so a
      // `go env -w` already started outlives the killed gomirror; the checks begin once it is gone.
      await waitForNoProcessUsing(sb.dir)
      const vars = envFileVars(await sb.readEnvFile())
      const state = sorted(vars)
      expect(states, `kill ${i}: ${state}`).toContain(state)
      const journal = await readJournal(sb)
      expect(journal === null || journal.length <= 1).toBe(true)
      const u = await sb.run(['undo'])
      // Either the change reached the file (undo puts it back) or it never did (nothing to undo).
      if (u.exitCode !== 0) expect(u.stderr).toMatch(/nothing to undo/)
      expect(await readBytes(sb.envFile)).toEqual(original)
    }
  })
})
