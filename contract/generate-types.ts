/**
 * Generates `contract/types/call-payload.ts` from `contract/call-payload.schema.json` with
 * json-schema-to-typescript, formatted with the repository's Prettier config.
 *
 *   npm run contract:types            write the file
 *   npm run contract:types -- --check [file]   exit 1 when the file (default: the types file) differs from
 *                                              what the schema generates (drift)
 *
 * tests/contract/types.test.ts runs the check in a child process (Prettier 3 needs native ESM, which Jest's
 * CommonJS sandbox lacks).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from 'json-schema-to-typescript';
import type { JSONSchema4 } from 'json-schema';
import * as prettier from 'prettier';

export const CONTRACT_DIR = __dirname;
export const SCHEMA_FILE = path.join(CONTRACT_DIR, 'call-payload.schema.json');
export const TYPES_FILE = path.join(CONTRACT_DIR, 'types', 'call-payload.ts');

const BANNER = [
  '/**',
  ' * GENERATED from contract/call-payload.schema.json by `npm run contract:types` (json-schema-to-typescript).',
  ' * Do not edit: change the schema and regenerate. tests/contract/types.test.ts fails when this file drifts.',
  ' */'
].join('\n');

/**
 * Renders the TypeScript types of the call payload, formatted like the repository.
 * @returns the content of contract/types/call-payload.ts
 */
export async function renderTypes(): Promise<string> {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as JSONSchema4;
  const raw = await compile(schema, 'CallPayload', {
    bannerComment: BANNER,
    additionalProperties: false,
    declareExternallyReferenced: true,
    format: false,
    strictIndexSignatures: true,
    unknownAny: true,
    cwd: CONTRACT_DIR
  });
  const options = (await prettier.resolveConfig(TYPES_FILE)) ?? {};
  return prettier.format(raw, { ...options, filepath: TYPES_FILE });
}

async function main(): Promise<void> {
  const rendered = await renderTypes();
  if (process.argv.includes('--check')) {
    const against = process.argv[process.argv.indexOf('--check') + 1];
    const file = against && !against.startsWith('--') ? path.resolve(against) : TYPES_FILE;
    const current = readFileSync(file, 'utf8');
    if (current !== rendered) {
      console.error(`${path.relative(process.cwd(), file)} is out of date: run npm run contract:types`);
      process.exit(1);
    }
    console.log('contract types are up to date');
    return;
  }
  writeFileSync(TYPES_FILE, rendered);
  console.log(`wrote ${path.relative(process.cwd(), TYPES_FILE)}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
