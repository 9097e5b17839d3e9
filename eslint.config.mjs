// ESLint 9 flat config. Zero warnings allowed (`npm run lint` passes --max-warnings 0).
// Order matters: the LWC config (Babel parser, LWC rules) first, then typescript-eslint's recommended
// config for every TypeScript file — it swaps in the TypeScript parser and turns off core rules such as
// `no-undef` that report false positives on types (the LWC TS config alone flags every type name).
import lwcConfig from '@salesforce/eslint-config-lwc';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import jestPlugin from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LWC_FILES = ['force-app/**/lwc/**/*.ts', 'force-app/test/jest-mocks/**/*.ts'];
const TEST_FILES = ['**/__tests__/**/*.ts', '**/*.test.ts'];
const NO_TIMING = 'No timed assertion in npm test: measure it in npm run bench (scripts/bench/), never in a test.';

/** Restricts a list of flat-config objects to some files. */
const scoped = (configs, files) => configs.map((config) => ({ ...config, files }));

/** The TypeScript tooling whose functions stay short (house rule: none over ~80 lines). */
const TOOLING_FILES = [
  'scripts/**/*.ts',
  'tools/**/*.{ts,mts}',
  'tests/**/*.ts',
  'contract/**/*.ts',
  'workbench/**/*.ts'
];
const FUNCTION_LENGTH = { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true };

/**
 * ESLint's max-lines-per-function, except for the callback of a `describe(…)` block: a test file's suite is a list of
 * tests, not a function to split. Every other function, tests' own included, is held to the limit.
 */
const coreMaxLines = builtinRules.get('max-lines-per-function');
const isDescribeCallback = (node) => {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(node)) return false;
  let callee = call.callee;
  while (callee.type === 'CallExpression' || callee.type === 'MemberExpression') {
    callee = callee.type === 'CallExpression' ? callee.callee : callee.object;
  }
  return callee.type === 'Identifier' && callee.name === 'describe';
};
const maxLinesPerFunction = {
  meta: coreMaxLines.meta,
  create(context) {
    const reporting = Object.create(context, {
      report: { value: (descriptor) => (isDescribeCallback(descriptor.node) ? undefined : context.report(descriptor)) }
    });
    return coreMaxLines.create(reporting);
  }
};

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
    files: TOOLING_FILES,
    languageOptions: { globals: { ...globals.node } },
    plugins: { house: { rules: { 'max-lines-per-function': maxLinesPerFunction } } },
    rules: { 'house/max-lines-per-function': ['error', FUNCTION_LENGTH] }
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
