/**
 * Runs what `sf package create --name "Modjo for Salesforce" --package-type Managed --path force-app` does after the
 * Dev Hub answered, offline: the pinned CLI's own `createPackage` (@salesforce/packaging, as
 * @salesforce/plugin-packaging calls it) against a simulated Dev Hub, on the project at ROOT (a copy). It updates
 * ROOT/sfdx-project.json exactly as the CLI would, unless SF_PROJECT_AUTOUPDATE_DISABLE_FOR_PACKAGE_CREATE=true.
 *
 *   tsx tests/release/package-create-offline.ts ROOT
 *
 * Prints the JSON the command would print ({"Id": "0Ho…"}).
 */
import { join } from 'node:path';
import { PLACEHOLDER_PACKAGE_ID, fakeDevHub, loadCliLibraries } from '../../scripts/org/lib/project-file';

async function main(root: string): Promise<void> {
  const libraries = loadCliLibraries(join(__dirname, '..', '..'));
  libraries.SfProject.clearInstances();
  const project = await libraries.SfProject.resolve(root);
  const hub = fakeDevHub(PLACEHOLDER_PACKAGE_ID, []);
  // The options PackageCreateCommand.run() passes for these flags.
  const result = await libraries.createPackage(hub.connection, project, {
    description: '',
    errorNotificationUsername: undefined,
    name: 'Modjo for Salesforce',
    noNamespace: false,
    orgDependent: false,
    packageType: 'Managed',
    path: 'force-app'
  });
  console.log(JSON.stringify(result));
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = 1;
});
