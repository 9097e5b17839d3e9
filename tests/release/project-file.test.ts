/**
 * The release check runs the pinned Salesforce CLI's own project-file validation and the client side of
 * `sf package version create` offline (scripts/org/lib/project-file.ts). Proven here on copies of the project:
 * - the file as committed passes;
 * - `sf package create --path force-app`, run with the CLI's own code, rewrites the package directory into a file the
 *   CLI refuses (SingleNonDefaultPackageError), and the release check refuses it; with
 *   SF_PROJECT_AUTOUPDATE_DISABLE_FOR_PACKAGE_CREATE=true the file is left alone and the alias is added by hand;
 * - the second managed version: no ancestor after a promoted version fails (errorAncestorNotHighest), "HIGHEST"
 *   before any fails (NoMatchingAncestorError), "HIGHEST" after the first passes with that version as ancestor.
 * The CLI writes its state under $HOME: a temporary HOME is used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ancestorProblems, fakeDevHub } from '../../scripts/org/lib/project-file';
import { promotedVersions, readVersionSources } from '../../scripts/org/lib/versions';
import { quietEnv } from './fake-bin';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const PACKAGE = 'Modjo for Salesforce';

type ProjectJson = {
  packageDirectories: Record<string, unknown>[];
  packageAliases?: Record<string, string>;
} & Record<string, unknown>;

const committed = (): ProjectJson => JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')) as ProjectJson;
const homes: string[] = [];
const copies: string[] = [];

/** A copy of the project (force-app and config linked) with the given sfdx-project.json and released versions. */
function projectCopy(project: ProjectJson, versions: string[] = ['0.1.0']): string {
  const dir = mkdtempSync(join(tmpdir(), 'modjo-project-'));
  copies.push(dir);
  symlinkSync(join(ROOT, 'force-app'), join(dir, 'force-app'));
  symlinkSync(join(ROOT, 'config'), join(dir, 'config'));
  writeFileSync(join(dir, 'sfdx-project.json'), `${JSON.stringify(project, null, 2)}\n`);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'copy', version: versions[0] }));
  writeFileSync(
    join(dir, 'CHANGELOG.md'),
    ['# Changelog', '', '## [Unreleased]', '', ...versions.map((v) => `## [${v}] - 2027-01-01\n`)].join('\n')
  );
  return dir;
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'modjo-sf-home-'));
  homes.push(home);
  return { ...quietEnv(), HOME: home, ...extra };
}

