/**
 * Reads call payloads from files, directories or stdin. Accepted shapes, in JSON or NDJSON:
 * a single payload object, `{ "calls": [ … ] }`, or an array of payloads. Every payload keeps where it came from
 * (file, NDJSON line, JSON Pointer) so errors can point at it. Text is read as the API reads a body: strict UTF-8
 * (bytes that are not UTF-8 are an INVALID_JSON problem, never replaced), a leading byte-order mark ignored, JSON
 * white space only, numbers kept exact for the validator (contract/json-text.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { decodeUtf8, isJsonWhitespaceOnly, parseJson } from '../../contract/json-text';

export const STDIN = '-';
const PAYLOAD_EXTENSIONS = new Set(['.json', '.ndjson', '.jsonl']);

export interface PayloadRecord {
  /** File path as given (or "<stdin>"). */
  source: string;
  /** 1-based line for NDJSON input. */
  line?: number;
  /** JSON Pointer of the payload inside its document ('' for a top-level payload). */
  pointer: string;
  payload: unknown;
}

export interface SourceProblem {
  source: string;
  line?: number;
  pointer?: string;
  code: 'INVALID_JSON' | 'INVALID_SHAPE' | 'EMPTY_INPUT' | 'READ_ERROR';
  message: string;
}

/** Expands directories (recursively: *.json, *.ndjson, *.jsonl, sorted) and keeps '-' for stdin. */
export function expandInputs(inputs: string[], cwd: string): { files: string[]; problems: SourceProblem[] } {
  const files: string[] = [];
  const problems: SourceProblem[] = [];
  for (const input of inputs) {
    if (input === STDIN) {
      files.push(STDIN);
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      problems.push({ source: input, code: 'READ_ERROR', message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      const found = walk(absolute).map((f) => path.join(input, path.relative(absolute, f)));
      if (found.length === 0) {
        problems.push({
          source: input,
          code: 'EMPTY_INPUT',
          message: 'directory holds no .json, .ndjson or .jsonl file'
        });
      }
      files.push(...found);
    } else {
      files.push(input);
    }
  }
  return { files, problems };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile() && PAYLOAD_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}

/** Lines of a stream as bytes: split on the newline byte, decoded by the reader (no giant strings). */
async function* streamLines(stream: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  for await (const chunk of stream) {
    const data: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let end = data.indexOf(10);
    if (end === -1) {
      pending.push(data);
      continue;
    }
    if (pending.length > 0) {
      pending.push(data.subarray(0, end));
      yield Buffer.concat(pending);
      pending = [];
    } else {
      yield data.subarray(0, end);
    }
    let start = end + 1;
    while ((end = data.indexOf(10, start)) !== -1) {
      yield data.subarray(start, end);
      start = end + 1;
    }
    if (start < data.length) pending.push(data.subarray(start));
  }
  if (pending.length > 0) yield Buffer.concat(pending);
}

const NOT_UTF8 = 'not UTF-8 text (the API refuses such a body with INVALID_JSON)';

/** The bytes of a file or line as text; undefined when they are not UTF-8. */
function decode(bytes: Uint8Array): string | undefined {
  return decodeUtf8(bytes);
}

export type RecordSink = (record: PayloadRecord) => void;
export type ProblemSink = (problem: SourceProblem) => void;

/**
 * Streams every payload of the inputs to `onRecord` without keeping them (NDJSON files and stdin are read line by
 * line, so inputs larger than memory work). Problems go to `onProblem`; nothing is thrown for bad input.
 */
export async function forEachPayload(
  inputs: string[],
  cwd: string,
  stdin: Readable,
  onRecord: RecordSink,
  onProblem: ProblemSink
): Promise<{ files: string[] }> {
  const expanded = expandInputs(inputs, cwd);
  expanded.problems.forEach(onProblem);
  for (const file of expanded.files) {
    const source = file === STDIN ? '<stdin>' : file;
    const ext = path.extname(file).toLowerCase();
    try {
      if (file === STDIN || ext === '.ndjson' || ext === '.jsonl') {
        const stream =
          file === STDIN ? stdin : fs.createReadStream(path.resolve(cwd, file), { highWaterMark: 1 << 20 });
        await readLines(streamLines(stream), source, file !== STDIN, onRecord, onProblem);
      } else {
        const text = decode(fs.readFileSync(path.resolve(cwd, file)));
        if (text === undefined) onProblem({ source, code: 'INVALID_JSON', message: NOT_UTF8 });
        else parseDocument(text, source, onRecord, onProblem);
      }
    } catch (error) {
      onProblem({ source, code: 'READ_ERROR', message: (error as Error).message });
    }
  }
  return { files: expanded.files };
}

/**
 * NDJSON reading. When `knownNdjson` is false (stdin), the first non-empty line decides: a JSON value on its own
 * means NDJSON, otherwise the whole input is one (pretty-printed) JSON document.
 */
async function readLines(
  lines: AsyncGenerator<Buffer>,
  source: string,
  knownNdjson: boolean,
  onRecord: RecordSink,
  onProblem: ProblemSink
): Promise<void> {
  const state: LineState = { lineNo: 0, mode: knownNdjson ? 'ndjson' : 'unknown', buffered: [], sawContent: false };
  for await (const bytes of lines) {
    state.lineNo++;
    readLine(bytes, state, source, onRecord, onProblem);
  }
  if (state.mode === 'document') {
    if (state.badLine === undefined) parseDocument(state.buffered.join('\n'), source, onRecord, onProblem);
    else onProblem({ source, line: state.badLine, code: 'INVALID_JSON', message: NOT_UTF8 });
  } else if (!state.sawContent) {
    onProblem({ source, code: 'EMPTY_INPUT', message: 'input is empty' });
  }
}

interface LineState {
  lineNo: number;
  mode: 'unknown' | 'ndjson' | 'document';
  buffered: string[];
  sawContent: boolean;
  /** First line of a buffered document that is not UTF-8. */
  badLine?: number;
}

/** One line: a JSON value on its own (NDJSON), or part of a pretty-printed document (stdin's first line decides). */
function readLine(bytes: Buffer, state: LineState, source: string, onRecord: RecordSink, onProblem: ProblemSink): void {
  let raw = decode(bytes);
  if (raw !== undefined && state.lineNo === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
  if (state.mode === 'document') {
    if (raw === undefined) state.badLine ??= state.lineNo;
    state.buffered.push(raw ?? '');
    return;
  }
  if (raw === undefined) {
    state.sawContent = true;
    onProblem({ source, line: state.lineNo, code: 'INVALID_JSON', message: NOT_UTF8 });
    return;
  }
  if (isJsonWhitespaceOnly(raw)) return;
  state.sawContent = true;
  const parsed = parseJson(raw);
  if (!parsed.ok) {
    if (state.mode === 'unknown') {
      state.mode = 'document';
      state.buffered.push(raw);
      return;
    }
    onProblem({ source, line: state.lineNo, code: 'INVALID_JSON', message: describeJsonError(parsed.message, raw) });
    return;
  }
  state.mode = 'ndjson';
  collect(parsed.value, source, state.lineNo, onRecord, onProblem);
}

/** Parses one document, JSON or NDJSON (by extension, else by content). */
export function parseDocument(text: string, source: string, onRecord: RecordSink, onProblem: ProblemSink): void {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (isJsonWhitespaceOnly(text)) {
    onProblem({ source, code: 'EMPTY_INPUT', message: 'input is empty' });
    return;
  }
  const ext = path.extname(source).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl') {
    parseNdjson(text, source, onRecord, onProblem);
    return;
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    // Not one JSON document: NDJSON if its first non-empty line is a JSON value on its own.
    if (looksLikeNdjson(text)) {
      parseNdjson(text, source, onRecord, onProblem);
      return;
    }
    onProblem({ source, code: 'INVALID_JSON', message: describeJsonError(parsed.message, text) });
    return;
  }
  collect(parsed.value, source, undefined, onRecord, onProblem);
}

function looksLikeNdjson(text: string): boolean {
  const lines = text.split('\n').filter((l) => !isJsonWhitespaceOnly(l));
  return lines.length >= 2 && parseJson(lines[0]).ok;
}

function parseNdjson(text: string, source: string, onRecord: RecordSink, onProblem: ProblemSink): void {
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const raw = text.slice(start, end);
    start = end + 1;
    if (isJsonWhitespaceOnly(raw)) continue;
    const parsed = parseJson(raw);
    if (!parsed.ok) {
      onProblem({ source, line, code: 'INVALID_JSON', message: describeJsonError(parsed.message, raw) });
      continue;
    }
    collect(parsed.value, source, line, onRecord, onProblem);
  }
}

function collect(
  value: unknown,
  source: string,
  line: number | undefined,
  onRecord: RecordSink,
  onProblem: ProblemSink
): void {
  const base = line === undefined ? {} : { line };
  if (Array.isArray(value)) {
    value.forEach((payload, i) => onRecord({ source, ...base, pointer: `/${i}`, payload }));
    if (value.length === 0) onProblem({ source, ...base, code: 'EMPTY_INPUT', message: 'array holds no payload' });
    return;
  }
  if (value !== null && typeof value === 'object') {
    const calls = Object.hasOwn(value, 'calls') ? (value as { calls?: unknown }).calls : undefined;
    if (calls !== undefined && !Object.hasOwn(value, 'modjoCallId')) {
      if (!Array.isArray(calls)) {
        onProblem({ source, ...base, pointer: '/calls', code: 'INVALID_SHAPE', message: '"calls" must be an array' });
        return;
      }
      calls.forEach((payload, i) => onRecord({ source, ...base, pointer: `/calls/${i}`, payload }));
      if (calls.length === 0) onProblem({ source, ...base, code: 'EMPTY_INPUT', message: '"calls" is empty' });
      return;
    }
    onRecord({ source, ...base, pointer: '', payload: value });
    return;
  }
  onProblem({
    source,
    ...base,
    code: 'INVALID_SHAPE',
    message: 'expected a payload object, an array of payloads or { "calls": [ … ] }'
  });
}

function describeJsonError(errorMessage: string, text: string): string {
  const match = /position (\d+)/.exec(errorMessage);
  if (!match) return errorMessage;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${errorMessage.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${column})`;
}

/** "file:line $.path" for messages. */
export function locate(where: { source: string; line?: number; path?: string }): string {
  const line = where.line === undefined ? '' : `:${where.line}`;
  return `${where.source}${line}${where.path ? ` ${where.path}` : ''}`;
}
