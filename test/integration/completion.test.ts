/**
 * The completion scripts loaded in real shells, completing against the built CLI: bash with
 * COMP_WORDS/COMP_CWORD and the _gomirror function, fish with `complete -C`.
 */
import { mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertGoInstalled, CLI, createSandbox, type Sandbox } from '../support/sandbox.js'

let sb: Sandbox
let env: NodeJS.ProcessEnv
beforeAll(async () => {
  assertGoInstalled()
  sb = await createSandbox()
  // The scripts call `gomirror` by name, as an installed one would be.
  const bin = join(sb.dir, 'bin')
  await mkdir(bin)
  await symlink(CLI, join(bin, 'gomirror'))
  env = { ...sb.env, PATH: `${bin}:${sb.env.PATH ?? ''}` }
  for (const args of [
    ['mirror', 'add', 'corp', 'https://alice:s3cret@goproxy.corp.example.com'],
    ['profile', 'add', 'home', '--proxy', 'https://goproxy.cn,direct'],
    ['profile', 'add', 'work', '--proxy', 'https://goproxy.corp.example.com,direct'],
  ]) {
    const r = await sb.run(args, env)
    expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0)
  }
})
afterAll(async () => sb?.cleanup())

/** COMPREPLY for a command line; the last word is the one being completed (may be ''). */
async function bash(...words: string[]): Promise<string[]> {
  const quoted = ['gomirror', ...words].map((w) => `'${w}'`).join(' ')
  const script = `source <(gomirror completion bash) && COMP_WORDS=(${quoted}) && COMP_CWORD=${words.length} && _gomirror && printf '%s\\n' "\${COMPREPLY[@]}"`
  const r = await execa('bash', ['--norc', '--noprofile', '-c', script], { env, extendEnv: false, cwd: sb.dir })
  return r.stdout.split('\n').filter(Boolean)
}

/** Candidates fish offers for a command line (the value before the tab). */
async function fish(line: string): Promise<string[]> {
  const r = await execa('fish', ['--no-config', '-c', `gomirror completion fish | source; complete -C ${JSON.stringify(line)}`], { env, extendEnv: false, cwd: sb.dir })
  return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0] as string)
}

describe('bash', () => {
  it('completes commands, options, mirror ids and profile names', async () => {
    expect(await bash('us')).toEqual(['use'])
    expect(await bash('use', '--f')).toEqual(['--fallback', '--force'])
    expect(await bash('use', '')).toEqual(['fastest', 'official', 'goproxy.cn', 'goproxy.io', 'aliyun', 'tencent', 'huawei', 'baidu', 'corp'])
    expect(await bash('use', 'fastest', 'goproxy.')).toEqual(['goproxy.cn', 'goproxy.io'])
    expect(await bash('profile', 'switch', '')).toEqual(['home', 'work'])
    expect(await bash('--lang', '')).toEqual(['zh', 'en'])
  })

  it('never prints a credential', async () => {
    const r = await execa('node', [CLI, '__complete', 'use', 'co'], { env, extendEnv: false })
    expect(r.stdout).toBe('corp\thttps://alice:***@goproxy.corp.example.com')
  })
})

describe('fish', () => {
  it('completes commands, options, mirror ids and profile names, with descriptions', async () => {
    expect(await fish('gomirror us')).toEqual(['use'])
    expect(await fish('gomirror use --dr')).toEqual(['--dry-run'])
    expect(await fish('gomirror use ')).toEqual(expect.arrayContaining(['fastest', 'goproxy.cn', 'aliyun', 'corp']))
    expect(await fish('gomirror profile switch ')).toEqual(['home', 'work'])
    const described = await execa('fish', ['--no-config', '-c', 'gomirror completion fish | source; complete -C "gomirror te"'], { env, extendEnv: false })
    expect(described.stdout).toMatch(/^test\tprobe mirrors/m)
  })
})

describe('gomirror completion', () => {
  it('prints a script for each shell and refuses an unknown one with exit 2', async () => {
    for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
      const r = await sb.run(['completion', shell])
      expect(r.exitCode, r.stderr).toBe(0)
      expect(r.stdout).toContain('gomirror __complete')
    }
    const bad = await sb.run(['completion', 'tcsh'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toMatch(/unknown shell "tcsh"/)
  })
})
