/**
 * vitest setup: the CLI loads the zh catalog only when it speaks Chinese (src/ui/i18n.ts useLang);
 * tests switch languages with setLang, so the catalog is registered for all of them up front.
 */
import { registerCatalog } from '../../src/ui/i18n.js'
import { ZH } from '../../src/ui/messages-zh.js'

registerCatalog(ZH)
