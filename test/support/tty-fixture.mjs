// Runs the BUILT picker and progress renderer (dist/) in a real terminal for
// test/integration/terminal.test.ts, with fixed probe results, so the terminal behaviour is tested
// on its own: Enter, arrows, Ctrl-C, redraw and erase. The commands (use, profile switch, test)
// are driven in the same terminal once they call these.
//   node tty-fixture.mjs pick [--lang zh]    picker over fixed results; prints "picked <name>"
//   node tty-fixture.mjs progress            progress for 3 mirrors; waits for a key; erases; prints a table
import { CancelledError, GomirrorError } from '../../dist/errors.js'
import { detectLang, t, useLang } from '../../dist/ui/i18n.js'
import { pickMirror } from '../../dist/ui/picker.js'
import { createProbeProgress } from '../../dist/ui/progress.js'

const result = (name, healthy, latencyMs, error = null) => ({ name, url: `https://${name}.example/`, healthy, latencyMs, connectMs: null, samples: [], sumdb: true, error })
const RESULTS = [
  result('official', false, null, 'list: no answer within 4000 ms'),
  result('aliyun', true, 38.2),
  result('goproxy.cn', true, 21.4),
  result('tencent', true, 55),
]
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function progress() {
  const p = createProbeProgress({ total: 3 })
  for (const r of RESULTS.slice(0, 3)) p.onStart(r)
  await sleep(200)
  p.onResult(RESULTS[2])
  await sleep(200)
  p.onResult(RESULTS[0])
  // Hold the frame until the test has seen it; raw mode so the key is not echoed into the frame.
  process.stdin.setRawMode(true)
  await new Promise((r) => process.stdin.once('data', r))
  process.stdin.setRawMode(false)
  process.stdin.pause()
  p.stop()
  process.stdout.write('FINAL TABLE\n')
}

try {
  await useLang(detectLang(process.env, process.argv.slice(3)))
  if (process.argv[2] === 'pick') process.stdout.write(`picked ${await pickMirror(RESULTS)}\n`)
  else await progress()
} catch (error) {
  if (!(error instanceof GomirrorError)) throw error
  process.stderr.write(`gomirror: ${t(error.message)}\n`)
  process.exitCode = error instanceof CancelledError ? 130 : error.exitCode
}
