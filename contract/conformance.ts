/**
 * The conformance vectors of the inbound call API: one list of requests with the status, codes and JSON paths every
 * implementation must answer. They come from three places of contract/examples:
 *
 * - `cases/*.json`: the error catalogue (one case per code; runtime cases such as NOT_FOUND are left to the fake org
 *   tests, a validator cannot produce them);
 * - `conformance/*.json`: hand-written vectors (issue 11: prototype keys, depth, date-times, UTF-16 lengths, UTF-8,
 *   numbers, emails, URLs, …), each `{ name, description, level, <body>, expect }`;
 * - the boundaries of the schema, generated here: every length limit, integer range and array size at the limit and
 *   one past it, the expectation read from the schema (maxLength: FIELD_TOO_LONG; x-salesforce-maxLength:
 *   TRUNCATED; minimum/maximum and maxItems: OUT_OF_RANGE).
 *
 * Every vector is reduced to its exact bytes, written as parts (`{ text, times }`, long runs of one ASCII character
 * folded) or as base64 when they are not UTF-8. `bundle()` is the static resource ContractVectors that the Apex test
 * ContractVectorsTest runs through PayloadValidator; `npm run contract:vectors` writes it and `check:metadata` fails
 * when it drifts from this folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import schema from './call-payload.schema.json';
import { decodeUtf8 } from './json-text';

export const EXAMPLES_DIR = path.join(__dirname, 'examples');
export const BUNDLE_RESOURCE = path.join(
  __dirname,
  '..',
  'force-app',
  'main',
  'default',
  'staticresources',
  'ContractVectors.json'
);

export interface ExpectedIssue {
  code: string;
  path: string;
}

export interface Expectation {
  status: number;
  outcome?: string;
  errors?: ExpectedIssue[];
  warnings?: ExpectedIssue[];
  results?: Array<{ index: number; outcome: string; errors?: ExpectedIssue[] }>;
}

/** A run of text: `text` repeated `times` times (once when absent). */
export interface Part {
  text: string;
  times?: number;
}

/** One vector, its body reduced to bytes. */
export interface Vector {
  name: string;
  description: string;
  /** request: the request is refused whole; item: the items are checked. */
  level: 'request' | 'item';
  contentType: string;
  /** The body as text parts (UTF-8), or base64 when the bytes are not UTF-8. */
  parts?: Part[];
  bodyBase64?: string;
  expect: Expectation;
}

