/**
 * Reads call payloads from files, directories or stdin. Accepted shapes, in JSON or NDJSON:
 * a single payload object, `{ "calls": [ … ] }`, or an array of payloads. Every payload keeps where it came from
 * (file, NDJSON line, JSON Pointer) so errors can point at it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';

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

/** Lines of a stream: split on the newline byte, each line decoded as UTF-8 on its own (no giant strings). */
async function* streamLines(stream: Readable): AsyncGenerator<string> {
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
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
    } else {
      yield data.toString('utf8', 0, end);
    }
    let start = end + 1;
    while ((end = data.indexOf(10, start)) !== -1) {
      yield data.toString('utf8', start, end);
      start = end + 1;
    }
    if (start < data.length) pending.push(data.subarray(start));
  }
  if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
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
        parseDocument(fs.readFileSync(path.resolve(cwd, file), 'utf8'), source, onRecord, onProblem);
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
  lines: AsyncGenerator<string>,
  source: string,
  knownNdjson: boolean,
  onRecord: RecordSink,
  onProblem: ProblemSink
): Promise<void> {
  let lineNo = 0;
  let mode: 'unknown' | 'ndjson' | 'document' = knownNdjson ? 'ndjson' : 'unknown';
  const buffered: string[] = [];
  let sawContent = false;
  for await (let raw of lines) {
    lineNo++;
    if (lineNo === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (mode === 'document') {
      buffered.push(raw);
      continue;
    }
    const text = raw.trim();
    if (text === '') continue;
    sawContent = true;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (mode === 'unknown') {
        mode = 'document';
        buffered.push(raw);
        continue;
      }
      onProblem({ source, line: lineNo, code: 'INVALID_JSON', message: describeJsonError(error as Error, text) });
      continue;
    }
    mode = 'ndjson';
    collect(value, source, lineNo, onRecord, onProblem);
  }
  if (mode === 'document') {
    parseDocument(buffered.join('\n'), source, onRecord, onProblem);
  } else if (!sawContent) {
    onProblem({ source, code: 'EMPTY_INPUT', message: 'input is empty' });
  }
}

/** Parses one document, JSON or NDJSON (by extension, else by content). */
export function parseDocument(text: string, source: string, onRecord: RecordSink, onProblem: ProblemSink): void {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    onProblem({ source, code: 'EMPTY_INPUT', message: 'input is empty' });
    return;
  }
  const ext = path.extname(source).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl') {
    parseNdjson(text, source, onRecord, onProblem);
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Not one JSON document: NDJSON if its first non-empty line is a JSON value on its own.
    if (looksLikeNdjson(text)) {
      parseNdjson(text, source, onRecord, onProblem);
      return;
    }
    onProblem({ source, code: 'INVALID_JSON', message: describeJsonError(error as Error, text) });
    return;
  }
  collect(value, source, undefined, onRecord, onProblem);
}

function looksLikeNdjson(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  try {
    JSON.parse(lines[0]);
    return true;
  } catch {
    return false;
  }
}

function parseNdjson(text: string, source: string, onRecord: RecordSink, onProblem: ProblemSink): void {
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      onProblem({ source, line, code: 'INVALID_JSON', message: describeJsonError(error as Error, raw) });
      continue;
    }
    collect(value, source, line, onRecord, onProblem);
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
    const calls = (value as { calls?: unknown }).calls;
    if (calls !== undefined) {
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

function describeJsonError(error: Error, text: string): string {
  const match = /position (\d+)/.exec(error.message);
  if (!match) return error.message;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${error.message.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${column})`;
}

/** "file:line $.path" for messages. */
export function locate(where: { source: string; line?: number; path?: string }): string {
  const line = where.line === undefined ? '' : `:${where.line}`;
  return `${where.source}${line}${where.path ? ` ${where.path}` : ''}`;
}
