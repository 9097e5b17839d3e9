/**
 * Gate `analyze:pmd`: Salesforce Code Analyzer (v5 core) with its PMD and regex engines, configured by the
 * committed code-analyzer.yml. Selection: AppExchange + Recommended:Security + ModjoGate (see the yml).
 * Fails on any finding of severity 1–2 in Apex or LWC; the full report is saved as JSON and HTML.
 * The LWC `.js` is generated first (Babel only) so the JavaScript rules see the current components.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CodeAnalyzer, CodeAnalyzerConfig, OutputFormat, RunResultsFormatter } from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import * as regexEngine from '@salesforce/code-analyzer-regex-engine';
import { LWC_DIR, REPORTS_DIR, ROOT, rel } from './lib/paths';
import { gateResult, runMain, type GateResult } from './lib/gate';
import { transpileLwc } from './build-lwc';

export const SELECTORS = ['AppExchange', 'Recommended:Security', 'Recommended:Performance', 'ModjoGate'];
export const FAIL_AT_SEVERITY = 2;

/** Runs Code Analyzer over `targets` (files or folders) with the repository's code-analyzer.yml. */
export async function runCodeAnalyzer(
  targets: string[],
  reportDir?: string,
  configFile = path.join(ROOT, 'code-analyzer.yml')
): Promise<GateResult> {
  const config = CodeAnalyzerConfig.fromFile(configFile);
  const analyzer = new CodeAnalyzer(config);
  await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
  await analyzer.addEnginePlugin(regexEngine.createEnginePlugin());
  const workspace = await analyzer.createWorkspace(targets);
  const selection = await analyzer.selectRules(SELECTORS, { workspace });
  const results = await analyzer.run(selection, { workspace });
  if (reportDir) {
    fs.mkdirSync(reportDir, { recursive: true });
    for (const [format, file] of [
      [OutputFormat.JSON, 'results.json'],
      [OutputFormat.HTML, 'results.html']
    ] as const) {
      fs.writeFileSync(path.join(reportDir, file), RunResultsFormatter.forFormat(format).format(results));
    }
  }
  const errors: string[] = [];
  const counts = new Map<number, number>();
  for (const violation of results.getViolations()) {
    const rule = violation.getRule();
    const severity = rule.getSeverityLevel();
    counts.set(severity, (counts.get(severity) ?? 0) + 1);
    if (severity <= FAIL_AT_SEVERITY) {
      const location = violation.getPrimaryLocation();
      const file = location.getFile();
      errors.push(
        `${file ? rel(file) : '?'}:${location.getStartLine() ?? '?'}: [sev ${severity}] ${rule.getEngineName()}/${rule.getName()}: ${violation.getMessage()}`
      );
    }
  }
  const ruleCount = selection.getEngineNames().reduce((n, e) => n + selection.getRulesFor(e).length, 0);
  const bySeverity = [1, 2, 3, 4, 5].map((s) => `sev${s}=${counts.get(s) ?? 0}`).join(' ');
  const info = [`${ruleCount} rules (${SELECTORS.join(', ')}); findings: ${bySeverity}`];
  for (const engine of results.getEngineNames()) {
    const engineResults = results.getEngineRunResults(engine);
    const error = (engineResults as { getErrorMessage?: () => string | undefined }).getErrorMessage?.();
    if (error) {
      errors.push(`engine ${engine} failed: ${error}`);
    }
  }
  if (reportDir) {
    info.push(`Full report: ${rel(path.join(reportDir, 'results.html'))} (and results.json)`);
  }
  return gateResult(errors, info);
}

export async function analyzePmd(): Promise<GateResult> {
  const transpileErrors = await transpileLwc(LWC_DIR);
  if (transpileErrors.length) {
    return gateResult(transpileErrors);
  }
  return runCodeAnalyzer([path.join(ROOT, 'force-app')], path.join(REPORTS_DIR, 'code-analyzer'));
}

if (require.main === module) {
  runMain('analyze:pmd', analyzePmd);
}
