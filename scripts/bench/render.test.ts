/**
 * The compact-vs-expanded comparison of `npm run bench` (issue 12, item 9) on fixed figures: the ratio is computed
 * from the two medians of one run, the target is reported as met or missed, and a missing scenario gives no ratio.
 * No timing is taken here: these are plain numbers.
 */
import { COMPACT_SCENARIO, EXPANDED_SCENARIO, compactSpeedup, type RenderResult } from './render';

function result(scenario: string, medianMs: number): RenderResult {
  return {
    component: 'callCard',
    scenario,
    count: 50,
    runsMs: [medianMs],
    medianMs,
    budgetMs: 100,
    withinBudget: true,
    mainThreadCpuMedianMs: medianMs,
    cpuBreakdownMs: { script: 0, style: 0, layout: 0 },
    browser: 'chromium',
    loadAverage: [0, 0, 0],
    cpus: 2
  };
}

describe('compactSpeedup', () => {
  it('divides the expanded median by the compact one and meets the 3× target at 3× or more', () => {
    expect(compactSpeedup([result(COMPACT_SCENARIO, 40), result(EXPANDED_SCENARIO, 130)])).toEqual({
      compactMedianMs: 40,
      expandedMedianMs: 130,
      ratio: 3.3,
      target: 3,
      met: true
    });
  });

  it('reports a ratio under the target as missed', () => {
    expect(compactSpeedup([result(EXPANDED_SCENARIO, 100), result(COMPACT_SCENARIO, 50)])).toMatchObject({
      ratio: 2,
      met: false
    });
  });

  it('gives no ratio when a scenario was not measured', () => {
    expect(compactSpeedup([result(COMPACT_SCENARIO, 40)])).toBeNull();
    expect(compactSpeedup([result(COMPACT_SCENARIO, 0), result(EXPANDED_SCENARIO, 10)])).toBeNull();
  });
});
