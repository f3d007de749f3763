import type { Command } from 'commander'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildProgram } from '../../src/cli.js'
import { examplesText, wrapText } from '../../src/ui/help.js'
import { setLang, type Lang } from '../../src/ui/i18n.js'
import { width } from '../../src/ui/text.js'

afterEach(() => setLang('en'))

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)])
}

function commandPath(cmd: Command): string {
  const names: string[] = []
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name())
  return names.join(' ')
}

/** The help a user sees for `cmd` on an 80-column terminal, including the examples added after it. */
function helpText(cmd: Command): string {
  let out = ''
  cmd.configureOutput({ writeOut: (s) => (out += s), getOutHelpWidth: () => 80, getOutHasColors: () => false })
  cmd.outputHelp()
  return out
}

describe.each<Lang>(['en', 'zh'])('--help in %s', (lang) => {
  setLang(lang)
  const program = buildProgram(() => undefined)
  setLang('en')
  // Help headings are translated when printed, so the language must be set then too.
  beforeEach(() => setLang(lang))
  const commands = [program, ...allCommands(program)]

  it.each(commands.map((c) => [commandPath(c), c] as const))('%s: a description, an example, and every line within 80 columns', (_, cmd) => {
    const text = helpText(cmd)
    expect(cmd.description().length).toBeGreaterThan(0)
    expect(text).toMatch(lang === 'zh' ? /示例:/ : /Examples?:/)
    const long = text.split('\n').filter((l) => width(l) > 80)
    expect(long).toEqual([])
  })

  it('is in the chosen language', () => {
    expect(helpText(program)).toMatch(lang === 'zh' ? /用法: gomirror/ : /Usage: gomirror/)
  })
})

describe('help helpers', () => {
  it('wraps Chinese between characters and English between words', () => {
    expect(wrapText('把 GOPROXY 切换到指定镜像，或切换到最快的健康镜像', 20).split('\n').every((l) => width(l) <= 20)).toBe(true)
    expect(wrapText('probe every known mirror and change nothing at all', 20)).toBe('probe every known\nmirror and change\nnothing at all')
  })

  it('aligns example comments', () => {
    expect(examplesText([['gomirror ls', 'list'], ['gomirror test', 'probe']])).toBe('\nExamples:\n  $ gomirror ls    list\n  $ gomirror test  probe')
    expect(examplesText([['gomirror ls']])).toBe('\nExample:\n  $ gomirror ls')
    // Too wide side by side: each comment goes on its own line above its command.
    const long = 'gomirror completion powershell | Out-String | Invoke-Expression'
    expect(examplesText([[long, 'PowerShell: add to $PROFILE'], ['gomirror ls']])).toBe(`\nExamples:\n  # PowerShell: add to $PROFILE\n  $ ${long}\n  $ gomirror ls`)
  })
})
