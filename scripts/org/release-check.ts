/**
 * Release version check (used by .github/workflows/release.yml and `npm run check:release`).
 *
 *   tsx scripts/org/release-check.ts [--tag vX.Y.Z] [--require-package-alias]
 *
 * Always: sfdx-project.json, package.json and CHANGELOG.md name the same version.
 * With --tag: the tag names that version, and it is above the version at the previous "v*" tag reachable from HEAD.
 * With --require-package-alias: sfdx-project.json maps the package name to its 0Ho id (written by `sf package create`).
 */
import { join } from 'node:path';
import {
  PACKAGE_NAME,
  agreementProblems,
  previousReleaseTag,
  readVersionSources,
  releaseProblems,
  versionSourcesAt
} from './lib/versions';

const USAGE = 'Usage: tsx scripts/org/release-check.ts [--tag vX.Y.Z] [--require-package-alias]';

function main(argv: string[]): number {
  let tag: string | undefined;
  let requireAlias = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tag' && argv[i + 1] !== undefined) {
      tag = argv[++i];
    } else if (argv[i] === '--require-package-alias') {
      requireAlias = true;
    } else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`release-check: unexpected argument ${argv[i]}\n${USAGE}`);
      return 2;
    }
  }
  const root = join(__dirname, '..', '..');
  const current = readVersionSources(root);
  const problems = agreementProblems(current);
  console.log(
    `sfdx-project.json ${current.sfdxVersionNumber}, package.json ${current.packageJson}, CHANGELOG.md ${current.changelog ?? '(none)'}`
  );
  if (tag) {
    const previousTag = previousReleaseTag(root, tag);
    const previous = previousTag ? versionSourcesAt(root, previousTag) : null;
    console.log(
      previousTag ? `previous release tag ${previousTag}: ${previous?.sfdxVersionNumber}` : 'first release tag'
    );
    problems.push(...releaseProblems(current, tag, previous));
  }
  if (requireAlias) {
    const id = current.packageAliases[PACKAGE_NAME];
    if (!id || !/^0Ho[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(id)) {
      problems.push(
        `sfdx-project.json packageAliases has no 0Ho id for "${PACKAGE_NAME}": run sf package create once (docs/releasing.md) and commit the file`
      );
    }
  }
  for (const problem of problems) {
    console.error(process.env.GITHUB_ACTIONS ? `::error title=Release check::${problem}` : `error: ${problem}`);
  }
  if (problems.length === 0) console.log('release check passed');
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
