/**
 * Phone numbers for the tooling: normalisation to E.164 with libphonenumber-js, the same rule the Apex
 * `PhoneNumbers` class follows. The shared vectors in force-app/main/default/staticresources/PhoneVectors.json
 * are checked against both.
 *
 * Rule: parse with the default country; the result is the E.164 number when its length is possible for
 * its country (libphonenumber's `isPossible`), otherwise null. Extensions are dropped.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/metadata.min.json';

/** Normalises a phone number as typed by a person to E.164 (`+33612345678`), or null when it is not one. */
export function normalizePhone(input: string | null | undefined, defaultCountry: string): string | null {
  if (input == null || input.trim() === '') {
    return null;
  }
  const parsed = parsePhoneNumberFromString(input, defaultCountry.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isPossible()) {
    return null;
  }
  return parsed.number;
}

/** One row of the region table embedded in the Apex normaliser. */
export interface RegionRow {
  region: string;
  callingCode: string;
  /** International dialling prefix when it is plain digits (e.g. `00`, `011`), else empty. */
  internationalPrefix: string;
  /** National (trunk) prefix, e.g. `0` in France, `1` in the US, empty in Italy. */
  nationalPrefix: string;
  /** Possible lengths of the national significant number. */
  possibleLengths: number[];
}

type CountryMetadata = [string, string, string, number[], unknown, string | 0 | undefined, ...unknown[]];
interface Metadata {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, CountryMetadata>;
}

/**
 * The region table, in calling-code order with each code's main region first: what
 * `PhoneNumbers.REGION_TABLE` in Apex must contain (`tests/matching/phone-vectors.test.ts` checks it).
 */
export function regionTable(): RegionRow[] {
  const meta = metadata as unknown as Metadata;
  const rows: RegionRow[] = [];
  for (const [callingCode, regions] of Object.entries(meta.country_calling_codes)) {
    for (const region of regions) {
      const country = meta.countries[region];
      if (!country || region === '001') {
        continue;
      }
      const idd = typeof country[1] === 'string' && /^\d+$/.test(country[1]) ? country[1] : '';
      const nationalPrefix = typeof country[5] === 'string' ? country[5] : '';
      rows.push({
        region,
        callingCode,
        internationalPrefix: idd,
        nationalPrefix,
        possibleLengths: Array.isArray(country[3]) ? country[3] : []
      });
    }
  }
  return rows;
}

/** The region table in the compact form Apex embeds: `FR:33:00:0:9;GB:44:00:0:7,9,10;…`. */
export function regionTableString(): string {
  return regionTable()
    .map((r) =>
      [r.region, r.callingCode, r.internationalPrefix, r.nationalPrefix, r.possibleLengths.join(',')].join(':')
    )
    .join(';');
}
