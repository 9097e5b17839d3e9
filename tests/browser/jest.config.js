/**
 * Jest configuration of the browser tests only (run them with `npm run test:browser`, which builds the workbench,
 * serves it and passes its URL in WORKBENCH_URL). TypeScript is compiled by babel-jest with inline options so that
 * no repository-wide Babel configuration is needed.
 */
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '..', '..'),
  roots: ['<rootDir>/tests/browser'],
  testMatch: ['**/*.test.ts'],
  testEnvironment: 'node',
  testTimeout: 60000,
  maxWorkers: 1,
  verbose: true,
  transform: {
    '\\.ts$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript']
      }
    ]
  }
};
