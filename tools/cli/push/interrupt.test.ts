/**
 * A push killed mid-way (SIGINT: graceful; SIGKILL: no chance to clean up) and run again completes with exactly
 * one application per call in the org and one acknowledged result line per call. The CLI runs as a child process
 * (node --require tsx/cjs), the fake org in this process.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeOrg, type FakeOrg } from '../../fake-org/server';
import { generatePayload } from '../sample/generator';
import { REPO_ROOT, readJsonLines, runCli, tempDir } from '../testing/harness';

jest.setTimeout(60_000);

const CALLS = 300;
const MAIN = path.join(REPO_ROOT, 'tools', 'cli', 'main.ts');

function args(org: FakeOrg): string[] {
  return [
    'push',
    'calls.ndjson',
    '--instance-url',
    org.url,
    '--batch-size',
    '5',
    '--concurrency',
    '2',
    '--retry-base-ms',
    '5',
    '--timeout-ms',
    '10000'
  ];
}

/** Starts a push in a child process and sends `signal` once `afterLines` results are journaled. */
async function pushAndKill(
  org: FakeOrg,
  dir: string,
  signal: NodeJS.Signals,
  afterLines: number
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), MAIN, ...args(org)], {
    cwd: dir,
    env: { ...process.env, MODJO_SF_DEBUG: '', MODJO_SF_ACCESS_TOKEN: org.token },
    stdio: ['ignore', 'ignore', 'pipe']
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig }))
  );
  const results = path.join(dir, 'modjo-push.results.jsonl');
  const deadline = Date.now() + 30_000;
  let sent = false;
  while (Date.now() < deadline && child.exitCode === null) {
    if (readJsonLines(results).length >= afterLines) {
      child.kill(signal);
      sent = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 15));
  }
  const outcome = await exited;
  if (!sent) throw new Error(`push ended before it could be interrupted: ${stderr}`);
  return { ...outcome, stderr };
}

/** The checkpoint parses and only lists calls the org has (a SIGKILL may leave a *.tmp file beside it). */
function expectConsistentCheckpoint(org: FakeOrg, dir: string): number {
  const checkpoint = JSON.parse(fs.readFileSync(path.join(dir, 'modjo-push.checkpoint.json'), 'utf8')) as {
    acknowledged: Record<string, number>;
  };
  // Everything the checkpoint claims is really in the org.
  for (const id of Object.keys(checkpoint.acknowledged)) expect(org.state.calls.get(id)?.applied).toBe(1);
  return Object.keys(checkpoint.acknowledged).length;
}

function expectExactlyOnce(org: FakeOrg, dir: string, ids: string[]): void {
  expect(ids.filter((id) => org.state.calls.get(id)?.applied !== 1)).toEqual([]);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  const lines = readJsonLines(path.join(dir, 'modjo-push.results.jsonl'));
  const counts = new Map<string, number>();
  for (const line of lines) {
    expect(line.acknowledged).toBe(true);
    counts.set(line.modjoCallId as string, (counts.get(line.modjoCallId as string) ?? 0) + 1);
  }
  expect(counts.size).toBe(ids.length);
  expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
}

describe('modjo-sf push interrupted and resumed', () => {
  let dir: string;
  let org: FakeOrg;
  let ids: string[];

  beforeEach(async () => {
    dir = tempDir();
    org = await startFakeOrg({ latencyMs: 25 });
    const payloads = Array.from({ length: CALLS }, (_, i) => generatePayload(i, { seed: 'interrupt', kind: 'call' }));
    fs.writeFileSync(path.join(dir, 'calls.ndjson'), payloads.map((p) => JSON.stringify(p)).join('\n'));
    ids = payloads.map((p) => p.modjoCallId);
  });
  afterEach(async () => {
    await org.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Ctrl-C (SIGINT) finishes the batches in flight, saves the checkpoint, exits 130; a rerun completes', async () => {
    const killed = await pushAndKill(org, dir, 'SIGINT', 40);
    expect(killed.code).toBe(130);
    expect(killed.stderr).toContain('SIGINT received');
    const saved = expectConsistentCheckpoint(org, dir);
    expect(saved).toBeGreaterThanOrEqual(40);
    expect(saved).toBeLessThan(CALLS);
    // Graceful stop: nothing was applied without being journaled and checkpointed.
    expect(org.state.calls.size).toBe(saved);

    const rerun = await runCli([...args(org), '--json'], { cwd: dir, env: { MODJO_SF_ACCESS_TOKEN: org.token } });
    expect(rerun.json).toMatchObject({
      status: 0,
      result: { skipped: saved, sent: CALLS - saved, acknowledged: CALLS - saved }
    });
    expectExactlyOnce(org, dir, ids);
    expect((rerun.json?.result as { outcomes: Record<string, number> }).outcomes.unchanged ?? 0).toBe(0);
  });

  it('SIGKILL twice mid-way, then a rerun: exactly one acknowledgement per call', async () => {
    const first = await pushAndKill(org, dir, 'SIGKILL', 30);
    expect(first.signal).toBe('SIGKILL');
    expectConsistentCheckpoint(org, dir);
    const second = await pushAndKill(org, dir, 'SIGKILL', 120);
    expect(second.signal).toBe('SIGKILL');
    expectConsistentCheckpoint(org, dir);

    const rerun = await runCli([...args(org), '--json'], { cwd: dir, env: { MODJO_SF_ACCESS_TOKEN: org.token } });
    expect(rerun.json).toMatchObject({ status: 0, result: { failed: 0, pending: 0 } });
    expectExactlyOnce(org, dir, ids);
  });
});
