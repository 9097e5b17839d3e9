/**
 * After `npm run org:seed`: reads what the org made of the sample calls and compares it with data/scenarios.json.
 *
 *   tsx scripts/org/verify-scenarios.ts --target-org ALIAS [--namespace modjo | --no-namespace]
 *
 * Queries with `sf data query --json`; exits 1 when a call differs from its scenario (each difference is printed with
 * the call's match explanation). The namespace defaults to the one in sfdx-project.json (scratch orgs created from
 * this project have it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callQuery, callRowsFromQuery, verifyScenarios, type Scenario } from './lib/scenarios';

const ROOT = join(__dirname, '..', '..');
const USAGE = 'Usage: tsx scripts/org/verify-scenarios.ts --target-org ALIAS [--namespace NS | --no-namespace]';

function sfQuery(query: string, targetOrg: string): unknown {
  const out = execFileSync('sf', ['data', 'query', '--query', query, '--target-org', targetOrg, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  });
  return JSON.parse(out) as unknown;
}

function main(argv: string[]): number {
  let targetOrg: string | undefined;
  let namespace: string | null =
    (JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')) as { namespace?: string }).namespace || null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--target-org' && argv[i + 1] !== undefined) targetOrg = argv[++i];
    else if (argv[i] === '--namespace' && argv[i + 1] !== undefined) namespace = argv[++i];
    else if (argv[i] === '--no-namespace') namespace = null;
    else {
      console.error(USAGE);
      return 2;
    }
  }
  if (!targetOrg) {
    console.error(USAGE);
    return 2;
  }
  const { scenarios } = JSON.parse(readFileSync(join(ROOT, 'data', 'scenarios.json'), 'utf8')) as {
    scenarios: Scenario[];
  };
  const rows = callRowsFromQuery(
    sfQuery(
      callQuery(
        scenarios.map((s) => s.modjoCallId),
        namespace
      ),
      targetOrg
    ),
    namespace
  );
  const callObjects = [...new Set(scenarios.map((s) => s.expect.reusesTask).filter((t): t is string => !!t))];
  const taskIds = new Map<string, string>();
  if (callObjects.length > 0) {
    const tasks = sfQuery(
      `SELECT Id, CallObject FROM Task WHERE CallObject IN (${callObjects.map((c) => `'${c}'`).join(', ')})`,
      targetOrg
    ) as { result?: { records?: { Id: string; CallObject: string }[] } };
    for (const task of tasks.result?.records ?? []) taskIds.set(task.CallObject, task.Id);
  }
  const verdicts = verifyScenarios(scenarios, rows, taskIds);
  for (const v of verdicts) {
    console.log(`${v.problems.length === 0 ? 'ok      ' : 'DIFFERS '} ${v.modjoCallId}  ${v.title}`);
    for (const problem of v.problems) console.log(`           - ${problem}`);
    if (v.problems.length > 0 && v.explanation) {
      console.log(`           explanation: ${v.explanation.replace(/\n/g, '\n                        ')}`);
    }
  }
  const failed = verdicts.filter((v) => v.problems.length > 0).length;
  console.log(`${verdicts.length - failed} of ${verdicts.length} sample calls matched as data/scenarios.json expects`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
