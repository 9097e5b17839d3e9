/**
 * Examples and the error catalogue: every valid example validates against call-payload.schema.json, and every
 * case of contract/examples/cases produces exactly the status, codes and paths it is labelled with when run
 * through the reference validator (contract/validate.ts). The cases together cover every code of the catalogue
 * in docs/architecture.md. The Apex tests of PayloadValidator build the same cases in Apex (Apex cannot read
 * these files); tests/contract/apex-limits.test.ts keeps the limits of both sides equal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import schema from '../../contract/call-payload.schema.json';
import {
  checkRequest,
  createAjv,
  ERROR_CODES,
  MAX_BODY_BYTES,
  toJsonPath,
  WARNING_CODES,
  type RequestCheck
} from '../../contract/validate';

interface ExpectedIssue {
  code: string;
  path: string;
}

interface Case {
  description: string;
  level: 'request' | 'item' | 'runtime';
  request: { method: string; path: string; contentType?: string };
  body?: unknown;
  rawBody?: string;
  generate?: { calls?: number; template: string; padSummaryToBytes?: number };
  condition?: string;
  expect: {
    status: number;
    outcome?: string;
    errors?: ExpectedIssue[];
    warnings?: ExpectedIssue[];
    results?: { index: number; outcome: string; errors?: ExpectedIssue[] }[];
  };
}

const EXAMPLES = path.join(__dirname, '../../contract/examples');
const CASES = path.join(EXAMPLES, 'cases');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const caseFiles = readdirSync(CASES).filter((f) => f.endsWith('.json'));
const cases: [string, Case][] = caseFiles.map((f) => [f, readJson(path.join(CASES, f)) as Case]);

function bodyOf(c: Case): string {
  if (c.rawBody !== undefined) {
    return c.rawBody;
  }
  if (c.generate) {
    const template = readJson(path.join(EXAMPLES, c.generate.template)) as Record<string, unknown>;
    if (c.generate.calls !== undefined) {
      const calls = Array.from({ length: c.generate.calls }, (_, i) => ({
        ...template,
        modjoCallId: `${String(template.modjoCallId)}-${i}`
      }));
      return JSON.stringify({ calls });
    }
    if (c.generate.padSummaryToBytes !== undefined) {
      const empty = JSON.stringify({ ...template, summary: '' });
      const summary = 'x'.repeat(c.generate.padSummaryToBytes - Buffer.byteLength(empty, 'utf8'));
      return JSON.stringify({ ...template, summary });
    }
  }
  return JSON.stringify(c.body);
}

const issues = (list: { code: string; path: string }[]): string[] => list.map((i) => `${i.code} ${i.path}`).sort();

function outcomeOf(check: RequestCheck, index: number): string {
  return check.items[index].errors.length > 0 ? 'rejected' : 'created';
}

/** What the reference validator answers for a case, in the shape of the case's `expect`. */
function observe(c: Case): unknown {
  const check = checkRequest(c.request.contentType, bodyOf(c));
  if (c.level === 'request') {
    return { status: check.status, errors: issues(check.errors) };
  }
  if (c.expect.results) {
    return {
      status: check.status,
      requestErrors: issues(check.errors),
      results: check.items.map((item, i) => ({ index: i, outcome: outcomeOf(check, i), errors: issues(item.errors) }))
    };
  }
  return {
    status: check.status,
    requestErrors: issues(check.errors),
    outcome: outcomeOf(check, 0),
    errors: issues(check.items[0].errors),
    warnings: issues(check.items[0].warnings)
  };
}

/** The case's `expect`, normalised like `observe`. */
function expectedOf(c: Case): unknown {
  const e = c.expect;
  if (c.level === 'request') {
    return { status: e.status, errors: issues(e.errors ?? []) };
  }
  if (e.results) {
    return {
      status: e.status,
      requestErrors: [],
      results: e.results.map((r) => ({ index: r.index, outcome: r.outcome, errors: issues(r.errors ?? []) }))
    };
  }
  return {
    status: e.status,
    requestErrors: [],
    outcome: e.outcome,
    errors: issues(e.errors ?? []),
    warnings: issues(e.warnings ?? [])
  };
}

