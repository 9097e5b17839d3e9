/**
 * The lint gate refuses timed assertions in tests: a planted test that reads a clock (performance.now,
 * process.hrtime, node:perf_hooks, Date.now inside expect) fails `npm run lint`; the same test without a clock
 * passes. Timings belong to `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures', 'timing');

/**
 * Lints a fixture with the project's ESLint, as if it were a test file of the project (fixtures themselves are
 * outside every gate). ESLint runs as its own process: its flat config is an ES module, which Jest cannot import.
 */
async function lintAsTest(fixture: string): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--format',
      'json',
      '--stdin',
      '--stdin-filename',
      path.join('tests', 'planted', fixture)
    ],
    { cwd: ROOT, input: fs.readFileSync(path.join(FIXTURES, fixture), 'utf8'), encoding: 'utf8' }
  );
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('no timed assertions in npm test', () => {
  it('fails a test that reads a clock, once for each way of reading it', async () => {
    const messages = await lintAsTest('timed.test.ts');
    const timing = messages.filter((m) => m.includes('npm run bench'));
    expect(timing).toHaveLength(5);
    expect(timing.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
    expect(timing.filter((m) => m.startsWith('no-restricted-properties'))).toHaveLength(3);
    expect(timing.some((m) => m.startsWith('no-restricted-syntax'))).toBe(true);
  });

  it('passes the same test without a clock', async () => {
    expect(await lintAsTest('untimed.test.ts')).toEqual([]);
  });
});
