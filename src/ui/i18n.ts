import { UsageError } from '../errors.js'

/**
 * Messages in English and Simplified Chinese. The English text is the key: code reads as plain
 * English, a missing translation falls back to it, and the zh catalog is a flat map a translator
 * can review. JSON output never goes through t(), so scripts see stable English.
 */
export const LANGS = ['en', 'zh'] as const
export type Lang = (typeof LANGS)[number]

let current: Lang = 'en'

/** The zh catalog, once loaded: English readers never pay for parsing it (read-only commands must start fast). */
let zhCatalog: Readonly<Record<string, string>> = {}

export function setLang(lang: Lang): void {
  current = lang
}

/** Make the zh catalog available to t(); `useLang` does it on demand, tests do it in their setup file. */
export function registerCatalog(zh: Readonly<Record<string, string>>): void {
  zhCatalog = zh
}

/** Switch to a language, loading its catalog first when it has one. */
export async function useLang(lang: Lang): Promise<void> {
  if (lang === 'zh') registerCatalog((await import('./messages-zh.js')).ZH)
  setLang(lang)
}

export function getLang(): Lang {
  return current
}

/** Translate an English template and fill its `{name}` placeholders. */
export function t(english: string, params?: Readonly<Record<string, string | number>>): string {
  const template = current === 'zh' && Object.hasOwn(zhCatalog, english) ? (zhCatalog[english] as string) : english
  return params ? fillTemplate(template, params) : template
}

/** Placeholders are `{word}`; JSON-looking braces (`{"name"}`) are left alone. */
const PLACEHOLDER = /\{(\w+)\}/g

export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole))
}

/** The placeholder names a template uses, sorted and unique (for the catalog test). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort()
}

/** `zh`, `zh_CN.UTF-8`, `zh-Hans` → zh; anything else (C, POSIX, en_US, fr_FR) → en. */
export function langFromLocale(locale: string): Lang {
  return /^zh([_.@-]|$)/i.test(locale.trim()) ? 'zh' : 'en'
}

/**
 * The language to speak: `--lang zh|en` wins; otherwise the first non-empty of LC_ALL,
 * LC_MESSAGES, LANG (the POSIX order, so `LC_ALL=C` beats `LANG=zh_CN.UTF-8`). Windows has none of
 * these, so there the system locale decides. Reads argv directly because it runs before commander
 * parses anything: help texts are built in this language.
 */
export function detectLang(env: NodeJS.ProcessEnv, argv: readonly string[], systemLocale: () => string = defaultSystemLocale): Lang {
  const flag = langFlag(argv)
  if (flag !== undefined) return parseLangFlag(flag)
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name]
    if (value) return langFromLocale(value)
  }
  return langFromLocale(systemLocale())
}

/** The value of the last `--lang X` / `--lang=X` before `--` (what follows `--` belongs to another program). */
function langFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') break
    if (arg === '--lang' && i + 1 < argv.length) found = argv[++i]
    else if (arg.startsWith('--lang=')) found = arg.slice('--lang='.length)
  }
  return found
}

export function parseLangFlag(value: string): Lang {
  const v = value.trim().toLowerCase()
  if (/^zh([_-](cn|hans|sg))?$/.test(v)) return 'zh'
  if (/^en([_-][a-z]{2})?$/.test(v)) return 'en'
  throw new UsageError(`unsupported language "${value}" for --lang`, 'use --lang zh (简体中文) or --lang en (English)')
}

function defaultSystemLocale(): string {
  if (process.platform !== 'win32') return ''
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale
  } catch {
    return ''
  }
}
