/**
 * The rules of the contract that JSON Schema keywords alone do not state the way Salesforce applies them, shared by
 * the reference validator (validate.ts) and stated again in Apex (PayloadValidator.cls, IsoDateTime.cls,
 * PayloadLimits.cls), with their sources:
 *
 * - date-times: RFC 3339 with an offset, as a Salesforce Date/Time field stores them. Hours 00-23, minutes 00-59,
 *   seconds 00-59 (no leap second 60: REST API Developer Guide, "Valid Date and DateTime Formats"); the instant from
 *   1700-01-01T00:00:00Z to 4000-12-31T00:00:00Z (Data Loader Guide, "Data Import Dates": outside it the save
 *   fails); the offset at most ±18:00 (the range of java.time.ZoneOffset, the widest a Java-based runtime such as
 *   Apex's represents); a fraction of 1 to 9 digits, kept to the millisecond (truncated, as Apex does);
 * - lengths count UTF-16 code units, as Apex's String.length() and Salesforce's field lengths do (Ajv's `unicode:
 *   false` option; by default Ajv counts code points, so an emoji would count 1 instead of 2);
 * - blank text: empty, or only U+0009-U+000D and spaces (the same set on both sides; JavaScript's `\s` and Apex's
 *   String.isBlank disagree on no-break and other Unicode spaces).
 */

/** Earliest instant a Salesforce Date/Time field accepts. */
export const EARLIEST_DATE_TIME = Date.UTC(1700, 0, 1);
/** Latest instant a Salesforce Date/Time field accepts. */
export const LATEST_DATE_TIME = Date.UTC(4000, 11, 31);
/** Widest offset, in minutes (±18:00). */
export const MAX_OFFSET_MINUTES = 18 * 60;
/** Longest date-time accepted (`2026-11-27T09:30:00.123456789+01:00` has 35 characters); IsoDateTime.MAX_LENGTH. */
const MAX_DATE_TIME_LENGTH = 40;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Offset of a date-time's zone designator, in minutes.
 * @param zone `Z` or `±hh:mm`
 * @returns the signed offset, or undefined when it is out of range
 */
function offsetMinutes(zone: string): number | undefined {
  if (zone === 'Z') {
    return 0;
  }
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  const total = hours * 60 + minutes;
  if (minutes > 59 || total > MAX_OFFSET_MINUTES) {
    return undefined;
  }
  return zone.startsWith('-') ? -total : total;
}

/**
 * Parses a payload date-time the way IsoDateTime.parse does.
 * @param value the string
 * @returns the instant in epoch milliseconds, or undefined when Salesforce would not store it
 */
export function parseDateTime(value: string): number | undefined {
  const match = value.length <= MAX_DATE_TIME_LENGTH ? DATE_TIME.exec(value) : null;
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const offset = offsetMinutes(match[8]);
  if (offset === undefined) {
    return undefined;
  }
  const millis = match[7] === undefined ? 0 : Number(`${match[7].slice(1)}00`.slice(0, 3));
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
  return instant < EARLIEST_DATE_TIME || instant > LATEST_DATE_TIME ? undefined : instant;
}

/**
 * Whether a string is a date-time Salesforce stores (the `date-time` format of the contract's Ajv).
 * @param value the string
 * @returns true when valid
 */
export function isSalesforceDateTime(value: string): boolean {
  return parseDateTime(value) !== undefined;
}

/** Characters that count as blank (String.containsOnly in Apex). */
export const BLANK_CHARACTERS = '\t\n\u000b\f\r ';

/**
 * Whether a text is empty or holds only blank characters.
 * @param value the text
 * @returns true when blank
 */
export function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (!BLANK_CHARACTERS.includes(value[i])) {
      return false;
    }
  }
  return true;
}

/** What the JSON type of a value is called in messages. */
export function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return typeof value;
}

/** Longest modjoCallId (PayloadLimits.MODJO_CALL_ID_MAX). */
export const MODJO_CALL_ID_MAX = 64;
const CALL_ID = /^[A-Za-z0-9_.:-]+$/;

/**
 * Whether a string is a well-formed modjoCallId (PayloadValidator.isValidCallId): also the rule of the id in the
 * paths of GET and DELETE /v1/calls/{modjoCallId}.
 * @param value the string
 * @returns true when valid
 */
export function isValidCallId(value: string): boolean {
  return value.length >= 1 && value.length <= MODJO_CALL_ID_MAX && CALL_ID.test(value);
}