interface Source {
  name?: string;
  description: string;
  level: string;
  request?: { contentType?: string };
  contentType?: string;
  body?: unknown;
  set?: Record<string, unknown>;
  rawBody?: string;
  rawParts?: Part[];
  bodyBase64?: string;
  generate?: { calls?: number; template: string; padSummaryToBytes?: number };
  expect: Expectation;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const minimal = (): Record<string, unknown> =>
  readJson(path.join(EXAMPLES_DIR, 'minimal.json')) as Record<string, unknown>;

function generated(g: NonNullable<Source['generate']>): Part[] {
  const template = readJson(path.join(EXAMPLES_DIR, g.template)) as Record<string, unknown>;
  if (g.calls !== undefined) {
    const calls = Array.from({ length: g.calls }, (_, i) => ({
      ...template,
      modjoCallId: `${String(template.modjoCallId)}-${i}`
    }));
    return [{ text: JSON.stringify({ calls }) }];
  }
  const empty = JSON.stringify({ ...template, summary: '' });
  const at = empty.indexOf('"summary":""') + '"summary":"'.length;
  const pad = (g.padSummaryToBytes ?? 0) - Buffer.byteLength(empty, 'utf8');
  return [{ text: empty.slice(0, at) }, { text: 'x', times: pad }, { text: empty.slice(at) }];
}

/** Splits a text into parts, folding runs of 64 or more of one ASCII character. */
export function fold(text: string): Part[] {
  const parts: Part[] = [];
  let start = 0;
  for (let i = 0; i < text.length;) {
    let j = i + 1;
    while (j < text.length && text[j] === text[i]) j++;
    if (j - i >= 64 && text.charCodeAt(i) < 0x80) {
      if (i > start) parts.push({ text: text.slice(start, i) });
      parts.push({ text: text[i], times: j - i });
      start = j;
    }
    i = j;
  }
  if (start < text.length || parts.length === 0) parts.push({ text: text.slice(start) });
  return parts;
}

function partsOf(source: Source): Part[] | undefined {
  if (source.rawParts) return source.rawParts;
  if (source.rawBody !== undefined) return fold(source.rawBody);
  if (source.generate) return generated(source.generate);
  if (source.set) return fold(JSON.stringify({ ...minimal(), ...source.set }));
  if (source.body !== undefined) return fold(JSON.stringify(source.body));
  return undefined;
}

function toVector(name: string, source: Source): Vector {
  if (source.level !== 'request' && source.level !== 'item') {
    throw new Error(`vector ${name}: level must be request or item, got ${source.level}`);
  }
  const parts = source.bodyBase64 === undefined ? partsOf(source) : undefined;
  if (!parts && source.bodyBase64 === undefined) throw new Error(`vector ${name} has no body`);
  return {
    name,
    description: source.description,
    level: source.level,
    contentType: source.contentType ?? source.request?.contentType ?? 'application/json',
    ...(parts ? { parts } : { bodyBase64: source.bodyBase64 }),
    expect: source.expect
  };
}

/**
 * The exact bytes of a vector's body.
 * @param vector the vector
 * @returns the bytes
 */
export function bodyBytes(vector: Vector): Buffer {
  if (vector.bodyBase64 !== undefined) return Buffer.from(vector.bodyBase64, 'base64');
  return Buffer.from((vector.parts ?? []).map((p) => p.text.repeat(p.times ?? 1)).join(''), 'utf8');
}

function catalogueVectors(): Vector[] {
  const dir = path.join(EXAMPLES_DIR, 'cases');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), readJson(path.join(dir, f)) as Source] as const)
    .filter(([, c]) => c.level !== 'runtime')
    .map(([name, c]) => toVector(`case:${name}`, c));
}

function handWrittenVectors(): Vector[] {
  const dir = path.join(EXAMPLES_DIR, 'conformance');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) =>
      (readJson(path.join(dir, f)) as { vectors: Source[] }).vectors.map((v) =>
        toVector(`${f.replace(/\.json$/, '')}:${String(v.name)}`, v)
      )
    );
}

type Node = Record<string, unknown>;
const defs = schema.$defs as unknown as Record<string, Node>;

/** Where each object of the schema sits in a valid call, with the required properties it needs. */
const HOLDERS: Record<string, { wrap: (o: Node) => Node; at: string; base: Node }> = {
  $: { wrap: (o) => o, at: '$', base: {} },
  ProviderInfo: { wrap: (o) => ({ provider: o }), at: '$.provider', base: { name: 'Aircall' } },
  ParticipantInfo: { wrap: (o) => ({ participants: [o] }), at: '$.participants[0]', base: { internal: false } },
  TopicInfo: { wrap: (o) => ({ topics: [o] }), at: '$.topics[0]', base: { name: 'Pricing' } },
  MomentInfo: {
    wrap: (o) => ({ topics: [{ name: 'Pricing', moments: [o] }] }),
    at: '$.topics[0].moments[0]',
    base: { startSecond: 0 }
  },
  HighlightInfo: { wrap: (o) => ({ highlights: [o] }), at: '$.highlights[0]', base: { text: 'A', startSecond: 0 } },
  CommentInfo: {
    wrap: (o) => ({ comments: [o] }),
    at: '$.comments[0]',
    base: { author: 'A', text: 'B', createdAt: '2026-11-27T08:00:00Z' }
  },
  SalesforceRefs: { wrap: (o) => ({ salesforce: o }), at: '$.salesforce', base: {} },
  CrmAnswer: {
    wrap: (o) => ({ schemaVersion: '1.1', crmFilling: [o] }),
    at: '$.crmFilling[0]',
    base: { key: 'next_steps', kind: 'text', textValue: 'Send the pricing sheet.' }
  },
  CrmAnswerMoment: {
    wrap: (o) => ({
      schemaVersion: '1.1',
      crmFilling: [{ key: 'next_steps', kind: 'text', textValue: 'A', moment: o }]
    }),
    at: '$.crmFilling[0].moment',
    base: { atSecond: 0 }
  }
};

