/**
 * The package version lives in three places that must agree: sfdx-project.json (`versionNumber` "X.Y.Z.NEXT" of the
 * default package directory), package.json (`version` "X.Y.Z") and CHANGELOG.md (the newest released "## [X.Y.Z]"
 * section). A release tag "vX.Y.Z" must name that version, and it must be above the version at the previous tag.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PACKAGE_NAME = 'Modjo for Salesforce';

export interface VersionSources {
  /** "0.1.0.NEXT" as written in sfdx-project.json */
  sfdxVersionNumber: string;
  /** "0.1.0": the first three parts of the sfdx version */
  sfdx: string;
  packageJson: string;
  /** newest released version in CHANGELOG.md, or null when there is none */
  changelog: string | null;
  /** every released version in CHANGELOG.md, newest first */
  changelogReleases: string[];
  /** packageAliases of sfdx-project.json */
  packageAliases: Record<string, string>;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

export function parseSfdxVersion(versionNumber: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(NEXT|LATEST|\d+)$/.exec(versionNumber);
  if (!match) throw new Error(`sfdx-project.json versionNumber "${versionNumber}" is not "major.minor.patch.build"`);
  return `${match[1]}.${match[2]}.${match[3]}`;
}

export function compareVersions(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) throw new Error(`cannot compare versions "${a}" and "${b}"`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return 0;
}

/** Released versions in CHANGELOG.md, newest first ("## [0.1.0] - 2026-11-27"; "Unreleased" is skipped). */
export function changelogVersions(markdown: string): string[] {
  const versions: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const match = /^##\s+\[?v?(\d+\.\d+\.\d+)\]?(?:\s|$)/.exec(line);
    if (match) versions.push(match[1]);
  }
  return versions;
}

interface SfdxProject {
  packageDirectories?: { default?: boolean; package?: string; versionNumber?: string }[];
  packageAliases?: Record<string, string>;
}

export function sfdxPackageDirectory(project: SfdxProject): { package?: string; versionNumber?: string } {
  const dirs = project.packageDirectories ?? [];
  const dir = dirs.find((d) => d.package === PACKAGE_NAME) ?? dirs.find((d) => d.default) ?? dirs[0];
  if (!dir) throw new Error('sfdx-project.json has no packageDirectories');
  return dir;
}

export function readVersionSources(root: string): VersionSources {
  const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as SfdxProject;
  const dir = sfdxPackageDirectory(project);
  if (!dir.versionNumber) throw new Error('sfdx-project.json: the package directory has no versionNumber');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  let releases: string[] = [];
  try {
    releases = changelogVersions(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'));
  } catch {
    releases = [];
  }
  return {
    sfdxVersionNumber: dir.versionNumber,
    sfdx: parseSfdxVersion(dir.versionNumber),
    packageJson: pkg.version ?? '',
    changelog: releases[0] ?? null,
    changelogReleases: releases,
    packageAliases: project.packageAliases ?? {}
  };
}

/** Problems with the three sources agreeing; empty when they agree. */
export function agreementProblems(v: VersionSources): string[] {
  const problems: string[] = [];
  if (v.packageJson !== v.sfdx) {
    problems.push(`package.json version ${v.packageJson} differs from sfdx-project.json ${v.sfdxVersionNumber}`);
  }
  if (v.changelog === null) {
    problems.push('CHANGELOG.md has no released version section ("## [X.Y.Z] - date")');
  } else if (v.changelog !== v.sfdx) {
    problems.push(`CHANGELOG.md newest version ${v.changelog} differs from sfdx-project.json ${v.sfdxVersionNumber}`);
  }
  return problems;
}

export function tagVersion(tag: string): string {
  const match = /^(?:refs\/tags\/)?v(\d+\.\d+\.\d+)$/.exec(tag);
  if (!match) throw new Error(`tag "${tag}" is not "vX.Y.Z"`);
  return match[1];
}

/** Problems with a release tag: it must name the sfdx version, which must be above the version at the previous tag. */
export function releaseProblems(current: VersionSources, tag: string, previous: VersionSources | null): string[] {
  const problems: string[] = [];
  let version: string;
  try {
    version = tagVersion(tag);
  } catch (error) {
    return [(error as Error).message];
  }
  if (version !== current.sfdx) {
    problems.push(`tag ${tag} does not match sfdx-project.json ${current.sfdxVersionNumber}`);
  }
  if (previous && compareVersions(current.sfdx, previous.sfdx) <= 0) {
    problems.push(
      `version not bumped: sfdx-project.json ${current.sfdxVersionNumber} is not above ${previous.sfdxVersionNumber} of the previous release tag`
    );
  }
  return problems;
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The highest "vX.Y.Z" tag reachable from HEAD other than `currentTag`, or null (first release). */
export function previousReleaseTag(root: string, currentTag: string): string | null {
  const current = currentTag.replace(/^refs\/tags\//, '');
  const tags = git(root, ['tag', '--list', 'v*', '--merged', 'HEAD'])
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t !== '' && t !== current && /^v\d+\.\d+\.\d+$/.test(t))
    .sort((a, b) => compareVersions(tagVersion(b), tagVersion(a)));
  return tags[0] ?? null;
}

/** Version sources as they were at a git revision (sfdx-project.json and package.json only). */
export function versionSourcesAt(root: string, rev: string): VersionSources {
  const project = JSON.parse(git(root, ['show', `${rev}:sfdx-project.json`])) as SfdxProject;
  const dir = sfdxPackageDirectory(project);
  const versionNumber = dir.versionNumber ?? '0.0.0.0';
  let packageJson = '';
  try {
    packageJson = (JSON.parse(git(root, ['show', `${rev}:package.json`])) as { version?: string }).version ?? '';
  } catch {
    packageJson = '';
  }
  return {
    sfdxVersionNumber: versionNumber,
    sfdx: parseSfdxVersion(versionNumber),
    packageJson,
    changelog: null,
    changelogReleases: [],
    packageAliases: project.packageAliases ?? {}
  };
}

/**
 * The promoted versions of the package, oldest first: the CHANGELOG.md releases below the current version. The
 * release procedure (docs/releasing.md) keeps a version's section only when that version was promoted: a beta that
 * is not promoted loses its tag and its section is folded into the next version's.
 */
export function promotedVersions(current: VersionSources): string[] {
  return current.changelogReleases
    .filter((version) => compareVersions(version, current.sfdx) < 0)
    .sort(compareVersions);
}
