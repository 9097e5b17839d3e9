import { analyzeApex } from '../../scripts/analyze-apex';
import { checkHouseRules } from '../../scripts/apex/house-rules';
import { apexProject, cleanup } from './helpers';

jest.setTimeout(120_000);
afterAll(cleanup);

const messages = (source: string): string[] => checkHouseRules('X.cls', source).map((p) => `${p.line}: ${p.message}`);

describe('analyze:apex house rules', () => {
  it('fails the gate on a system-mode write without a justification', () => {
    const result = analyzeApex(apexProject('good', 'system-mode-unjustified'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^rules: .*WidgetArchive\.cls:10: system-mode access without a comment saying why/)
    ]);
  });

  it('fails the gate on Test.isRunningTest() in production code', () => {
    const result = analyzeApex(apexProject('good', 'running-test-hook'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^rules: .*WidgetClock\.cls:10: Test\.isRunningTest\(\) in production code/)
    ]);
  });

  it('accepts a system-mode query justified above its statement, however long the query', () => {
    const source = [
      'public with sharing class X {',
      '    List<Account> m() {',
      '        // System mode: the job reads its own bookkeeping rows.',
      '        return [',
      '            SELECT Id',
      '            FROM Account',
      '            WITH SYSTEM_MODE',
      '        ];',
      '    }',
      '}'
    ].join('\n');
    expect(messages(source)).toEqual([]);
  });

  it('does not take a justification from another statement', () => {
    const source = [
      'public with sharing class X {',
      '    void m(List<Account> a) {',
      '        // System mode: justified write.',
      '        Database.update(a, true, AccessLevel.SYSTEM_MODE);',
      '        update a;',
      '        update a;',
      '        update a;',
      '        update a;',
      '        Database.insert(a, true, AccessLevel.SYSTEM_MODE);',
      '    }',
      '}'
    ].join('\n');
    expect(messages(source)).toEqual([expect.stringMatching(/^9: system-mode access/)]);
  });

  it('flags a without sharing class that says nothing, accepts one that says why', () => {
    expect(messages('public without sharing class X {}')).toEqual([expect.stringMatching(/^1: system-mode access/)]);
    expect(
      messages('// Without sharing: reads every row for the admin report.\npublic without sharing class X {}')
    ).toEqual([]);
  });

  it('ignores mentions in comments and strings, and test classes', () => {
    expect(
      messages("public with sharing class X {\n  // never Test.isRunningTest() here\n  String s = 'SYSTEM_MODE';\n}")
    ).toEqual([]);
    expect(
      messages('@IsTest\nprivate class XTest {\n  static void t() { Boolean b = Test.isRunningTest(); }\n}')
    ).toEqual([]);
  });
});
