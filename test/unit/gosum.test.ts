import { describe, expect, it } from 'vitest'
import { goModHashes, goSumModules, parseGoSum } from '../../src/project/gosum.js'
import { SUMDB_CANARY } from '../../src/sumdb/proof.js'

const SUM = `golang.org/x/text v0.3.0 h1:g61tztE5qeGQ89tm6NTjjM9VPIm088od1l6aSorWRWg=
golang.org/x/text v0.3.0/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=
rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=
rsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=

rsc.io/sampler v1.3.0/go.mod h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=
`

describe('parseGoSum', () => {
  it('reads zip and /go.mod lines with their line numbers, skipping blank lines', () => {
    const sum = parseGoSum(SUM)
    expect(sum.problems).toEqual([])
    expect(sum.entries).toHaveLength(5)
    expect(sum.entries[3]).toEqual({ module: 'rsc.io/quote', version: 'v1.5.2', goMod: true, hash: 'h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=', line: 4 })
    expect(sum.entries[4]).toMatchObject({ module: 'rsc.io/sampler', version: 'v1.3.0', goMod: true, line: 6 })
    expect(sum.entries[0]).toMatchObject({ goMod: false, version: 'v0.3.0' })
  })

  it('holds the canary lines the checksum database proof expects (CONTRACT.md)', () => {
    const lines = SUM.split('\n').filter((l) => l.startsWith('rsc.io/quote '))
    expect(lines).toEqual([...SUMDB_CANARY.expectedLines])
  })

  it('reports lines with the wrong number of fields and keeps reading', () => {
    const sum = parseGoSum('a v1 h1:x=\nbroken line\nb v2 h1:y= extra\r\nc v3/go.mod h1:z=\r\n')
    expect(sum.problems).toEqual([{ line: 2, text: 'broken line' }, { line: 3, text: 'b v2 h1:y= extra\r' }])
    expect(sum.entries.map((e) => `${e.module}@${e.version}${e.goMod ? '/go.mod' : ''}`)).toEqual(['a@v1', 'c@v3/go.mod'])
  })

  it('maps module@version to its go.mod hash, and lists each pair once', () => {
    const sum = parseGoSum(SUM)
    expect(goModHashes(sum).get('rsc.io/quote@v1.5.2')).toBe('h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=')
    expect(goModHashes(sum).has('golang.org/x/text@v0.3.0')).toBe(true)
    expect(goModHashes(sum).size).toBe(3)
    expect(goSumModules(sum)).toEqual([
      { module: 'golang.org/x/text', version: 'v0.3.0' },
      { module: 'rsc.io/quote', version: 'v1.5.2' },
      { module: 'rsc.io/sampler', version: 'v1.3.0' },
    ])
  })
})
