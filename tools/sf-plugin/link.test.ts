/**
 * The project is an sf plugin: `sf plugins link . --no-install` (in a temporary HOME) makes `sf modjo …` run the
 * compiled command classes (dist/cli, built by `npm ci` through `prepare`; rebuilt here if a source is newer), offline,
 * with the Salesforce CLI pinned in package.json. Checked: the sf JSON envelope of validate (result, warnings, errors),
 * sample's output (the same payloads as modjo-sf), help from messages/*.md, and --target-org through a stored login.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compiledIsCurrent } from '../../bin/build-state';
import { startFakeOrg, type FakeOrg } from '../fake-org/server';
import { generatePayload } from '../cli/sample/generator';
import {
  REPO_ROOT,
  isolatedSfEnv,
  runCli,
  spawnAsync,
  storeFakeLogin,
  tempDir,
  type Ran
} from '../cli/testing/harness';

jest.setTimeout(300_000);

const SF = path.join(REPO_ROOT, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
const EXAMPLES = path.join(REPO_ROOT, 'contract', 'examples');

describe('sf modjo: the project linked into the Salesforce CLI', () => {
  let home: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let org: FakeOrg;

  const sf = (args: string[], cwd = dir): Promise<Ran> => spawnAsync(process.execPath, [SF, ...args], { cwd, env });

  beforeAll(async () => {
    if (!compiledIsCurrent()) {
      const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-cli.cjs')], {
        encoding: 'utf8'
      });
      if (build.status !== 0) throw new Error(`npm run build:cli failed:\n${build.stdout}${build.stderr}`);
    }
    home = tempDir('modjo-sf-home-');
    dir = tempDir();
    env = isolatedSfEnv(home);
    const link = await sf(['plugins', 'link', '.', '--no-install'], REPO_ROOT);
    if (link.status !== 0) throw new Error(`sf plugins link failed:\n${link.stdout}${link.stderr}`);
    org = await startFakeOrg({ token: '00D000000000001!linked', username: 'linked@modjo.fake' });
    await storeFakeLogin(env, org, 'linked@modjo.fake', 'modjo-linked');
  });
  afterAll(async () => {
    await org?.close();
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the linked plugin', async () => {
    const plugins = await sf(['plugins', '--json']);
    expect(JSON.parse(plugins.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'modjo-for-salesforce', type: 'link' })])
    );
  });

  it('sf modjo validate --json answers the sf envelope, warnings included', async () => {
    const out = await sf([
      'modjo',
      'validate',
      path.join(EXAMPLES, 'call.json'),
      path.join(EXAMPLES, 'batch.json'),
      '--json'
    ]);
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout) as { status: number; result: Record<string, unknown>; warnings: string[] };
    expect(json).toMatchObject({ status: 0, result: { files: 2, invalid: 0, errors: [] } });
    expect(json.warnings).toEqual(expect.arrayContaining([expect.stringContaining('"c_8f14e45f" appears')]));
  });

  it('sf modjo validate reports invalid payloads as an sf error: name, exit code 1, every error in data', async () => {
    fs.writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({ ...generatePayload(0, { seed: 'l', kind: 'call' }), kind: 'x' })
    );
    const out = await sf(['modjo', 'validate', 'bad.json', '--json']);
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({
      status: 1,
      name: 'InvalidPayloads',
      exitCode: 1,
      data: { errors: [expect.objectContaining({ path: '$.kind', code: 'INVALID_ENUM_VALUE' })] }
    });
  });

  it('sf modjo sample writes the same NDJSON as modjo-sf sample', async () => {
    const out = await sf(['modjo', 'sample', '--count', '3', '--seed', 'linked']);
    expect(out.status).toBe(0);
    const reference = await runCli(['sample', '--count', '3', '--seed', 'linked']);
    expect(out.stdout).toBe(reference.stdout);
  });

  it('sf modjo push --help shows the texts of messages/modjo.push.md', async () => {
    const out = await sf(['modjo', 'push', '--help']);
    expect(out.stdout).toContain('Send call payloads to an org in batches');
    expect(out.stdout).toContain('$ sf modjo push calls.ndjson --target-org my-sandbox');
    expect(out.stdout).toContain('--batch-size');
    expect(out.stdout).not.toContain('--access-token');
  });

  it('sf modjo status and push use the org of --target-org', async () => {
    const status = await sf(['modjo', 'status', '--target-org', 'modjo-linked', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 0, result: { health: { status: 'ok' } } });
    const payloads = Array.from({ length: 5 }, (_, i) => generatePayload(i, { seed: 'linked-push', kind: 'call' }));
    fs.writeFileSync(path.join(dir, 'calls.ndjson'), payloads.map((p) => JSON.stringify(p)).join('\n'));
    const push = await sf(['modjo', 'push', 'calls.ndjson', '-o', 'modjo-linked', '--json']);
    expect(JSON.parse(push.stdout)).toMatchObject({ status: 0, result: { acknowledged: 5, failed: 0 } });
    expect(payloads.every((p) => org.state.calls.get(p.modjoCallId)?.applied === 1)).toBe(true);
  });
});
