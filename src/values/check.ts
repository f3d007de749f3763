/**
 * One judgement per value: every command that takes, stores or reports a GOPROXY, GOSUMDB or
 * pattern value asks here, and turns the findings into an exit-2 error, a warning or a doctor check.
 */
import type { ManagedVar } from '../goenv/vars.js'
import { judgeGoproxy } from './goproxy.js'
import { judgeGosumdb } from './gosumdb.js'
import { judgePatterns } from './patterns.js'
import type { Finding, ValueJudgement } from './types.js'

export type { Finding, FindingCode, ValueJudgement } from './types.js'

/** Judge one value of a managed variable as the go command will read it. '' means "not set" and is fine. */
export function checkValue(name: ManagedVar, value: string): ValueJudgement {
  if (value === '') return { findings: [] }
  if (name === 'GOPROXY') return judgeGoproxy(value)
  if (name === 'GOSUMDB') return judgeGosumdb(value)
  return judgePatterns(value)
}

export function errorsOf(j: ValueJudgement): Finding[] {
  return j.findings.filter((f) => f.severity === 'error')
}

export function warningsOf(j: ValueJudgement): Finding[] {
  return j.findings.filter((f) => f.severity === 'warn')
}

/**
 * The value without the empty elements go skips (",,", a trailing comma): what gomirror writes,
 * stores and prints. A GOPROXY entry keeps the separator that follows it.
 */
export function tidyValue(name: ManagedVar, value: string): string {
  if (name === 'GOSUMDB') return value
  const seps = name === 'GOPROXY' ? /[,|]/ : /,/
  const parts: string[] = []
  let rest = value
  while (rest !== '') {
    const i = rest.search(seps)
    const elem = i < 0 ? rest : rest.slice(0, i)
    // The separator that follows: '' after the last element (charAt(-1)).
    if (elem.trim() !== '') parts.push(elem, rest.charAt(i))
    rest = i < 0 ? '' : rest.slice(i + 1)
  }
  // The last kept element's separator has nothing after it.
  parts.pop()
  return parts.join('')
}
