/**
 * The fake org answers like the contract says: every request of the error catalogue (contract/examples/cases)
 * gets the expected status, outcome and error codes, and every answer is valid against the response schema of
 * its status in contract/openapi.yaml (dereferenced with @readme/openapi-parser, compiled with the contract's Ajv).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dereference } from '@readme/openapi-parser';
import type { ValidateFunction } from 'ajv/dist/2020';
import { createAjv } from '../../contract/validate';
import { API_PREFIX, startFakeOrg, type FakeOrg, type FakeOrgOptions } from './server';

jest.setTimeout(30_000);

const CONTRACT = path.resolve(__dirname, '..', '..', 'contract');
type Json = Record<string, unknown>;

interface Case {
  level: string;
  request: { method: string; path: string; contentType?: string };
  body?: unknown;
  rawBody?: string;
  generate?: { template: string; calls?: number; padSummaryToBytes?: number };
  expect: { status: number; outcome?: string; errors?: Array<{ code: string; path: string }> };
}

/** Response validators by "METHOD /path status". */
async function responseValidators(): Promise<Map<string, ValidateFunction>> {
  const api = (await dereference(path.join(CONTRACT, 'openapi.yaml'))) as unknown as Json;
  const ajv = createAjv();
  const strip = (node: unknown): Json =>
    JSON.parse(
      JSON.stringify(node, (k: string, v: unknown) => (k === '$id' || k === '$schema' ? undefined : v))
    ) as Json;
  const out = new Map<string, ValidateFunction>();
  for (const [route, item] of Object.entries(api.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters') continue;
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        const schema = (response.content as Record<string, { schema?: unknown }> | undefined)?.['application/json']
          ?.schema;
        if (schema) out.set(`${method.toUpperCase()} ${route} ${status}`, ajv.compile(strip(schema)));
      }
    }
  }
  return out;
}

function bodyOf(c: Case): string {
  if (c.rawBody !== undefined) return c.rawBody;
  if (c.generate) {
    const template = JSON.parse(fs.readFileSync(path.join(CONTRACT, 'examples', c.generate.template), 'utf8')) as Json;
    if (c.generate.calls !== undefined) {
      return JSON.stringify({
        calls: Array.from({ length: c.generate.calls }, (_, i) => ({
          ...template,
          modjoCallId: `${String(template.modjoCallId)}-${i}`
        }))
      });
    }
    const target = c.generate.padSummaryToBytes ?? 0;
    const base = JSON.stringify({ ...template, summary: '' });
    return JSON.stringify({ ...template, summary: 'x'.repeat(Math.max(0, target - Buffer.byteLength(base))) });
  }
  return JSON.stringify(c.body);
}

