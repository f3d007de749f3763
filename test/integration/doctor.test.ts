import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMirror, type Mirror } from '../support/mirror-server.js'
import { assertGoInstalled, createSandbox, envFileVars, type Sandbox } from '../support/sandbox.js'

interface JsonCheck { id: string; status: 'pass' | 'warn' | 'fail'; message: string; fix?: string }

let healthy: Mirror, hang: Mirror, portal: Mirror
let sb: Sandbox
beforeAll(async () => {
  assertGoInstalled()
  ;[healthy, hang, portal] = await Promise.all([startMirror(), startMirror({ fault: 'hang' }), startMirror({ fault: 'html' })])
})
afterAll(async () => Promise.all([healthy, hang, portal].map((m) => m?.close())))
beforeEach(async () => {
  sb = await createSandbox()
})
afterEach(async () => sb.cleanup())

async function doctor(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; checks: JsonCheck[]; byId: Map<string, JsonCheck>; ok: boolean }> {
  const r = await sb.run(['doctor', '--json', ...args], env)
  expect(r.stderr).toBe('')
  const out = JSON.parse(r.stdout) as { checks: JsonCheck[]; ok: boolean }
  return { code: r.exitCode, checks: out.checks, byId: new Map(out.checks.map((c) => [c.id, c])), ok: out.ok }
}

