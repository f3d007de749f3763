import { afterEach, describe, expect, it } from 'vitest'
import { buildProgram } from '../../src/cli.js'
import { complete, formatCandidates, SHELLS, type CompletionSources } from '../../src/completion/complete.js'
import { completionScript } from '../../src/completion/scripts.js'
import { setLang } from '../../src/ui/i18n.js'

afterEach(() => setLang('en'))

const SOURCES: CompletionSources = {
  mirrors: async () => [{ value: 'official' }, { value: 'goproxy.cn' }, { value: 'aliyun' }, { value: 'corp', description: 'https://user:***@goproxy.corp.example/' }],
  customMirrors: async () => [{ value: 'corp' }],
  profiles: async () => [{ value: 'home' }, { value: 'work' }],
}

/** Candidate values for a command line typed so far; the last space-separated word is the one being completed. */
async function values(line: string, sources = SOURCES): Promise<string[]> {
  const words = line.split(' ')
  return (await complete(buildProgram(() => undefined), words, sources)).map((c) => c.value)
}

describe('complete', () => {
  it('completes commands from the program definition, hidden ones excluded', async () => {
    const top = await values('')
    expect(top).toEqual(expect.arrayContaining(['ls', 'current', 'test', 'use', 'undo', 'reset', 'mirror', 'completion', 'help']))
    expect(top).not.toContain('__complete')
    expect(await values('us')).toEqual(['use'])
    expect(await values('mirror ')).toEqual(['add', 'remove'])
    expect(await values('help u')).toEqual(['use', 'undo'])
  })

  it("completes a command's options and the global ones, not those already given", async () => {
    const opts = await values('use --')
    expect(opts).toEqual(expect.arrayContaining(['--dry-run', '--json', '--fallback', '--sumdb', '--private', '--force', '--lang', '--no-color', '--help']))
    expect(opts).not.toContain('--version')
    expect(await values('use --dry-run --d')).not.toContain('--dry-run')
    expect(await values('--')).toContain('--version')
  })

  it('completes mirror ids where a mirror goes, with fastest first for use', async () => {
    expect(await values('use ')).toEqual(['fastest', 'official', 'goproxy.cn', 'aliyun', 'corp'])
    expect(await values('use fastest goproxy.cn a')).toEqual(['aliyun'])
    expect(await values('test --json go')).toEqual(['goproxy.cn'])
    expect(await values('mirror remove ')).toEqual(['corp'])
    // A mirror name is not offered where a new name goes.
    expect(await values('mirror add ')).toEqual([])
  })

  it('completes profile names after profile switch and --profile', async () => {
    expect(await values('profile switch ')).toEqual(['home', 'work'])
    expect(await values('profile show w')).toEqual(['work'])
    expect(await values('env --profile ')).toEqual(['home', 'work'])
  })

  it('completes option values, also after = (bash splits --lang=zh into three words)', async () => {
    expect(await values('use --lang ')).toEqual(['zh', 'en'])
    expect(await values('use --lang = z')).toEqual(['zh'])
    expect(await values('use --lang=e')).toEqual(['--lang=en'])
    expect(await values('use --sumdb ')).toEqual(['auto', 'keep', 'sum.golang.org', 'sum.golang.google.cn'])
    expect(await values('completion ')).toEqual([...SHELLS])
    // A value is not mistaken for a positional argument.
    expect(await values('use --fallback 1 ')).toContain('fastest')
  })

  it('leaves the words after -- to the shell, and accepts "" for an empty word (PowerShell 5.1)', async () => {
    expect(await values('exec -- g')).toEqual([])
    expect(await values('use ""')).toContain('fastest')
  })

  it('offers what it can when a source fails (a damaged config)', async () => {
    const broken = { ...SOURCES, mirrors: async () => Promise.reject(new Error('damaged')) }
    expect(await values('use ', broken)).toEqual(['fastest'])
  })

  it('prints value<TAB>description lines, descriptions short and on one line', () => {
    expect(formatCandidates([{ value: 'a' }, { value: 'b', description: 'two\nlines' }, { value: 'c', description: 'x'.repeat(100) }])).toEqual(['a', 'b\ttwo lines', `c\t${'x'.repeat(63)}...`])
  })

  it('describes candidates in the chosen language', async () => {
    setLang('zh')
    const program = buildProgram(() => undefined)
    const use = (await complete(program, ['us'], SOURCES))[0]
    expect(use?.description).toContain('镜像')
  })
})

describe('completion scripts', () => {
  it.each(SHELLS)('%s: registers for gomirror and asks gomirror __complete', (shell) => {
    const script = completionScript(shell)
    expect(script).toContain('gomirror __complete')
    expect(script).not.toContain('\\${')
  })

  it('zsh uses compdef and _describe; PowerShell registers a native completer', () => {
    expect(completionScript('zsh')).toMatch(/^#compdef gomirror/)
    expect(completionScript('zsh')).toContain('compdef _gomirror gomirror')
    expect(completionScript('zsh')).toContain('_describe')
    expect(completionScript('powershell')).toContain('Register-ArgumentCompleter -Native -CommandName gomirror')
    expect(completionScript('powershell')).toContain('-split "`t", 2')
    expect(completionScript('bash')).toContain('complete -o default -F _gomirror gomirror')
  })
})