describe('call-payload.schema.json', () => {
  it('compiles with a strict JSON Schema 2020-12 validator', () => {
    expect(() => createAjv().compile(schema)).not.toThrow();
  });

  it('gives every property a description', () => {
    const missing: string[] = [];
    const visit = (node: Record<string, unknown>, where: string): void => {
      const properties = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [name, property] of Object.entries(properties)) {
        const target = property.$ref
          ? (schema.$defs as Record<string, Record<string, unknown>>)[String(property.$ref).replace('#/$defs/', '')]
          : property;
        if (!property.description && !target.description) {
          missing.push(`${where}.${name}`);
        }
      }
    };
    visit(schema, '$');
    for (const [name, def] of Object.entries(schema.$defs)) {
      visit(def as Record<string, unknown>, name);
    }
    expect(missing).toEqual([]);
  });

  it('keeps maxLength for rejected values only and x-salesforce-maxLength for truncated text', () => {
    const offenders: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (node === null || typeof node !== 'object') {
        return;
      }
      const record = node as Record<string, unknown>;
      if (record['x-overflow'] === 'truncate' && ('maxLength' in record || !('x-salesforce-maxLength' in record))) {
        offenders.push(where);
      }
      for (const [key, value] of Object.entries(record)) {
        visit(value, `${where}/${key}`);
      }
    };
    visit(schema, '#');
    expect(offenders).toEqual([]);
  });
});

describe('valid examples', () => {
  const validate = createAjv().compile(schema);

  it.each(['call.json', 'meeting.json', 'minimal.json', 'crm-filling-legacy.json'])(
    '%s validates against the schema',
    (file) => {
      const valid = validate(readJson(path.join(EXAMPLES, file)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  );

  it('batch.json holds valid calls with distinct ids and is accepted whole', () => {
    const body = readFileSync(path.join(EXAMPLES, 'batch.json'), 'utf8');
    const check = checkRequest('application/json', body);
    expect(check.status).toBe(200);
    expect(check.isBatch).toBe(true);
    expect(check.items.flatMap((i) => [...i.errors, ...i.warnings])).toEqual([]);
  });

  it('call.json sets every property of the contract', () => {
    const call = readJson(path.join(EXAMPLES, 'call.json')) as Record<string, unknown>;
    expect(Object.keys(call).sort()).toEqual(Object.keys(schema.properties).sort());
  });
});

describe('error catalogue cases', () => {
  it('cover every error and warning code of docs/architecture.md', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/architecture.md'), 'utf8');
    const start = doc.indexOf('Error codes:');
    const end = doc.indexOf('\n\n', start);
    const catalogue = doc.slice(start, end === -1 ? undefined : end);
    const documented = [...catalogue.matchAll(/`([A-Z_]{5,})`/g)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...ERROR_CODES, ...WARNING_CODES].sort());
    const covered = new Set(
      cases
        .flatMap(([, c]) => [
          ...(c.expect.errors ?? []),
          ...(c.expect.warnings ?? []),
          ...(c.expect.results ?? []).flatMap((r) => r.errors ?? [])
        ])
        .map((i) => i.code)
    );
    expect([...ERROR_CODES, ...WARNING_CODES].filter((code) => !covered.has(code))).toEqual([]);
  });

  it.each(cases)('%s is well formed', (_file, c) => {
    expect(c.description.length).toBeGreaterThan(5);
    expect(['request', 'item', 'runtime']).toContain(c.level);
    expect(typeof c.expect.status).toBe('number');
    const codes = [...(c.expect.errors ?? []), ...(c.expect.warnings ?? [])].map((i) => i.code);
    for (const code of codes) {
      expect([...ERROR_CODES, ...WARNING_CODES]).toContain(code);
    }
    expect(c.level !== 'runtime' || Boolean(c.condition)).toBe(true);
  });

  const runnable = cases.filter(([, c]) => c.level !== 'runtime');

  it.each(runnable)('%s produces what it is labelled with', (_file, c) => {
    expect(observe(c)).toEqual(expectedOf(c));
  });

  it.each(cases.filter(([, c]) => c.level === 'runtime' && c.body !== undefined))(
    '%s carries a valid body (its error comes from the org, not the payload)',
    (_file, c) => {
      const check = checkRequest('application/json', JSON.stringify(c.body));
      expect(check.items.flatMap((i) => i.errors)).toEqual([]);
    }
  );

  it('generates bodies just over the limits', () => {
    const [, bodyCase] = cases.find(([f]) => f === 'body-too-large.json') as [string, Case];
    expect(Buffer.byteLength(bodyOf(bodyCase), 'utf8')).toBe(MAX_BODY_BYTES + 1);
  });
});

describe('reference validator', () => {
  it('converts JSON pointers to API paths', () => {
    expect(toJsonPath('$.calls[2]', '/participants/0/email')).toBe('$.calls[2].participants[0].email');
    expect(toJsonPath('$', '')).toBe('$');
  });

  it('treats null as absent and reports one error per value', () => {
    const check = checkRequest(
      'application/json; charset=utf-8',
      JSON.stringify({
        ...(readJson(path.join(EXAMPLES, 'minimal.json')) as object),
        title: null,
        url: 'x'.repeat(300)
      })
    );
    expect(issues(check.items[0].errors)).toEqual(['FIELD_TOO_LONG $.url']);
  });
});
