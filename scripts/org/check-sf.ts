/**
 * Gate `check:sf`: the release path against the project's pinned Salesforce CLI, offline.
 * 1. The CLI in node_modules is the version package.json pins, and each core plugin ships the manifest of its version
 *    (lib/sf-commands.ts).
 * 2. Every `sf` invocation in the workflows, the composite actions, scripts/org (bash and TypeScript) and the docs
 *    (fenced shell code and inline `sf …` spans of docs/*.md, README.md, CONTRIBUTING.md) names a command of that CLI
 *    and passes its flag parser with that command's flag definitions (lib/sf-invocations.ts, lib/sf-usage.ts).
 * 3. When the checked root has an sfdx-project.json: the CLI's own project-file validation and the client side of
 *    `sf package version create` (lib/project-file.ts; the release check runs the same).
 *
 *   tsx scripts/org/check-sf.ts [--root DIR] [--json]
 *
 * --root checks another tree (the planted fixtures of tests/pipeline); the CLI is always the one of this checkout.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gateResult, runMain, type GateResult } from '../lib/gate';
import { loadCommandTable } from './lib/sf-commands';
import { findInvocations } from './lib/sf-invocations';
import { loadOclifParser, usageProblems, type UsageProblem } from './lib/sf-usage';
import { checkProjectFile } from './lib/project-file';
import { PACKAGE_NAME, promotedVersions, readVersionSources } from './lib/versions';

const CLI_ROOT = join(__dirname, '..', '..');

function parseArgs(argv: string[]): { root: string; json: boolean } {
  let root = CLI_ROOT;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root' && argv[i + 1] !== undefined) root = argv[++i];
    else if (argv[i] === '--json') json = true;
    else throw new Error(`unexpected argument ${argv[i]}\nUsage: tsx scripts/org/check-sf.ts [--root DIR] [--json]`);
  }
  return { root, json };
}

async function projectFileResult(root: string): Promise<GateResult> {
  if (!existsSync(join(root, 'sfdx-project.json')))
    return gateResult([], ['no sfdx-project.json: project file not checked']);
  const released = promotedVersions(readVersionSources(root));
  const result = await checkProjectFile(root, { cliRoot: CLI_ROOT, packageName: PACKAGE_NAME, released });
  return gateResult(
    result.problems.map((p) => `sfdx-project.json: ${p}`),
    result.info
  );
}

async function main(): Promise<GateResult> {
  const { root, json } = parseArgs(process.argv.slice(2));
  const table = loadCommandTable(CLI_ROOT);
  const { files, invocations } = findInvocations(root);
  const problems: UsageProblem[] = await usageProblems(invocations, table, loadOclifParser(CLI_ROOT));
  const project = await projectFileResult(root);
  if (json) {
    console.log(JSON.stringify({ cli: table.cliVersion, files, invocations: invocations.length, problems }));
  }
  const errors = [
    ...table.problems,
    ...problems.map((p) => `${p.file}:${p.line}: ${p.source}\n    ${p.message}`),
    ...project.errors
  ];
  const info = [
    `@salesforce/cli ${table.cliVersion} (pinned ${table.pinnedVersion ?? 'nothing'}): ${table.plugins.length} core plugins, ${new Set([...table.commands.values()].map((c) => c.command.id)).size} commands`,
    `${invocations.length} sf invocation(s) in ${files.length} file(s) checked`,
    ...project.info
  ];
  return gateResult(errors, json ? [] : info);
}

runMain('check:sf', main);
