/**
 * Gate `analyze:apex`:
 * 1. apex-ls (Apex Dev Tools semantic analyser, shipped in the PMD engine's java-lib) over the workspace:
 *    unknown types, fields, methods, type errors. Zero errors allowed. It runs on the SObject tables of an org with
 *    every optional feature off (apex/baseline-jar.ts, apex/optional-features.ts): a compiled reference to a field
 *    that exists only with Shared Activities, Person Accounts, multiple currencies, … is an error.
 * 2. The SOQL field checker (apex/soql-check.ts) over every static query, against the same tables, and over the
 *    constant fragments of every dynamic query (apex/dynamic-soql.ts), against the full tables.
 * 3. The house rules (apex/house-rules.ts): no Test.isRunningTest() in production code, and every system-mode
 *    access justified by a comment at that statement; tests touch package data only inside System.runAs of a
 *    factory-built user (apex/runas-rule.ts); no shipped custom metadata value longer than getInstance/getAll
 *    return, in a type read that way (apex/cmdt-long-text.ts); no setup DML followed by other DML outside
 *    System.runAs in a test method (apex/mixed-dml-rule.ts).
 * The Apex is parsed once (apex/apex-model.ts) and the trees are shared by the checkers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, rel } from './lib/paths';
import { gateResult, runMain, type GateResult } from './lib/gate';
import { checkSoql } from './apex/soql-check';
import { checkHouseRulesIn } from './apex/house-rules';
import { ApexProject, projectObjects } from './apex/apex-model';
import { MixedDmlRule } from './apex/mixed-dml-rule';
import { RunAsRule } from './apex/runas-rule';
import { checkCachedMetadata } from './apex/cmdt-long-text';
import { checkDynamicSoql } from './apex/dynamic-soql';
import { SObjectSchema } from './apex/schema';
import { baselineClassPath, baselineSObjectJar, JAVA_LIB } from './apex/baseline-jar';
import { explainOptional } from './apex/optional-features';

export { JAVA_LIB };

interface ApexLsOutput {
  files: { path: string; messages: { start: { line: number }; category: string; message: string }[] }[];
}

/**
 * Runs apex-ls CheckForIssues on a workspace (a folder with sfdx-project.json); returns its errors. The class path
 * decides the SObject tables: by default those of an org with every optional feature off.
 */
export function runApexLs(workspace: string, classPath = baselineClassPath()): string[] {
  // Its cache and logs go to a throw-away home, never the user's.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'apexls-'));
  try {
    const result = spawnSync(
      'java',
      [
        `-Duser.home=${home}`,
        '-cp',
        classPath,
        'io.github.apexdevtools.apexls.CheckForIssues',
        '-n',
        '-f',
        'json',
        '-w',
        workspace
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
    );
    if (result.error) {
      return [`apex-ls could not start: ${result.error.message} (is Java 17+ on the PATH?)`];
    }
    const start = result.stdout.indexOf('{');
    if (start < 0) {
      return [`apex-ls produced no report (exit ${result.status}): ${result.stderr.trim() || result.stdout.trim()}`];
    }
    const report = JSON.parse(result.stdout.slice(start)) as ApexLsOutput;
    const errors = report.files.flatMap((file) =>
      file.messages
        .filter((m) => m.category !== 'Warning' && m.category !== 'Unused')
        .map((m) => `${rel(file.path)}:${m.start.line}: ${explainOptional(m.message)}`)
    );
    const unique = [...new Set(errors)];
    if (result.status !== 0 && unique.length === 0) {
      unique.push(`apex-ls exited with ${result.status}: ${result.stderr.trim()}`);
    }
    return unique;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/**
 * A shared-LIMIT finding (soql-check.ts sharedLimitProblem) is accepted where a `shared-limit:` comment in the 4 lines
 * above the query says why one LIMIT over both sets is intended (one page of one list, the rest on the next page).
 */
function sharedLimitJustified(workspace: string, problem: string): boolean {
  const match = /^soql: (.+?):(\d+): (?:dynamic query: )?query asks for explicit ids/.exec(problem);
  if (!match) return false;
  const file = path.isAbsolute(match[1]) ? match[1] : path.join(workspace, match[1]);
  const candidates = [file, path.join(ROOT, match[1])].filter((f) => fs.existsSync(f));
  if (!candidates.length) return false;
  const lines = fs.readFileSync(candidates[0], 'utf8').split('\n');
  const line = Number(match[2]);
  return lines.slice(Math.max(0, line - 5), line).some((text) => /\/\/.*shared-limit:/i.test(text));
}

/** The whole gate on one workspace: apex-ls plus the SOQL checker over its package folders. */
export function analyzeApex(workspace: string): GateResult {
  const project = JSON.parse(fs.readFileSync(path.join(workspace, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories: { path: string }[];
  };
  const apexLs = runApexLs(workspace).map((e) => `apex-ls: ${e}`);
  const dirs = project.packageDirectories.map((dir) => path.join(workspace, dir.path));
  const model = ApexProject.load(dirs);
  let files = 0;
  const soql: string[] = [];
  const rules: string[] = [
    ...new RunAsRule(model, projectObjects(dirs)).check(),
    ...new MixedDmlRule(model).check(),
    ...checkCachedMetadata(dirs, model)
  ].map((p) => `rules: ${rel(p.file)}:${p.line}: ${p.message}`);
  for (const dir of project.packageDirectories) {
    const result = checkSoql(path.join(workspace, dir.path), { project: model, jar: baselineSObjectJar() });
    files += result.files;
    soql.push(...result.problems.map((p) => `soql: ${explainOptional(p)}`));
    rules.push(
      ...checkHouseRulesIn(path.join(workspace, dir.path)).problems.map(
        (p) => `rules: ${rel(p.file)}:${p.line}: ${p.message}`
      )
    );
  }
  soql.push(
    ...checkDynamicSoql(model, new SObjectSchema(dirs)).map((p) => `soql: ${rel(p.file)}:${p.line}: ${p.message}`)
  );
  const kept = soql.filter((problem) => !sharedLimitJustified(workspace, problem));
  soql.splice(0, soql.length, ...kept);
  return gateResult(
    [...apexLs, ...soql, ...rules],
    [
      `apex-ls: ${apexLs.length} error(s)`,
      `SOQL checker: ${files} Apex file(s), ${soql.length} problem(s)`,
      `house rules: ${rules.length} problem(s)`
    ]
  );
}

if (require.main === module) {
  runMain('analyze:apex', () => Promise.resolve(analyzeApex(ROOT)));
}
