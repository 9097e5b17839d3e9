import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../testing/harness';
import { Checkpoint, type ResultLine } from './checkpoint';
import { backoff, makeBatches, parseErrors, type PushItem } from './engine';

const item = (id: string, bytes: number): PushItem => ({
  modjoCallId: id,
  version: 1,
  json: '{}',
  bytes,
  source: 'x',
  pointer: '',
  attempts: 0,
  done: false
});

describe('push engine helpers', () => {
  it('cuts batches by count and by body size', () => {
    const items = Array.from({ length: 7 }, (_, i) => item(`c${i}`, 100));
    expect(makeBatches(items, 3, 10_000).map((b) => b.length)).toEqual([3, 3, 1]);
    expect(makeBatches(items, 200, 330).map((b) => b.length)).toEqual([3, 3, 1]);
    expect(makeBatches([item('big', 5000), item('small', 10)], 200, 1000).map((b) => b.length)).toEqual([1, 1]);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoff(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoff(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoff(3, 100, 10_000, () => 0.5)).toBe(600);
    expect(backoff(30, 100, 10_000, () => 1)).toBe(10_000);
  });

  it('reads both error shapes: the package and the platform', () => {
    expect(parseErrors('{"errors":[{"code":"BATCH_TOO_LARGE","message":"m","path":"$.calls"}]}')).toEqual([
      { code: 'BATCH_TOO_LARGE', message: 'm', path: '$.calls' }
    ]);
    expect(parseErrors('[{"errorCode":"UNABLE_TO_LOCK_ROW","message":"locked"}]')).toEqual([
      { code: 'UNABLE_TO_LOCK_ROW', message: 'locked' }
    ]);
    expect(parseErrors('<html>')).toEqual([]);
  });
});

describe('checkpoint', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const line = (id: string, version: number, acknowledged = true): ResultLine => ({
    modjoCallId: id,
    version,
    acknowledged,
    outcome: acknowledged ? 'created' : 'rejected',
    source: 'x',
    pointer: '',
    attempts: 1,
    warnings: [],
    errors: [],
    at: '2026-01-01T00:00:00Z'
  });

  it('merges the results journal into the checkpoint (a kill between the two writes loses nothing)', () => {
    const file = path.join(dir, 'cp.json');
    const results = path.join(dir, 'r.jsonl');
    const first = new Checkpoint(file, results, 'org');
    first.load();
    first.add('a', 1);
    first.save();
    // Journal holds b (acknowledged), c (rejected) and a line cut by a kill.
    fs.writeFileSync(
      results,
      `${JSON.stringify(line('b', 2))}\n${JSON.stringify(line('c', 1, false))}\n{"modjoCallId":"d","ver`
    );
    fs.writeFileSync(`${file}.4242.tmp`, '{"format":"modjo-sf-checkpoint/1","acknowledged":{"zz":1}');
    const second = new Checkpoint(file, results, 'org');
    expect(second.load()).toEqual({ fromCheckpoint: 1, fromJournal: 1 });
    expect(fs.existsSync(`${file}.4242.tmp`)).toBe(false);
    expect(fs.readFileSync(results, 'utf8').endsWith('\n')).toBe(true);
    expect(second.isAcknowledged('zz', 1)).toBe(false);
    expect(second.isAcknowledged('a', 1)).toBe(true);
    expect(second.isAcknowledged('b', 2)).toBe(true);
    expect(second.isAcknowledged('b', 3)).toBe(false);
    expect(second.isAcknowledged('c', 1)).toBe(false);
    expect(second.isAcknowledged('d', 1)).toBe(false);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { acknowledged: Record<string, number> };
    expect(saved.acknowledged).toEqual({ a: 1, b: 2 });
  });

  it('refuses a checkpoint of another org and a file that is not a checkpoint', () => {
    const file = path.join(dir, 'cp.json');
    const cp = new Checkpoint(file, path.join(dir, 'r.jsonl'), 'org-a');
    cp.load();
    cp.save();
    expect(() => new Checkpoint(file, path.join(dir, 'r.jsonl'), 'org-b').load()).toThrow(/belongs to org-a/);
    fs.writeFileSync(file, '{"hello":1}');
    expect(() => new Checkpoint(file, path.join(dir, 'r.jsonl'), 'org-a').load()).toThrow(/not a modjo-sf checkpoint/);
  });
});
