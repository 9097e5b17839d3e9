/**
 * The conformance vectors (contract/conformance.ts: the catalogue cases, contract/examples/conformance and the
 * schema's boundaries) give the same status, codes and JSON paths through every TypeScript implementation:
 * the reference validator (contract/validate.ts), `modjo-sf validate` and the fake org. The Apex test
 * ContractVectorsTest runs the same vectors (static resource ContractVectors) through PayloadValidator.
 */
import {
  bodyBytes,
  BUNDLE_RESOURCE,
  bundleDrift,
  loadVectors,
  type Expectation,
  type Vector
} from '../../contract/conformance';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRequest, type RequestCheck } from '../../contract/validate';
import { runCli, tempDir } from '../../tools/cli/testing/harness';
import { API_PREFIX, startFakeOrg } from '../../tools/fake-org/server';

jest.setTimeout(120_000);

const vectors = loadVectors();
const issues = (list: Array<{ code: string; path: string }> = []): string[] =>
  list.map((i) => `${i.code} ${i.path}`).sort();

/** The expectation normalised: what every implementation is compared on. */
function expected(v: Vector): unknown {
  const e: Expectation = v.expect;
  if (v.level === 'request') return { status: e.status, errors: issues(e.errors) };
  if (e.results) {
    return { status: e.status, results: e.results.map((r) => `${r.index} ${r.outcome} ${issues(r.errors).join(',')}`) };
  }
  return { status: e.status, outcome: e.outcome, errors: issues(e.errors), warnings: issues(e.warnings) };
}

/** The reference validator's answer, in the shape of `expected`. */
function observed(v: Vector, check: RequestCheck): unknown {
  if (v.level === 'request') return { status: check.status, errors: issues(check.errors) };
  if (check.errors.length > 0) return { status: check.status, requestErrors: issues(check.errors) };
  const outcome = (i: number): string => (check.items[i].errors.length > 0 ? 'rejected' : 'created');
  if (v.expect.results) {
    return {
      status: check.status,
      results: check.items.map((item, i) => `${i} ${outcome(i)} ${issues(item.errors).join(',')}`)
    };
  }
  const item = check.items[0];
  return { status: check.status, outcome: outcome(0), errors: issues(item.errors), warnings: issues(item.warnings) };
}

describe('conformance vectors', () => {
  it('are many and cover the issue-11 families', () => {
    expect(vectors.length).toBeGreaterThan(150);
    for (const family of ['case:', 'adversarial:', 'boundary:']) {
      expect(vectors.some((v) => v.name.startsWith(family))).toBe(true);
    }
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s: the reference validator answers as expected', (_, v) => {
    expect(observed(v, checkRequest(v.contentType, bodyBytes(v)))).toEqual(expected(v));
  });

  it('ship as the static resource ContractVectors, identical to contract/examples', () => {
    expect(bundleDrift(BUNDLE_RESOURCE)).toEqual([]);
  });
});

/**
 * Vectors `modjo-sf validate` answers like the API: single calls (a file is not a request, so content types, batch
 * shapes and batch sizes are push's business) and the text rules. Left out, by design: depth at the API's limit
 * (the CLI counts the `{ "calls": [ … ] }` push wraps every payload in, so it refuses 2 levels earlier) and
 * duplicates in a batch (push sends the highest version: a warning in validate).
 */
function cliApplies(v: Vector): boolean {
  const codes = (v.expect.errors ?? []).map((e) => e.code);
  if (v.name.includes('depth-')) return false;
  if (v.level === 'request') return codes.every((c) => c === 'INVALID_JSON' || c === 'BODY_TOO_LARGE');
  return v.expect.results === undefined;
}

