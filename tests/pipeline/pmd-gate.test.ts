import path from 'node:path';
import { runCodeAnalyzer } from '../../scripts/analyze-pmd';
import { apexProject, cleanup } from './helpers';

jest.setTimeout(180_000);
afterAll(cleanup);

const classes = (project: string): string => path.join(project, 'force-app');

describe('analyze:pmd gate (Code Analyzer: PMD + regex engines, code-analyzer.yml)', () => {
  it('passes a bulk, user-mode class with a sharing declaration', async () => {
    const result = await runCodeAnalyzer([classes(apexProject('good'))]);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fails on a SOQL query inside a loop (OperationWithLimitsInLoop) and on a class without sharing (ApexSharingViolations)', async () => {
    const result = await runCodeAnalyzer([classes(apexProject('soql-in-loop')), classes(apexProject('no-sharing'))]);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/WidgetService\.cls:13: \[sev 2\] pmd\/OperationWithLimitsInLoop: /),
        expect.stringMatching(/WidgetService\.cls:4: \[sev 2\] pmd\/ApexSharingViolations: /)
      ])
    );
    expect(result.errors).toHaveLength(2);
  });

  it('fails on a describe that loads every child relationship (Recommended:Performance EagerlyLoadedDescribeSObjectResult), not on a deferred one', async () => {
    const result = await runCodeAnalyzer([classes(apexProject('eager-describe'))]);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/WidgetDescribe\.cls:10: \[sev 2\] pmd\/EagerlyLoadedDescribeSObjectResult: /)
    ]);
  });
});
