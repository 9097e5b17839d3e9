/**
 * The request body as text, before any rule of the payload: UTF-8, the byte-order mark, white space, JSON syntax,
 * nesting depth and the exact value of numbers. `PayloadValidator.cls` applies the same steps in the same order
 * (`checkRequest`), so both sides refuse the same bodies with the same code and JSON path:
 *
 * - bytes that are not UTF-8 → INVALID_JSON (the Apex: Blob.toString throws, or its text holds U+FFFD and encodes
 *   back to a different number of bytes);
 * - one leading byte-order mark (U+FEFF) is ignored (RFC 8259 §8.1 lets a parser ignore it);
 * - only JSON white space (space, tab, line feed, carriage return) → EMPTY_BODY;
 * - exactly one JSON value (RFC 8259), read in document order: the first syntax error → INVALID_JSON, or, if it comes
 *   first, an array or object nested deeper than MAX_JSON_DEPTH → OUT_OF_RANGE at the path of that value. Apex
 *   parses with `JSON.deserializeUntyped` then walks the tree for depth (JsonDepth.firstTooDeep); when the parser
 *   refuses the text, it reads the tokens with `JSONParser` to tell a value too deep from a syntax error
 *   (JsonDepth.firstTooDeepInText). Salesforce does not document how deep either parser nests;
 * - a number is the decimal it spells: `86400.0000000000000001` is not an integer although a JavaScript double
 *   rounds it to one, `1e400` is an integer out of every range although a double overflows (Apex reads numbers as
 *   exact Decimals). `parseJson` records such numbers beside the parsed tree; the validator uses them.
 */

/** Deepest nesting of arrays and objects a request may have, the body's root included (PayloadLimits.MAX_JSON_DEPTH). */
export const MAX_JSON_DEPTH = 64;