/** A valid value of a length, for the formatted strings; undefined when the property has no length to test. */
function stringOfLength(key: string, rule: Node, length: number): string | undefined {
  if (key === 'email' || key === 'modjoUserEmail') return `${'a'.repeat(length - 8)}@acme.fr`;
  // A link kept under the default host list (links.ts), so that only its length is at stake.
  if (key === 'url') return `https://app.modjo.ai/${'a'.repeat(length - 21)}`;
  if (key === 'modjoCallId') return 'c'.repeat(length);
  if (key === 'key') return 'k'.repeat(length);
  if (rule.pattern !== undefined && key !== 'name') return undefined;
  return 'a'.repeat(length);
}

function lengthVectors(holder: string, key: string, rule: Node): Source[] {
  const { wrap, at, base } = HOLDERS[holder];
  const rejected = typeof rule.maxLength === 'number';
  const limit = (rejected ? rule.maxLength : rule['x-salesforce-maxLength']) as number | undefined;
  if (limit === undefined || stringOfLength(key, rule, limit) === undefined) return [];
  const where = `${at}.${key}`;
  const value = (n: number): Node => wrap({ ...base, [key]: stringOfLength(key, rule, n) });
  const over: Expectation = rejected
    ? { status: 400, outcome: 'rejected', errors: [{ code: 'FIELD_TOO_LONG', path: where }] }
    : { status: 200, outcome: 'created', warnings: [{ code: 'TRUNCATED', path: where }] };
  return [
    {
      name: `${where}-length-${limit}`,
      description: `${where} at its limit.`,
      level: 'item',
      set: value(limit),
      expect: { status: 200, outcome: 'created' }
    },
    {
      name: `${where}-length-${limit + 1}`,
      description: `${where} one past its limit.`,
      level: 'item',
      set: value(limit + 1),
      expect: over
    }
  ];
}

function rangeVectors(holder: string, key: string, rule: Node): Source[] {
  const { wrap, at, base } = HOLDERS[holder];
  if (rule.type !== 'integer') return [];
  const where = `${at}.${key}`;
  const out: Source[] = [];
  const bad: Expectation = { status: 400, outcome: 'rejected', errors: [{ code: 'OUT_OF_RANGE', path: where }] };
  const good: Expectation = { status: 200, outcome: 'created' };
  // endSecond must not be before startSecond: the holders' startSecond is 0, so every endSecond in range is fine.
  for (const [value, expect] of [
    [rule.minimum as number, good],
    [(rule.minimum as number) - 1, bad],
    [rule.maximum as number, good],
    [(rule.maximum as number) + 1, bad]
  ] as const) {
    if (!Number.isSafeInteger(value)) continue;
    const start = key === 'endSecond' ? { startSecond: 0 } : {};
    out.push({
      name: `${where}-${value}`,
      description: `${where} = ${value}.`,
      level: 'item',
      set: wrap({ ...base, ...start, [key]: value }),
      expect
    });
  }
  return out;
}

const ITEM_OF_ARRAY: Record<string, unknown> = {
  participants: { internal: false },
  topics: { name: 'Pricing' },
  highlights: { text: 'A', startSecond: 0 },
  tags: 'a',
  comments: { author: 'A', text: 'B', createdAt: '2026-11-27T08:00:00Z' },
  crmFilling: { key: 'won', kind: 'boolean', booleanValue: true }
};

