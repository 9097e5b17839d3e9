/**
 * Messages of the reference validator, written like PayloadValidator.cls writes them: the property, what is
 * expected in words (allowed values listed, limits with their numbers), never a regular expression or Ajv's own
 * text. Codes and paths are the contract; messages are for people and may change.
 */
import type { ErrorObject } from 'ajv/dist/2020';
import { labelOf } from './walker';
import { typeName } from './rules';

const TYPE_TEXT: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array'
};

const DATE_TIME_TEXT =
  'must be an ISO 8601 date-time with an offset, such as 2026-11-27T09:30:00+01:00, from 1700-01-01T00:00:00Z to ' +
  '4000-12-31T00:00:00Z (hours 00-23, seconds 00-59, offset at most ±18:00).';

const ID_PREFIXES: Record<string, string> = { salesforceId: '003 or 00Q', accountId: '001', opportunityId: '006' };

/** What a value of each formatted property must look like, by property name. */
function formatText(key: string, value: unknown): string {
  switch (key) {
    case 'modjoCallId':
      return value === ''
        ? 'modjoCallId must not be empty.'
        : 'modjoCallId must be 1 to 64 characters among A-Z a-z 0-9 _ . : -';
    case 'email':
    case 'modjoUserEmail':
      return (
        `${key} is not an email address Salesforce accepts: before the @, letters, digits and ` +
        "!#$%&'*+/=?^_`{|}~.- (not starting with a dot); after it, dot-separated labels of letters, digits and " +
        'inner hyphens.'
      );
    case 'updatedAt':
    case 'startedAt':
    case 'createdAt':
      return `${key} ${DATE_TIME_TEXT}`;
    default:
      if (Object.hasOwn(ID_PREFIXES, key)) {
        return `${key} must be a 15- or 18-character Salesforce id starting with ${ID_PREFIXES[key]}.`;
      }
      return `${key} does not have the expected format.`;
  }
}

/**
 * The message of one Ajv error.
 * @param error the error (Ajv with `verbose`: data and parent schema included)
 * @param path the API's JSON path of the value
 * @param code the catalogue code it was mapped to
 * @returns the message
 */
export function messageOf(error: ErrorObject, path: string, code: string): string {
  const label = labelOf(path);
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `${label} must be ${TYPE_TEXT[String(params.type)] ?? String(params.type)}, got ${typeName(error.data)}.`;
    case 'maxLength':
      return `${label} has ${String((error.data as string).length)} characters; at most ${String(params.limit)} are accepted.`;
    case 'enum':
    case 'const':
      return `${label} must be one of ${((parent.enum as unknown[]) ?? [parent.const]).map(String).join(', ')}.`;
    case 'minimum':
    case 'maximum':
      return `${label} must be between ${String(parent.minimum)} and ${String(parent.maximum)}.`;
    case 'maxItems':
    case 'minItems':
      return `${label} holds ${String((error.data as unknown[]).length)} items; at most ${String(parent.maxItems)} are accepted.`;
    default:
      return code === 'REQUIRED_FIELD_MISSING' ? `${label} must not be blank.` : formatText(label, error.data);
  }
}
