// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Output goes through src/ui/print.ts so rendering stays pure and testable.
      'no-console': 'error',
    },
  },
  // Only the CLI entry and the printer may write to the console.
  { files: ['src/cli.ts', 'src/ui/print.ts', 'scripts/**', 'test/**', 'bin/**'], rules: { 'no-console': 'off' } },
)
