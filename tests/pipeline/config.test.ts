import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('pipeline configuration', () => {
  it('keeps the gate fixtures out of the real gates', () => {
    expect(read('.prettierignore').split('\n')).toContain('tests/pipeline/fixtures/');
    expect(read('eslint.config.mjs')).toContain("'tests/pipeline/fixtures/**'");
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f)).config as object;
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    expect(parsed.fileNames.filter((f) => f.includes('tests/pipeline/fixtures'))).toEqual([]);
    expect(parsed.fileNames).toContain(path.join(ROOT, 'scripts', 'test.ts').split(path.sep).join('/'));
    const project = JSON.parse(read('sfdx-project.json')) as { packageDirectories: { path: string }[] };
    expect(project.packageDirectories.map((d) => d.path)).toEqual(['force-app']);
  });

  it('keeps TypeScript, tests and their configuration out of the package', () => {
    const ignored = read('.forceignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/*.ts', '**/__tests__/**', '**/tsconfig.json']));
    expect(read('.gitignore').split('\n')).toContain('force-app/main/default/lwc/**/*.js');
  });

  it('wires every gate to an npm script', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of [
      'format:check',
      'lint',
      'build:lwc',
      'typecheck',
      'test:unit',
      'analyze:pmd',
      'analyze:apex',
      'check:metadata',
      'check:sf',
      'test'
    ]) {
      expect(scripts[name]).toBeDefined();
    }
    expect(scripts.lint).toContain('--max-warnings 0');
    expect(scripts['test:unit']).toMatch(/--coverage .*--json --outputFile reports\/jest\/results\.json/);
  });

  it('.ci/run installs what a fresh Debian machine lacks and ends with the orchestrator', () => {
    const script = read('.ci/run');
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain('if [ ! -x /usr/bin/chromium ]; then');
    expect(script).toContain('apt_install chromium');
    expect(script).toMatch(/if \[ "\$\{java_major:-0\}" -lt 17 \]; then/);
    expect(script).toContain('apt_install openjdk-17-jre-headless');
    const commands = script.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
    expect(commands.slice(-2)).toEqual(['npm ci --no-audit --no-fund', 'npm test --silent']);
    expect(fs.statSync(path.join(ROOT, '.ci/run')).mode & 0o111).not.toBe(0);
  });
});
