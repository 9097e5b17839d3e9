/**
 * The lint gate keeps the tooling's functions short (house rule: none over ~80 lines, blank lines and comments not
 * counted): a planted 84-line function fails `npm run lint`, the same work split into named parts passes; in a test
 * file a long describe block is allowed (a suite is a list of tests) but a long test inside it is not.
 */
import path from 'node:path';
import { lintAs } from './helpers';

jest.setTimeout(120_000);

const FIXTURES = path.join(__dirname, 'fixtures', 'function-length');
const RULE = 'house/max-lines-per-function';

const lengthProblems = (fixture: string, asPath: string): string[] =>
  lintAs(path.join(FIXTURES, fixture), asPath).filter((m) => m.startsWith(RULE));

describe('functions of at most 80 lines in the tooling', () => {
  it.each(['scripts', 'tools', 'tests', 'contract', 'workbench'])('refuses an 84-line function under %s/', (dir) => {
    expect(lengthProblems('long.ts', path.join(dir, 'planted', 'long.ts'))).toEqual([
      `${RULE}: Function 'tally' has too many lines (84). Maximum allowed is 80.`
    ]);
  });

  it('passes the same work split into named parts', () => {
    expect(lintAs(path.join(FIXTURES, 'split.ts'), path.join('tools', 'planted', 'split.ts'))).toEqual([]);
  });

  it('allows a long describe block but not a long test inside it', () => {
    const problems = lengthProblems('long-suite.test.ts', path.join('tests', 'planted', 'long-suite.test.ts'));
    expect(problems).toEqual([`${RULE}: Arrow function has too many lines (83). Maximum allowed is 80.`]);
  });
});
