import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeOrg, type FakeOrg, type FaultRule } from '../../fake-org/server';
import { generatePayload } from '../sample/generator';
import { readJsonLines, runCli, tempDir } from '../testing/harness';

jest.setTimeout(60_000);

const CALLS = 120;

function writeCalls(dir: string, count = CALLS, seed = 'push-test'): string[] {
  const payloads = Array.from({ length: count }, (_, i) => generatePayload(i, { seed, kind: 'mixed' }));
  fs.writeFileSync(path.join(dir, 'calls.ndjson'), payloads.map((p) => JSON.stringify(p)).join('\n') + '\n');
  return payloads.map((p) => p.modjoCallId);
}

function pushArgs(org: FakeOrg, extra: string[] = [], timeoutMs = 10_000): string[] {
  return [
    'push',
    'calls.ndjson',
    '--instance-url',
    org.url,
    '--batch-size',
    '10',
    '--concurrency',
    '3',
    '--retry-base-ms',
    '5',
    '--retry-max-ms',
    '40',
    '--timeout-ms',
    String(timeoutMs),
    '--max-attempts',
    '40',
    '--json',
    ...extra
  ];
}

/** The token travels in the environment, never on the command line. */
function withToken(org: FakeOrg, options: { cwd: string }, token = org.token): Parameters<typeof runCli>[1] {
  return { ...options, env: { MODJO_SF_ACCESS_TOKEN: token } };
}

/** The invariants: every call stored and applied exactly once; one acknowledged result line per call. */
function expectExactlyOnce(org: FakeOrg, dir: string, ids: string[]): void {
  const lost = ids.filter((id) => !org.state.calls.has(id));
  expect(lost).toEqual([]);
  const twice = ids.filter((id) => org.state.calls.get(id)?.applied !== 1);
  expect(twice).toEqual([]);
  const lines = readJsonLines(path.join(dir, 'modjo-push.results.jsonl'));
  const perId = new Map<string, number>();
  for (const line of lines) perId.set(line.modjoCallId as string, (perId.get(line.modjoCallId as string) ?? 0) + 1);
  expect(lines.every((l) => l.acknowledged === true)).toBe(true);
  expect([...perId.values()].every((n) => n === 1)).toBe(true);
  expect(perId.size).toBe(ids.length);
  const checkpoint = JSON.parse(fs.readFileSync(path.join(dir, 'modjo-push.checkpoint.json'), 'utf8')) as {
    acknowledged: Record<string, number>;
  };
  expect(Object.keys(checkpoint.acknowledged).sort()).toEqual([...ids].sort());
}

