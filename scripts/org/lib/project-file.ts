/**
 * The Salesforce CLI's own checks of `sfdx-project.json`, run offline with the pinned CLI's libraries (the copies of
 * `@salesforce/packaging` and `@salesforce/core` that `@salesforce/plugin-packaging` loads):
 * 1. `SfProject.resolve` (reads the file, refuses upper-case keys) and `SfProjectJson.schemaValidateSync` with
 *    `SFDX_PROJECT_JSON_VALIDATION=true` (the CLI's zod schema; the CLI only warns by default, and refuses with
 *    `sf package version create --validate-schema`);
 * 2. `SfProject.getPackageDirectories`: one default directory (`SingleNonDefaultPackageError` when the only one says
 *    `"default": false`, `MissingDefaultPathError`, `MultipleDefaultPathsError`), every path relative and existing;
 * 3. the client side of `sf package version create --package <name> --code-coverage --installation-key …`: the
 *    library's `PackageVersionCreate.packageVersionCreate()` runs against a simulated Dev Hub (`fakeDevHub`) whose
 *    promoted versions are the releases the repository records, up to the request it would send (which the simulated
 *    hub refuses, ending the run). This covers the package directory and alias lookup, the 0Ho id, the definition
 *    file and its settings, the version number, the conversion of the sources, and the ancestor rules
 *    (`errorAncestorNotHighest`, `errorNoMatchingAncestor`, `errorAncestorNoneNotAllowed`, …).
 * The project's ancestor rule (docs/releasing.md) is checked beside it: before the first promoted version no ancestor
 * is set (`HIGHEST` then fails); from the second version on, `ancestorVersion` (or `ancestorId`) is `HIGHEST`.
 * The libraries would write a log under ~/.sf: SF_DISABLE_LOG_FILE=true is set first.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageDir } from './sf-commands';

export const PLACEHOLDER_PACKAGE_ID = '0Ho000000000000AAA';
const STOP = 'offline release check: the simulated Dev Hub stops before the package version request is sent';

export interface ReleasedVersion {
  /** "0.1.0" */
  version: string;
}

export interface ProjectCheck {
  problems: string[];
  info: string[];
}

interface SfError extends Error {
  name: string;
}

interface SfProjectJsonApi {
  getContents(): { packageAliases?: Record<string, string> } & Record<string, unknown>;
  set(key: string, value: unknown): void;
  schemaValidateSync(): void;
}

interface SfProjectApi {
  getSfProjectJson(): SfProjectJsonApi;
  getPackageDirectories(): PackageDirectory[];
}

export interface PackageDirectory {
  path: string;
  package?: string;
  default?: boolean;
  versionNumber?: string;
  ancestorVersion?: string;
  ancestorId?: string;
  definitionFile?: string;
}

interface CliLibraries {
  SfProject: { resolve(path: string): Promise<SfProjectApi>; clearInstances(): void };
  PackageVersionCreate: new (options: Record<string, unknown>) => { packageVersionCreate(): Promise<unknown> };
  JSZip: { loadAsync(data: string, options: { base64: boolean }): Promise<JsZip> };
  createPackage: (connection: unknown, project: SfProjectApi, options: Record<string, unknown>) => Promise<unknown>;
}

interface JsZip {
  file(name: string): { async(type: 'string'): Promise<string> } | null;
}

/** The packaging and core libraries exactly as the pinned CLI's packaging plugin loads them. */
export function loadCliLibraries(projectRoot: string): CliLibraries {
  process.env.SF_DISABLE_LOG_FILE = 'true';
  const cliDir = packageDir('@salesforce/cli', projectRoot);
  const pluginDir = cliDir && packageDir('@salesforce/plugin-packaging', cliDir);
  if (!pluginDir) throw new Error('@salesforce/plugin-packaging of the pinned CLI is not installed: run npm ci');
  const fromPlugin = createRequire(join(pluginDir, 'package.json'));
  const fromPackaging = createRequire(fromPlugin.resolve('@salesforce/packaging'));
  const project = fromPackaging('@salesforce/core/project') as Pick<CliLibraries, 'SfProject'>;
  const create = fromPackaging('@salesforce/packaging/lib/package/packageVersionCreate') as Pick<
    CliLibraries,
    'PackageVersionCreate'
  >;
  const packageCreate = fromPackaging('@salesforce/packaging/lib/package/packageCreate') as Pick<
    CliLibraries,
    'createPackage'
  >;
  return {
    SfProject: project.SfProject,
    PackageVersionCreate: create.PackageVersionCreate,
    createPackage: packageCreate.createPackage,
    JSZip: fromPackaging('jszip') as CliLibraries['JSZip']
  };
}

function describe(error: unknown): string {
  const e = error as SfError;
  return e instanceof Error ? `${e.name}: ${e.message}` : String(error);
}

