/**
 * Reference validator of the inbound call API, written against `call-payload.schema.json` (Ajv, JSON Schema
 * 2020-12) plus the few rules a schema cannot say (null means absent, end before start, serialized size,
 * truncation and unknown-property warnings, batch shape and duplicates).
 *
 * It answers like `PayloadValidator.cls` in the package: same codes, same JSON paths (`$.calls[3].startedAt`),
 * same HTTP statuses. The contract tests run every example of `contract/examples/cases` through it, and tooling
 * can use it to check a payload before sending it.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from './call-payload.schema.json';

/** One error or warning: a catalogue code, a message and the JSON path of the value concerned. */
export interface Issue {
  code: string;
  message: string;
  path: string;
  /** QUEUED_FOR_RETRY only: why the item was queued (ROW_BUDGET, SEARCH_BUDGET, RECORD_LOCKED, MATCHING_FAILED, WRITE_FAILED). */
  reason?: string;
}

/** Result of checking one call payload. */
export interface ItemCheck {
  index: number;
  path: string;
  modjoCallId?: string;
  errors: Issue[];
  warnings: Issue[];
}

/** Result of checking a whole POST /v1/calls request. */
export interface RequestCheck {
  /** HTTP status the API answers: 415, 413 or 400 for request errors; 400 for a rejected single call; else 200. */
  status: number;
  /** Request-level errors (the items were not looked at). */
  errors: Issue[];
  isBatch: boolean;
  items: ItemCheck[];
}

type JsonSchema = Record<string, unknown>;

/** Error codes of the catalogue (docs/architecture.md). */
export const ERROR_CODES = [
  'EMPTY_BODY',
  'INVALID_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_TYPE',
  'REQUIRED_FIELD_MISSING',
  'FIELD_TOO_LONG',
  'INVALID_ENUM_VALUE',
  'INVALID_FORMAT',
  'OUT_OF_RANGE',
  'DUPLICATE_ID_IN_BATCH',
  'BATCH_TOO_LARGE',
  'BODY_TOO_LARGE',
  'NOT_FOUND',
  'PERMISSION_DENIED',
  'QUEUED_FOR_RETRY',
  'INTERNAL_ERROR'
] as const;

/** Warning codes of the catalogue. */
export const WARNING_CODES = ['TRUNCATED', 'UNKNOWN_PROPERTY'] as const;

/** Most calls in one request (PayloadLimits.MAX_BATCH_SIZE). */
export const MAX_BATCH_SIZE = 200;
/** Largest body in bytes (PayloadLimits.MAX_BODY_BYTES). */
export const MAX_BODY_BYTES = 1048576;

/** Vendor keywords of the schema: annotations for Ajv, read by this module and by the contract tests. */
export const VENDOR_KEYWORDS = [
  'x-schemaVersion',
  'x-errorCodeByKeyword',
  'x-warningCodes',
  'x-errorCodes',
  'x-salesforce-field',
  'x-salesforce-maxLength',
  'x-overflow',
  'x-maxSerializedLength',
  'x-notBefore'
];

/** Precedence when one value breaks several rules: only the first code in this order is reported. */
const PRECEDENCE = [
  'REQUIRED_FIELD_MISSING',
  'INVALID_TYPE',
  'FIELD_TOO_LONG',
  'INVALID_ENUM_VALUE',
  'INVALID_FORMAT',
  'OUT_OF_RANGE'
];

const rootSchema = schema as unknown as JsonSchema;
const codeByKeyword = rootSchema['x-errorCodeByKeyword'] as Record<string, string>;

/**
 * A strict Ajv for JSON Schema 2020-12 with the formats and the vendor keywords of the contract.
 * @returns a new Ajv instance
 */
export function createAjv(): Ajv2020 {
  // allowUnionTypes: crmFilling is `array | object` for one schema version (the typed answers or the old opaque object).
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(VENDOR_KEYWORDS);
  return ajv;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= createAjv().compile(rootSchema);
  return compiled;
}

/**
 * Converts an Ajv instance path (`/participants/0/email`) into the API's JSON path (`$.participants[0].email`).
 * @param base path of the item (`$` or `$.calls[i]`)
 * @param pointer JSON pointer inside the item
 * @returns the JSON path
 */
