/**
 * The fake org's CRM context resources (./context.ts) answer in the shapes of contract/openapi.yaml (responses
 * dereferenced, compiled with the contract's Ajv): the lookup finds by email and phone, a converted Lead answers its
 * Contact, hidden fields are left out and listed, bad values get the package's codes; the match preview validates
 * payloads like POST /v1/calls and stores nothing.
 */
import * as path from 'node:path';
import { dereference } from '@readme/openapi-parser';
import type { ValidateFunction } from 'ajv/dist/2020';
import { createAjv } from '../../contract/validate';
import { API_PREFIX, startFakeOrg, type FakeOrg } from './server';

jest.setTimeout(30_000);

type Json = Record<string, unknown>;
const CONTRACT = path.resolve(__dirname, '..', '..', 'contract');

async function validator(route: string, method: string, status: string): Promise<ValidateFunction> {
  const api = (await dereference(path.join(CONTRACT, 'openapi.yaml'))) as unknown as Json;
  const operation = (api.paths as Record<string, Record<string, Json>>)[route][method];
  const response = (operation.responses as Record<string, Json>)[status];
  const schema = (response.content as Record<string, { schema: unknown }>)['application/json'].schema;
  const strip = JSON.parse(
    JSON.stringify(schema, (k: string, v: unknown) => (k === '$id' || k === '$schema' ? undefined : v))
  ) as Json;
  return createAjv().compile(strip);
}

async function send(
  org: FakeOrg,
  method: string,
  route: string,
  body?: string
): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${org.url}${API_PREFIX}${route}`, {
    method,
    headers: { Authorization: `Bearer ${org.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body } : {})
  });
  return { status: response.status, json: (await response.json()) as Json };
}

const payload = (id: string, participants: Json[]): Json => ({
  modjoCallId: id,
  version: 1,
  kind: 'call',
  startedAt: '2026-11-02T10:30:00+01:00',
  durationSeconds: 600,
  url: `https://app.modjo.ai/calls/${id}`,
  participants
});

describe('fake org: GET /v1/lookup', () => {
  it('finds by email and phone, answers a converted Lead with its Contact, in the documented shape', async () => {
    const org = await startFakeOrg();
    const valid = await validator('/v1/lookup', 'get', '200');
    try {
      const query = '?email=JANE.DOE@old-acme.example,nobody@acme.example&phone=%2B33%206%2012%2034%2056%2078';
      const { status, json } = await send(org, 'GET', `/lookup${query}`);
      expect(status).toBe(200);
      expect(valid(json)).toBe(true);
      const values = json.values as Json[];
      expect(values.map((v) => [v.type, v.contactIds, v.leadIds])).toEqual([
        ['email', ['003000000000001AAA'], []],
        ['email', [], []],
        ['phone', [], ['00Q000000000001AAA']]
      ]);
      expect(values[2].normalized).toBe('+33612345678');
      expect((json.opportunities as Json[]).map((o) => o.Name)).toEqual(['Acme renewal']);
      expect((json.opportunityContactRoles as Json[])[0]).toEqual({
        ContactId: '003000000000001AAA',
        OpportunityId: '006000000000001AAA',
        Role: 'Decision Maker'
      });
    } finally {
      await org.close();
    }
  });

  it('leaves hidden fields out and lists them; refuses bad values with the package codes', async () => {
    const org = await startFakeOrg({ hiddenFields: [{ object: 'Contact', field: 'Title' }] });
    try {
      const { json } = await send(org, 'GET', '/lookup?email=jane@acme.example');
      expect((json.contacts as Json[])[0]).not.toHaveProperty('Title');
      expect(json.withheld).toContainEqual({ object: 'Contact', field: 'Title', reason: 'FIELD_NOT_READABLE' });
      const many = Array.from({ length: 51 }, (_, i) => `p${i}@acme.example`).join(',');
      const tooMany = await send(org, 'GET', `/lookup?email=${many}`);
      expect(tooMany.status).toBe(400);
      expect((tooMany.json.errors as Json[])[0].code).toBe('TOO_MANY_VALUES');
      const bad = await send(org, 'GET', '/lookup?email=not-an-email&phone=abc');
      expect((bad.json.errors as Json[]).map((e) => `${String(e.code)}@${String(e.path)}`)).toEqual([
        'INVALID_FORMAT@$.email[0]',
        'INVALID_FORMAT@$.phone[0]'
      ]);
      expect((await send(org, 'GET', '/lookup')).json.errors).toEqual([
        expect.objectContaining({ code: 'REQUIRED_FIELD_MISSING' })
      ]);
    } finally {
      await org.close();
    }
  });
});

describe('fake org: POST /v1/match-preview', () => {
  it('decides per call in the documented shape, rejects invalid payloads, stores nothing', async () => {
    const org = await startFakeOrg();
    const valid = await validator('/v1/match-preview', 'post', '200');
    try {
      const calls = [
        payload('p1', [
          { name: 'Rep', email: 'rep@acme-sales.example', modjoUserEmail: 'rep@acme-sales.example', internal: true },
          { name: 'Jane', email: 'jane@acme.example', internal: false }
        ]),
        payload('p2', [{ name: 'Stranger', phone: '+44 20 7946 0000', internal: false }]),
        { modjoCallId: 'p3', version: 1, startedAt: 'yesterday' },
        { startedAt: '2026-11-02T10:30:00Z', participants: [{ email: 'jane@acme.example', internal: false }] }
      ];
      const { status, json } = await send(org, 'POST', '/match-preview', JSON.stringify({ calls }));
      expect(status).toBe(200);
      expect(valid(json)).toBe(true);
      const results = json.results as Json[];
      expect(results.map((r) => [r.outcome, r.matchStatus])).toEqual([
        ['previewed', 'Matched'],
        ['previewed', 'Unmatched'],
        ['rejected', null],
        ['previewed', 'Matched']
      ]);
      expect(results[3].modjoCallId).toBe('preview-3');
      expect(results[0]).toMatchObject({
        accountId: '001000000000001AAA',
        opportunityId: '006000000000001AAA',
        ownerId: '005000000000002AAA',
        activityAction: 'create',
        activityType: 'Task'
      });
      expect(org.state.calls.size).toBe(0);
      const denied = await startFakeOrg({ denyContext: true });
      try {
        expect((await send(denied, 'POST', '/match-preview', JSON.stringify(calls[0]))).status).toBe(403);
      } finally {
        await denied.close();
      }
    } finally {
      await org.close();
    }
  });
});
