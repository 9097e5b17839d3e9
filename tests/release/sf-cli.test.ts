/**
 * The project's own Salesforce CLI: `@salesforce/cli`, pinned in package.json, runs offline after `npm ci` — the
 * version answers, and `sf project convert source` turns the package sources into Metadata API format. The CLI's
 * state goes to a temporary HOME so the test neither reads nor writes the developer's own `~/.sf`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
  engines: { node: string };
};

function sf(args: string[], home: string) {
  return spawnSync('npx', ['--no-install', 'sf', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      HOME: home,
      // Jest sets NODE_ENV=test, which makes oclif look for the CLI's development plugins (absent from the package).
      NODE_ENV: 'production',
      SF_DISABLE_TELEMETRY: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
      SF_USE_PROGRESS_BAR: 'false'
    },
    timeout: 120_000
  });
}

describe("the project's Salesforce CLI", () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'modjo-sf-home-'));
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it('is pinned to one exact version as a dev dependency', () => {
    expect(pkg.devDependencies['@salesforce/cli']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('answers its version with npx sf --version', () => {
    const run = sf(['--version'], home);
    expect(run.stderr).not.toContain('Error');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`@salesforce/cli/${pkg.devDependencies['@salesforce/cli']}`);
  }, 120_000);

  it('converts the package sources offline with npx sf project convert source', () => {
    const out = mkdtempSync(join(tmpdir(), 'modjo-sf-convert-'));
    try {
      const dirs = ['classes', 'objects', 'permissionsets', 'customMetadata'].map((d) =>
        join('force-app', 'main', 'default', d)
      );
      const run = sf(
        ['project', 'convert', 'source', ...dirs.flatMap((d) => ['--source-dir', d]), '--output-dir', out, '--json'],
        home
      );
      expect(run.status).toBe(0);
      const result = JSON.parse(run.stdout) as { status: number; result: { location: string } };
      expect(result.status).toBe(0);
      const manifest = readFileSync(join(out, 'package.xml'), 'utf8');
      expect(manifest).toContain('<members>CallsResource</members>');
      expect(manifest).toContain('<members>Call__c</members>');
      expect(existsSync(join(out, 'classes', 'CallsResource.cls'))).toBe(true);
      expect(readdirSync(join(out, 'objects'))).toContain('Call__c.object');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('every sf invocation of the release path (gate check:sf on the repository)', () => {
  it('names a command of the pinned CLI and passes its flag parser; the CLI accepts sfdx-project.json', () => {
    const home = mkdtempSync(join(tmpdir(), 'modjo-sf-home-'));
    try {
      const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/org/check-sf.ts', '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, HOME: home },
        timeout: 120_000
      });
      const report = JSON.parse(run.stdout.split('\n')[0]) as {
        cli: string;
        files: string[];
        invocations: number;
        problems: unknown[];
      };
      expect(report.problems).toEqual([]);
      expect(report.cli).toBe(pkg.devDependencies['@salesforce/cli']);
      expect(report.files).toEqual(
        expect.arrayContaining([
          '.github/workflows/release.yml',
          '.github/actions/sf-login/action.yml',
          'scripts/org/create.sh',
          'scripts/org/verify-scenarios.ts',
          'docs/releasing.md',
          'README.md',
          'CONTRIBUTING.md'
        ])
      );
      expect(report.invocations).toBeGreaterThanOrEqual(30);
      expect(run.stdout).toContain('check:sf: passed');
      expect(run.status).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('workflows and scripts use the project CLI and a supported Node', () => {
  const files = [
    ...['.github/workflows/ci.yml', '.github/workflows/release.yml', '.github/actions/sf-login/action.yml'],
    ...readdirSync(join(ROOT, 'scripts', 'org'))
      .filter((f) => f.endsWith('.sh'))
      .map((f) => join('scripts', 'org', f))
  ];

  it.each(files)('%s installs no global Salesforce CLI', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(text).not.toMatch(/npm (i|install)\b[^\n]*(-g|--global)[^\n]*@salesforce\/cli/);
    expect(text).not.toMatch(/npm (i|install)\b[^\n]*@salesforce\/cli[^\n]*(-g|--global)/);
  });

  it.each(files.filter((f) => f.endsWith('.yml')))('%s sets up Node 22 or 24 only', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const versions = [...text.matchAll(/node-version:\s*['"]?([^'"\s]+)/g)].map((m) => m[1]);
    const images = [...text.matchAll(/image:\s*node:([^\s-]+)/g)].map((m) => m[1]);
    for (const version of [...versions, ...images]) {
      expect(['22', '24', '${{']).toContain(version.startsWith('${{') ? '${{' : version);
    }
  });

  it('package.json engines accept the supported LTS lines and nothing older', () => {
    expect(pkg.engines.node).toBe('>=22.19.0');
  });
});