export function toJsonPath(base: string, pointer: string): string {
  if (!pointer) {
    return base;
  }
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, token) => (/^\d+$/.test(token) ? `${path}[${token}]` : `${path}.${token}`), base);
}

/** Removes object properties whose value is null (the API treats null as absent); array elements stay. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutNulls);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== null) {
        out[key] = withoutNulls(inner);
      }
    }
    return out;
  }
  return value;
}

/**
 * Whether an Ajv error only repeats another: a failed `if`/`then` (CrmAnswer's value required by its kind) is
 * always reported again by the `required` error of its `then` branch, which carries the path of the missing value.
 */
function isEcho(error: ErrorObject): boolean {
  return error.keyword === 'if';
}

function issueOf(error: ErrorObject, base: string): Issue {
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return {
      code: 'REQUIRED_FIELD_MISSING',
      message: `${missing} is required.`,
      path: `${toJsonPath(base, error.instancePath)}.${missing}`
    };
  }
  const overrides = (error.parentSchema?.['x-errorCodes'] ?? {}) as Record<string, string>;
  const code = overrides[error.keyword] ?? codeByKeyword[error.keyword] ?? 'INVALID_FORMAT';
  return { code, message: error.message ?? error.keyword, path: toJsonPath(base, error.instancePath) };
}

function resolve(node: JsonSchema): JsonSchema {
  const ref = node.$ref as string | undefined;
  if (!ref) {
    return node;
  }
  const name = ref.replace('#/$defs/', '');
  return (rootSchema.$defs as Record<string, JsonSchema>)[name];
}

/** x-maxSerializedLength, on an object or an array (crmFilling is either). */
function checkSerializedLength(target: JsonSchema, data: unknown, path: string, check: ItemCheck): void {
  const maxSerialized = target['x-maxSerializedLength'] as number | undefined;
  if (maxSerialized !== undefined && data !== null && typeof data === 'object') {
    if (JSON.stringify(data).length > maxSerialized) {
      check.errors.push({
        code: codeByKeyword['x-maxSerializedLength'],
        message: `Serialized longer than ${maxSerialized} characters.`,
        path
      });
    }
  }
}

/** Rules outside plain JSON Schema: warnings, x-notBefore, x-maxSerializedLength. */
function walk(node: JsonSchema, data: unknown, path: string, check: ItemCheck): void {
  const target = resolve(node);
  if (typeof data === 'string') {
    const max = target['x-salesforce-maxLength'] as number | undefined;
    if (target['x-overflow'] === 'truncate' && max !== undefined && data.length > max) {
      check.warnings.push({
        code: 'TRUNCATED',
        message: `${data.length} characters; the first ${max} were kept.`,
        path
      });
    }
    return;
  }
  checkSerializedLength(target, data, path, check);
  if (Array.isArray(data)) {
    const items = target.items as JsonSchema | undefined;
    if (items) {
      data.forEach((element, i) => walk(items, element, `${path}[${i}]`, check));
    }
    return;
  }
  if (data === null || typeof data !== 'object') {
    return;
  }
  const record = data as Record<string, unknown>;
  const notBefore = (target['x-notBefore'] ?? {}) as Record<string, string>;
  for (const [later, earlier] of Object.entries(notBefore)) {
    const end = record[later];
    const start = record[earlier];
    if (typeof end === 'number' && typeof start === 'number' && end < start) {
      check.errors.push({
        code: codeByKeyword['x-notBefore'],
        message: `${later} must not be before ${earlier}.`,
        path: `${path}.${later}`
      });
    }
  }
  const properties = target.properties as Record<string, JsonSchema> | undefined;
  if (!properties) {
    return;
  }
  for (const [key, value] of Object.entries(record)) {
    const propertySchema = properties[key];
    if (propertySchema) {
      walk(propertySchema, value, `${path}.${key}`, check);
    } else {
      check.warnings.push({
        code: 'UNKNOWN_PROPERTY',
        message: `Property ${key} is not part of the contract and was ignored.`,
        path: `${path}.${key}`
      });
    }
  }
}