describe('modjo-sf push against the fake org', () => {
  let dir: string;
  let org: FakeOrg | undefined;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await org?.close();
    org = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends every call once, writes results and checkpoint, and a rerun sends nothing', async () => {
    org = await startFakeOrg();
    const ids = writeCalls(dir);
    const out = await runCli(pushArgs(org), withToken(org, { cwd: dir }));
    expect(out.code).toBe(0);
    expect(out.json).toMatchObject({
      status: 0,
      result: { payloads: CALLS, unique: CALLS, skipped: 0, sent: CALLS, acknowledged: CALLS, failed: 0, pending: 0 },
      warnings: []
    });
    expect((out.json?.result as { outcomes: Record<string, number> }).outcomes).toEqual({ created: CALLS });
    expectExactlyOnce(org, dir, ids);
    const first = readJsonLines(path.join(dir, 'modjo-push.results.jsonl'))[0];
    expect(first).toMatchObject({
      acknowledged: true,
      outcome: 'created',
      source: 'calls.ndjson',
      line: 1,
      attempts: 1
    });

    const posts = org.state.postRequests;
    const again = await runCli(pushArgs(org), withToken(org, { cwd: dir }));
    expect(again.json).toMatchObject({ status: 0, result: { skipped: CALLS, sent: 0, requests: 0 } });
    expect(org.state.postRequests).toBe(posts);
  });

  const faults: Array<[string, FaultRule[]]> = [
    ['503 Service Unavailable', [{ kind: '503', rate: 0.35 }]],
    ['429 with Retry-After', [{ kind: '429', rate: 0.35, retryAfterSeconds: 0 }]],
    ['UNABLE_TO_LOCK_ROW as HTTP 500', [{ kind: 'lock500', rate: 0.35 }]],
    ['500 INTERNAL_ERROR (nothing saved)', [{ kind: 'internalError', rate: 0.3 }]],
    ['no answer, nothing applied (hang)', [{ kind: 'hang', rate: 0.25, times: 4 }]],
    ['applied, then no answer (timeout)', [{ kind: 'timeout', rate: 0.25, times: 4 }]],
    ['connection dropped before processing', [{ kind: 'dropBefore', rate: 0.35 }]],
    ['connection dropped mid-response', [{ kind: 'dropMidResponse', rate: 0.35 }]],
    ['duplicate deliveries', [{ kind: 'duplicateDelivery', rate: 0.5 }]],
    ['duplicated item results', [{ kind: 'duplicateResults', rate: 1, itemRate: 0.3 }]],
    ['missing item results', [{ kind: 'missingResults', rate: 0.5, itemRate: 0.3 }]],
    ['partial failures: items locked', [{ kind: 'lockItems', rate: 0.6, itemRate: 0.3 }]],
    ['partial failures: items queued in the inbox', [{ kind: 'queueItems', rate: 0.6, itemRate: 0.3 }]],
    [
      'everything at once',
      [
        { kind: '503', rate: 0.1 },
        { kind: '429', rate: 0.1 },
        { kind: 'dropMidResponse', rate: 0.1 },
        { kind: 'dropBefore', rate: 0.1 },
        { kind: 'timeout', rate: 0.1, times: 2 },
        { kind: 'duplicateDelivery', rate: 0.1 },
        { kind: 'lockItems', rate: 0.3, itemRate: 0.2 },
        { kind: 'missingResults', rate: 0.2, itemRate: 0.2 },
        { kind: 'duplicateResults', rate: 0.2, itemRate: 0.2 }
      ]
    ]
  ];

  it.each(faults)('loses nothing and acknowledges nothing twice under: %s', async (_name, rules) => {
    org = await startFakeOrg({ faults: rules, seed: 7, holdMs: 3000 });
    const ids = writeCalls(dir);
    // Short timeouts only where the fault needs them (a loaded machine answers slowly).
    const waits = rules.some((r) => r.kind === 'hang' || r.kind === 'timeout');
    const out = await runCli(pushArgs(org, [], waits ? 800 : 10_000), withToken(org, { cwd: dir }));
    expect(out.json).toMatchObject({ status: 0, result: { acknowledged: CALLS, failed: 0, pending: 0 } });
    const fired = rules.filter((rule) => (org?.state.faultsInjected[rule.kind] ?? 0) > 0);
    expect(fired.length).toBeGreaterThanOrEqual(rules.length === 1 ? 1 : 4);
    expectExactlyOnce(org, dir, ids);
  });

  it('refuses invalid inputs before anything is sent', async () => {
    org = await startFakeOrg();
    writeCalls(dir, 5);
    const bad = { ...generatePayload(99, { seed: 'push-test', kind: 'call' }), startedAt: 'yesterday' };
    fs.appendFileSync(path.join(dir, 'calls.ndjson'), `${JSON.stringify(bad)}\n{oops\n`);
    const out = await runCli(pushArgs(org), withToken(org, { cwd: dir }));
    expect(out.code).toBe(1);
    expect(out.json).toMatchObject({ status: 1, name: 'InvalidPayloads' });
    const errors = (out.json?.data as { errors: Array<Record<string, unknown>> }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 6, path: '$.startedAt', code: 'INVALID_FORMAT' }),
        expect.objectContaining({ line: 7, code: 'INVALID_JSON' })
      ])
    );
    expect(org.state.requests).toBe(0);
    expect(fs.existsSync(path.join(dir, 'modjo-push.results.jsonl'))).toBe(false);
  });

  it('sends only the highest version of a call, and an older version is acknowledged as stale', async () => {
    org = await startFakeOrg();
    const base = generatePayload(1, { seed: 'versions', kind: 'call' });
    const lines = [
      { ...base, version: 1 },
      { ...base, version: 3 },
      { ...base, version: 2 }
    ].map((p) => JSON.stringify(p));
    fs.writeFileSync(path.join(dir, 'calls.ndjson'), lines.join('\n'));
    const out = await runCli(pushArgs(org), withToken(org, { cwd: dir }));
    expect(out.json).toMatchObject({ status: 0, result: { payloads: 3, unique: 1, superseded: 2, acknowledged: 1 } });
    expect(org.state.calls.get(base.modjoCallId)?.version).toBe(3);

    fs.writeFileSync(path.join(dir, 'old.ndjson'), JSON.stringify({ ...base, version: 2 }));
    const old = await runCli(
      [...pushArgs(org), '--checkpoint', 'other.json', '--results', 'other.jsonl'].map((a) =>
        a === 'calls.ndjson' ? 'old.ndjson' : a
      ),
      withToken(org, { cwd: dir })
    );
    expect(old.json).toMatchObject({ status: 0, result: { acknowledged: 1, outcomes: { stale: 1 } } });
    expect(org.state.calls.get(base.modjoCallId)).toMatchObject({ version: 3, applied: 1 });
  });

  it('reports a call the org refuses (body too large) as failed, exit 1, and still sends the others', async () => {
    org = await startFakeOrg();
    const ids = writeCalls(dir, 20);
    const huge = generatePayload(500, { seed: 'push-test', kind: 'meeting' });
    huge.highlights = Array.from({ length: 500 }, (_, i) => ({ text: 'x'.repeat(5000), startSecond: i }));
    fs.appendFileSync(path.join(dir, 'calls.ndjson'), `${JSON.stringify(huge)}\n`);
    const out = await runCli(pushArgs(org), withToken(org, { cwd: dir }));
    expect(out.code).toBe(1);
    expect(out.json).toMatchObject({ status: 1, name: 'PushFailed', data: { acknowledged: 20, failed: 1 } });
    const failed = readJsonLines(path.join(dir, 'modjo-push.results.jsonl')).filter((l) => !l.acknowledged);
    expect(failed).toEqual([
      expect.objectContaining({
        modjoCallId: huge.modjoCallId,
        outcome: 'rejected',
        errors: [expect.objectContaining({ code: 'BODY_TOO_LARGE' })]
      })
    ]);
    expect(ids.every((id) => org?.state.calls.get(id)?.applied === 1)).toBe(true);
  });

  it('stops at once on a refused session (401) and keeps the checkpoint for another org apart', async () => {
    org = await startFakeOrg({ token: 'right' });
    writeCalls(dir, 10);
    const out = await runCli(pushArgs(org), withToken(org, { cwd: dir }, 'wrong'));
    expect(out.code).toBe(1);
    expect(out.json).toMatchObject({ status: 1, name: 'AuthenticationFailed' });
    expect(org.state.calls.size).toBe(0);

    const ok = await runCli(pushArgs(org), withToken(org, { cwd: dir }));
    expect(ok.code).toBe(0);
    const other = await startFakeOrg();
    try {
      const mismatch = await runCli(pushArgs(other), withToken(other, { cwd: dir }));
      expect(mismatch.json).toMatchObject({ status: 1, name: 'CheckpointError' });
      expect(other.state.requests).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('stops at once without the Modjo Integration permission set (403), with the hint', async () => {
    org = await startFakeOrg({ deny: true });
    writeCalls(dir, 30);
    const out = await runCli(pushArgs(org), withToken(org, { cwd: dir }));
    expect(out.code).toBe(1);
    expect(out.json).toMatchObject({ status: 1, name: 'PermissionDenied' });
    expect(out.json?.message).toContain('Modjo Integration permission set');
    expect(org.state.postRequests).toBeLessThanOrEqual(3);
  });

  it('gives up on a call after --max-attempts and reports it failed (never acknowledged)', async () => {
    org = await startFakeOrg({ faults: [{ kind: '503', rate: 1 }] });
    writeCalls(dir, 3);
    const out = await runCli([...pushArgs(org), '--max-attempts', '3'], withToken(org, { cwd: dir }));
    expect(out.code).toBe(1);
    expect(out.json).toMatchObject({ status: 1, name: 'PushFailed', data: { acknowledged: 0, failed: 3 } });
    const lines = readJsonLines(path.join(dir, 'modjo-push.results.jsonl'));
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.acknowledged === false && l.outcome === 'failed' && l.attempts === 3)).toBe(true);
    expect(org.state.postRequests).toBe(3);
  });
});
