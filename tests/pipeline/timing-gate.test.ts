/**
 * The lint gate refuses timed assertions in tests: a planted test that reads a clock (performance.now,
 * process.hrtime, node:perf_hooks, Date.now inside expect) fails `npm run lint`; the same test without a clock
 * passes. Timings belong to `npm run bench`.
 */
import path from 'node:path';
import { lintAs } from './helpers';

jest.setTimeout(120_000);

const FIXTURES = path.join(__dirname, 'fixtures', 'timing');

/** Lints a fixture as if it were a test file of the project. */
async function lintAsTest(fixture: string): Promise<string[]> {
  return lintAs(path.join(FIXTURES, fixture), path.join('tests', 'planted', fixture));
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
