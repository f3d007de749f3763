import { defineConfig } from 'vitest/config'

/** The unit tests that pin the value judgement; what `npm run mutate` runs against each mutant. */
export default defineConfig({
  test: {
    include: ['test/unit/values.test.ts', 'test/unit/values-gosumdb.test.ts', 'test/unit/values-patterns.test.ts', 'test/unit/go-url.test.ts', 'test/unit/go-url-more.test.ts', 'test/unit/goproxy.test.ts', 'test/unit/match.test.ts', 'test/unit/profile-validate.test.ts'],
    // The zh catalog is loaded on demand by the CLI; tests that call setLang('zh') need it registered.
    setupFiles: ['test/support/zh-catalog.ts'],
    pool: 'forks',
    maxWorkers: 1,
    isolate: false,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  },
})