/** A problem of the body as text, in the shape of the API's errors. */
export interface TextIssue {
  code: 'INVALID_JSON' | 'OUT_OF_RANGE';
  message: string;
  path: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 strictly (overlong forms, encoded surrogates and truncated sequences refused).
 * @param bytes the body
 * @returns the text, or undefined when the bytes are not UTF-8
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The text without one leading byte-order mark.
 * @param text a decoded body
 * @returns the text
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Whether a text holds nothing but JSON white space (RFC 8259: space, tab, line feed, carriage return).
 * @param text the text
 * @returns true for an empty or blank text
 */
export function isJsonWhitespaceOnly(text: string): boolean {
  return /^[ \t\n\r]*$/.test(text);
}

/** How the validator must read a number whose double differs from the decimal written. */
const substitutes = new WeakMap<object, Map<string, number>>();

/** A number literal that may round or overflow as a double: an exponent, or 16 digits and more. */
const INEXACT_CANDIDATE = /\d[eE][+-]?\d|\d[\d.]{15}/;
const NUMBER_LITERAL = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Whether a decimal literal is an integer: `1.0`, `1e2` and `100e-2` are, `1.5` and `1e-400` are not.
 * @param digits the digits before the decimal point
 * @param fraction the digits after it ('' when none)
 * @param exponent the exponent (0 when none)
 * @returns true when the value written is integral
 */
export function isIntegralLiteral(digits: string, fraction: string, exponent: number): boolean {
  const significantFraction = fraction.replace(/0+$/, '');
  if (significantFraction !== '') {
    return exponent >= significantFraction.length;
  }
  const integer = digits.replace(/^0+/, '');
  if (integer === '' || exponent >= 0) {
    return true;
  }
  return integer.length - integer.replace(/0+$/, '').length >= -exponent;
}

/**
 * The value the validator must see for a number literal, when its double misleads: NaN (not an integer) for a
 * fraction that rounded to an integer, ±Number.MAX_VALUE (an integer out of every range) for an integer that
 * overflowed.
 * @param source the literal as written
 * @param value its double
 * @returns the substitute, or undefined when the double tells the truth
 */
export function substituteFor(source: string, value: number): number | undefined {
  const literal = NUMBER_LITERAL.exec(source);
  if (!literal) {
    return undefined;
  }
  const integral = isIntegralLiteral(literal[1], literal[2] ?? '', Number(literal[3] ?? '0'));
  if (integral && !Number.isFinite(value)) {
    return source.startsWith('-') ? -Number.MAX_VALUE : Number.MAX_VALUE;
  }
  if (!integral && Number.isInteger(value)) {
    return NaN;
  }
  return undefined;
}

/**
 * The substitute recorded by parseJson for `holder[key]`, if any.
 * @param holder the object or array holding the number
 * @param key its property name or index
 * @returns the number the validator must use instead
 */
export function numberSubstitute(holder: object, key: string): number | undefined {
  return substitutes.get(holder)?.get(key);
}

/**
 * Whether parseJson recorded a substitute for a value of this object or array.
 * @param holder an object or array of a parsed tree
 * @returns true when one of its numbers is misread by a double
 */
export function hasNumberSubstitutes(holder: object): boolean {
  return substitutes.has(holder);
}

type Reviver = (this: object, key: string, value: unknown, context?: { source?: string }) => unknown;

const recordInexactNumbers: Reviver = function (key, value, context) {
  if (typeof value === 'number' && context?.source !== undefined) {
    const substitute = substituteFor(context.source, value);
    if (substitute !== undefined) {
      let byKey = substitutes.get(this);
      if (!byKey) {
        byKey = new Map();
        substitutes.set(this, byKey);
      }
      byKey.set(key, substitute);
    }
  }
  return value;
};

/**
 * JSON.parse, strict (RFC 8259), keeping the exact value of numbers a double would misread (see numberSubstitute).
 * Values are never changed: the tree is what JSON.parse gives. A text without an exponent or a run of 16 digits
 * cannot hold such a number and is parsed without the (slower) reviver.
 * @param text the JSON text
 * @returns the value, or the parser's message
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    const value: unknown = INEXACT_CANDIDATE.test(text)
      ? JSON.parse(text, recordInexactNumbers as (this: unknown, key: string, value: unknown) => unknown)
      : JSON.parse(text);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/**
 * Whether a parsed value nests arrays and objects deeper than allowed (iterative: any depth is safe).
 * @param value the parsed value
 * @param maxDepth most levels allowed, the value itself counting as level 1 when it is an array or object
 * @returns true when some array or object sits at level maxDepth + 1
 */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, level] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') {
      continue;
    }
    if (level > maxDepth) {
      return true;
    }
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        stack.push([child, level + 1]);
      }
    }
  }
  return false;
}

/**
 * The first value nested too deep, in the order of the parsed tree (for a tree without its text; with the text,
 * scanJson gives the document order, which differs only for integer-like property names).
 * @param value the parsed value
 * @param maxDepth most levels allowed
 * @param basePath JSON path of the value
 * @returns the JSON path of the first array or object at level maxDepth + 1, or undefined
 */
export function firstTooDeepInTree(value: unknown, maxDepth: number, basePath = '$'): string | undefined {
  const stack: Array<[unknown, number, string]> = [[value, 1, basePath]];
  while (stack.length > 0) {
    const [node, level, path] = stack.pop() as [unknown, number, string];
    if (node === null || typeof node !== 'object') {
      continue;
    }
    if (level > maxDepth) {
      return path;
    }
    const entries: Array<[unknown, string]> = Array.isArray(node)
      ? node.map((child, i) => [child, `${path}[${i}]`])
      : Object.entries(node).map(([key, child]) => [child, `${path}.${key}`]);
    for (let i = entries.length - 1; i >= 0; i--) {
      stack.push([entries[i][0], level + 1, entries[i][1]]);
    }
  }
  return undefined;
}

/** What scanJson found. */
export interface ScanResult {
  /** The first syntax error (firstOnly: only when it comes before any value too deep). */
  syntaxError?: { position: number; message: string };
  /** JSON paths of the arrays and objects at level maxDepth + 1, in document order (their content is not read). */
  tooDeep: string[];
}

interface Frame {
  array: boolean;
  path: string;
  index: number;
  key: string;
}