interface VersionRecord {
  Id: string;
  SubscriberPackageVersionId: string;
  Package2Id: string;
  MajorVersion: number;
  MinorVersion: number;
  PatchVersion: number;
  BuildNumber: number;
  IsReleased: boolean;
  IsDeprecated: boolean;
}

/** Evaluates the simple tooling queries of the packaging library over a table (`A = 'x' AND B = True …`). */
function answer(query: string, records: VersionRecord[]): { totalSize: number; done: boolean; records: unknown[] } {
  const match =
    /^SELECT\s+(.+?)\s+FROM\s+Package2Version(?:\s+WHERE\s+(.+?))?(?:\s+ORDER BY\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$/i.exec(
      query.trim()
    );
  if (!match) throw new Error(`simulated Dev Hub cannot answer: ${query}`);
  const conditions = (match[2] ?? '').split(/\s+AND\s+/i).filter((c) => c !== '');
  let rows = records.filter((record) =>
    conditions.every((condition) => {
      const c = /^(\w+)\s*=\s*('([^']*)'|True|False|\d+)$/i.exec(condition.trim());
      if (!c) throw new Error(`simulated Dev Hub cannot evaluate "${condition}" in: ${query}`);
      const value = c[3] ?? (/^true$/i.test(c[2]) ? true : /^false$/i.test(c[2]) ? false : Number(c[2]));
      return (record as unknown as Record<string, unknown>)[c[1]] === value;
    })
  );
  for (const order of (match[3] ?? '').split(',').reverse()) {
    const [field, direction] = order.trim().split(/\s+/);
    if (!field) continue;
    const sign = /^desc$/i.test(direction ?? '') ? -1 : 1;
    rows = [...rows].sort(
      (a, b) =>
        sign *
        (Number((a as unknown as Record<string, number>)[field]) -
          Number((b as unknown as Record<string, number>)[field]))
    );
  }
  if (match[4]) rows = rows.slice(0, Number(match[4]));
  return { totalSize: rows.length, done: true, records: rows };
}

/** Ids the simulated Dev Hub gives to the promoted version `index` (05i… and 04t…). */
export function simulatedIds(index: number): { id: string; subscriberId: string } {
  const n = String(index + 1).padStart(12, '0');
  return { id: `05i${n}AAA`, subscriberId: `04t${n}AAA` };
}

/**
 * A Dev Hub that holds the managed package `packageId` with the given promoted versions, as the tooling API answers
 * the packaging library; it records the package version request and refuses it (STOP).
 */
export function fakeDevHub(packageId: string, released: string[]) {
  const records: VersionRecord[] = released.map((version, index) => {
    const [major, minor, patch] = version.split('.').map(Number);
    const ids = simulatedIds(index);
    return {
      Id: ids.id,
      SubscriberPackageVersionId: ids.subscriberId,
      Package2Id: packageId,
      MajorVersion: major,
      MinorVersion: minor,
      PatchVersion: patch,
      BuildNumber: 1,
      IsReleased: true,
      IsDeprecated: false
    };
  });
  const requests: Record<string, unknown>[] = [];
  const created: Record<string, unknown>[] = [];
  const tooling = {
    query: async (query: string) => answer(query, records),
    sobject: (type: string) => ({
      retrieve: async (id: string) =>
        type === 'Package2' && id === packageId ? { Id: id, ContainerOptions: 'Managed' } : null,
      create: async (request: Record<string, unknown>) => {
        created.push({ type, ...request });
        return { success: true, id: PLACEHOLDER_PACKAGE_ID, errors: [] };
      }
    }),
    create: async (_type: string, request: Record<string, unknown>) => {
      requests.push(request);
      return { success: false, errors: [STOP] };
    }
  };
  return {
    connection: { tooling, getApiVersion: () => '65.0', getUsername: () => 'devhub@offline.check' },
    requests,
    created,
    records
  };
}

/** The project's rule for the ancestor fields (docs/releasing.md, "The second managed version"). */
export function ancestorProblems(dir: PackageDirectory, released: string[]): string[] {
  const values = [dir.ancestorVersion, dir.ancestorId].filter((v): v is string => v !== undefined);
  if (released.length === 0) {
    return values.length === 0
      ? []
      : [
          `sfdx-project.json sets ${dir.ancestorVersion !== undefined ? `ancestorVersion "${dir.ancestorVersion}"` : `ancestorId "${dir.ancestorId}"`} before any version was promoted (CHANGELOG.md has no release below ${dir.versionNumber}): the first managed version has no ancestor, and "HIGHEST" fails with no promoted version (remove the field)`
        ];
  }
  const highest = released[released.length - 1];
  if (values.length === 0 || values.some((v) => v !== 'HIGHEST')) {
    return [
      `sfdx-project.json must set "ancestorVersion": "HIGHEST" now that ${highest} was promoted (CHANGELOG.md): without it sf package version create fails (errorAncestorNotHighest); found ${values.length === 0 ? 'no ancestor' : values.map((v) => `"${v}"`).join(' and ')}`
    ];
  }
  return [];
}

