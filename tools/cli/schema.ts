/**
 * Payload checks of modjo-sf: the contract's reference validator (contract/validate.ts, the same codes and JSON
 * paths as the Apex PayloadValidator, one implementation for errors and warnings alike), applied to each payload as
 * `push` sends it: alone or with others in `{ "calls": [ … ] }`, re-serialized with JSON.stringify. So a payload is
 * refused when the org would refuse it in that body: nested deeper than the API accepts once inside
 * `{ "calls": [ … ] }` (OUT_OF_RANGE), or larger than the request body limit even on its own (BODY_TOO_LARGE).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exceedsDepth } from '../../contract/json-text';
import { checkItem, MAX_BODY_BYTES, MAX_JSON_DEPTH, type Issue } from '../../contract/validate';

export const SCHEMA_RELATIVE_PATH = path.join('contract', 'call-payload.schema.json');

/** One problem found in one payload, at its JSON path in its document. */
export type PayloadIssue = Issue;

export type { Issue };

/** Arrays and objects around a payload in the body push sends (`{ "calls": [ payload ] }`). */
export const PUSH_DEPTH_ABOVE = 2;
/** Bytes push adds around one payload sent alone: `{"calls":[` and `]}`. */
export const PUSH_WRAPPER_BYTES = Buffer.byteLength('{"calls":[]}');

/**
 * Finds the package root (the folder holding package.json and contract/) from this file, compiled or not. The
 * compiled CLI's folder (dist/cli) holds a contract/ too (tsc copies the imported schema there) but no package.json
 * nor messages/: stopping there made every `--help` of the compiled CLI fail (ENOENT on messages/modjo.<cmd>.md).
 */
export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, SCHEMA_RELATIVE_PATH)) && fs.existsSync(path.join(dir, 'package.json')))
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `Cannot find ${SCHEMA_RELATIVE_PATH} above ${start}: run modjo-sf from a checkout of the package`
      );
    }
    dir = parent;
  }
}

/** Errors and warnings of one payload. */
export interface PayloadCheck {
  errors: Issue[];
  warnings: Issue[];
}

/**
 * Errors and warnings of one payload, with the API's codes and JSON paths, as the org answers it inside the body
 * push sends.
 * @param payload the parsed payload
 * @param basePath JSON path of the payload in its document (`$`, `$[3]`, `$.calls[3]`)
 */
export function checkPayload(payload: unknown, basePath: string): PayloadCheck {
  const check = checkItem(payload, basePath, 0, PUSH_DEPTH_ABOVE);
  return { errors: check.errors, warnings: check.warnings };
}

/**
 * The BODY_TOO_LARGE error of a payload that push could never send: `{"calls":[payload]}` over the API's body
 * limit. A payload nested too deep is refused for that already (and JSON.stringify would recurse into it).
 * @param payload the parsed payload
 * @param basePath JSON path of the payload in its document
 * @returns the error, or undefined when the payload fits
 */
export function bodySizeError(payload: unknown, basePath: string): Issue | undefined {
  if (exceedsDepth(payload, MAX_JSON_DEPTH)) return undefined;
  const bytes = Buffer.byteLength(JSON.stringify(payload)) + PUSH_WRAPPER_BYTES;
  if (bytes <= MAX_BODY_BYTES) return undefined;
  return {
    code: 'BODY_TOO_LARGE',
    message: `Sent alone, this call makes a body of ${bytes} bytes; the limit is ${MAX_BODY_BYTES}. Shorten it (summary, notes, highlights, comments).`,
    path: basePath
  };
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