type Expect = 'value' | 'keyOrEnd' | 'key' | 'colon' | 'commaOrEnd' | 'done';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/**
 * Reads a JSON text token by token in document order, as a streaming parser does (Apex `JSONParser`): syntax per
 * RFC 8259, one value only, and the arrays and objects nested deeper than maxDepth.
 */
class JsonScanner {
  private i = 0;
  private expect: Expect = 'value';
  private readonly stack: Frame[] = [];
  private readonly result: ScanResult = { tooDeep: [] };

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly firstOnly: boolean
  ) {}

  scan(): ScanResult {
    while (!this.stopped()) {
      WHITESPACE.lastIndex = this.i;
      WHITESPACE.test(this.text);
      this.i = WHITESPACE.lastIndex;
      if (this.i >= this.text.length) {
        if (this.expect !== 'done') this.fail('unexpected end of the JSON text');
        break;
      }
      this.step(this.text[this.i]);
    }
    return this.result;
  }

  private stopped(): boolean {
    return this.result.syntaxError !== undefined || (this.firstOnly && this.result.tooDeep.length > 0);
  }

  private fail(message: string): void {
    this.result.syntaxError = { position: this.i, message: `${message} at position ${this.i}` };
  }

  private step(c: string): void {
    switch (this.expect) {
      case 'value':
        this.value(c);
        return;
      case 'keyOrEnd':
        if (c === '}') return this.close(false);
        return this.key(c);
      case 'key':
        return this.key(c);
      case 'colon':
        if (c !== ':') return this.fail(`expected ':' but found '${c}'`);
        this.i++;
        this.expect = 'value';
        return;
      case 'commaOrEnd':
        return this.commaOrEnd(c);
      default:
        this.fail(`unexpected '${c}' after the JSON value`);
    }
  }

  private value(c: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top?.array && c === ']' && top.index === 0) return this.close(true);
    const path = this.childPath();
    if (c === '{' || c === '[') return this.open(c === '[', path);
    if (c === '"') {
      const end = this.stringEnd(this.i);
      if (end < 0) return;
      this.i = end + 1;
    } else if (!this.scalar()) {
      return;
    }
    this.afterValue();
  }

  private childPath(): string {
    const top = this.stack[this.stack.length - 1];
    if (!top) return '$';
    if (top.array) return `${top.path}[${top.index++}]`;
    return `${top.path}.${top.key}`;
  }

  private open(array: boolean, path: string): void {
    if (this.stack.length >= this.maxDepth) {
      this.result.tooDeep.push(path);
      if (this.firstOnly) return;
      this.i = this.skipContainer(this.i);
      return this.afterValue();
    }
    this.i++;
    this.stack.push({ array, path, index: 0, key: '' });
    this.expect = array ? 'value' : 'keyOrEnd';
  }

  private close(array: boolean): void {
    const top = this.stack.pop() as Frame;
    if (top.array !== array) return this.fail(`unexpected '${array ? ']' : '}'}'`);
    this.i++;
    this.afterValue();
  }

  private key(c: string): void {
    if (c !== '"') return this.fail(`expected a property name but found '${c}'`);
    const end = this.stringEnd(this.i);
    if (end < 0) return;
    this.stack[this.stack.length - 1].key = JSON.parse(this.text.slice(this.i, end + 1)) as string;
    this.i = end + 1;
    this.expect = 'colon';
  }

  private commaOrEnd(c: string): void {
    const top = this.stack[this.stack.length - 1];
    if (c === ',') {
      this.i++;
      this.expect = top.array ? 'value' : 'key';
      return;
    }
    if (c === ']' || c === '}') return this.close(c === ']');
    this.fail(`expected ',' or '${top.array ? ']' : '}'}' but found '${c}'`);
  }

  private afterValue(): void {
    this.expect = this.stack.length === 0 ? 'done' : 'commaOrEnd';
  }

  /** Index of the closing quote of the string opening at `start`, or -1 after reporting the error. */
  private stringEnd(start: number): number {
    for (let i = start + 1; i < this.text.length; i++) {
      const code = this.text.charCodeAt(i);
      if (code === 0x22) return i;
      if (code < 0x20) {
        this.i = i;
        this.fail('control character in a string');
        return -1;
      }
      if (code === 0x5c) {
        const escape = this.text[i + 1];
        if (escape === 'u' && /^[0-9A-Fa-f]{4}$/.test(this.text.slice(i + 2, i + 6))) i += 5;
        else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 1;
        else {
          this.i = i;
          this.fail('invalid escape in a string');
          return -1;
        }
      }
    }
    this.i = this.text.length;
    this.fail('unterminated string');
    return -1;
  }

  /** A number, true, false or null at the current position; false after reporting the error. */
  private scalar(): boolean {
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return this.endOfToken();
      }
    }
    NUMBER.lastIndex = this.i;
    if (NUMBER.test(this.text) && NUMBER.lastIndex > this.i) {
      this.i = NUMBER.lastIndex;
      return this.endOfToken();
    }
    this.fail(`unexpected '${this.text[this.i]}'`);
    return false;
  }

  /** A scalar must end where a delimiter or white space starts (`trueX`, `01` and `1.` are refused). */
  private endOfToken(): boolean {
    const next = this.text[this.i];
    if (next === undefined || ' \t\n\r,]}'.includes(next)) return true;
    this.fail(`unexpected '${next}'`);
    return false;
  }

  /** Index after the array or object opening at `start` (brackets inside strings ignored). */
  private skipContainer(start: number): number {
    let depth = 0;
    for (let i = start; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '"') {
        i = this.text.indexOf('"', i + 1);
        while (i > 0 && this.precededByOddBackslashes(i)) i = this.text.indexOf('"', i + 1);
        if (i < 0) return this.text.length;
      } else if (c === '[' || c === '{') depth++;
      else if ((c === ']' || c === '}') && --depth === 0) return i + 1;
    }
    return this.text.length;
  }

  private precededByOddBackslashes(quote: number): boolean {
    let count = 0;
    for (let j = quote - 1; this.text.charCodeAt(j) === 0x5c; j--) count++;
    return count % 2 === 1;
  }
}

