/**
 * The sample data in data/ is written around one day, SAMPLE_ANCHOR_DATE. Matching compares dates (an Opportunity is
 * a candidate only inside a window of days around the call), so an org seeded months later would match nothing. This
 * module copies the plan, its record files and the sample calls with every date moved by the same number of days, so
 * that the anchor day becomes the day of seeding; everything else is copied unchanged.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SAMPLE_ANCHOR_DATE = '2026-11-27';

/** Record fields holding a date (YYYY-MM-DD) in the tree files. */
const RECORD_DATE_FIELDS = new Set(['CloseDate', 'ActivityDate']);
/** Payload properties holding a date-time (RFC 3339) in the sample calls, at any depth. */
const PAYLOAD_DATE_TIME_KEYS = new Set(['startedAt', 'updatedAt', 'createdAt']);

const DAY_MS = 86_400_000;

/** Whole days from the anchor to `today` (UTC calendar days). */
export function daysSinceAnchor(today: Date, anchor: string = SAMPLE_ANCHOR_DATE): number {
  const start = Date.parse(`${anchor}T00:00:00Z`);
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((now - start) / DAY_MS);
}

/** Moves the calendar date at the start of `value` ("YYYY-MM-DD…") by `days`, keeping the rest (time, offset). */
export function shiftDateText(value: string, days: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) throw new Error(`not a date: ${value}`);
  const moved = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + days * DAY_MS);
  return moved.toISOString().slice(0, 10) + value.slice(10);
}

function shiftDeep(value: unknown, days: number, keys: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftDeep(v, days, keys));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        keys.has(k) && typeof v === 'string' ? shiftDateText(v, days) : shiftDeep(v, days, keys)
      ])
    );
  }
  return value;
}

export function shiftRecords(tree: { records: Record<string, unknown>[] }, days: number): typeof tree {
  return shiftDeep(tree, days, RECORD_DATE_FIELDS) as typeof tree;
}

export function shiftPayload(payload: unknown, days: number): unknown {
  return shiftDeep(payload, days, PAYLOAD_DATE_TIME_KEYS);
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Writes `<outDir>/plan.json`, the record files it names and `<outDir>/payloads/*.json`, dates moved by `days`.
 * Returns the files written, relative to outDir.
 */
export function writeShiftedSampleData(dataDir: string, outDir: string, days: number): string[] {
  const written: string[] = [];
  const plan = JSON.parse(readFileSync(join(dataDir, 'plan.json'), 'utf8')) as { sobject: string; files: string[] }[];
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(dataDir, 'plan.json'), join(outDir, 'plan.json'));
  written.push('plan.json');
  for (const file of plan.flatMap((part) => part.files)) {
    const tree = JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as { records: Record<string, unknown>[] };
    writeJson(join(outDir, file), shiftRecords(tree, days));
    written.push(file);
  }
  for (const name of readdirSync(join(dataDir, 'payloads'))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const payload = JSON.parse(readFileSync(join(dataDir, 'payloads', name), 'utf8')) as unknown;
    writeJson(join(outDir, 'payloads', name), shiftPayload(payload, days));
    written.push(`payloads/${name}`);
  }
  return written;
}
