import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURES = path.join(__dirname, 'fixtures');

const CLASS_META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

/** A fresh temporary folder, removed by `cleanup()`. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `modjo-${prefix}-`));
}

const created: string[] = [];

/**
 * Builds a throw-away Salesforce project: fixtures/apex/base (sfdx-project.json, Widget__c) plus the
 * classes of the given case folders (fixtures/apex/<case>/*.cls, each with a generated -meta.xml) and their
 * metadata folders (fixtures/apex/<case>/<folder>/, copied into force-app/main/default/<folder>/).
 */
export function apexProject(...cases: string[]): string {
  const dir = tempDir('apex');
  created.push(dir);
  fs.cpSync(path.join(FIXTURES, 'apex', 'base'), dir, { recursive: true });
  const classes = path.join(dir, 'force-app', 'main', 'default', 'classes');
  fs.mkdirSync(classes, { recursive: true });
  for (const name of cases) {
    for (const entry of fs.readdirSync(path.join(FIXTURES, 'apex', name), { withFileTypes: true })) {
      const source = path.join(FIXTURES, 'apex', name, entry.name);
      if (entry.isDirectory()) {
        fs.cpSync(source, path.join(classes, '..', entry.name), { recursive: true });
        continue;
      }
      fs.copyFileSync(source, path.join(classes, entry.name));
      fs.writeFileSync(path.join(classes, `${entry.name}-meta.xml`), CLASS_META);
    }
  }
  return dir;
}

/** Copies an LWC fixture folder (fixtures/lwc/<name>) to a temporary folder the build may write into. */
export function lwcCopy(name: string): string {
  const dir = tempDir('lwc');
  created.push(dir);
  fs.cpSync(path.join(FIXTURES, 'lwc', name), dir, { recursive: true });
  return dir;
}

export function cleanup(): void {
  for (const dir of created.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Lints a fixture with the project's ESLint as if it were the project file `asPath` (fixtures themselves are outside
 * every gate); returns `rule: message` per problem. ESLint runs as its own process: its flat config is an ES module,
 * which Jest cannot import.
 */
export function lintAs(fixture: string, asPath: string): string[] {
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--format',
      'json',
      '--stdin',
      '--stdin-filename',
      asPath
    ],
    { cwd: ROOT, input: fs.readFileSync(fixture, 'utf8'), encoding: 'utf8' }
  );
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}
