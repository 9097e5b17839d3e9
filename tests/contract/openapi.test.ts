/**
 * The OpenAPI 3.1 document: valid for a real OpenAPI validator (@readme/openapi-parser), every endpoint and error
 * response of the contract present, request examples equal to contract/examples and valid against the call
 * payload schema, and every response example valid against its response schema.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dereference, validate, compileErrors } from '@readme/openapi-parser';
import { parse, stringify } from 'yaml';
import { createAjv } from '../../contract/validate';

type Json = Record<string, unknown>;

const CONTRACT = path.join(__dirname, '../../contract');
const OPENAPI_FILE = path.join(CONTRACT, 'openapi.yaml');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(CONTRACT, 'examples', file), 'utf8'));

interface MediaExample {
  schema: Json;
  examples: Record<string, { value: unknown }>;
}

/** A copy of a dereferenced schema without `$id`/`$schema`: the payload schema is inlined several times. */
function withoutIds(node: unknown): Json {
  return JSON.parse(
    JSON.stringify(node, (key: string, value: unknown) => (key === '$id' || key === '$schema' ? undefined : value))
  ) as Json;
}

/** Every (location, media type) of the document with inline examples, after dereferencing. */
function mediaWithExamples(api: Json): [string, MediaExample][] {
  const found: [string, MediaExample][] = [];
  const paths = api.paths as Record<string, Record<string, Json>>;
  for (const [route, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters') {
        continue;
      }
      const body = operation.requestBody as { content: Record<string, MediaExample> } | undefined;
      for (const media of Object.values(body?.content ?? {})) {
        found.push([`${method.toUpperCase()} ${route} request`, media]);
      }
      const responses = operation.responses as Record<string, { content?: Record<string, MediaExample> }>;
      for (const [status, response] of Object.entries(responses)) {
        for (const media of Object.values(response.content ?? {})) {
          found.push([`${method.toUpperCase()} ${route} ${status}`, media]);
        }
      }
    }
  }
  return found.filter(([, media]) => media.examples);
}

describe('contract/openapi.yaml', () => {
  const raw = parse(readFileSync(OPENAPI_FILE, 'utf8')) as Json;
  let api: Json;

  beforeAll(async () => {
    api = (await dereference(OPENAPI_FILE)) as unknown as Json;
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(OPENAPI_FILE);
    if (!result.valid) {
      throw new Error(compileErrors(result));
    }
    expect(result.valid).toBe(true);
    expect(raw.openapi).toMatch(/^3\.1\./);
  });

  it('is rejected by the validator when broken (negative control)', async () => {
    const broken = structuredClone(raw) as Json;
    const paths = broken.paths as Record<string, Record<string, Json>>;
    delete (paths['/v1/calls'].post as Json).responses;
    (paths['/v1/health'].get as Json).operationId = 'upsertCalls';
    const dir = mkdtempSync(path.join(tmpdir(), 'modjo-openapi-'));
    copyFileSync(path.join(CONTRACT, 'call-payload.schema.json'), path.join(dir, 'call-payload.schema.json'));
    copyFileSync(path.join(CONTRACT, 'crm-context.schema.json'), path.join(dir, 'crm-context.schema.json'));
    writeFileSync(path.join(dir, 'openapi.yaml'), stringify(broken));
    const result = await validate(path.join(dir, 'openapi.yaml'));
    rmSync(dir, { recursive: true, force: true });
    expect(result.valid).toBe(false);
  });

  it('describes every endpoint of the API', () => {
    const paths = raw.paths as Record<string, Json>;
    expect(Object.keys(paths).sort()).toEqual([
      '/v1/calls',
      '/v1/calls/{modjoCallId}',
      '/v1/erasures',
      '/v1/erasures/{erasureId}',
      '/v1/health',
      '/v1/lookup',
      '/v1/match-preview'
    ]);
    expect(Object.keys(paths['/v1/erasures'])).toEqual(['post']);
    expect(Object.keys(paths['/v1/erasures/{erasureId}']).filter((k) => k !== 'parameters')).toEqual(['get']);
    expect(Object.keys(paths['/v1/calls'])).toEqual(['post']);
    expect(
      Object.keys(paths['/v1/calls/{modjoCallId}'])
        .filter((k) => k !== 'parameters')
        .sort()
    ).toEqual(['delete', 'get']);
    expect(Object.keys(paths['/v1/health'])).toEqual(['get']);
    expect(Object.keys(paths['/v1/lookup'])).toEqual(['get']);
    expect(Object.keys(paths['/v1/match-preview'])).toEqual(['post']);
  });

  it('answers the whole-request errors 400, 403, 404, 413 and 415 with the error body', () => {
    const paths = raw.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths['/v1/calls'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '413', '415'])
    );
    expect(Object.keys(paths['/v1/calls/{modjoCallId}'].get.responses)).toEqual(
      expect.arrayContaining(['200', '403', '404'])
    );
    expect(Object.keys(paths['/v1/calls/{modjoCallId}'].delete.responses)).toEqual(
      expect.arrayContaining(['200', '403', '404'])
    );
    expect(Object.keys(paths['/v1/lookup'].get.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '500'])
    );
    expect(Object.keys(paths['/v1/match-preview'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '413', '415', '500'])
    );
  });

  it('uses Salesforce OAuth 2.0 (and the bearer token it gives) for every operation', () => {
    const schemes = (raw.components as Json).securitySchemes as Record<string, Json>;
    expect(schemes.salesforceOAuth.type).toBe('oauth2');
    expect(schemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(raw.security).toEqual([{ salesforceOAuth: ['api'] }, { bearerToken: [] }]);
  });

  it('uses the call payload schema file and limits a batch to 200 calls', () => {
    const schemas = (raw.components as Json).schemas as Record<string, Json>;
    expect(schemas.CallPayload).toEqual({ $ref: 'call-payload.schema.json' });
    expect((schemas.CallBatch.properties as Record<string, Json>).calls).toMatchObject({
      minItems: 1,
      maxItems: 200
    });
  });

  it('embeds request examples equal to the files in contract/examples', () => {
    const paths = raw.paths as Record<string, Record<string, Json>>;
    const body = paths['/v1/calls'].post.requestBody as {
      content: Record<string, { examples: Record<string, { value: unknown }> }>;
    };
    const examples = body.content['application/json'].examples;
    expect(examples.call.value).toEqual(readJson('call.json'));
    expect(examples.meeting.value).toEqual(readJson('meeting.json'));
    expect(examples.minimal.value).toEqual(readJson('minimal.json'));
    expect(examples.batch.value).toEqual(readJson('batch.json'));
  });

  it('has examples that validate against their schemas', () => {
    const ajv = createAjv();
    const failures: string[] = [];
    const media = mediaWithExamples(api);
    expect(media.length).toBeGreaterThanOrEqual(8);
    for (const [where, { schema, examples }] of media) {
      const check = ajv.compile(withoutIds(schema));
      for (const [name, example] of Object.entries(examples)) {
        if (!check(example.value)) {
          failures.push(`${where} example ${name}: ${ajv.errorsText(check.errors)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
