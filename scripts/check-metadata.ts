/**
 * Gate `check:metadata`:
 * 1. `sfdx-project.json` and every scratch definition `config/*scratch-def.json` (the default one, and the other org
 *    shapes the Apex tests run on) validate against @salesforce/schemas (Ajv).
 * 2. Every package directory converts to Metadata API format with @salesforce/source-deploy-retrieve (the
 *    library `sf project convert source` and deploys use), honouring .forceignore. The output lands in
 *    reports/metadata/ and is checked: no TypeScript, tests, tsconfig or jest mocks in the package, an LWC
 *    bundle always carries its generated `.js`, and every apiVersion is the project's sourceApiVersion.
 * 3. Every label, custom permission, Apex method and schema reference a component imports exists in the package
 *    (lwc-references.ts): a deploy would fail on them, nothing else offline checks them.
 * 4. The static resource ContractVectors is exactly what `npm run contract:vectors` writes from contract/examples
 *    (contract/conformance.ts): the Apex conformance test must run the vectors the TypeScript tests run.
 * SDR writes state under $HOME: it is pointed at `.home/` inside the checkout.
 * SDR 13.7 (and @salesforce/core 9 under it) declare Node >= 22; on Node 20 the conversion used here works
 * (npm only warns EBADENGINE) and tests/pipeline/metadata-gate.test.ts proves it on every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { LWC_DIR, REPORTS_DIR, ROOT, rel } from './lib/paths';
import { gateResult, runMain, type GateResult } from './lib/gate';
import { transpileLwc } from './build-lwc';
import { checkLwcReferences } from './lwc-references';
import { BUNDLE_RESOURCE, bundleDrift } from '../contract/conformance';

interface SfdxProject {
  packageDirectories: { path: string }[];
  sourceApiVersion: string;
}

/** Validates a JSON file against a JSON Schema file; returns `file: path message` lines. */
export function validateJson(file: string, schemaFile: string): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return [`${rel(file)}: not valid JSON (${error instanceof Error ? error.message : String(error)})`];
  }
  if (validate(data)) {
    return [];
  }
  return (validate.errors ?? []).map(
    (e) =>
      `${rel(file)}: ${e.instancePath || '/'} ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`
  );
}

function walkFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walkFiles(full) : [full];
  });
}

/** Problems in a converted (Metadata API format) package folder. */
export function inspectConverted(outputDir: string, apiVersion: string): string[] {
  const problems: string[] = [];
  const files = walkFiles(outputDir);
  for (const file of files) {
    const name = path.basename(file);
    const relative = path.relative(outputDir, file).split(path.sep).join('/');
    if (/\.ts$/.test(name) || /(^|\/)__(tests|mocks)__\//.test(relative) || /^(ts|js)config\.json$/.test(name)) {
      problems.push(`package contains ${relative}: development-only files must be excluded by .forceignore`);
    }
    if (name.endsWith('.xml')) {
      const version = /<apiVersion>([^<]+)<\/apiVersion>/.exec(fs.readFileSync(file, 'utf8'));
      if (version && version[1].trim() !== apiVersion && name !== 'package.xml') {
        problems.push(`${relative}: apiVersion ${version[1].trim()} (project is ${apiVersion})`);
      }
    }
  }
  const lwcRoot = path.join(outputDir, 'lwc');
  if (fs.existsSync(lwcRoot)) {
    for (const bundle of fs.readdirSync(lwcRoot)) {
      if (!fs.existsSync(path.join(lwcRoot, bundle, `${bundle}.js`))) {
        problems.push(`lwc/${bundle}: no ${bundle}.js in the package (run npm run build:lwc before converting)`);
      }
    }
  }
  return problems;
}

/** Converts `packageDir` to Metadata API format in `outputDir`; returns component counts per type. */
export async function convertSource(packageDir: string, outputDir: string): Promise<Record<string, number>> {
  // SDR keeps state under $HOME; keep it inside the checkout (git-ignored .home/).
  const home = path.join(ROOT, '.home');
  fs.mkdirSync(home, { recursive: true });
  process.env.HOME = home;
  const { ComponentSet, MetadataConverter } = await import('@salesforce/source-deploy-retrieve');
  const components = ComponentSet.fromSource(packageDir);
  fs.rmSync(outputDir, { recursive: true, force: true });
  await new MetadataConverter().convert(components, 'metadata', {
    type: 'directory',
    outputDirectory: outputDir,
    genUniqueDir: false
  });
  const counts: Record<string, number> = {};
  for (const component of components.getSourceComponents()) {
    counts[component.type.name] = (counts[component.type.name] ?? 0) + 1;
  }
  return counts;
}

/** The scratch definitions of a project: `config/project-scratch-def.json` and every other `config/*scratch-def.json`. */
export function scratchDefinitions(projectDir: string): string[] {
  const config = path.join(projectDir, 'config');
  const others = fs.existsSync(config) ? fs.readdirSync(config).filter((f) => f.endsWith('scratch-def.json')) : [];
  return [...new Set(['project-scratch-def.json', ...others.sort()])].map((f) => path.join(config, f));
}

/** The whole gate on one project folder (sfdx-project.json, config/, package directories). */
export async function checkMetadata(projectDir: string, outputRoot: string): Promise<GateResult> {
  const projectFile = path.join(projectDir, 'sfdx-project.json');
  const schemas = path.join(ROOT, 'node_modules/@salesforce/schemas');
  const errors = [
    ...validateJson(projectFile, path.join(schemas, 'sfdx-project.schema.json')),
    ...scratchDefinitions(projectDir).flatMap((file) =>
      validateJson(file, path.join(schemas, 'project-scratch-def.schema.json'))
    )
  ];
  const info: string[] = [];
  const project = JSON.parse(fs.readFileSync(projectFile, 'utf8')) as SfdxProject;
  for (const dir of project.packageDirectories) {
    const outputDir = path.join(outputRoot, dir.path);
    try {
      const counts = await convertSource(path.join(projectDir, dir.path), outputDir);
      const summary = Object.entries(counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, n]) => `${type} ${n}`)
        .join(', ');
      info.push(`${dir.path} -> ${rel(outputDir)}: ${summary || 'no components'}`);
      errors.push(...inspectConverted(outputDir, project.sourceApiVersion).map((p) => `${dir.path}: ${p}`));
      errors.push(...checkLwcReferences(path.join(projectDir, dir.path)));
    } catch (error) {
      errors.push(`${dir.path}: conversion failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return gateResult(errors, info);
}

/**
 * The static resource of the conformance vectors against contract/examples.
 * @param resourceFile the ContractVectors.json to check
 * @returns one problem when it drifted, else none
 */
export function checkContractVectors(resourceFile: string): string[] {
  return bundleDrift(resourceFile).map((problem) => rel(problem.split(' ')[0]) + problem.slice(problem.indexOf(' ')));
}

if (require.main === module) {
  runMain('check:metadata', async () => {
    const transpileErrors = await transpileLwc(LWC_DIR);
    if (transpileErrors.length) {
      return gateResult(transpileErrors);
    }
    const result = await checkMetadata(ROOT, path.join(REPORTS_DIR, 'metadata'));
    return gateResult([...result.errors, ...checkContractVectors(BUNDLE_RESOURCE)], result.info);
  });
}
