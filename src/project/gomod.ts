/**
 * The parts of go.mod the project checks need (module path, go and toolchain lines, require,
 * replace and exclude, single-line and block form), read as golang.org/x/mod/modfile lexes them:
 * `//` comments, "quoted" and `raw` strings, `// indirect` marking an indirect requirement.
 * Pure: the caller reads the file. Lines it cannot read are reported, not thrown.
 */

export interface ModuleVersion {
  path: string
  version: string
}

export interface Requirement extends ModuleVersion {
  /** Marked `// indirect`. */
  indirect: boolean
}

export interface Replacement {
  old: { path: string; version: string | null }
  /** A module path and version, or a directory (version null). */
  new: { path: string; version: string | null }
}

export interface GoMod {
  module: string | null
  /** The `go` line's version (`1.21`, `1.21.3`); null when absent. */
  go: string | null
  /** The `toolchain` line's name (`go1.22.3`); null when absent. */
  toolchain: string | null
  require: Requirement[]
  replace: Replacement[]
  exclude: ModuleVersion[]
  /** Lines that could not be read, 1-based, with the text. */
  problems: { line: number; text: string }[]
}

interface Line {
  tokens: string[]
  comment: string
  number: number
  text: string
}

/** Split one line into tokens and its trailing comment; null when a string is unterminated. */
function lexLine(text: string): { tokens: string[]; comment: string } | null {
  const tokens: string[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (/\s/.test(c)) {
      i++
    } else if (text.startsWith('//', i)) {
      return { tokens, comment: text.slice(i + 2).trim() }
    } else if (c === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      if (j >= text.length) return null
      try {
        tokens.push(JSON.parse(text.slice(i, j + 1)) as string)
      } catch {
        return null
      }
      i = j + 1
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1)
      if (j < 0) return null
      tokens.push(text.slice(i + 1, j))
      i = j + 1
    } else if (c === '(' || c === ')') {
      tokens.push(c)
      i++
    } else {
      let j = i
      while (j < text.length && !/[\s"`()]/.test(text[j] as string) && !text.startsWith('//', j)) j++
      if (text.startsWith('=>', i)) j = i + 2
      tokens.push(text.slice(i, j))
      i = j
    }
  }
  return { tokens, comment: '' }
}

/** modfile: a comment of exactly "indirect", or one starting "indirect;". */
function isIndirect(comment: string): boolean {
  return comment === 'indirect' || comment.startsWith('indirect;')
}

export function parseGoMod(text: string): GoMod {
  const mod: GoMod = { module: null, go: null, toolchain: null, require: [], replace: [], exclude: [], problems: [] }
  const problem = (line: Line): void => void mod.problems.push({ line: line.number, text: line.text })
  let block: string | null = null
  text.split('\n').forEach((raw, i) => {
    const lexed = lexLine(raw.replace(/\r$/, ''))
    const line: Line = { tokens: lexed?.tokens ?? [], comment: lexed?.comment ?? '', number: i + 1, text: raw }
    if (!lexed) return problem(line)
    if (line.tokens.length === 0) return
    if (block !== null) {
      if (line.tokens.length === 1 && line.tokens[0] === ')') {
        block = null
        return
      }
      return applyDirective(mod, block, line.tokens, line, problem)
    }
    const [verb, ...args] = line.tokens as [string, ...string[]]
    if (args.length === 1 && args[0] === '(') {
      block = verb
      return
    }
    applyDirective(mod, verb, args, line, problem)
  })
  return mod
}

function applyDirective(mod: GoMod, verb: string, args: string[], line: Line, problem: (line: Line) => void): void {
  switch (verb) {
    case 'module':
      if (args.length !== 1) return problem(line)
      mod.module = args[0] as string
      return
    case 'go':
    case 'toolchain':
      if (args.length !== 1) return problem(line)
      mod[verb] = args[0] as string
      return
    case 'require':
    case 'exclude': {
      if (args.length !== 2) return problem(line)
      const [path, version] = args as [string, string]
      if (verb === 'require') mod.require.push({ path, version, indirect: isIndirect(line.comment) })
      else mod.exclude.push({ path, version })
      return
    }
    case 'replace': {
      const arrow = args.indexOf('=>')
      const left = args.slice(0, arrow)
      const right = args.slice(arrow + 1)
      if (arrow < 1 || left.length > 2 || right.length < 1 || right.length > 2) return problem(line)
      mod.replace.push({
        old: { path: left[0] as string, version: left[1] ?? null },
        new: { path: right[0] as string, version: right[1] ?? null },
      })
      return
    }
    default:
      // retract, godebug, tool, ignore and directives of later go versions: not needed here.
      return
  }
}

/** The requirements not marked `// indirect`. */
export function directRequirements(mod: GoMod): Requirement[] {
  return mod.require.filter((r) => !r.indirect)
}