/**
 * Reads a JSON text in document order, as Apex's `JSONParser` does: syntax, one value, and nesting.
 * @param text the JSON text (without a byte-order mark)
 * @param maxDepth most levels allowed
 * @param firstOnly stop at the first event (a syntax error, or a value too deep): the API's answer; otherwise (for a
 *   text already known to be JSON) list every value too deep
 * @returns the syntax error and the paths of the values too deep
 */
export function scanJson(text: string, maxDepth: number, firstOnly: boolean): ScanResult {
  return new JsonScanner(text, maxDepth, firstOnly).scan();
}

/**
 * The answer of the API to a body's text: its JSON value, or INVALID_JSON, or OUT_OF_RANGE when a value is nested
 * deeper than MAX_JSON_DEPTH before any syntax error (in document order).
 * @param text the body, decoded, without its byte-order mark, not blank
 * @returns the parsed value, or the issue
 */
export function readJsonBody(text: string): { ok: true; value: unknown } | { ok: false; issue: TextIssue } {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const scan = scanJson(text, MAX_JSON_DEPTH, true);
    if (scan.tooDeep.length > 0) {
      return { ok: false, issue: tooDeepIssue(scan.tooDeep[0]) };
    }
    return {
      ok: false,
      issue: { code: 'INVALID_JSON', message: `The body is not valid JSON: ${parsed.message}`, path: '$' }
    };
  }
  if (exceedsDepth(parsed.value, MAX_JSON_DEPTH)) {
    const first = scanJson(text, MAX_JSON_DEPTH, true).tooDeep[0] ?? firstTooDeepInTree(parsed.value, MAX_JSON_DEPTH);
    return { ok: false, issue: tooDeepIssue(first ?? '$') };
  }
  return parsed;
}

/**
 * The error for a value nested too deep.
 * @param path JSON path of the array or object at level MAX_JSON_DEPTH + 1
 * @param maxDepth the limit it passed
 * @returns the issue
 */
export function tooDeepIssue(path: string, maxDepth = MAX_JSON_DEPTH): TextIssue {
  return {
    code: 'OUT_OF_RANGE',
    message: `Arrays and objects are nested more than ${maxDepth} levels deep here; at most ${maxDepth} are accepted.`,
    path
  };
}
