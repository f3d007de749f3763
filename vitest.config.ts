import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: integration tests spawn node and go; keep the pool small so timings stay honest.
    // The zh catalog is loaded on demand by the CLI; tests that call setLang('zh') need it registered.
    setupFiles: ['test/support/zh-catalog.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  },
})
