/**
 * The command and flag definitions of the project's pinned Salesforce CLI, read offline from the CLI itself: the
 * oclif manifest (`oclif.manifest.json`) of `@salesforce/cli` (whose `jit` entries name the just-in-time plugins, not
 * installed) and of every core plugin it lists in `package.json` `oclif.plugins` (`@salesforce/plugin-*`,
 * `@oclif/plugin-*`), each resolved the way Node resolves it from the CLI's folder. The manifests are what the CLI
 * itself loads to find a command; the flag entries carry names, `char`, `aliases`, `charAliases`, types, `options`,
 * `multiple`, `allowNo`, relationships and deprecations, which `sf-usage.ts` hands to the CLI's own parser
 * (`@oclif/core`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One flag as the oclif manifest stores it (the subset the checks read). */
export interface ManifestFlag {
  name: string;
  type: 'boolean' | 'option';
  char?: string;
  aliases?: string[];
  charAliases?: string[];
  deprecateAliases?: boolean;
  deprecated?: unknown;
  options?: string[];
  multiple?: boolean;
  allowNo?: boolean;
  required?: boolean;
  /** The default is computed when the command runs (e.g. target-org from the CLI's configuration). */
  noCacheDefault?: boolean;
  env?: string;
  hidden?: boolean;
  [key: string]: unknown;
}

export interface ManifestArg {
  name: string;
  required?: boolean;
  [key: string]: unknown;
}

export interface ManifestCommand {
  id: string;
  aliases?: string[];
  permutations?: string[];
  aliasPermutations?: string[];
  deprecateAliases?: boolean;
  deprecationOptions?: unknown;
  state?: string;
  strict?: boolean;
  hidden?: boolean;
  flags: Record<string, ManifestFlag>;
  args: Record<string, ManifestArg>;
  pluginName: string;
  pluginType?: string;
}

/** How a typed command id reached a command: its id, an id permutation (flexible taxonomy), an alias. */
export type CommandSpelling = 'id' | 'permutation' | 'alias';

export interface CommandTable {
  /** Version of @salesforce/cli found in node_modules. */
  cliVersion: string;
  /** Exact version pinned in the project's package.json (devDependencies). */
  pinnedVersion: string | undefined;
  /** Core plugins read, with their versions. */
  plugins: { name: string; version: string }[];
  /** Installed commands by every spelling the CLI accepts ("org:create:scratch", "scratch:org:create", aliases). */
  commands: Map<string, { command: ManifestCommand; spelling: CommandSpelling }>;
  /** Commands of just-in-time plugins (listed by the CLI, installed on first use, not part of the pin). */
  jitCommands: Map<string, ManifestCommand>;
  /** Every topic prefix ("org", "org:create") of installed and just-in-time commands. */
  topics: Set<string>;
  /** Problems with the installation itself (pin mismatch, missing manifest, stale manifest). */
  problems: string[];
}

interface PackageJson {
  name?: string;
  version?: string;
  devDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
  oclif?: { plugins?: string[]; jitPlugins?: Record<string, string> };
}

interface Manifest {
  version?: string;
  commands: Record<string, ManifestCommand>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The folder of package `name` as Node resolves it from `fromDir` (nearest node_modules upwards). */
export function packageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function addTopics(topics: Set<string>, id: string): void {
  const parts = id.split(':');
  for (let i = 1; i < parts.length; i++) topics.add(parts.slice(0, i).join(':'));
}

function addCommand(table: CommandTable, command: ManifestCommand): void {
  const spellings: [string, CommandSpelling][] = [
    [command.id, 'id'],
    ...(command.permutations ?? []).map((p): [string, CommandSpelling] => [p, 'permutation']),
    ...(command.aliases ?? []).map((a): [string, CommandSpelling] => [a, 'alias']),
    ...(command.aliasPermutations ?? []).map((a): [string, CommandSpelling] => [a, 'alias'])
  ];
  for (const [spelling, kind] of spellings) {
    const known = table.commands.get(spelling);
    // The canonical id wins over another command's permutation or alias of the same words.
    if (!known || (known.spelling !== 'id' && kind === 'id')) table.commands.set(spelling, { command, spelling: kind });
  }
  addTopics(table.topics, command.id);
}

/**
 * The project's own plugin (`sf modjo …`, linked with `sf plugins link .`): its commands come from the manifest
 * `npm run build:cli` writes from the compiled command classes (`dist/cli/oclif.manifest.json`).
 */
function addProjectPlugin(table: CommandTable, projectRoot: string, projectPackage: PackageJson): void {
  if (!projectPackage.oclif) return;
  const file = join(projectRoot, 'dist', 'cli', 'oclif.manifest.json');
  if (!existsSync(file)) {
    table.problems.push(
      'the manifest of the project plugin (dist/cli/oclif.manifest.json) is missing: run npm run build:cli'
    );
    return;
  }
  for (const command of Object.values(readJson<Manifest>(file).commands)) addCommand(table, command);
}

/**
 * Reads the command table of the CLI installed under `projectRoot/node_modules` (`@salesforce/cli`), and compares
 * its version with the exact pin of `projectRoot/package.json`.
 */
export function loadCommandTable(projectRoot: string): CommandTable {
  const cliDir = packageDir('@salesforce/cli', projectRoot);
  if (!cliDir) throw new Error(`@salesforce/cli is not installed under ${projectRoot}/node_modules: run npm ci`);
  const cliPackage = readJson<PackageJson>(join(cliDir, 'package.json'));
  const projectPackage = readJson<PackageJson>(join(projectRoot, 'package.json'));
  const table: CommandTable = {
    cliVersion: cliPackage.version ?? '',
    pinnedVersion:
      projectPackage.devDependencies?.['@salesforce/cli'] ?? projectPackage.dependencies?.['@salesforce/cli'],
    plugins: [],
    commands: new Map(),
    jitCommands: new Map(),
    topics: new Set(),
    problems: []
  };
  if (table.pinnedVersion !== table.cliVersion) {
    table.problems.push(
      `package.json pins @salesforce/cli ${table.pinnedVersion ?? '(nothing)'} but node_modules holds ${table.cliVersion}: run npm ci`
    );
  }
  const cliManifest = readJson<Manifest>(join(cliDir, 'oclif.manifest.json'));
  for (const command of Object.values(cliManifest.commands)) {
    if (command.pluginType === 'jit') {
      table.jitCommands.set(command.id, command);
      for (const alias of command.aliases ?? []) table.jitCommands.set(alias, command);
      addTopics(table.topics, command.id);
    } else {
      addCommand(table, command);
    }
  }
  addProjectPlugin(table, projectRoot, projectPackage);
  for (const plugin of cliPackage.oclif?.plugins ?? []) {
    const dir = packageDir(plugin, cliDir);
    if (!dir || !existsSync(join(dir, 'oclif.manifest.json'))) {
      table.problems.push(`core plugin ${plugin} of @salesforce/cli ${table.cliVersion} has no oclif.manifest.json`);
      continue;
    }
    const version = readJson<PackageJson>(join(dir, 'package.json')).version ?? '';
    const manifest = readJson<Manifest>(join(dir, 'oclif.manifest.json'));
    if (manifest.version !== version) {
      table.problems.push(`${plugin} ${version} ships a manifest of version ${manifest.version ?? '(none)'}`);
    }
    table.plugins.push({ name: plugin, version });
    for (const command of Object.values(manifest.commands)) addCommand(table, command);
  }
  return table;
}