/** The package2-descriptor.json the CLI put in the request it would send (ancestorId and the rest). */
async function requestDescriptor(
  libraries: CliLibraries,
  request: Record<string, unknown>
): Promise<Record<string, unknown>> {
  const zip = await libraries.JSZip.loadAsync(String(request.VersionInfo), { base64: true });
  const file = zip.file('package2-descriptor.json');
  return file ? (JSON.parse(await file.async('string')) as Record<string, unknown>) : {};
}

/** Runs the client side of `sf package version create` (see the file comment) and returns what it refused. */
async function simulatePackageVersionCreate(
  libraries: CliLibraries,
  project: SfProjectApi,
  packageName: string,
  released: string[]
): Promise<ProjectCheck> {
  const json = project.getSfProjectJson();
  const aliases = json.getContents().packageAliases ?? {};
  const packageId = aliases[packageName] ?? PLACEHOLDER_PACKAGE_ID;
  if (!aliases[packageName]) json.set('packageAliases', { ...aliases, [packageName]: PLACEHOLDER_PACKAGE_ID });
  const hub = fakeDevHub(packageId, released);
  const create = new libraries.PackageVersionCreate({
    connection: hub.connection,
    project,
    packageId: packageName,
    codecoverage: true,
    installationkey: 'offline-check'
  });
  const warnings: string[] = [];
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error) => {
    warnings.push(typeof warning === 'string' ? warning : warning.message);
  }) as typeof process.emitWarning;
  try {
    await create.packageVersionCreate();
    return { problems: ['sf package version create (simulated) ended without reaching the Dev Hub request'], info: [] };
  } catch (error) {
    if (!String((error as Error).message).includes(STOP) || hub.requests.length !== 1) {
      return {
        problems: [`sf package version create would fail: ${describe(error)}`],
        info: warnings.map((w) => `CLI warning: ${w.split('\n')[0]}`)
      };
    }
  } finally {
    process.emitWarning = emitWarning;
  }
  const descriptor = await requestDescriptor(libraries, hub.requests[0]);
  const ancestor = hub.records.find((r) => r.Id === descriptor.ancestorId);
  return {
    problems: [],
    info: [
      `sf package version create (client side, simulated Dev Hub with ${released.length === 0 ? 'no promoted version' : `promoted ${released.join(', ')}`}): request ready, versionNumber ${String(descriptor.versionNumber)}, ancestor ${ancestor ? `${ancestor.MajorVersion}.${ancestor.MinorVersion}.${ancestor.PatchVersion}` : 'none'}`,
      ...warnings.map((w) => `CLI warning: ${w.split('\n')[0]}`)
    ]
  };
}

/**
 * Every check of the file comment over the project at `root`, with the CLI installed under `cliRoot`. `released`
 * lists the promoted versions ("X.Y.Z", oldest first) the repository records.
 */
export async function checkProjectFile(
  root: string,
  options: { cliRoot: string; packageName: string; released: string[] }
): Promise<ProjectCheck> {
  const libraries = loadCliLibraries(options.cliRoot);
  libraries.SfProject.clearInstances();
  let project: SfProjectApi;
  try {
    project = await libraries.SfProject.resolve(root);
  } catch (error) {
    return { problems: [`the CLI cannot read sfdx-project.json: ${describe(error)}`], info: [] };
  }
  const problems: string[] = [];
  const previous = process.env.SFDX_PROJECT_JSON_VALIDATION;
  process.env.SFDX_PROJECT_JSON_VALIDATION = 'true';
  try {
    project.getSfProjectJson().schemaValidateSync();
  } catch (error) {
    problems.push(`sfdx-project.json does not match the CLI's schema: ${describe(error)}`);
  } finally {
    if (previous === undefined) delete process.env.SFDX_PROJECT_JSON_VALIDATION;
    else process.env.SFDX_PROJECT_JSON_VALIDATION = previous;
  }
  let dirs: PackageDirectory[];
  try {
    dirs = project.getPackageDirectories();
  } catch (error) {
    return { problems: [...problems, `the CLI refuses sfdx-project.json: ${describe(error)}`], info: [] };
  }
  const dir = dirs.find((d) => d.package === options.packageName);
  if (!dir) {
    return {
      problems: [...problems, `sfdx-project.json has no package directory for "${options.packageName}"`],
      info: []
    };
  }
  problems.push(...ancestorProblems(dir, options.released));
  const simulated = await simulatePackageVersionCreate(libraries, project, options.packageName, options.released);
  return { problems: [...problems, ...simulated.problems], info: simulated.info };
}
