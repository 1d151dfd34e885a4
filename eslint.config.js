// ESLint flat config: @eslint/js and typescript-eslint's recommended rules, tuned to this code
// base's habits. `npm run lint` checks src, test, migrations and bench.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's globals for the few plain JavaScript files (jest global setup, scripts); TypeScript knows them itself. */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'globalThis',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'structuredClone',
    'fetch',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    rules: {
      // Unused arguments are often required by a signature (Nest, Express); prefix them with _.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // `any` is sometimes the honest type at a library boundary: flagged, not forbidden.
      '@typescript-eslint/no-explicit-any': 'warn',
      // Input checks refuse control characters on purpose (return paths, NUL bytes).
      'no-control-regex': 'off',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
  {
    // Command-line programs, scripts and tests talk to a terminal.
    files: ['src/main.ts', 'src/cli/**', 'scripts/**', 'test/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests match rendered HTML, whose indentation is runs of spaces.
    files: ['test/**'],
    rules: { 'no-regex-spaces': 'off' },
  },
);