function releaseCheck(root: string, ...args: string[]) {
  const run = spawnSync(TSX, ['scripts/org/release-check.ts', '--root', root, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: env(),
    timeout: 120_000
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

function withVersion(version: string, ancestor?: Record<string, string>): ProjectJson {
  const project = committed();
  project.packageDirectories[0] = { ...project.packageDirectories[0], versionNumber: `${version}.NEXT`, ...ancestor };
  return project;
}

afterAll(() => {
  for (const dir of [...homes, ...copies]) rmSync(dir, { recursive: true, force: true });
});

describe("release check: the CLI's own project-file validation", () => {
  it('passes the committed sfdx-project.json and reaches the package version request', () => {
    const run = releaseCheck(ROOT);
    expect(run.out).toContain('simulated Dev Hub with no promoted version): request ready, versionNumber 0.1.0.NEXT');
    expect(run.out).toContain('release check passed');
    expect(run.status).toBe(0);
  }, 120_000);

  it('sf package create --path force-app rewrites the package directory into a file the CLI refuses', () => {
    const dir = projectCopy(committed());
    const create = spawnSync(TSX, ['tests/release/package-create-offline.ts', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: env(),
      timeout: 120_000
    });
    expect(create.stderr).toBe('');
    const rewritten = JSON.parse(readFileSync(join(dir, 'sfdx-project.json'), 'utf8')) as ProjectJson;
    expect(rewritten.packageDirectories).toHaveLength(1);
    expect(rewritten.packageDirectories[0]).toMatchObject({ path: 'force-app', default: false, package: PACKAGE });
    expect(rewritten.packageDirectories[0]).not.toHaveProperty('definitionFile');
    expect(rewritten.packageAliases?.[PACKAGE]).toMatch(/^0Ho/);
    const run = releaseCheck(dir);
    expect(run.out).toContain('the CLI refuses sfdx-project.json: SingleNonDefaultPackageError');
    expect(run.status).toBe(1);
  }, 120_000);

  it('with SF_PROJECT_AUTOUPDATE_DISABLE_FOR_PACKAGE_CREATE=true the file is untouched; the alias added by hand passes', () => {
    const dir = projectCopy(committed());
    const before = readFileSync(join(dir, 'sfdx-project.json'), 'utf8');
    const create = spawnSync(TSX, ['tests/release/package-create-offline.ts', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: env({ SF_PROJECT_AUTOUPDATE_DISABLE_FOR_PACKAGE_CREATE: 'true' }),
      timeout: 120_000
    });
    const id = (JSON.parse(create.stdout) as { Id: string }).Id;
    expect(readFileSync(join(dir, 'sfdx-project.json'), 'utf8')).toBe(before);
    expect(releaseCheck(dir, '--require-package-alias').out).toContain('packageAliases has no 0Ho id');
    const withAlias = { ...committed(), packageAliases: { [PACKAGE]: id } };
    const run = releaseCheck(projectCopy(withAlias), '--require-package-alias');
    expect(run.out).toContain('release check passed');
    expect(run.status).toBe(0);
  }, 120_000);

  it('refuses a file that does not match the CLI schema', () => {
    const run = releaseCheck(projectCopy({ ...committed(), sourceApiVersion: 65 }));
    expect(run.out).toContain("does not match the CLI's schema: SchemaValidationError");
    expect(run.status).toBe(1);
  }, 120_000);
});

describe('release check: the second managed version', () => {
  it('after a promoted 0.1.0, 0.2.0 without an ancestor is refused, as the CLI refuses it', () => {
    const run = releaseCheck(projectCopy(withVersion('0.2.0'), ['0.2.0', '0.1.0']));
    expect(run.out).toContain('must set "ancestorVersion": "HIGHEST" now that 0.1.0 was promoted');
    expect(run.out).toContain('sf package version create would fail: ErrorAncestorNotHighestError');
    expect(run.status).toBe(1);
  }, 120_000);

  it('after a promoted 0.1.0, 0.2.0 with "ancestorVersion": "HIGHEST" passes with 0.1.0 as its ancestor', () => {
    const run = releaseCheck(projectCopy(withVersion('0.2.0', { ancestorVersion: 'HIGHEST' }), ['0.2.0', '0.1.0']));
    expect(run.out).toContain('promoted 0.1.0): request ready, versionNumber 0.2.0.NEXT, ancestor 0.1.0');
    expect(run.status).toBe(0);
  }, 120_000);

  it('before any promoted version, "HIGHEST" is refused, as the CLI refuses it', () => {
    const run = releaseCheck(projectCopy(withVersion('0.1.0', { ancestorId: 'HIGHEST' })));
    expect(run.out).toContain('sets ancestorId "HIGHEST" before any version was promoted');
    expect(run.out).toContain('sf package version create would fail: ErrorNoMatchingAncestorError');
    expect(run.status).toBe(1);
  }, 120_000);

  it('the rule reads the promoted versions from CHANGELOG.md, below the current version', () => {
    const dir = projectCopy(withVersion('0.3.0'), ['0.3.0', '0.2.0', '0.1.0']);
    expect(promotedVersions(readVersionSources(dir))).toEqual(['0.1.0', '0.2.0']);
    expect(promotedVersions(readVersionSources(ROOT))).toEqual([]);
    const dirOf = (fields: Record<string, string>) => ({ path: 'force-app', versionNumber: '0.2.0.NEXT', ...fields });
    expect(ancestorProblems(dirOf({}), [])).toEqual([]);
    expect(ancestorProblems(dirOf({ ancestorVersion: 'HIGHEST' }), ['0.1.0'])).toEqual([]);
    expect(ancestorProblems(dirOf({ ancestorVersion: 'NONE' }), ['0.1.0'])[0]).toContain('found "NONE"');
    expect(ancestorProblems(dirOf({ ancestorVersion: '0.1.0' }), ['0.1.0'])).toHaveLength(1);
    expect(ancestorProblems(dirOf({ ancestorVersion: 'HIGHEST' }), [])[0]).toContain('before any version was promoted');
  });

  it('the simulated Dev Hub answers the packaging queries from its promoted versions and nothing else', async () => {
    const hub = fakeDevHub('0Ho000000000001AAA', ['0.1.0', '0.2.0', '0.2.1']);
    const highest = await hub.connection.tooling.query(
      "SELECT Id FROM Package2Version WHERE Package2Id = '0Ho000000000001AAA' AND IsReleased = True AND PatchVersion = 0 ORDER BY MajorVersion Desc, MinorVersion Desc, PatchVersion Desc, BuildNumber Desc LIMIT 1"
    );
    expect(highest.records).toEqual([expect.objectContaining({ MajorVersion: 0, MinorVersion: 2, PatchVersion: 0 })]);
    await expect(hub.connection.tooling.query('SELECT Id FROM Package2 WHERE Name LIKE "x"')).rejects.toThrow(
      'simulated Dev Hub cannot answer'
    );
  });
});