function sizeVectors(key: string, rule: Node): Source[] {
  if (typeof rule.maxItems !== 'number' || !(key in ITEM_OF_ARRAY)) return [];
  const limit = rule.maxItems;
  const where = `$.${key}`;
  const of = (n: number): Node => ({ [key]: Array.from({ length: n }, () => ITEM_OF_ARRAY[key]) });
  return [
    {
      name: `${where}-items-${limit}`,
      description: `${where} with ${limit} items.`,
      level: 'item',
      set: of(limit),
      expect: { status: 200, outcome: 'created' }
    },
    {
      name: `${where}-items-${limit + 1}`,
      description: `${where} with ${limit + 1} items.`,
      level: 'item',
      set: of(limit + 1),
      expect: { status: 400, outcome: 'rejected', errors: [{ code: 'OUT_OF_RANGE', path: where }] }
    }
  ];
}

/** Boundary vectors of every limit of the schema (see the module comment). */
function boundaryVectors(): Vector[] {
  const sources: Source[] = [];
  const holders: Array<[string, Node]> = [['$', schema as unknown as Node], ...Object.entries(defs)];
  for (const [holder, node] of holders) {
    if (!(holder in HOLDERS)) continue;
    for (const [key, raw] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
      const rule = raw.$ref ? defs[String(raw.$ref).split('/').pop() as string] : raw;
      sources.push(...lengthVectors(holder, key, rule), ...rangeVectors(holder, key, rule));
      if (holder === '$') sources.push(...sizeVectors(key, rule));
    }
  }
  const tag = (schema.properties.tags.items as unknown as Node).maxLength as number;
  sources.push(
    {
      name: `$.tags[0]-length-${tag}`,
      description: 'A tag at its limit.',
      level: 'item',
      set: { tags: ['t'.repeat(tag)] },
      expect: { status: 200, outcome: 'created' }
    },
    {
      name: `$.tags[0]-length-${tag + 1}`,
      description: 'A tag one past its limit.',
      level: 'item',
      set: { tags: ['t'.repeat(tag + 1)] },
      expect: { status: 400, outcome: 'rejected', errors: [{ code: 'FIELD_TOO_LONG', path: '$.tags[0]' }] }
    }
  );
  return sources.map((s) => toVector(`boundary:${String(s.name)}`, s));
}

/**
 * Every conformance vector, in a stable order: catalogue cases, hand-written vectors, boundaries.
 * @returns the vectors
 */
export function loadVectors(): Vector[] {
  const vectors = [...catalogueVectors(), ...handWrittenVectors(), ...boundaryVectors()];
  const names = new Set<string>();
  for (const v of vectors) {
    if (names.has(v.name)) throw new Error(`duplicate vector name ${v.name}`);
    names.add(v.name);
    if (v.bodyBase64 !== undefined && decodeUtf8(bodyBytes(v)) !== undefined) {
      throw new Error(`vector ${v.name}: bodyBase64 is for bodies that are not UTF-8; use rawBody`);
    }
  }
  return vectors;
}

/**
 * The static resource ContractVectors: the vectors as JSON, formatted as Prettier leaves them.
 * @returns the text of force-app/main/default/staticresources/ContractVectors.json
 */
export function bundle(): string {
  return `${JSON.stringify(
    {
      description:
        'Generated by npm run contract:vectors from contract/examples (do not edit; check:metadata fails on drift). ' +
        'Read by ContractVectorsTest: each body is its parts (text repeated times) or bodyBase64.',
      vectors: loadVectors()
    },
    null,
    2
  )}\n`;
}

/**
 * Compares a static resource with the bundle of the vectors.
 * @param resourceFile the resource to check
 * @returns the problems (empty when identical)
 */
export function bundleDrift(resourceFile: string): string[] {
  let actual: string;
  try {
    actual = readFileSync(resourceFile, 'utf8');
  } catch {
    return [`${resourceFile} is missing: run npm run contract:vectors`];
  }
  return actual === bundle()
    ? []
    : [`${resourceFile} differs from the vectors of contract/examples: run npm run contract:vectors`];
}
