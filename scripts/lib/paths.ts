import path from 'node:path';

/** Root of the checkout (scripts/lib/ is two levels below it). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The LWC source folder of the package. */
export const LWC_DIR = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');

/** Where gates write their reports. */
export const REPORTS_DIR = path.join(ROOT, 'reports');

/** Repository-relative, forward-slash form of a path, for messages. */
export function rel(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/') || '.';
}
