/**
 * Scenarios: what a component page shows. A scenario file `workbench/scenarios/<component>.json` holds
 * `{ "scenarios": [ … ] }`; every scenario gives the component's public properties (`props`), the answers of the
 * Apex methods it calls (`apex`, keyed `Class.method`: `{ "data": … }`, `{ "error": … }`, `{ "pending": true }`,
 * optionally `cases` per parameters or a `sequence` of answers in turn), `permissions` (custom permissions, granted
 * unless false), optional UI API `records`, what the browser test checks (`expect`) and an optional render budget
 * (`perf`).
 * A component without a scenario file still gets a page (mounted without data).
 *
 * Any value may be a reference to a fixture file instead of inline data, resolved at build time:
 * `{ "$fixture": "cards/call-list.json", "$path": "calls.0", "$repeat": 50 }` reads `fixtures/cards/call-list.json`,
 * takes the value at the dotted path (optional) and, for arrays, repeats/cuts it to `$repeat` items (optional);
 * `"$as": "call"` turns each array item into `{ "call": item }` (a list of props for `perf`);
 * `"$merge": { … }` overrides top-level properties of the fixture object (a deleted call, another status).
 * Fixture files are plain JSON data owned by the component tests; the workbench only reads them.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ScenarioFile {
  scenarios: Array<Record<string, unknown> & { id: string; title: string }>;
}

export interface ResolvedScenario extends Record<string, unknown> {
  id: string;
  title: string;
  source: string;
}

interface FixtureRef {
  $fixture: string;
  $path?: string;
  $repeat?: number;
  $as?: string;
  $merge?: Record<string, unknown>;
}

function isFixtureRef(value: unknown): value is FixtureRef {
  return Boolean(value) && typeof value === 'object' && typeof (value as FixtureRef).$fixture === 'string';
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function atPath(value: unknown, dotted: string | undefined, where: string): unknown {
  if (!dotted) {
    return value;
  }
  return dotted.split('.').reduce<unknown>((current, key) => {
    if (current === null || typeof current !== 'object' || !(key in current)) {
      throw new Error(`${where}: no value at path "${dotted}" (stopped at "${key}")`);
    }
    return (current as Record<string, unknown>)[key];
  }, value);
}

function repeat(value: unknown, count: number | undefined, where: string): unknown {
  if (count === undefined) {
    return value;
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${where}: $repeat needs a non-empty array`);
  }
  return Array.from({ length: count }, (_unused, i) => {
    const item = value[i % value.length] as unknown;
    if (i < value.length || !item || typeof item !== 'object') {
      return item;
    }
    // Copies past the end of the fixture get distinct ids so keyed lists stay valid.
    const copy = JSON.parse(JSON.stringify(item)) as Record<string, unknown>;
    for (const key of Object.keys(copy)) {
      if (/(^id$|Id$)/.test(key) && typeof copy[key] === 'string') {
        copy[key] = `${String(copy[key])}-${i}`;
      }
    }
    return copy;
  });
}

/** Replaces every `$fixture` reference inside `value` by the fixture data it points to. */
export function resolveFixtures(value: unknown, fixturesDir: string, where: string): unknown {
  if (isFixtureRef(value)) {
    const file = path.resolve(fixturesDir, value.$fixture);
    if (!file.startsWith(path.resolve(fixturesDir) + path.sep)) {
      throw new Error(`${where}: fixture path leaves the fixtures folder: ${value.$fixture}`);
    }
    if (!fs.existsSync(file)) {
      throw new Error(`${where}: fixture not found: ${value.$fixture}`);
    }
    let data = repeat(atPath(readJson(file), value.$path, `${where} → ${value.$fixture}`), value.$repeat, where);
    if (value.$merge !== undefined) {
      if (!data || typeof data !== 'object' || Array.isArray(data)) {
        throw new Error(`${where}: $merge needs an object`);
      }
      data = { ...(data as Record<string, unknown>), ...value.$merge };
    }
    if (value.$as === undefined) {
      return data;
    }
    if (!Array.isArray(data)) {
      throw new Error(`${where}: $as needs an array`);
    }
    return data.map((item: unknown) => ({ [value.$as as string]: item }));
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => resolveFixtures(item, fixturesDir, `${where}[${i}]`));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveFixtures(item, fixturesDir, `${where}.${key}`)])
    );
  }
  return value;
}

/** Reads and resolves one scenario file; ids must be unique and URL-safe. */
export function loadScenarioFile(file: string, fixturesDir: string, repoRoot: string): ResolvedScenario[] {
  const parsed = readJson(file) as ScenarioFile;
  const source = path.relative(repoRoot, file);
  if (!parsed || !Array.isArray(parsed.scenarios)) {
    throw new Error(`${source}: expected { "scenarios": [ … ] }`);
  }
  const seen = new Set<string>();
  return parsed.scenarios.map((scenario, index) => {
    const where = `${source} scenarios[${index}]`;
    if (typeof scenario.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(scenario.id)) {
      throw new Error(`${where}: id must be kebab-case`);
    }
    if (seen.has(scenario.id)) {
      throw new Error(`${where}: duplicate id ${scenario.id}`);
    }
    seen.add(scenario.id);
    if (typeof scenario.title !== 'string' || !scenario.title) {
      throw new Error(`${where}: title is required`);
    }
    return {
      ...(resolveFixtures(scenario, fixturesDir, where) as Record<string, unknown>),
      source
    } as ResolvedScenario;
  });
}
