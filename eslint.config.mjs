// ESLint 9 flat config. Zero warnings allowed (`npm run lint` passes --max-warnings 0).
// Order matters: the LWC config (Babel parser, LWC rules) first, then typescript-eslint's recommended
// config for every TypeScript file — it swaps in the TypeScript parser and turns off core rules such as
// `no-undef` that report false positives on types (the LWC TS config alone flags every type name).
import lwcConfig from '@salesforce/eslint-config-lwc';
import jestPlugin from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LWC_FILES = ['force-app/**/lwc/**/*.ts', 'force-app/test/jest-mocks/**/*.ts'];
const TEST_FILES = ['**/__tests__/**/*.ts', '**/*.test.ts'];
const NO_TIMING = 'No timed assertion in npm test: measure it in npm run bench (scripts/bench/), never in a test.';

/** Restricts a list of flat-config objects to some files. */
const scoped = (configs, files) => configs.map((config) => ({ ...config, files }));

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'reports/**',
      'coverage/**',
      'dist/**',
      '.home/**',
      '.cache/**',
      '.tools/**',
      '.sf/**',
      '.sfdx/**',
      'workbench/dist/**',
      'workbench/dist-bench/**',
      'tests/pipeline/fixtures/**',
      // Generated from the .ts sources by `npm run build:lwc` (git-ignored).
      'force-app/**/lwc/**/*.js'
    ]
  },
  // LWC components and their Jest tests.
  ...scoped(lwcConfig.configs.recommendedTs, LWC_FILES),
  // All TypeScript (components, tooling, tests, ambient types).
  ...scoped(tseslint.configs.recommended, ['**/*.ts', '**/*.mts', '**/*.cts']),
  {
    files: LWC_FILES,
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    files: ['scripts/**/*.ts', 'tools/**/*.ts', 'tests/**/*.ts', 'contract/**/*.ts', 'workbench/**/*.ts'],
    languageOptions: { globals: { ...globals.node } }
  },
  // Jest rules for every test file (the LWC config already brings them for component tests).
  {
    files: TEST_FILES,
    ...jestPlugin.configs['flat/recommended'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } }
  },
  // No timed assertion in `npm test` (shared, noisy machines): tests read no clock; timings belong to `npm run bench`.
  {
    files: [...TEST_FILES, 'tests/browser/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...[
          ['performance', 'now'],
          ['process', 'hrtime']
        ].map(([object, property]) => ({ object, property, message: NO_TIMING }))
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'node:perf_hooks', message: NO_TIMING }] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='expect'] MemberExpression[object.name='Date'][property.name='now']",
          message: NO_TIMING
        }
      ]
    }
  },
  // Plain JavaScript / ESM config files of the tooling.
  {
    files: ['*.js', '*.mjs', '*.cjs', 'scripts/**/*.{js,mjs,cjs}', 'workbench/**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } }
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  }
);
