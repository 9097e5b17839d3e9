/**
 * Payload checks of modjo-sf, in two layers:
 * - a fast path: the contract schema (contract/call-payload.schema.json) compiled once with Ajv (draft 2020-12,
 *   ajv-formats, the contract's x-notBefore and x-maxSerializedLength keywords) answers valid / not valid, and a
 *   precompiled walk gives the TRUNCATED / UNKNOWN_PROPERTY warnings;
 * - the authority for errors: the contract's reference validator (contract/validate.ts, the same codes and JSON
 *   paths as the Apex PayloadValidator). It runs on payloads the fast path refused, so a payload the fast path
 *   accepts is one the reference validator accepts too (its nulls-as-absent rule can only accept more).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { checkItem, type Issue } from '../../contract/validate';

export const SCHEMA_RELATIVE_PATH = path.join('contract', 'call-payload.schema.json');

/** One problem found in one payload; `path` is a JSON Pointer inside the payload ('' = the payload itself). */
export interface PayloadIssue {
  path: string;
  code: string;
  message: string;
}

export type { Issue };

/** Finds the package root (the folder holding contract/) from this file, compiled or not. */
export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, SCHEMA_RELATIVE_PATH))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `Cannot find ${SCHEMA_RELATIVE_PATH} above ${start}: run modjo-sf from a checkout of the package`
      );
    }
    dir = parent;
  }
}

export function defaultSchemaPath(): string {
  return path.join(findProjectRoot(), SCHEMA_RELATIVE_PATH);
}

export interface PayloadValidator {
  readonly schemaPath: string;
  readonly schema: Record<string, unknown>;
  /** Fast path: true/false only. */
  isValid(payload: unknown): boolean;
  /** TRUNCATED / UNKNOWN_PROPERTY warnings (meaningful for valid payloads). */
  warnings(payload: unknown): PayloadIssue[];
}

const cache = new Map<string, PayloadValidator>();

