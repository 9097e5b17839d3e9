import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeOrg } from '../../fake-org/server';
import { runCli, tempDir } from '../testing/harness';

jest.setTimeout(30_000);

/** The token travels in the environment, never on the command line. */
const tokenEnv = (token: string): { env: NodeJS.ProcessEnv } => ({ env: { MODJO_SF_ACCESS_TOKEN: token } });

describe('modjo-sf status', () => {
  it('prints package version, settings, inbox and permissions; --json keeps the health answer', async () => {
    const org = await startFakeOrg({ packageVersion: '1.2.0.3' });
    try {
      const human = await runCli(['status', '--instance-url', org.url], tokenEnv(org.token));
      expect(human.code).toBe(0);
      expect(human.stdout).toContain('Package version: 1.2.0.3');
      expect(human.stdout).toContain('defaultPhoneCountry: FR');
      expect(human.stdout).toMatch(/Inbox:\n {2}pending: 0\n {2}retrying: 0\n {2}failed: 0/);
      expect(human.stdout).toContain('Modjo_Ingest: true');
      expect(human.stdout).toContain('Modjo_Read_Context (lookup, match preview): true');
      expect(human.stdout).toMatch(/Call__c +yes +yes +yes/);
      expect(human.stdout).toContain('maxBatchSize: 200');
      const json = await runCli(['status', '--json'], {
        env: { MODJO_SF_INSTANCE_URL: org.url, MODJO_SF_ACCESS_TOKEN: org.token }
      });
      expect(json.json).toMatchObject({
        status: 0,
        result: { httpStatus: 200, health: { status: 'ok', packageVersion: '1.2.0.3', inbox: { failed: 0 } } },
        warnings: []
      });
    } finally {
      await org.close();
    }
  });

  it('exits 1 with the reason when the set-up is degraded (no Modjo Integration permission set)', async () => {
    const org = await startFakeOrg({ deny: true });
    try {
      const out = await runCli(['status', '--instance-url', org.url, '--json'], tokenEnv(org.token));
      expect(out.code).toBe(1);
      expect(out.json).toMatchObject({ status: 1, name: 'Degraded', data: { health: { status: 'degraded' } } });
      expect(out.json?.message).toContain('Modjo Integration permission set');
      const human = await runCli(['status', '--instance-url', org.url], tokenEnv(org.token));
      expect(human.stdout).toContain('Status: degraded');
      expect(human.stdout).toContain('Modjo_Ingest: false');
      expect(human.stdout).toContain('Modjo_Read_Context (lookup, match preview): false');
    } finally {
      await org.close();
    }
  });

  it('says when the caller may ingest but not read CRM data back (no Modjo_Read_Context)', async () => {
    const org = await startFakeOrg({ denyContext: true });
    try {
      const human = await runCli(['status', '--instance-url', org.url], tokenEnv(org.token));
      expect(human.stdout).toContain('Modjo_Ingest: true');
      expect(human.stdout).toContain('Modjo_Read_Context (lookup, match preview): false');
    } finally {
      await org.close();
    }
  });

  it('fails with exit 1 and a clear error on a refused session or an unreachable org', async () => {
    const org = await startFakeOrg();
    try {
      const refused = await runCli(['status', '--instance-url', org.url, '--json'], tokenEnv('nope'));
      expect(refused.code).toBe(1);
      expect(refused.json).toMatchObject({ status: 1, name: 'HealthCheckFailed', data: { httpStatus: 401 } });
      expect(refused.json?.message).toContain('INVALID_SESSION_ID');
    } finally {
      await org.close();
    }
    const down = await runCli(['status', '--instance-url', org.url, '--json'], tokenEnv('x'));
    expect(down.json).toMatchObject({ status: 1, name: 'ConnectionFailed' });
  });

  it('asks for --target-org when no target is given', async () => {
    const out = await runCli(['status', '--json']);
    expect(out.json).toMatchObject({ status: 2, name: 'UsageError' });
    expect(out.json?.message).toContain('--target-org');
  });

  it('reports a missing Salesforce CLI auth for an unknown alias', async () => {
    const home = tempDir('modjo-sf-home-');
    const previous = process.env.HOME;
    process.env.HOME = home;
    try {
      const out = await runCli(['status', '--target-org', 'no-such-alias-xyz', '--json']);
      expect(out.code).toBe(1);
      expect(out.json).toMatchObject({ status: 1, name: 'NoAuthorizedOrg' });
    } finally {
      process.env.HOME = previous;
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('modjo-sf sample', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes NDJSON to stdout, the same for the same seed', async () => {
    const a = await runCli(['sample', '--count', '5', '--seed', 's1']);
    const b = await runCli(['sample', '-n', '5', '-s', 's1']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('writes a { calls } document with --out x.json, and --json describes it', async () => {
    const out = await runCli(['sample', '--count', '3', '--kind', 'meeting', '--out', 'm.json', '--json'], {
      cwd: dir
    });
    expect(out.json).toMatchObject({ status: 0, result: { count: 3, kind: 'meeting', format: 'json', out: 'm.json' } });
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'm.json'), 'utf8')) as { calls: Array<{ kind: string }> };
    expect(doc.calls.map((c) => c.kind)).toEqual(['meeting', 'meeting', 'meeting']);
    const valid = await runCli(['validate', 'm.json', '--json'], { cwd: dir });
    expect(valid.json).toMatchObject({ status: 0, result: { valid: 3 } });
  });

  it('returns the payloads in the JSON envelope without --out', async () => {
    const out = await runCli(['sample', '--count', '2', '--kind', 'call', '--json']);
    const result = out.json?.result as { payloads: Array<{ kind: string }> };
    expect(result.payloads.map((p) => p.kind)).toEqual(['call', 'call']);
  });

  it('reports a file it cannot write without a stack trace', async () => {
    const out = await runCli(['sample', '--count', '1', '--out', path.join(dir, 'missing', 'x.ndjson'), '--json']);
    expect(out.json).toMatchObject({ status: 1, name: 'WriteError' });
  });

  it('refuses bad flags with exit 2', async () => {
    expect((await runCli(['sample'])).code).toBe(2);
    expect((await runCli(['sample', '--count', '0'])).code).toBe(2);
    expect((await runCli(['sample', '--count', '2', '--kind', 'webinar'])).code).toBe(2);
  });
});
