import { fillTemplate, getLang, setLang, t } from '../ui/i18n.js'

/** t()'s shape: an English template and its `{name}` placeholders. */
export type Translate = (english: string, params?: Readonly<Record<string, string | number>>) => string

/**
 * A message written once for two readers: `(t) => t(template, params)`. Called with t()
 * it speaks the user's language (the terminal); called with `english` it gives the stable English
 * that --json prints. The literal stays inside a `t(` call, so the catalog test sees it.
 */
export type Wording = (t: Translate) => string

/** t() without the catalog: the English, for JSON and anything else scripts read. */
export const english: Translate = (template, params) => (params ? fillTemplate(template, params) : template)

/** A message in both forms: `message` in English (JSON), `text` in the user's language (terminal). */
export interface Bilingual {
  message: string
  text: string
}

export function bilingual(wording: Wording): Bilingual {
  return { message: wording(english), text: wording(t) }
}

/**
 * Run `fn` with messages in English and return its result, for the English wording of an error
 * that other code translates where it throws. Synchronous on purpose: nothing else can word a
 * message in between, so no other output is switched to English by accident.
 */
export function inEnglish<T>(fn: () => T): T {
  const lang = getLang()
  setLang('en')
  try {
    return fn()
  } finally {
    setLang(lang)
  }
}
