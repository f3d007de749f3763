import { describe, expect, it } from 'vitest'
import { resolveEntry, settle } from '../../src/goenv/commit.js'
import type { HistoryEntry } from '../../src/store/history.js'

const entry = (state: HistoryEntry['state']): HistoryEntry => ({
  id: 'e1',
  at: '2026-01-01T00:00:00.000Z',
  command: 'profile switch p',
  envFile: '/nonexistent/go/env',
  previous: { GOPROXY: 'https://old.example,direct', GOPRIVATE: '*.corp' },
  written: { GOPROXY: 'https://new.example,direct', GOPRIVATE: null },
  state,
})
const file = (vars: Record<string, string>): Map<string, string> => new Map(Object.entries(vars))
const OLD = { GOPROXY: 'https://old.example,direct', GOPRIVATE: '*.corp' }
const NEW = { GOPROXY: 'https://new.example,direct' }
const HALF = { GOPROXY: 'https://new.example,direct', GOPRIVATE: '*.corp' }

describe('settling an interrupted journal entry by what the go env file holds', () => {
  it.each([
    ['pending', NEW, 'applied', NEW, /after it changed/],
    ['pending', OLD, null, null, null],
    ['pending', HALF, 'applied', HALF, /half-way/],
    ['undoing', OLD, null, null, null],
    ['undoing', NEW, 'applied', NEW, /before it changed/],
    ['undoing', HALF, 'applied', HALF, /half-way/],
  ] as const)('%s with the file at %o → %s', (state, vars, outState, written, note) => {
    const r = resolveEntry(entry(state), file(vars))
    expect(r.entry?.state ?? null).toBe(outState)
    if (written) expect(Object.fromEntries(Object.entries(r.entry?.written ?? {}).filter(([, v]) => v !== null))).toEqual(written)
    if (note) expect(r.note).toMatch(note)
    else expect(r.note).toBeNull()
  })

  it('a file changed by something else keeps the entry, with the intended values, and explains', () => {
    const r = resolveEntry(entry('pending'), file({ GOPROXY: 'https://hand-edited.example' }))
    expect(r.entry).toMatchObject({ state: 'applied', written: { GOPROXY: 'https://new.example,direct', GOPRIVATE: null } })
    expect(r.note).toMatch(/changed by something else \(GOPROXY=https:\/\/hand-edited.example\); gomirror undo --force/)
  })

  it('a value read from a CRLF file matches its recorded value', () => {
    const r = resolveEntry(entry('pending'), file({ GOPROXY: 'https://old.example,direct\r', GOPRIVATE: '*.corp\r' }))
    expect(r.entry).toBeNull()
  })

  it('settle leaves applied entries alone and reads each pending entry\'s own file', async () => {
    const notes: string[] = []
    const applied = { ...entry('applied'), id: 'a' }
    const out = await settle([applied, entry('pending')], (n) => notes.push(n))
    // The pending entry's file does not exist: every variable is absent, neither old nor new.
    expect(out.map((e) => [e.id, e.state])).toEqual([['a', 'applied'], ['e1', 'applied']])
    expect(notes).toHaveLength(1)
  })
})