/** Compiles the schema once per path (and per process). */
export function loadValidator(schemaPath: string = defaultSchemaPath()): PayloadValidator {
  const resolved = path.resolve(schemaPath);
  const cached = cache.get(resolved);
  if (cached) return cached;
  const schema = JSON.parse(fs.readFileSync(resolved, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
  addFormats(ajv);
  addContractKeywords(ajv);
  const compiled: ValidateFunction = ajv.compile(schema);
  const validator: PayloadValidator = {
    schemaPath: resolved,
    schema,
    isValid: (payload) => compiled(payload) as boolean,
    warnings: (payload) => collectWarnings(payload, schema)
  };
  cache.set(resolved, validator);
  return validator;
}

/**
 * The contract's own keywords (see the schema's description):
 * - `x-notBefore: { endSecond: "startSecond" }`: a property may not be lower than another one (OUT_OF_RANGE);
 * - `x-maxSerializedLength: n`: the value serialised as JSON may not be longer than n characters (FIELD_TOO_LONG).
 */
function addContractKeywords(ajv: Ajv2020): void {
  ajv.addKeyword({
    keyword: 'x-notBefore',
    type: 'object',
    schemaType: 'object',
    errors: true,
    validate: function notBefore(rules: Record<string, string>, data: Record<string, unknown>): boolean {
      const errors: ErrorObject[] = [];
      for (const [later, earlier] of Object.entries(rules)) {
        const a = data[later];
        const b = data[earlier];
        if (typeof a === 'number' && typeof b === 'number' && a < b) {
          errors.push({
            keyword: 'x-notBefore',
            instancePath: '',
            schemaPath: '',
            params: { property: later, notBefore: earlier },
            message: `must not be before ${earlier}`
          });
        }
      }
      (notBefore as unknown as { errors: ErrorObject[] }).errors = errors;
      return errors.length === 0;
    }
  });
  ajv.addKeyword({
    keyword: 'x-maxSerializedLength',
    schemaType: 'number',
    errors: true,
    validate: function maxSerialized(limit: number, data: unknown): boolean {
      const length = JSON.stringify(data)?.length ?? 0;
      if (length <= limit) return true;
      (maxSerialized as unknown as { errors: ErrorObject[] }).errors = [
        {
          keyword: 'x-maxSerializedLength',
          instancePath: '',
          schemaPath: '',
          params: { limit, length },
          message: `must not be longer than ${limit} characters as JSON (is ${length})`
        }
      ];
      return false;
    }
  });
}

/**
 * Errors and warnings of one payload, with the API's codes and JSON paths.
 * @param payload the parsed payload
 * @param basePath JSON path of the payload in its document (`$`, `$[3]`, `$.calls[3]`)
 */
export function checkPayload(
  validator: PayloadValidator,
  payload: unknown,
  basePath: string
): { errors: Issue[]; warnings: Issue[]; fast: boolean } {
  if (validator.isValid(payload)) {
    return {
      errors: [],
      warnings: validator.warnings(payload).map((w) => ({ ...w, path: toJsonPath(basePath, w.path) })),
      fast: true
    };
  }
  const check = checkItem(payload, basePath);
  return { errors: check.errors, warnings: check.warnings, fast: false };
}

/** `/calls/3` → `$.calls[3]` (JSON Pointer of a payload in its document → the API's JSON path). */
export function toJsonPath(base: string, pointer: string): string {
  if (!pointer) return base;
  let out = base;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(token) ? `[${token}]` : `.${token}`;
  }
  return out;
}

type SchemaNode = Record<string, unknown>;
type Walker = (value: unknown, segments: string[], out: PayloadIssue[]) => void;

/**
 * Warnings of a valid payload, as the org would give them: TRUNCATED for free text longer than its
 * `x-salesforce-maxLength` (`x-overflow: truncate`), UNKNOWN_PROPERTY for properties the contract does not know.
 * The schema is turned into a tree of small functions once (this runs for every payload validated).
 */
export function collectWarnings(payload: unknown, root: SchemaNode): PayloadIssue[] {
  let walker = walkers.get(root);
  if (!walker) {
    walker = compileWalker(root, root, new Map());
    walkers.set(root, walker);
  }
  const out: PayloadIssue[] = [];
  walker(payload, [], out);
  return out;
}

const walkers = new WeakMap<SchemaNode, Walker>();
const pointerOf = (segments: string[]): string => segments.map((s) => `/${escapePointer(s)}`).join('');
const noop: Walker = () => undefined;

function compileWalker(rawNode: SchemaNode, root: SchemaNode, seen: Map<SchemaNode, Walker>): Walker {
  let node = rawNode;
  const ref = node.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
    const target = ((root.$defs ?? {}) as Record<string, SchemaNode>)[ref.slice(8)] ?? {};
    node = { ...target, ...rawNode };
  }
  const cached = seen.get(rawNode);
  if (cached) return cached;
  let self: Walker = noop;
  seen.set(rawNode, (v, s, o) => self(v, s, o));
  const limit = node['x-salesforce-maxLength'];
  const properties = node.properties as Record<string, SchemaNode> | undefined;
  const items = node.items as SchemaNode | undefined;
  const truncates = node['x-overflow'] === 'truncate' && typeof limit === 'number';
  const propertyWalkers = properties
    ? new Map(Object.entries(properties).map(([key, child]) => [key, compileWalker(child, root, seen)]))
    : undefined;
  const itemWalker = items ? compileWalker(items, root, seen) : undefined;
  self = (value, segments, out) => {
    if (typeof value === 'string') {
      if (truncates && value.length > (limit as number)) {
        out.push({
          path: pointerOf(segments),
          code: 'TRUNCATED',
          message: `longer than ${limit as number} characters (${value.length}): truncated`
        });
      }
    } else if (Array.isArray(value)) {
      if (itemWalker) {
        for (let i = 0; i < value.length; i++) {
          segments.push(String(i));
          itemWalker(value[i], segments, out);
          segments.pop();
        }
      }
    } else if (value !== null && typeof value === 'object' && propertyWalkers) {
      for (const key in value as Record<string, unknown>) {
        const child = propertyWalkers.get(key);
        const v = (value as Record<string, unknown>)[key];
        segments.push(key);
        if (child) child(v, segments, out);
        else if (v !== null && v !== undefined) {
          out.push({
            path: pointerOf(segments),
            code: 'UNKNOWN_PROPERTY',
            message: `unknown property "${key}": ignored`
          });
        }
        segments.pop();
      }
    }
  };
  return self;
}

export function escapePointer(segment: string): string {
  return segment.indexOf('~') === -1 && segment.indexOf('/') === -1
    ? segment
    : segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
