import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findModuleRoot, readProjectFacts } from '../../src/project/find.js'
import { directRequirements, parseGoMod } from '../../src/project/gomod.js'

const GO_MOD = `// The example module.
module example.com/app // trailing comment

go 1.21

toolchain go1.22.3

require rsc.io/quote v1.5.2

require (
	golang.org/x/text v0.3.0 // indirect
	"rsc.io/sampler" v1.3.0 // indirect; needed by quote
	example.com/Upper v0.1.0 // not indirect at all
)

replace example.com/old => example.com/new v1.0.0

replace (
	example.com/pinned v1.2.3 => ../local
	\`example.com/raw\` => example.com/other v2.0.0
)

exclude example.com/bad v0.9.0
exclude (
	example.com/worse v0.8.0
)

retract v0.1.0
`

describe('parseGoMod', () => {
  const mod = parseGoMod(GO_MOD)

  it('reads the module path, go and toolchain lines', () => {
    expect(mod).toMatchObject({ module: 'example.com/app', go: '1.21', toolchain: 'go1.22.3', problems: [] })
  })

  it('reads requirements in both forms, with // indirect as modfile reads it', () => {
    expect(mod.require).toEqual([
      { path: 'rsc.io/quote', version: 'v1.5.2', indirect: false },
      { path: 'golang.org/x/text', version: 'v0.3.0', indirect: true },
      { path: 'rsc.io/sampler', version: 'v1.3.0', indirect: true },
      { path: 'example.com/Upper', version: 'v0.1.0', indirect: false },
    ])
    expect(directRequirements(mod).map((r) => r.path)).toEqual(['rsc.io/quote', 'example.com/Upper'])
  })

  it('reads replace and exclude in both forms', () => {
    expect(mod.replace).toEqual([
      { old: { path: 'example.com/old', version: null }, new: { path: 'example.com/new', version: 'v1.0.0' } },
      { old: { path: 'example.com/pinned', version: 'v1.2.3' }, new: { path: '../local', version: null } },
      { old: { path: 'example.com/raw', version: null }, new: { path: 'example.com/other', version: 'v2.0.0' } },
    ])
    expect(mod.exclude).toEqual([{ path: 'example.com/bad', version: 'v0.9.0' }, { path: 'example.com/worse', version: 'v0.8.0' }])
  })

  it('reports lines it cannot read, and a go.mod without go or toolchain lines', () => {
    const bad = parseGoMod('module "unterminated\nrequire a\nreplace => x\ngo 1.16 extra\n')
    expect(bad.problems.map((p) => p.line)).toEqual([1, 2, 3, 4])
    expect(parseGoMod('module m\n')).toMatchObject({ module: 'm', go: null, toolchain: null, require: [] })
  })
})

describe('findModuleRoot and readProjectFacts', () => {
  it('walks up to the nearest go.mod and reads go.mod and go.sum once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gomirror-gomod-'))
    try {
      await mkdir(join(dir, 'mod', 'pkg', 'deep'), { recursive: true })
      await writeFile(join(dir, 'mod', 'go.mod'), GO_MOD)
      await writeFile(join(dir, 'mod', 'go.sum'), 'rsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=\n')
      await mkdir(join(dir, 'mod', 'pkg', 'go.mod')) // a directory named go.mod is not a go.mod
      expect(await findModuleRoot(join(dir, 'mod', 'pkg', 'deep'))).toBe(join(dir, 'mod'))
      expect(await findModuleRoot(join(dir, 'mod'))).toBe(join(dir, 'mod'))
      const facts = await readProjectFacts(join(dir, 'mod'))
      expect(facts.goMod.module).toBe('example.com/app')
      expect(facts.goSum.entries).toHaveLength(1)
      await rm(join(dir, 'mod', 'go.sum'))
      expect((await readProjectFacts(join(dir, 'mod'))).goSum.entries).toEqual([])
      await rm(join(dir, 'mod', 'go.mod'))
      expect(await findModuleRoot(join(dir, 'mod', 'pkg', 'deep'))).toBeNull()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
