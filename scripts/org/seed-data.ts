/**
 * Copies the sample data (data/plan.json, its record files, data/payloads) to a folder with every date moved so that
 * the sample day becomes today (see lib/seed-data.ts). Used by scripts/org/seed.sh.
 *
 *   tsx scripts/org/seed-data.ts --out reports/seed/data [--today YYYY-MM-DD]
 */
import { join } from 'node:path';
import { SAMPLE_ANCHOR_DATE, daysSinceAnchor, writeShiftedSampleData } from './lib/seed-data';

function main(argv: string[]): number {
  let out: string | undefined;
  let today = new Date();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1] !== undefined) {
      out = argv[++i];
    } else if (argv[i] === '--today' && /^\d{4}-\d{2}-\d{2}$/.test(argv[i + 1] ?? '')) {
      today = new Date(`${argv[++i]}T12:00:00Z`);
    } else {
      console.error('Usage: tsx scripts/org/seed-data.ts --out DIR [--today YYYY-MM-DD]');
      return 2;
    }
  }
  if (!out) {
    console.error('Usage: tsx scripts/org/seed-data.ts --out DIR [--today YYYY-MM-DD]');
    return 2;
  }
  const days = daysSinceAnchor(today);
  const files = writeShiftedSampleData(join(__dirname, '..', '..', 'data'), out, days);
  console.log(
    `${files.length} sample file(s) written to ${out}, dates moved by ${days} day(s) from ${SAMPLE_ANCHOR_DATE}`
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
