/**
 * The --target-org path end to end, offline: a Salesforce CLI access-token login is stored with @salesforce/core
 * in a temporary HOME (generic keychain), pointing at the fake org; modjo-sf then resolves the alias through
 * Org.create / getConnection and calls the fake org with the stored token. Child processes keep HOME apart.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeOrg, type FakeOrg } from '../../fake-org/server';
import { generatePayload } from '../sample/generator';
import { REPO_ROOT, tempDir } from '../testing/harness';

jest.setTimeout(60_000);

const MAIN = path.join(REPO_ROOT, 'tools', 'cli', 'main.ts');

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Async child process: the fake org lives in this process and must keep answering meanwhile. */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('modjo-sf with Salesforce CLI stored auth (--target-org)', () => {
  let home: string;
  let org: FakeOrg;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    home = tempDir('modjo-sf-home-');
    org = await startFakeOrg({ token: '00D000000000001!stored-token', username: 'integration@modjo.fake' });
    env = {
      ...process.env,
      HOME: home,
      SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
      SFDX_USE_GENERIC_UNIX_KEYCHAIN: 'true',
      SF_DISABLE_TELEMETRY: 'true',
      SF_TARGET_ORG: ''
    };
    const script = `
      const { AuthInfo } = require('@salesforce/core');
      (async () => {
        const auth = await AuthInfo.create({
          username: 'integration@modjo.fake',
          accessTokenOptions: { accessToken: ${JSON.stringify(org.token)}, instanceUrl: ${JSON.stringify(org.url)}, loginUrl: ${JSON.stringify(org.url)} }
        });
        await auth.save();
        await auth.setAlias('modjo-fake');
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const saved = await run(['-e', script], REPO_ROOT, env);
    if (saved.status !== 0) throw new Error(`could not store the fake login: ${saved.stderr}`);
  });

  afterAll(async () => {
    await org.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const cli = (args: string[], cwd = REPO_ROOT): Promise<Ran> =>
    run(['--require', require.resolve('tsx/cjs'), MAIN, ...args], cwd, env);

  it('status reads the stored auth of the alias', async () => {
    const out = await cli(['status', '--target-org', 'modjo-fake', '--json']);
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout) as { status: number; result: { target: string; health: { status: string } } };
    expect(json).toMatchObject({ status: 0, result: { target: org.url, health: { status: 'ok' } } });
  });

  it('push sends with the stored token and keys the checkpoint by instance and username', async () => {
    const dir = tempDir();
    try {
      const payloads = Array.from({ length: 12 }, (_, i) => generatePayload(i, { seed: 'auth', kind: 'call' }));
      fs.writeFileSync(path.join(dir, 'calls.ndjson'), payloads.map((p) => JSON.stringify(p)).join('\n'));
      const out = await cli(['push', 'calls.ndjson', '--target-org', 'integration@modjo.fake', '--json'], dir);
      expect(out.status).toBe(0);
      expect(JSON.parse(out.stdout)).toMatchObject({
        status: 0,
        result: { acknowledged: 12, target: `${org.url}#integration@modjo.fake` }
      });
      expect(payloads.every((p) => org.state.calls.get(p.modjoCallId)?.applied === 1)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
