/**
 * Reference validator of the inbound call API, written against `call-payload.schema.json` (Ajv, JSON Schema
 * 2020-12) plus the few rules a schema cannot say (null means absent, end before start, serialized size,
 * truncation, unknown-property and dropped-link warnings (links.ts: the default host list, since no org's settings
 * are known offline), batch shape and duplicates) and the rules of the body as text
 * (json-text.ts: UTF-8, byte-order mark, JSON syntax, nesting depth, exact numbers).
 *
 * It answers like `PayloadValidator.cls` in the package: same codes, same JSON paths (`$.calls[3].startedAt`),
 * same HTTP statuses. The conformance vectors (contract/conformance.ts: contract/examples/cases and
 * contract/examples/conformance) are run through it, through `modjo-sf validate`, through the fake org and, in a
 * scratch org, through PayloadValidator (ContractVectorsTest, static resource ContractVectors).
 *
 * Objects are read through their own properties only: a property named `__proto__`, `constructor` or `toString` is
 * an unknown property like any other (a warning), never a way to satisfy `required` or to reach a schema's prototype.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from './call-payload.schema.json';
import {
  MAX_JSON_DEPTH,
  decodeUtf8,
  exceedsDepth,
  firstTooDeepInTree,
  hasNumberSubstitutes,
  isJsonWhitespaceOnly,
  numberSubstitute,
  readJsonBody,
  stripBom,
  tooDeepIssue
} from './json-text';
import { isSalesforceDateTime } from './rules';
import { compileWalker, type Walker } from './walker';
import { messageOf } from './messages';

export { MAX_JSON_DEPTH };

/** One error or warning: a catalogue code, a message and the JSON path of the value concerned. */
export interface Issue {
  code: string;
  message: string;
  path: string;
  /** QUEUED_FOR_RETRY only: why the item was queued (ROW_BUDGET, SEARCH_BUDGET, QUERY_BUDGET, RECORD_LOCKED, MATCHING_FAILED, WRITE_FAILED). */
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
export const WARNING_CODES = ['TRUNCATED', 'UNKNOWN_PROPERTY', 'LINK_DROPPED'] as const;

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
  'x-notBefore',
  'x-link'
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
 * A strict Ajv for JSON Schema 2020-12 with the formats and the vendor keywords of the contract. Lengths count
 * UTF-16 code units (`unicode: false`, Ajv options: "Pass false to use .length"), as Apex and Salesforce do; the
 * `date-time` format is the one a Salesforce Date/Time field stores (rules.ts).
 * @returns a new Ajv instance
 */
export function createAjv(): Ajv2020 {
  // allowUnionTypes: crmFilling is `array | object` for one schema version (the typed answers or the old opaque object).
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    verbose: true,
    unicode: false,
    allowUnionTypes: true,
    logger: quietUnicodeLogger
  });
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isSalesforceDateTime });
  ajv.addVocabulary(VENDOR_KEYWORDS);
  return ajv;
}

/**
 * Ajv's logger without the one line Ajv 8 prints for `unicode: false` ("DEPRECATED: option unicode"): the option
 * still works in the pinned Ajv (its maxLength and minLength read `.length` with it) and is the documented way to
 * count UTF-16 code units; tests/contract/conformance.test.ts fails if it stops counting them.
 */
const quietUnicodeLogger = {
  log: (...args: unknown[]): void => console.log(...args),
  warn: (...args: unknown[]): void => {
    if (!String(args[0]).startsWith('DEPRECATED: option unicode')) console.warn(...args);
  },
  error: (...args: unknown[]): void => console.error(...args)
};

let compiled: ValidateFunction | undefined;
let walker: Walker | undefined;

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

/** Whether a parsed item must be copied before Ajv sees it: nulls to drop, numbers to substitute, odd prototypes. */
function needsCopy(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') {
      continue;
    }
    if (hasNumberSubstitutes(node)) {
      return true;
    }
    const isArray = Array.isArray(node);
    if (!isArray && Object.getPrototypeOf(node) !== Object.prototype) {
      return true;
    }
    for (const child of isArray ? node : Object.values(node)) {
      if (child === null && !isArray) {
        return true;
      }
      stack.push(child);
    }
  }
  return false;
}

/**
 * The item as Ajv must see it: properties whose value is null left out (the API treats null as absent; array
 * elements stay), numbers a double misreads replaced (json-text.ts), and objects without a prototype, so that a
 * property named `__proto__` stays a property. The depth is bounded before this runs.
 */
function validationCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const read = (holder: object, key: string, inner: unknown): unknown =>
    typeof inner === 'number' ? (numberSubstitute(holder, key) ?? inner) : validationCopy(inner);
  if (Array.isArray(value)) {
    return value.map((inner: unknown, i) => read(value, String(i), inner));
  }
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== null) {
      out[key] = read(value, key, inner);
    }
  }
  return out;
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
  const path = toJsonPath(base, error.instancePath);
  return { code, message: messageOf(error, path, code), path };
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
 * @param depthAbove arrays and objects around the item in its request (0 for a single call, 2 in `{ "calls": [ … ] }`)
 * @returns the errors (the item is rejected when there is any) and warnings
 */
