/**
 * The `sf modjo` command classes (commands/modjo/*.mts), run from the sources as sf runs them (oclif's Command.run
 * with the project as the plugin root) in child processes: the classes are ES modules importing
 * @salesforce/sf-plugins-core, which Jest's CommonJS runtime cannot load. Push and status reach the local fake org
 * through a Salesforce CLI login stored in a temporary HOME (Flags.requiredOrg resolves it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFakeOrg, type FakeOrg } from '../fake-org/server';
import { generatePayload } from '../cli/sample/generator';
import { REPO_ROOT, isolatedSfEnv, spawnAsync, storeFakeLogin, tempDir, type Ran } from '../cli/testing/harness';

jest.setTimeout(120_000);

const RUNNER = path.join(REPO_ROOT, 'tools', 'sf-plugin', 'testing', 'run-command.mts');
/** tsx's loader (CommonJS and ES module hooks), by URL: the child runs in a folder outside the project. */
const TSX = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

interface Envelope {
  status: number;
  result?: Record<string, unknown>;
  warnings?: string[];
  name?: string;
  message?: string;
  exitCode?: number;
  data?: Record<string, unknown>;
}

describe('sf modjo command classes', () => {
  let home: string;
  let dir: string;
  let org: FakeOrg;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    home = tempDir('modjo-sf-home-');
    dir = tempDir();
    env = isolatedSfEnv(home);
    org = await startFakeOrg({ token: '00D000000000001!plugin-token', username: 'plugin@modjo.fake' });
    await storeFakeLogin(env, org, 'plugin@modjo.fake', 'modjo-fake');
  });
  afterAll(async () => {
    await org.close();
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (command: string, args: string[]): Promise<Ran> =>
    spawnAsync(process.execPath, ['--import', TSX, RUNNER, command, ...args], { cwd: dir, env });
  const envelope = (ran: Ran): Envelope => JSON.parse(ran.stdout) as Envelope;

  it('validate: the sf envelope on success, InvalidPayloads with every error and exit 1 on failure', async () => {
    const calls = [generatePayload(0, { seed: 'plugin', kind: 'call' }), { version: 1 }];
    fs.writeFileSync(path.join(dir, 'mixed.ndjson'), calls.map((c) => JSON.stringify(c)).join('\n'));
    const ok = await run('validate', [path.join(REPO_ROOT, 'contract', 'examples', 'call.json'), '--json']);
    expect(ok.status).toBe(0);
    expect(envelope(ok)).toEqual(
      expect.objectContaining({ status: 0, result: expect.objectContaining({ valid: 1, invalid: 0 }), warnings: [] })
    );
    const bad = await run('validate', ['mixed.ndjson', '--json']);
    expect(bad.status).toBe(1);
    expect(envelope(bad)).toMatchObject({
      status: 1,
      name: 'InvalidPayloads',
      exitCode: 1,
      data: { valid: 1, invalid: 1, errors: expect.arrayContaining([expect.objectContaining({ line: 2 })]) }
    });
  });

  it('sample: NDJSON on standard output, the payloads in the envelope with --json, oclif refusing a bad count', async () => {
    const ndjson = await run('sample', ['--count', '2', '--seed', 'plugin']);
    expect(ndjson.status).toBe(0);
    const lines = ndjson.stdout.trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { modjoCallId: string }).modjoCallId)).toEqual([
      generatePayload(0, { seed: 'plugin', kind: 'mixed' }).modjoCallId,
      generatePayload(1, { seed: 'plugin', kind: 'mixed' }).modjoCallId
    ]);
    const json = envelope(await run('sample', ['--count', '2', '--kind', 'meeting', '--json']));
    expect(json).toMatchObject({ status: 0, result: { count: 2, kind: 'meeting' } });
    const refused = await run('sample', ['--count', '0', '--json']);
    expect(refused.status).toBe(2);
  });

  it('status, push and match: --target-org resolved by sf, the stored token used against the org', async () => {
    const status = await run('status', ['--target-org', 'modjo-fake', '--json']);
    expect(envelope(status)).toMatchObject({ status: 0, result: { target: org.url, health: { status: 'ok' } } });
    const payloads = Array.from({ length: 8 }, (_, i) => generatePayload(i, { seed: 'plugin-push', kind: 'call' }));
    fs.writeFileSync(path.join(dir, 'calls.ndjson'), payloads.map((p) => JSON.stringify(p)).join('\n'));
    const push = await run('push', ['calls.ndjson', '--target-org', 'modjo-fake', '--batch-size', '3', '--json']);
    expect(push.status).toBe(0);
    expect(envelope(push)).toMatchObject({
      status: 0,
      result: { acknowledged: 8, failed: 0, requests: 3, target: `${org.url}#plugin@modjo.fake` }
    });
    expect(payloads.every((p) => org.state.calls.get(p.modjoCallId)?.applied === 1)).toBe(true);
    const match = await run('match', ['calls.ndjson', '--target-org', 'modjo-fake', '--json']);
    expect(match.status).toBe(0);
    expect(envelope(match)).toMatchObject({ status: 0, result: { calls: 8, previewed: 8, target: org.url } });
    const noOrg = await run('status', ['--target-org', 'nobody@nowhere.test', '--json']);
    expect(noOrg.status).toBe(1);
  });
});
