import { Help, type HelpConfiguration } from 'commander'
import { getLang, t } from './i18n.js'
import { padEnd, width } from './text.js'

/** The help headings commander prints; listed so the zh catalog has them. */
export const HELP_TITLES = ['Usage:', 'Options:', 'Commands:', 'Arguments:', 'Global Options:'] as const

/**
 * Commander settings that make help speak the chosen language and lay out Chinese text right:
 * widths count double-width characters, and text without spaces may wrap between CJK characters.
 */
export function helpConfiguration(): HelpConfiguration {
  return {
    styleTitle: (title) => t(title),
    displayWidth: (text) => width(text),
    boxWrap: (text, columns) => wrapText(text, columns),
    // "[options]" after every command name pushes descriptions so far right that commander stops
    // wrapping them and lines overflow 80 columns; each command's own help still lists its options.
    subcommandTerm(cmd) {
      return Help.prototype.subcommandTerm.call(this, cmd).replace(' [options]', '')
    },
    optionDescription(option) {
      const base = Help.prototype.optionDescription.call(this, option)
      return base.replace(/ \((default|choices): (.*)\)$/, (_, kind: string, value: string) => (kind === 'default' ? t(' (default: {value})', { value }) : t(' (choices: {value})', { value })))
    },
  }
}

// Wide characters as text.ts counts them; a line may break before any of them.
const WIDE = '\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\uff00-\\uff60\\uffe0-\\uffe6'
/** A space-led word, or a single wide character (Chinese needs no spaces to break). */
const CHUNK = new RegExp(`\\s*(?:[${WIDE}]|[^\\s${WIDE}]+)`, 'g')

/** Greedy wrap to `columns`, breaking at spaces or between wide characters; keeps explicit newlines. */
export function wrapText(text: string, columns: number): string {
  if (columns < 20) return text
  return text
    .split(/\r?\n/)
    .map((line) => {
      const chunks = line.match(CHUNK)
      if (!chunks) return line
      const out: string[] = []
      let cur = ''
      for (const chunk of chunks) {
        if (cur !== '' && width(cur + chunk) > columns) {
          out.push(cur)
          cur = chunk.trimStart()
        } else {
          cur += chunk
        }
      }
      out.push(cur)
      return out.join('\n')
    })
    .join('\n')
}

/**
 * The "Examples:" block for a command's --help: each example a command line and an optional
 * comment (already translated). Comments sit beside the commands when that fits 80 columns,
 * else on a line of their own above each command.
 */
export function examplesText(examples: readonly (readonly [command: string, comment?: string])[]): string {
  const commented = examples.filter(([, comment]) => comment)
  const col = Math.max(0, ...commented.map(([cmd]) => width(cmd)))
  let lines = examples.map(([cmd, comment]) => (comment ? `  $ ${padEnd(cmd, col)}  ${comment}` : `  $ ${cmd}`))
  if (lines.some((l) => width(l) > 80)) lines = examples.flatMap(([cmd, comment]) => [...(comment ? [`  # ${comment}`] : []), `  $ ${cmd}`])
  return `\n${examples.length > 1 ? t('Examples:') : t('Example:')}\n${lines.join('\n')}`
}

/**
 * Commander writes its own errors in English; these patterns re-say them in Chinese. English output
 * is passed through untouched. The text arrives without the leading "error: ".
 */
const COMMANDER_ERRORS: readonly [RegExp, string, readonly string[]][] = [
  [/^unknown command '(.*)'$/, "unknown command '{name}'", ['name']],
  [/^unknown option '(.*)'$/, "unknown option '{name}'", ['name']],
  [/^missing required argument '(.*)'$/, "missing required argument '{name}'", ['name']],
  [/^option '(.*)' argument missing$/, "option '{flags}' needs a value", ['flags']],
  [/^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/, 'too many arguments for {command}: expected {expected}, got {got}', ['command', 'expected', 'got']],
  [/^\(Did you mean (.*)\?\)$/, '(Did you mean {name}?)', ['name']],
  [/^\(Did you mean one of (.*)\?\)$/, '(Did you mean one of {list}?)', ['list']],
]

export function localizeCommanderError(text: string): string {
  if (getLang() === 'en') return text
  return text
    .split('\n')
    .map((line) => {
      for (const [re, template, names] of COMMANDER_ERRORS) {
        const m = re.exec(line)
        if (!m) continue
        const params: Record<string, string> = {}
        names.forEach((n, i) => (params[n] = m[i + 1] ?? 'gomirror'))
        return t(template, params)
      }
      return line
    })
    .join('\n')
}
