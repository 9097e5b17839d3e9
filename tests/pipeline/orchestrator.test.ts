import fs from 'node:fs';
import path from 'node:path';
import { GATES, closingLine, formatTable, readBrowserCounts, readJestCounts, type GateRun } from '../../scripts/test';
import { cleanup, tempDir } from './helpers';

afterAll(cleanup);

const run = (name: string, status: GateRun['status']): GateRun => ({ name, status, seconds: 1.25, exitCode: 0 });

describe('npm test orchestrator', () => {
  it('runs every gate, build before the checks that need the generated JavaScript', () => {
    expect(GATES).toEqual(
      expect.arrayContaining(['format:check', 'lint', 'typecheck', 'build:lwc', 'test:unit', 'analyze:pmd'])
    );
    expect(GATES.indexOf('build:lwc')).toBeLessThan(GATES.indexOf('analyze:pmd'));
    expect(GATES.indexOf('build:lwc')).toBeLessThan(GATES.indexOf('check:metadata'));
    expect(GATES.indexOf('build:lwc')).toBeLessThan(GATES.indexOf('test:browser'));
  });

  it('counts test cases of every runner plus the gates, skipped gates excluded', () => {
    const runs = [run('lint', 'passed'), run('typecheck', 'failed'), run('test:browser', 'skipped')];
    expect(
      closingLine(runs, [
        { passed: 10, failed: 2 },
        { passed: 3, failed: 0 }
      ])
    ).toBe('14 passed, 3 failed');
  });

  it('reads Jest and browser results, counting a suite that failed to load as a failure', () => {
    const dir = tempDir('results');
    const jestFile = path.join(dir, 'jest.json');
    fs.writeFileSync(jestFile, JSON.stringify({ numPassedTests: 7, numFailedTests: 1, numRuntimeErrorTestSuites: 1 }));
    expect(readJestCounts(jestFile)).toEqual({ passed: 7, failed: 2 });
    const browserFile = path.join(dir, 'browser.json');
    fs.writeFileSync(browserFile, JSON.stringify({ passed: 4, failed: 0 }));
    expect(readBrowserCounts(browserFile)).toEqual({ passed: 4, failed: 0 });
    expect(readJestCounts(path.join(dir, 'missing.json'))).toBeUndefined();
  });

  it('prints one row per gate with its time', () => {
    const table = formatTable([run('lint', 'passed'), run('test:browser', 'skipped')]);
    expect(table).toMatch(/lint\s+passed\s+1\.3s/);
    expect(table).toMatch(/test:browser\s+skipped/);
  });
});
