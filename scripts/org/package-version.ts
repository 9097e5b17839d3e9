/**
 * Reads the `--json` output of `sf package version create` and prints the subscriber install URL.
 *
 *   tsx scripts/org/package-version.ts reports/package/version-create.json
 *
 * Exits 1 when the version was not created (the CLI's error message is printed). Writes the URLs to
 * $GITHUB_STEP_SUMMARY when set.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

import { installUrls, readPackageVersionResult, type PackageVersionOutcome } from './lib/package-version';

function main(argv: string[]): number {
  const file = argv[0];
  if (!file || file === '--help' || file === '-h') {
    console.log('Usage: tsx scripts/org/package-version.ts <sf package version create --json output file>');
    return file ? 0 : 2;
  }
  if (!existsSync(file)) {
    console.error(`package-version: ${file} does not exist (the create step did not run)`);
    return 1;
  }
  let outcome: PackageVersionOutcome;
  try {
    outcome = readPackageVersionResult(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    console.error(`package-version: ${file} is not JSON: ${(error as Error).message}`);
    return 1;
  }
  if (!outcome.ok || !outcome.subscriberPackageVersionId) {
    console.error(`package-version: the package version was not created: ${outcome.message}`);
    return 1;
  }
  const urls = installUrls(outcome.subscriberPackageVersionId);
  console.log(outcome.message);
  console.log(`Install URL (production, Developer Edition): ${urls.production}`);
  console.log(`Install URL (sandbox):                        ${urls.sandbox}`);
  if (process.env.GITHUB_ACTIONS) console.log(`::notice title=Install URL::${urls.production}`);
  if (process.env.GITHUB_STEP_SUMMARY) {
    appendFileSync(
      process.env.GITHUB_STEP_SUMMARY,
      `### Package version ${outcome.subscriberPackageVersionId}\n\n- Production: ${urls.production}\n- Sandbox: ${urls.sandbox}\n`
    );
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