async function call(org: FakeOrg, method: string, route: string, body?: string, contentType = 'application/json') {
  const response = await fetch(`${org.url}${API_PREFIX}${route.replace(/^\/v1/, '')}`, {
    method,
    headers: { Authorization: `Bearer ${org.token}`, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
    ...(body === undefined ? {} : { body })
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('fake org against contract/openapi.yaml and the error catalogue', () => {
  let validators: Map<string, ValidateFunction>;
  beforeAll(async () => {
    validators = await responseValidators();
  });

  const check = (key: string, json: unknown): string[] => {
    const validate = validators.get(key);
    if (!validate) return [`no response schema for ${key}`];
    return validate(json) ? [] : [`${key}: ${JSON.stringify(validate.errors)}`];
  };

  it('answers every case of the catalogue as expected, in the documented shapes', async () => {
    const dir = path.join(CONTRACT, 'examples', 'cases');
    const problems: string[] = [];
    let ran = 0;
    for (const name of fs.readdirSync(dir).sort()) {
      const c = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Case;
      const options: FakeOrgOptions = {};
      if (name === 'permission-denied.json') options.deny = true;
      else if (name === 'queued-for-retry.json') options.faults = [{ kind: 'queueItems', itemRate: 1 }];
      else if (name === 'internal-error.json') options.faults = [{ kind: 'internalError' }];
      else if (c.level === 'runtime' && c.request.method === 'POST') continue;
      const org = await startFakeOrg(options);
      try {
        const route = c.request.path;
        const body = c.request.method === 'POST' ? bodyOf(c) : undefined;
        const answer = await call(org, c.request.method, route, body, c.request.contentType);
        const template = route.startsWith('/v1/calls/') ? '/v1/calls/{modjoCallId}' : route;
        if (answer.status !== c.expect.status)
          problems.push(`${name}: status ${answer.status}, expected ${c.expect.status}`);
        problems.push(
          ...check(`${c.request.method} ${template} ${answer.status}`, answer.json).map((p) => `${name}: ${p}`)
        );
        const json = answer.json as { errors?: Array<{ code: string; path: string }>; results?: Json[] };
        const item = json?.results?.[0] as
          { outcome?: string; errors?: Array<{ code: string; path: string }> } | undefined;
        if (c.expect.outcome && c.expect.status === 200 && item?.outcome !== c.expect.outcome) {
          problems.push(`${name}: outcome ${item?.outcome}, expected ${c.expect.outcome}`);
        }
        const errors =
          c.expect.status === 200
            ? json?.results?.flatMap((r) => (r.errors as Array<{ code: string; path: string }>) ?? [])
            : json?.errors;
        for (const e of c.expect.errors ?? []) {
          if (!(errors ?? []).some((a) => a.code === e.code && a.path === e.path))
            problems.push(`${name}: missing ${e.code} at ${e.path}`);
        }
        ran++;
      } finally {
        await org.close();
      }
    }
    expect(problems).toEqual([]);
    expect(ran).toBeGreaterThan(30);
  });

  it('answers batches, versions, GET, DELETE, health and 401 in the documented shapes', async () => {
    const org = await startFakeOrg();
    try {
      const batch = fs.readFileSync(path.join(CONTRACT, 'examples', 'batch.json'), 'utf8');
      const first = await call(org, 'POST', '/v1/calls', batch);
      expect(check('POST /v1/calls 200', first.json)).toEqual([]);
      expect((first.json as { results: Json[] }).results.map((r) => r.outcome)).toEqual([
        'created',
        'created',
        'created'
      ]);
      const again = await call(org, 'POST', '/v1/calls', batch);
      expect((again.json as { results: Json[] }).results.map((r) => r.outcome)).toEqual([
        'unchanged',
        'unchanged',
        'unchanged'
      ]);

      const call1 = JSON.parse(fs.readFileSync(path.join(CONTRACT, 'examples', 'call.json'), 'utf8')) as Json;
      const newer = await call(org, 'POST', '/v1/calls', JSON.stringify({ ...call1, version: 4 }));
      const older = await call(org, 'POST', '/v1/calls', JSON.stringify({ ...call1, version: 2 }));
      expect([newer.json, older.json].map((j) => (j as { results: Json[] }).results[0].outcome)).toEqual([
        'updated',
        'stale'
      ]);
      expect(org.state.calls.get(String(call1.modjoCallId))).toMatchObject({ version: 4, applied: 2, created: 1 });

      const view = await call(org, 'GET', `/v1/calls/${String(call1.modjoCallId)}`);
      expect(view.status).toBe(200);
      expect(check('GET /v1/calls/{modjoCallId} 200', view.json)).toEqual([]);
      const deleted = await call(org, 'DELETE', `/v1/calls/${String(call1.modjoCallId)}`);
      expect(check('DELETE /v1/calls/{modjoCallId} 200', deleted.json)).toEqual([]);
      expect(deleted.json).toMatchObject({ outcome: 'deleted' });

      const health = await call(org, 'GET', '/v1/health');
      expect(check('GET /v1/health 200', health.json)).toEqual([]);
      const refused = await fetch(`${org.url}${API_PREFIX}/health`, { headers: { Authorization: 'Bearer nope' } });
      expect(refused.status).toBe(401);
      expect(check('GET /v1/health 401', await refused.json())).toEqual([]);
    } finally {
      await org.close();
    }
    const denied = await startFakeOrg({ deny: true });
    try {
      const health = await call(denied, 'GET', '/v1/health');
      expect(check('GET /v1/health 200', health.json)).toEqual([]);
      expect(health.json).toMatchObject({ status: 'degraded', permissions: { modjoIngest: false } });
    } finally {
      await denied.close();
    }
  });

  it('listens on 127.0.0.1 only and drops bodies far over the limit without reading them', async () => {
    const org = await startFakeOrg();
    try {
      expect(new URL(org.url).hostname).toBe('127.0.0.1');
      const huge = 'x'.repeat(5 * 1024 * 1024);
      const answer = await fetch(`${org.url}${API_PREFIX}/calls`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${org.token}`, 'Content-Type': 'application/json' },
        body: huge
      }).then(
        (r) => r.status,
        () => 'connection closed'
      );
      expect([413, 'connection closed']).toContain(answer);
      expect(org.state.calls.size).toBe(0);
    } finally {
      await org.close();
    }
  });

  it('answers a malformed id in GET and DELETE with 400 INVALID_FORMAT, as docs/api.md says', async () => {
    const org = await startFakeOrg();
    try {
      for (const method of ['GET', 'DELETE']) {
        for (const id of ['bad%20id', 'x'.repeat(65), '%C3%A9t%C3%A9']) {
          const answer = await call(org, method, `/v1/calls/${id}`);
          expect({ method, id, status: answer.status }).toEqual({ method, id, status: 400 });
          expect(answer.json).toEqual({
            errors: [expect.objectContaining({ code: 'INVALID_FORMAT', path: '$.modjoCallId' })]
          });
          expect(check(`${method} /v1/calls/{modjoCallId} 400`, answer.json)).toEqual([]);
        }
        expect((await call(org, method, '/v1/calls/c_unknown')).status).toBe(404);
      }
    } finally {
      await org.close();
    }
  });

  it('updates a call sent again with the same version and different content; the same content is unchanged', async () => {
    const org = await startFakeOrg();
    const minimal = fs.readFileSync(path.join(CONTRACT, 'examples', 'minimal.json'), 'utf8');
    const outcome = async (body: string): Promise<unknown> =>
      ((await call(org, 'POST', '/v1/calls', body)).json as { results: Array<{ outcome: string }> }).results[0].outcome;
    try {
      expect(await outcome(minimal)).toBe('created');
      expect(await outcome(minimal)).toBe('unchanged');
      const retitled = JSON.stringify({ ...(JSON.parse(minimal) as Json), title: 'Renamed in Modjo' });
      expect(await outcome(retitled)).toBe('updated');
      expect(await outcome(retitled)).toBe('unchanged');
      expect(await outcome(minimal)).toBe('updated');
    } finally {
      await org.close();
    }
  });

  it('answers an unexpected failure with 500 INTERNAL_ERROR and a fixed message, never the exception text', async () => {
    const org = await startFakeOrg();
    try {
      jest.spyOn(org.state.calls, 'get').mockImplementation(() => {
        throw new Error('secret internals of the org');
      });
      const answer = await call(org, 'GET', '/v1/calls/c_minimal_1');
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({
        errors: [
          {
            code: 'INTERNAL_ERROR',
            message: 'An unexpected error stopped the request; nothing was saved. Send the request again.',
            path: '$'
          }
        ]
      });
      expect(JSON.stringify(answer.json)).not.toContain('secret');
    } finally {
      await org.close();
    }
  });
});
