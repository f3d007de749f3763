import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: integration tests spawn node and go; keep the pool small so timings stay honest.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  },
})