describe('gomirror doctor', () => {
  it('passes a sound setup: healthy proxy with direct, valid GOSUMDB, consistent private settings', async () => {
    await sb.go(['env', '-w', `GOPROXY=${healthy.url},direct`, 'GOPRIVATE=git.corp.example.com/*'])
    const d = await doctor()
    expect(d.code).toBe(0)
    expect(d.ok).toBe(true)
    expect(d.checks.filter((c) => c.status !== 'pass')).toEqual([])
    expect(d.byId.get(`proxy.health.${healthy.url}`)?.message).toMatch(/is healthy .*proxies the checksum database/)
    expect(d.byId.get('gosumdb.reachable')?.message).toMatch(/reached through/)
    const text = await sb.run(['doctor'])
    expect(text.stdout).toMatch(/All good: \d+ passed, 0 warnings, 0 failed\./)
  })

  it('finds blog-post mistakes in the go env file, each with a fix, and exits 1', async () => {
    await sb.go(['env', '-w',
      `GOPROXY=${healthy.url},direct,https://goproxy.io`,
      'GOSUMDB=https://goproxy.cn/sumdb/sum.golang.org',
      'GOPRIVATE=*.corp.example.com, git.internal',
      'GONOSUMDB=*.corp.example.com',
      'GOINSECURE=*',
    ])
    const d = await doctor(['--offline'])
    expect(d.code).toBe(1)
    expect(d.byId.get('goproxy.tidy')).toMatchObject({ status: 'warn', fix: `go env -w GOPROXY=${healthy.url},direct` })
    expect(d.byId.get('gosumdb.parse')).toMatchObject({ status: 'fail', fix: "go env -w GOSUMDB='sum.golang.org https://goproxy.cn/sumdb/sum.golang.org'" })
    expect(d.byId.get('patterns.GOPRIVATE')?.message).toMatch(/" git.internal" can never match a module path: only "," separates patterns/)
    expect(d.byId.get('private.GONOSUMDB')?.message).toMatch(/git.internal .*not in GONOSUMDB.*sent to the public checksum database/)
    expect(d.byId.get('private.broad.GOINSECURE')?.status).toBe('fail')
    // --offline: no network check ran.
    expect(d.checks.some((c) => c.id.startsWith('proxy.health'))).toBe(false)
  })

  it('--fix applies the safe fixes with one plan, and undo puts everything back', async () => {
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn,direct,https://goproxy.io', 'GOPRIVATE=*.corp.example.com,,"git.internal"'])
    const before = await sb.readEnvFile()
    const refused = await sb.run(['doctor', '--offline', '--fix'])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toMatch(/re-run with --yes/)
    expect(await sb.readEnvFile()).toBe(before)

    const r = await sb.run(['doctor', '--offline', '--fix', '--yes'])
    expect(r.stdout).toMatch(/Applied 2 fixes/)
    expect(r.exitCode, r.stdout).toBe(0)
    expect(envFileVars(await sb.readEnvFile())).toEqual({ GOPROXY: 'https://goproxy.cn,direct', GOPRIVATE: '*.corp.example.com,git.internal' })
    expect((await sb.run(['undo'])).exitCode).toBe(0)
    expect(await sb.readEnvFile()).toBe(before)
  })

  it('names an OS environment variable that shadows the go env file, and the line that exports it', async () => {
    await sb.go(['env', '-w', `GOPROXY=${healthy.url},direct`])
    await writeFile(join(sb.dir, '.bashrc'), '# go\nexport PATH=$PATH:/usr/local/go/bin\nexport GOPROXY=https://goproxy.io,direct\n')
    const d = await doctor(['--offline'], { GOPROXY: 'https://goproxy.io,direct' })
    const c = d.byId.get('environment.GOPROXY')
    expect(c?.status).toBe('warn')
    expect(c?.message).toMatch(/set in the OS environment and overrides the go env file; the go env file's GOPROXY=.* is ignored/)
    expect(c?.message).toContain(`${join(sb.dir, '.bashrc')}:3`)
    expect(c?.fix).toBe(`sed -i.bak 3d ${join(sb.dir, '.bashrc')}   # then open a new shell`)
  })

  it('probes each proxy like gomirror test: an unhealthy one fails after "," and warns after "|"', async () => {
    await sb.go(['env', '-w', `GOPROXY=${portal.url},${healthy.url},direct`])
    const comma = await doctor()
    expect(comma.code).toBe(1)
    expect(comma.byId.get(`proxy.health.${portal.url}`)).toMatchObject({ status: 'fail', message: expect.stringMatching(/HTML page.*Go stops there/) })
    await sb.go(['env', '-w', `GOPROXY=${portal.url}|${healthy.url},direct`])
    const pipe = await doctor()
    expect(pipe.code).toBe(0)
    expect(pipe.byId.get(`proxy.health.${portal.url}`)).toMatchObject({ status: 'warn', message: expect.stringMatching(/falls through to/) })
  })

  it('finishes even when a proxy never answers', async () => {
    await sb.go(['env', '-w', `GOPROXY=${hang.url},direct`])
    const d = await doctor()
    expect(d.code).toBe(1)
    expect(d.byId.get(`proxy.health.${hang.url}`)?.message).toMatch(/no answer within 2500 ms/)
  })

  it('flags unknown and retired settings, GO111MODULE=off, -insecure in GOFLAGS, and GOSUMDB=off', async () => {
    await sb.go(['env', '-w', 'GO111MODULE=off', 'GOSUMDB=off'])
    // The sandbox exports GOFLAGS (which would shadow the file's), so -insecure comes the same way.
    const d = await doctor(['--offline'], { GONOSUMCHECK: '1', GOPROXY_URL: 'https://goproxy.cn', GOFLAGS: '-modcacherw -insecure' })
    expect(d.byId.get('go.modules')?.status).toBe('warn')
    expect(d.byId.get('environment.goflags-insecure')?.message).toMatch(/no longer honours/)
    expect(d.byId.get('environment.unknown.GONOSUMCHECK')?.message).toMatch(/did you mean GONOSUMDB\?/)
    expect(d.byId.get('environment.unknown.GOPROXY_URL')?.message).toMatch(/did you mean GOPROXY\?/)
    expect(d.byId.get('gosumdb.off')).toMatchObject({ status: 'warn', fix: 'go env -u GOSUMDB' })
  })

  it('reports go missing as a failed check, not a crash', async () => {
    const d = await doctor(['--offline'], { GOMIRROR_GO: join(sb.dir, 'no-go') })
    expect(d.code).toBe(1)
    expect(d.byId.get('go.installed')).toMatchObject({ status: 'fail', message: expect.stringMatching(/could not run/) })
  })

  it('a GOPROXY with | on Go older than 1.15 fails the feature check', async () => {
    const fake = join(sb.dir, 'go114')
    await writeFile(fake, `#!/bin/sh\nif [ "$1" = version ]; then echo "go version go1.14.15 linux/amd64"; else exec go "$@"; fi\n`, { mode: 0o755 })
    await sb.go(['env', '-w', 'GOPROXY=https://goproxy.cn|https://goproxy.io,direct'])
    const d = await doctor(['--offline'], { GOMIRROR_GO: fake })
    expect(d.byId.get('go.features')).toMatchObject({ status: 'fail', message: expect.stringMatching(/'\|' \(Go 1\.15\+\), but this is go1\.14/) })
  })
})

describe('gomirror doctor and the project profile', () => {
  it('says whether the pinned profile is known, valid and in effect', async () => {
    const project = join(sb.dir, 'proj')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(project)
    await writeFile(join(project, 'go.mod'), 'module example.com/proj\n\ngo 1.19\n')
    const run = async (args: string[]) => {
      const { execa } = await import('execa')
      const r = await execa('node', [join(process.cwd(), 'bin', 'gomirror.js'), ...args], { cwd: project, env: sb.env, extendEnv: false, reject: false, stdin: 'ignore' })
      return { code: r.exitCode ?? -1, out: r.stdout, err: r.stderr }
    }
    const checksOf = async () => {
      const r = await run(['doctor', '--offline', '--json'])
      return new Map((JSON.parse(r.out) as { checks: JsonCheck[] }).checks.map((c) => [c.id, c]))
    }
    await writeFile(join(project, '.gomirror.json'), JSON.stringify({ profile: 'corp' }))
    expect((await checksOf()).get('project.profile')).toMatchObject({ status: 'fail', message: expect.stringMatching(/pins the profile "corp", which you do not have/) })

    await writeFile(join(project, '.gomirror.json'), '{"profile": "corp", "vars": {"GOPROXY": "ftp://x"}}')
    expect((await checksOf()).get('project.file')?.status).toBe('fail')

    expect((await run(['profile', 'add', 'corp', '--proxy', `${healthy.url},direct`])).code).toBe(0)
    await writeFile(join(project, '.gomirror.json'), JSON.stringify({ profile: 'corp' }))
    expect((await checksOf()).get('project.in-effect')).toMatchObject({ status: 'warn', fix: expect.stringMatching(/gomirror profile switch corp/) })
    expect((await run(['profile', 'switch', 'corp'])).code).toBe(0)
    expect((await checksOf()).get('project.in-effect')).toMatchObject({ status: 'pass' })
  })
})

describe('gomirror doctor and the checksum database', () => {
  it('when no proxy serves it: passes if sum.golang.org answers, else offers sum.golang.google.cn and --fix sets it', async () => {
    const { startSumdbStandIn, sumdbHostsEnv } = await import('../support/sumdb-server.js')
    const nosumdb = await startMirror({ sumdb: false })
    const [ok, down, china] = await Promise.all([startSumdbStandIn('ok'), startSumdbStandIn('status-404'), startSumdbStandIn('ok')])
    try {
      await sb.go(['env', '-w', `GOPROXY=${nosumdb.url},direct`])
      const reachable = await doctor([], { GOMIRROR_SUMDB_HOSTS: sumdbHostsEnv(ok, china) })
      expect(reachable.byId.get('gosumdb.reachable')).toMatchObject({ status: 'pass', message: expect.stringMatching(/answers directly at sum.golang.org/) })

      const env = { GOMIRROR_SUMDB_HOSTS: sumdbHostsEnv(down, china) }
      const blocked = await doctor([], env)
      expect(blocked.code).toBe(1)
      expect(blocked.byId.get('gosumdb.reachable')).toMatchObject({ status: 'fail', fix: 'go env -w GOSUMDB=sum.golang.google.cn', message: expect.stringMatching(/sum.golang.org is unreachable \(HTTP 404\).*sum.golang.google.cn .* answers/) })
      const fixed = await sb.run(['doctor', '--fix', '--yes'], env)
      expect(fixed.exitCode, fixed.stdout).toBe(0)
      expect(envFileVars(await sb.readEnvFile()).GOSUMDB).toBe('sum.golang.google.cn')
      expect(china.requests).toContain('/latest')
    } finally {
      await Promise.all([nosumdb.close(), ok.close(), down.close(), china.close()])
    }
  })
})