export function checkItem(value: unknown, path = '$', index = 0, depthAbove = 0): ItemCheck {
  const check: ItemCheck = { index, path, errors: [], warnings: [] };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    check.errors.push({ code: 'INVALID_TYPE', message: `A call must be an object, got ${typeOf(value)}.`, path });
    return check;
  }
  if (exceedsDepth(value, MAX_JSON_DEPTH - depthAbove)) {
    const deep = firstTooDeepInTree(value, MAX_JSON_DEPTH - depthAbove, path) ?? path;
    check.errors.push(tooDeepIssue(deep));
    return check;
  }
  const data = needsCopy(value) ? validationCopy(value) : value;
  const validate = validator();
  const raw: Issue[] = [];
  if (!validate(data)) {
    raw.push(...(validate.errors ?? []).filter((error) => !isEcho(error)).map((error) => issueOf(error, path)));
  }
  walker ??= compileWalker(rootSchema);
  walker(value, path, check);
  check.errors = reduce([...raw, ...check.errors]);
  const id = Object.hasOwn(value, 'modjoCallId') ? (value as Record<string, unknown>).modjoCallId : undefined;
  if (typeof id === 'string' && !check.errors.some((e) => e.path === `${path}.modjoCallId`)) {
    check.modjoCallId = id;
  }
  return check;
}

function typeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
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
 * The body's text and its JSON value, or the request error: empty, too large, not UTF-8, blank, not JSON, too deep.
 * @param body the raw body (bytes as received, or text already decoded)
 * @returns the root value, or the request check to answer
 */
function readBody(body: string | Uint8Array): { root: unknown } | { failed: RequestCheck } {
  const bytes = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  if (bytes === 0) {
    return { failed: requestError(400, 'EMPTY_BODY', 'The request body is empty.') };
  }
  if (bytes > MAX_BODY_BYTES) {
    const message = `The body has ${bytes} bytes; the limit is ${MAX_BODY_BYTES}. Send fewer calls per request.`;
    return { failed: requestError(413, 'BODY_TOO_LARGE', message) };
  }
  const decoded = typeof body === 'string' ? body : decodeUtf8(body);
  if (decoded === undefined) {
    return { failed: requestError(400, 'INVALID_JSON', 'The body is not UTF-8 text.') };
  }
  const text = stripBom(decoded);
  if (isJsonWhitespaceOnly(text)) {
    return { failed: requestError(400, 'EMPTY_BODY', 'The request body is empty.') };
  }
  const read = readJsonBody(text);
  if (!read.ok) {
    return { failed: requestError(400, read.issue.code, read.issue.message, read.issue.path) };
  }
  return { root: read.value };
}

/** Checks the items of `{ "calls": [ … ] }`, then duplicate modjoCallIds (every occurrence after the first). */
function checkBatch(calls: unknown[]): RequestCheck {
  const firstIndex = new Map<string, number>();
  const items = calls.map((item, i) => {
    const check = checkItem(item, `$.calls[${i}]`, i, 2);
    if (check.modjoCallId !== undefined) {
      const first = firstIndex.get(check.modjoCallId);
      if (first === undefined) {
        firstIndex.set(check.modjoCallId, i);
      } else {
        check.errors.push({
          code: 'DUPLICATE_ID_IN_BATCH',
          message: `modjoCallId ${check.modjoCallId} already appears at index ${first}; send one item per call.`,
          path: `${check.path}.modjoCallId`
        });
      }
    }
    return check;
  });
  return { status: 200, errors: [], isBatch: true, items };
}

/**
 * Checks a POST /v1/calls request the way the API does: content type, size, UTF-8, JSON and its depth, shape, batch
 * size, then every item and duplicate modjoCallIds inside a batch (every occurrence after the first is rejected).
 * @param contentType the Content-Type header
 * @param body the raw body: the bytes received (checked for UTF-8), or a string
 * @returns the status the API answers, request errors, and one check per item
 */
export function checkRequest(contentType: string | undefined, body: string | Uint8Array): RequestCheck {
  if (!isJsonMediaType(contentType)) {
    return requestError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json.');
  }
  const read = readBody(body);
  if ('failed' in read) {
    return read.failed;
  }
  const root = read.root;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    const message = `The body must be a call object or { "calls": [ … ] }, got ${typeOf(root)}.`;
    return requestError(400, 'INVALID_TYPE', message);
  }
  if (Object.hasOwn(root, 'calls') && !Object.hasOwn(root, 'modjoCallId')) {
    const calls = (root as Record<string, unknown>).calls;
    if (!Array.isArray(calls)) {
      return requestError(400, 'INVALID_TYPE', `calls must be an array, got ${typeOf(calls)}.`, '$.calls');
    }
    if (calls.length === 0) {
      return requestError(400, 'OUT_OF_RANGE', 'calls must hold at least one call.', '$.calls');
    }
    if (calls.length > MAX_BATCH_SIZE) {
      const message = `calls holds ${calls.length} items; the limit is ${MAX_BATCH_SIZE} per request.`;
      return requestError(413, 'BATCH_TOO_LARGE', message, '$.calls');
    }
    return checkBatch(calls);
  }
  const item = checkItem(root);
  return { status: item.errors.length > 0 ? 400 : 200, errors: [], isBatch: false, items: [item] };
}
