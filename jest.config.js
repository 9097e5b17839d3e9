// Jest: two projects.
// - lwc: TypeScript component tests, compiled by the LWC Jest transformer (@salesforce/sfdx-lwc-jest preset).
//   `.ts` is listed before `.js` so a stale generated `.js` beside a component never shadows its source.
// - tooling: TypeScript tests of scripts/, tools/, tests/ (except the browser tests, run by `npm run test:browser`).
const { jestConfig: lwcPreset } = require('@salesforce/sfdx-lwc-jest/config');

const FIXTURES = '<rootDir>/tests/pipeline/fixtures/';
/** Node installed by scripts/use-node.sh: not part of the project. */
const TOOLS = '<rootDir>/.tools/';

/** Packages published as ES modules only that the tooling imports (p-retry brings is-network-error). */
const ESM_DEPENDENCIES = ['p-queue', 'p-retry', 'is-network-error'];

/** Babel options for tooling TypeScript: inline, so no babel config file can leak into the LWC transform. */
const toolingBabel = {
  babelrc: false,
  configFile: false,
  presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript']
};

module.exports = {
  projects: [
    {
      ...lwcPreset,
      displayName: 'lwc',
      rootDir: __dirname,
      moduleFileExtensions: ['ts', 'js', 'html', 'css', 'json'],
      testMatch: ['<rootDir>/force-app/**/lwc/**/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', FIXTURES],
      modulePathIgnorePatterns: [FIXTURES, TOOLS],
      moduleNameMapper: {
        '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation.ts'
      },
      setupFilesAfterEnv: [...(lwcPreset.setupFilesAfterEnv || []), '<rootDir>/scripts/jest/lwc.setup.ts']
    },
    {
      displayName: 'tooling',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/tools/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/browser/', FIXTURES],
      modulePathIgnorePatterns: [TOOLS],
      // ESM-only dependencies of the CLI (Node requires them natively; Jest's CommonJS runtime needs them compiled).
      transform: { '^.+\\.ts$': ['babel-jest', toolingBabel], '^.+\\.js$': ['babel-jest', toolingBabel] },
      transformIgnorePatterns: [`/node_modules/(?!(${ESM_DEPENDENCIES.join('|')})/)`]
    }
  ],
  // Coverage options are global in a multi-project config (a project's collectCoverageFrom is ignored).
  // Globs are relative to the root; untested sources are listed at 0%.
  collectCoverageFrom: [
    'force-app/main/default/lwc/**/*.ts',
    'scripts/**/*.ts',
    'tools/**/*.ts',
    'contract/**/*.ts',
    '!**/__tests__/**',
    '!**/*.test.ts',
    '!**/*.d.ts',
    '!scripts/jest/**',
    '!**/node_modules/**'
  ]
};