describe('modjo-sf validate on the conformance vectors', () => {
  const chosen = vectors.filter(cliApplies);
  let answers: Map<string, { errors: string[]; warnings: string[] }>;

  beforeAll(async () => {
    const dir = tempDir();
    chosen.forEach((v, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}.json`), bodyBytes(v)));
    const out = await runCli(['validate', dir, '--json'], { cwd: dir });
    const result = (out.json?.result ?? out.json?.data) as {
      errors: Array<{ source: string; code: string; path?: string }>;
      warnings: Array<{ source: string; code: string; path?: string }>;
    };
    answers = new Map(chosen.map((v) => [v.name, { errors: [], warnings: [] }]));
    const byFile = (source: string): string => chosen[Number(path.basename(source, '.json'))].name;
    for (const e of result.errors) answers.get(byFile(e.source))?.errors.push(`${e.code} ${e.path ?? '$'}`);
    for (const w of result.warnings) answers.get(byFile(w.source))?.warnings.push(`${w.code} ${w.path ?? '$'}`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cover most vectors', () => {
    expect(chosen.length).toBeGreaterThan(120);
  });

  it.each(chosen.map((v) => [v.name, v] as const))('%s: same codes and paths as the API', (name, v) => {
    const answer = answers.get(name) as { errors: string[]; warnings: string[] };
    const errors = v.level === 'request' ? (v.expect.errors ?? []) : v.expect.errors;
    expect({ errors: answer.errors.sort(), warnings: v.level === 'request' ? [] : answer.warnings.sort() }).toEqual({
      errors: issues(errors),
      warnings: v.level === 'request' ? [] : issues(v.expect.warnings)
    });
  });
});

describe('the fake org on the conformance vectors', () => {
  it('answers every vector with the expected status, outcomes, codes and paths', async () => {
    const org = await startFakeOrg();
    const problems: string[] = [];
    try {
      for (const v of vectors) {
        org.reset();
        const response = await fetch(`${org.url}${API_PREFIX}/calls`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${org.token}`, 'Content-Type': v.contentType },
          body: new Uint8Array(bodyBytes(v))
        });
        const json = (await response.json()) as {
          errors?: Array<{ code: string; path: string }>;
          results?: Array<{
            outcome: string;
            errors: Array<{ code: string; path: string }>;
            warnings: Array<{ code: string; path: string }>;
          }>;
        };
        let seen: unknown;
        if (v.level === 'request' || response.status !== 200) {
          seen =
            v.level === 'request'
              ? { status: response.status, errors: issues(json.errors) }
              : {
                  status: response.status,
                  outcome: 'rejected',
                  errors: issues(json.errors),
                  warnings: issues(v.expect.warnings)
                };
        } else if (v.expect.results) {
          seen = {
            status: 200,
            results: (json.results ?? []).map((r, i) => `${i} ${r.outcome} ${issues(r.errors).join(',')}`)
          };
        } else {
          const r = json.results?.[0];
          seen = { status: 200, outcome: r?.outcome, errors: issues(r?.errors), warnings: issues(r?.warnings) };
        }
        if (JSON.stringify(seen) !== JSON.stringify(expected(v))) problems.push(`${v.name}: ${JSON.stringify(seen)}`);
      }
    } finally {
      await org.close();
    }
    expect(problems).toEqual([]);
  });
});

describe('the Apex states the same rules', () => {
  it('PayloadValidator.cls uses the schema email pattern, character for character', () => {
    const apex = fs.readFileSync(
      path.join(__dirname, '../../force-app/main/default/classes/ingestion/PayloadValidator.cls'),
      'utf8'
    );
    const literal = /Pattern EMAIL = Pattern\.compile\(\s*'((?:[^'\\]|\\.)*)'\s*\)/.exec(apex)?.[1] ?? '';
    const unescaped = literal.replace(/\\(.)/g, '$1');
    const schema = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../contract/call-payload.schema.json'), 'utf8')
    ) as { $defs: { ParticipantInfo: { properties: { email: { pattern: string } } } } };
    expect(unescaped).toBe(schema.$defs.ParticipantInfo.properties.email.pattern);
  });
});
