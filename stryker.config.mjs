// @ts-check
/**
 * Mutation testing of the value judgement (src/values, the path.Match port): `npm run mutate`.
 * Not part of `npm test` (minutes, not seconds). Equivalent mutants are marked in the source with
 * `// Stryker disable next-line <mutator>: <why>`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: ['src/values/**/*.ts', 'src/goenv/match.ts'],
  coverageAnalysis: 'perTest',
  // The FINDING_CODES list and other module-level constants only feed types and wording.
  ignoreStatic: true,
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: '.stryker-tmp',
}
