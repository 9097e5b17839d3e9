import fs from 'node:fs';
import path from 'node:path';

/** One LWC bundle folder: `<lwcDir>/<name>/` with its entry `<name>.ts`. */
export interface LwcBundle {
  name: string;
  dir: string;
  /** `<name>.ts`, the TypeScript entry (undefined for a bundle without TypeScript source). */
  tsEntry?: string;
}

/** Lists the bundles of an `lwc` folder (sub-folders holding a `<name>.js-meta.xml`). */
export function listBundles(lwcDir: string): LwcBundle[] {
  if (!fs.existsSync(lwcDir)) {
    return [];
  }
  return fs
    .readdirSync(lwcDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== '__tests__')
    .map((entry) => path.join(lwcDir, entry.name))
    .filter((dir) => fs.existsSync(path.join(dir, `${path.basename(dir)}.js-meta.xml`)))
    .map((dir) => {
      const name = path.basename(dir);
      const tsEntry = path.join(dir, `${name}.ts`);
      return { name, dir, tsEntry: fs.existsSync(tsEntry) ? tsEntry : undefined };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every file of a bundle whose name passes `keep`, recursively, tests and mocks left out; sorted. */
export function bundleFilesMatching(bundle: LwcBundle, keep: (fileName: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__' && entry.name !== '__mocks__') {
          walk(full);
        }
      } else if (keep(entry.name)) {
        out.push(full);
      }
    }
  };
  walk(bundle.dir);
  return out.sort();
}

/** Every `.ts` source of a bundle (not tests, not declarations), recursively. */
export function bundleSources(bundle: LwcBundle): string[] {
  return bundleFilesMatching(bundle, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));
}