/** Keeps one error per path (the one of highest precedence) and drops exact duplicates. */
function reduce(errors: Issue[]): Issue[] {
  const rank = (code: string): number => {
    const i = PRECEDENCE.indexOf(code);
    return i === -1 ? PRECEDENCE.length : i;
  };
  const best = new Map<string, Issue>();
  for (const error of errors) {
    const current = best.get(error.path);
    if (!current || rank(error.code) < rank(current.code)) {
      best.set(error.path, error);
    }
  }
  return [...best.values()];
}

/**
 * Checks one call payload wherever it sits in the request.
 * @param value the parsed JSON value of the item
 * @param path JSON path of the item (`$` or `$.calls[i]`)
 * @param index position of the item in the request
 * @returns the errors (the item is rejected when there is any) and warnings
 */
export function checkItem(value: unknown, path = '$', index = 0): ItemCheck {
  const check: ItemCheck = { index, path, errors: [], warnings: [] };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    check.errors.push({ code: 'INVALID_TYPE', message: 'A call must be an object.', path });
    return check;
  }
  const data = withoutNulls(value) as Record<string, unknown>;
  const validate = validator();
  const raw: Issue[] = [];
  if (!validate(data)) {
    raw.push(...(validate.errors ?? []).filter((error) => !isEcho(error)).map((error) => issueOf(error, path)));
  }
  walk(rootSchema, data, path, check);
  check.errors = reduce([...raw, ...check.errors]);
  const id = data.modjoCallId;
  if (typeof id === 'string' && !check.errors.some((e) => e.path === `${path}.modjoCallId`)) {
    check.modjoCallId = id;
  }
  return check;
}

/**
 * Whether a Content-Type header names JSON (parameters such as charset allowed).
 * @param contentType the header value
 * @returns true for application/json
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

function requestError(status: number, code: string, message: string, path = '$'): RequestCheck {
  return { status, errors: [{ code, message, path }], isBatch: false, items: [] };
}

/**
 * Checks a POST /v1/calls request the way the API does: content type, size, JSON, shape, batch size, then every
 * item and duplicate modjoCallIds inside a batch (every occurrence after the first is rejected).
 * @param contentType the Content-Type header
 * @param body the raw body
 * @returns the status the API answers, request errors, and one check per item
 */
export function checkRequest(contentType: string | undefined, body: string): RequestCheck {
  if (!isJsonMediaType(contentType)) {
    return requestError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json.');
  }
  if (body.length === 0) {
    return requestError(400, 'EMPTY_BODY', 'The request body is empty.');
  }
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    return requestError(413, 'BODY_TOO_LARGE', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  }
  if (body.trim().length === 0) {
    return requestError(400, 'EMPTY_BODY', 'The request body is empty.');
  }
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch (e) {
    return requestError(400, 'INVALID_JSON', `The body is not valid JSON: ${(e as Error).message}`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return requestError(400, 'INVALID_TYPE', 'The body must be a call object or { "calls": [ … ] }.');
  }
  const rootMap = root as Record<string, unknown>;
  if ('calls' in rootMap && !('modjoCallId' in rootMap)) {
    const calls = rootMap.calls;
    if (!Array.isArray(calls)) {
      return requestError(400, 'INVALID_TYPE', 'calls must be an array.', '$.calls');
    }
    if (calls.length === 0) {
      return requestError(400, 'OUT_OF_RANGE', 'calls must hold at least one call.', '$.calls');
    }
    if (calls.length > MAX_BATCH_SIZE) {
      return requestError(413, 'BATCH_TOO_LARGE', `At most ${MAX_BATCH_SIZE} calls per request.`, '$.calls');
    }
    const firstIndex = new Map<string, number>();
    const items = calls.map((item, i) => {
      const check = checkItem(item, `$.calls[${i}]`, i);
      if (check.modjoCallId !== undefined) {
        const first = firstIndex.get(check.modjoCallId);
        if (first === undefined) {
          firstIndex.set(check.modjoCallId, i);
        } else {
          check.errors.push({
            code: 'DUPLICATE_ID_IN_BATCH',
            message: `modjoCallId ${check.modjoCallId} already appears at index ${first}.`,
            path: `${check.path}.modjoCallId`
          });
        }
      }
      return check;
    });
    return { status: 200, errors: [], isBatch: true, items };
  }
  const item = checkItem(rootMap);
  return { status: item.errors.length > 0 ? 400 : 200, errors: [], isBatch: false, items: [item] };
}
