import { GomirrorError } from '../errors.js'
import { t } from '../ui/i18n.js'

/** A damaged file: say which, why, and the command that sets it aside. */
export function damaged(file: string, why: string): GomirrorError {
  return new GomirrorError(t('{file} is damaged ({why}); nothing was changed', { file, why }), t("move it aside and run the command again: mv '{file}' '{file}.bak'", { file }))
}
