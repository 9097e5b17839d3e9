import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, runCli, tempDir } from '../testing/harness';
import { generatePayload } from '../sample/generator';

const EXAMPLES = path.join(REPO_ROOT, 'contract', 'examples');
const valid = (i: number): Record<string, unknown> =>
  generatePayload(i, { seed: 'validate-test', kind: 'mixed' }) as unknown as Record<string, unknown>;

jest.setTimeout(60_000);

describe('modjo-sf validate', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts the contract examples (single, meeting, minimal, batch) with the sf JSON envelope', async () => {
    const files = ['call.json', 'meeting.json', 'minimal.json', 'batch.json'].map((f) => path.join(EXAMPLES, f));
    const out = await runCli(['validate', ...files, '--json']);
    expect(out.code).toBe(0);
    expect(out.json).toMatchObject({ status: 0, result: { files: 4, invalid: 0, errors: [] } });
    // batch.json repeats the other examples: reported as a warning, not an error.
    expect(out.json?.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining('"c_8f14e45f" appears 2 times')])
    );
    const result = out.json?.result as { payloads: number; valid: number };
    expect(result.payloads).toBe(result.valid);
    expect(result.payloads).toBeGreaterThanOrEqual(6);
  });

  it('reports every problem with file, NDJSON line, JSON path and code, and exits 1', async () => {
    const bad = { ...valid(1), kind: 'webinar', durationSeconds: -5 } as Record<string, unknown>;
    delete bad.url;
    const file = path.join(dir, 'calls.ndjson');
    fs.writeFileSync(
      file,
      [
        JSON.stringify(valid(0)),
        '',
        JSON.stringify(bad),
        '{not json',
        JSON.stringify({ calls: [valid(2), { version: 1 }] })
      ].join('\n')
    );
    const out = await runCli(['validate', 'calls.ndjson', '--json'], { cwd: dir });
    expect(out.code).toBe(1);
    expect(out.json).toMatchObject({ status: 1, exitCode: 1, name: 'InvalidPayloads' });
    const data = out.json?.data as {
      payloads: number;
      valid: number;
      invalid: number;
      errors: Array<Record<string, unknown>>;
    };
    expect(data).toMatchObject({ payloads: 4, valid: 2, invalid: 2 });
    expect(data.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'calls.ndjson', line: 3, path: '$.kind', code: 'INVALID_ENUM_VALUE' }),
        expect.objectContaining({ source: 'calls.ndjson', line: 3, path: '$.durationSeconds', code: 'OUT_OF_RANGE' }),
        expect.objectContaining({ source: 'calls.ndjson', line: 3, path: '$.url', code: 'REQUIRED_FIELD_MISSING' }),
        expect.objectContaining({ source: 'calls.ndjson', line: 4, code: 'INVALID_JSON' }),
        expect.objectContaining({
          source: 'calls.ndjson',
          line: 5,
          path: '$.calls[1].modjoCallId',
          code: 'REQUIRED_FIELD_MISSING'
        })
      ])
    );
  });

  it('prints a human report on stdout and the summary', async () => {
    fs.writeFileSync(path.join(dir, 'one.json'), JSON.stringify({ ...valid(3), modjoCallId: 'bad id' }, null, 2));
    const out = await runCli(['validate', 'one.json'], { cwd: dir });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('one.json $.modjoCallId  INVALID_FORMAT');
    expect(out.stdout).toMatch(/1 payload\(s\) in 1 input\(s\): 0 valid, 1 invalid/);
    expect(out.stderr).toContain('Error (InvalidPayloads)');
  });

  it('accepts a payload whose link is not an https link to an allowed host, with a LINK_DROPPED warning', async () => {
    fs.writeFileSync(path.join(dir, 'one.json'), JSON.stringify({ ...valid(3), url: 'http://insecure.example' }));
    const out = await runCli(['validate', 'one.json', '--json'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.json).toMatchObject({ status: 0, result: { payloads: 1, valid: 1 } });
    expect(out.json?.warnings).toContain(
      '1 link(s) not https to an allowed host will be dropped by the org (LINK_DROPPED; default hosts: app.modjo.ai)'
    );
  });

  it('walks directories, reads stdin (NDJSON or pretty JSON) and warns about truncation and unknown properties', async () => {
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'nested', 'a.json'), JSON.stringify([valid(4), valid(5)]));
    fs.writeFileSync(path.join(dir, 'b.jsonl'), `${JSON.stringify(valid(6))}\n`);
    fs.writeFileSync(path.join(dir, 'ignored.txt'), 'not a payload');
    const fromDir = await runCli(['validate', '.', '--json'], { cwd: dir });
    expect(fromDir.json).toMatchObject({ status: 0, result: { files: 2, payloads: 3, valid: 3 } });

    const ndjson = `${JSON.stringify(valid(7))}\n${JSON.stringify({ ...valid(8), sentiment: 'positive', title: 'x'.repeat(300) })}\n`;
    const fromStdin = await runCli(['validate', '-', '--json'], { stdin: ndjson });
    expect(fromStdin.json).toMatchObject({ status: 0, result: { payloads: 2, valid: 2 } });
    expect((fromStdin.json?.warnings as string[]).join(' ')).toMatch(
      /TRUNCATED.*UNKNOWN_PROPERTY|UNKNOWN_PROPERTY.*TRUNCATED/s
    );

    const pretty = JSON.stringify({ calls: [valid(9), valid(10)] }, null, 2);
    const prettyStdin = await runCli(['validate', '-', '--json'], { stdin: pretty });
    expect(prettyStdin.json).toMatchObject({ status: 0, result: { payloads: 2, valid: 2 } });
  });

  it('treats null as absent, like the API', async () => {
    const out = await runCli(['validate', '-', '--json'], {
      stdin: JSON.stringify({ ...valid(11), title: null, notes: null })
    });
    expect(out.json).toMatchObject({ status: 0, result: { valid: 1 } });
  });

  it('agrees with the contract error catalogue on item-level cases', async () => {
    const casesDir = path.join(EXAMPLES, 'cases');
    let compared = 0;
    const mismatches: string[] = [];
    for (const name of fs.readdirSync(casesDir)) {
      const kase = JSON.parse(fs.readFileSync(path.join(casesDir, name), 'utf8')) as {
        level?: string;
        body?: unknown;
        expect?: { errors?: Array<{ code: string; path: string }>; outcome?: string };
      };
      if (kase.level !== 'item' || kase.body === undefined || kase.body === null || typeof kase.body !== 'object')
        continue;
      const out = await runCli(['validate', '-', '--json'], { stdin: JSON.stringify(kase.body) });
      const expected = (kase.expect?.errors ?? []).map((e) => ({ code: e.code, path: e.path }));
      const data = out.json?.data as { errors?: Array<{ code: string; path: string }> } | undefined;
      const actual = (data?.errors ?? []).map((e) => ({ code: e.code, path: e.path }));
      const missing = expected.filter((e) => !actual.some((a) => a.code === e.code && a.path === e.path));
      mismatches.push(...missing.map((e) => `${name}: missing ${e.code} at ${e.path}`));
      if (expected.length === 0 && out.code !== 0)
        mismatches.push(`${name}: expected valid, got ${JSON.stringify(actual)}`);
      compared++;
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(10);
  });

  it('validates a thousand payloads of one NDJSON file (its speed is measured by npm run bench -- cli)', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify(valid(i))).join('\n');
    fs.writeFileSync(path.join(dir, 'bulk.ndjson'), lines);
    const out = await runCli(['validate', 'bulk.ndjson', '--json'], { cwd: dir });
    expect(out.json).toMatchObject({ status: 0, result: { payloads: 1000, valid: 1000, invalid: 0, errors: [] } });
  });

  it('answers usage errors with exit 2 and the JSON error shape', async () => {
    const out = await runCli(['validate', '--json']);
    expect(out.code).toBe(2);
    expect(out.json).toMatchObject({ status: 2, name: 'UsageError', exitCode: 2 });
    const unknown = await runCli(['validate', 'x', '--nope', '--json']);
    expect(unknown.json).toMatchObject({ status: 2, name: 'UsageError' });
    const missing = await runCli(['validate', path.join(dir, 'missing.json'), '--json']);
    expect(missing.code).toBe(1);
    expect((missing.json?.data as { errors: Array<{ code: string }> }).errors[0].code).toBe('READ_ERROR');
  });

  it('has --help for every command', async () => {
    for (const command of ['validate', 'sample', 'push', 'status']) {
      const out = await runCli([command, '--help']);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain(`$ modjo-sf ${command}`);
      expect(out.stdout).toContain('--json');
      expect(out.stdout).not.toContain('--access-token');
    }
  });
});
