/**
 * Finds the LWC components to show by listing their folders (no hard-coded list): a component is a folder
 * `<name>/` holding `<name>.ts` (TypeScript is the only source; generated `.js` files are ignored).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ComponentInfo {
  /** camelCase bundle name, e.g. `callCard`. */
  name: string;
  /** Custom element tag, e.g. `c-call-card`. */
  tag: string;
  /** Absolute path of the `.ts` entry. */
  entry: string;
  /** Absolute path of the bundle folder. */
  dir: string;
  /** Whether the bundle has a template (service components have none and get no page). */
  hasTemplate: boolean;
}

/** `callCard` → `c-call-card` (the platform's kebab-case rule for tag names). */
export function tagName(name: string, namespace = 'c'): string {
  return `${namespace}-${name.replace(/[A-Z]/g, (ch) => '-' + ch.toLowerCase())}`;
}

/** Lists the components of each root folder, in name order; later roots do not override earlier names. */
export function discoverComponents(roots: string[]): ComponentInfo[] {
  const found = new Map<string, ComponentInfo>();
  for (const root of roots) {
    if (!fs.existsSync(root)) {
      continue;
    }
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('.')) {
        continue;
      }
      const dir = path.join(root, entry.name);
      const ts = path.join(dir, `${entry.name}.ts`);
      if (!fs.existsSync(ts) || found.has(entry.name)) {
        continue;
      }
      found.set(entry.name, {
        name: entry.name,
        tag: tagName(entry.name),
        entry: ts,
        dir,
        hasTemplate: fs.existsSync(path.join(dir, `${entry.name}.html`))
      });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
