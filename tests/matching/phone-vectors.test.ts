/**
 * The phone vectors (static resource PhoneVectors, also read by the Apex test PhoneNumbersTest) agree with
 * libphonenumber-js through tools/lib/phone.ts, and the region table embedded in PhoneNumbers.cls is the
 * one generated from libphonenumber-js metadata.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizePhone, regionTableString } from '../../tools/lib/phone';

interface Vector {
  note: string;
  input: string;
  country: string;
  e164: string | null;
}

const ROOT = join(__dirname, '..', '..');
const VECTORS_PATH = join(ROOT, 'force-app/main/default/staticresources/PhoneVectors.json');
const APEX_PATH = join(ROOT, 'force-app/main/default/classes/matching/PhoneNumbers.cls');
const vectors: Vector[] = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')).vectors;

describe('phone vectors', () => {
  it.each(vectors.map((v) => [v.note, v] as const))('%s', (_note, vector) => {
    expect(normalizePhone(vector.input, vector.country)).toBe(vector.e164);
  });

  it('cover French, UK, US and German numbers, extensions and garbage', () => {
    const outputs = vectors.map((v) => v.e164 ?? '');
    expect(outputs.some((e) => e.startsWith('+33'))).toBe(true);
    expect(outputs.some((e) => e.startsWith('+44'))).toBe(true);
    expect(outputs.some((e) => e.startsWith('+1'))).toBe(true);
    expect(outputs.some((e) => e.startsWith('+49'))).toBe(true);
    expect(vectors.some((v) => /ext|x\d|#/i.test(v.input) && v.e164 !== null)).toBe(true);
    expect(vectors.filter((v) => v.e164 === null).length).toBeGreaterThanOrEqual(5);
    for (const country of ['FR', 'GB', 'US', 'DE']) {
      expect(vectors.some((v) => v.country === country)).toBe(true);
    }
  });

  it('have unique notes so a failure names one vector', () => {
    expect(new Set(vectors.map((v) => v.note)).size).toBe(vectors.length);
  });
});

describe('PhoneNumbers.cls region table', () => {
  it('equals the table generated from libphonenumber-js metadata', () => {
    const apex = readFileSync(APEX_PATH, 'utf8');
    const declaration = /REGION_TABLE\s*=\s*([\s\S]*?);\s*\n/.exec(apex);
    expect(declaration).not.toBeNull();
    const literals = [...(declaration?.[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]);
    expect(literals.join('')).toBe(regionTableString());
  });
});
