/**
 * Keeps the `c/<bundle>` path mappings of an LWC tsconfig.json in step with the bundles on disk.
 * TypeScript cannot map `c/*` to `<dir>/*\/*` (two wildcards, TS5062), so every bundle gets its own entry.
 *
 *   npx tsx scripts/lwc-paths.ts          check (exit 1 and list the differences when out of date)
 *   npx tsx scripts/lwc-paths.ts --write  rewrite the mappings
 */
import fs from 'node:fs';
import path from 'node:path';
import { LWC_DIR, rel } from './lib/paths';
import { listBundles } from './lib/lwc-bundles';

/** The mappings a folder of bundles needs. */
export function expectedPaths(lwcDir: string): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const bundle of listBundles(lwcDir)) {
    if (bundle.tsEntry) {
      paths[`c/${bundle.name}`] = [`./${bundle.name}/${bundle.name}.ts`];
    }
  }
  return paths;
}

/** Differences between the mappings in `<lwcDir>/tsconfig.json` and the bundles on disk (empty when in step). */
export function checkLwcPaths(lwcDir: string): string[] {
  const config = JSON.parse(fs.readFileSync(path.join(lwcDir, 'tsconfig.json'), 'utf8')) as {
    compilerOptions?: { paths?: Record<string, string[]> };
  };
  const actual = config.compilerOptions?.paths ?? {};
  const expected = expectedPaths(lwcDir);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(expected)) {
    if (JSON.stringify(actual[key]) !== JSON.stringify(value)) {
      problems.push(`missing or wrong mapping "${key}": ${JSON.stringify(value)}`);
    }
  }
  for (const key of Object.keys(actual)) {
    if (!(key in expected)) {
      problems.push(`mapping "${key}" points to no bundle`);
    }
  }
  return problems;
}

/** Rewrites the mappings of `<lwcDir>/tsconfig.json`, leaving the other options as they are. */
export async function writeLwcPaths(lwcDir: string): Promise<void> {
  const file = path.join(lwcDir, 'tsconfig.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { compilerOptions: Record<string, unknown> };
  config.compilerOptions.paths = expectedPaths(lwcDir);
  // Loaded lazily: prettier's CommonJS entry cannot load inside Jest's VM (dynamic import).
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(JSON.stringify(config, null, 4), { ...options, filepath: file }));
}

if (require.main === module) {
  if (process.argv.includes('--write')) {
    void writeLwcPaths(LWC_DIR).then(() =>
      console.log(`Updated the c/* mappings of ${rel(path.join(LWC_DIR, 'tsconfig.json'))}`)
    );
  } else {
    const problems = checkLwcPaths(LWC_DIR);
    problems.forEach((p) => console.error(p));
    process.exitCode = problems.length ? 1 : 0;
  }
}
