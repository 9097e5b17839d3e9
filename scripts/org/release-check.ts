/**
 * Release check (used by .github/workflows/release.yml and `npm run check:release`).
 *
 *   tsx scripts/org/release-check.ts [--tag vX.Y.Z] [--require-package-alias] [--root DIR]
 *
 * Always:
 * - sfdx-project.json, package.json and CHANGELOG.md name the same version;
 * - the pinned Salesforce CLI accepts sfdx-project.json: its own project-file validation and the client side of
 *   `sf package version create`, run offline against a simulated Dev Hub (lib/project-file.ts);
 * - the ancestor rule: the versions of CHANGELOG.md below the current one are the promoted releases; with none, no
 *   ancestor is set; with one or more, `ancestorVersion` (or `ancestorId`) is "HIGHEST" (docs/releasing.md).
 * With --tag: the tag names that version, and it is above the version at the previous "v*" tag reachable from HEAD.
 * With --require-package-alias: sfdx-project.json maps the package name to its 0Ho id (written by hand after
 * `sf package create`, docs/releasing.md).
 * --root checks another checkout (the tests use copies); the CLI is always the one installed beside this script.
 */
import { join } from 'node:path';
import { checkProjectFile } from './lib/project-file';
import {
  PACKAGE_NAME,
  agreementProblems,
  previousReleaseTag,
  promotedVersions,
  readVersionSources,
  releaseProblems,
  versionSourcesAt
} from './lib/versions';

const USAGE = 'Usage: tsx scripts/org/release-check.ts [--tag vX.Y.Z] [--require-package-alias] [--root DIR]';
const CLI_ROOT = join(__dirname, '..', '..');

interface Options {
  tag?: string;
  requireAlias: boolean;
  root: string;
}

function parseArgs(argv: string[]): Options | number {
  const options: Options = { requireAlias: false, root: CLI_ROOT };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tag' && argv[i + 1] !== undefined) {
      options.tag = argv[++i];
    } else if (argv[i] === '--root' && argv[i + 1] !== undefined) {
      options.root = argv[++i];
    } else if (argv[i] === '--require-package-alias') {
      options.requireAlias = true;
    } else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`release-check: unexpected argument ${argv[i]}\n${USAGE}`);
      return 2;
    }
  }
  return options;
}

function aliasProblems(aliases: Record<string, string>): string[] {
  const id = aliases[PACKAGE_NAME];
  return id && /^0Ho[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(id)
    ? []
    : [
        `sfdx-project.json packageAliases has no 0Ho id for "${PACKAGE_NAME}": run sf package create once with SF_PROJECT_AUTOUPDATE_DISABLE_FOR_PACKAGE_CREATE=true, add the alias by hand (docs/releasing.md) and commit the file`
      ];
}

async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (typeof options === 'number') return options;
  const { root, tag } = options;
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
  if (options.requireAlias) problems.push(...aliasProblems(current.packageAliases));
  const released = promotedVersions(current);
  console.log(
    released.length === 0
      ? 'promoted versions (CHANGELOG.md, below this one): none, this is the first managed version'
      : `promoted versions (CHANGELOG.md, below this one): ${released.join(', ')}`
  );
  const project = await checkProjectFile(root, { cliRoot: CLI_ROOT, packageName: PACKAGE_NAME, released });
  for (const line of project.info) console.log(line);
  problems.push(...project.problems);
  for (const problem of problems) {
    console.error(process.env.GITHUB_ACTIONS ? `::error title=Release check::${problem}` : `error: ${problem}`);
  }
  if (problems.length === 0) console.log('release check passed');
  return problems.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
);
