import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeOrg } from '../../fake-org/server';
import { runCli, tempDir } from '../testing/harness';

jest.setTimeout(30_000);

const tokenEnv = (token: string): { env: NodeJS.ProcessEnv } => ({ env: { MODJO_SF_ACCESS_TOKEN: token } });

function call(id: string, participants: Array<Record<string, unknown>>, kind = 'call'): Record<string, unknown> {
  return {
    modjoCallId: id,
    version: 1,
    kind,
    startedAt: '2026-11-02T10:30:00+01:00',
    durationSeconds: 600,
    url: `https://app.modjo.ai/calls/${id}`,
    participants
  };
}

const rep = { name: 'Rep', email: 'rep@acme-sales.example', modjoUserEmail: 'rep@acme-sales.example', internal: true };

function writeCalls(dir: string): string {
  const file = path.join(dir, 'calls.ndjson');
  const calls = [
    call('c-jane', [rep, { name: 'Jane Doe', email: 'jane@acme.example', internal: false }]),
    call('c-lead', [rep, { name: 'Lee', phone: '06 12 34 56 78', internal: false }], 'meeting'),
    call('c-nobody', [{ name: 'Stranger', email: 'stranger@elsewhere.example', internal: false }])
  ];
  fs.writeFileSync(file, calls.map((c) => JSON.stringify(c)).join('\n'));
  return file;
}

describe('modjo-sf match', () => {
  it('prints each decision as a table with its explanation; --json keeps the whole answer', async () => {
    const org = await startFakeOrg();
    const dir = tempDir();
    try {
      const file = writeCalls(dir);
      const human = await runCli(['match', file, '--instance-url', org.url], tokenEnv(org.token));
      expect(human.code).toBe(0);
      const lines = human.stdout.split('\n');
      expect(lines[0]).toMatch(/^# +Call +Status +Person +Account +Opportunity +Activity$/);
      expect(lines[1]).toMatch(/^1 +c-jane +Matched +Jane Doe +Acme +Acme renewal +create Task$/);
      expect(lines[2]).toMatch(/^2 +c-lead +Matched +Lee Prospect \(Lead\) +- +- +create Event$/);
      expect(lines[3]).toMatch(/^3 +c-nobody +Unmatched +- +- +- +create Task$/);
      expect(human.stdout).toContain('   Participant Jane Doe: Contact Jane Doe');
      expect(human.stdout).toContain('3 call(s): 3 previewed, 0 rejected; nothing was written');
      expect(human.stderr).toContain('Warning: Task.aircall__CallId__c withheld: FIELD_NOT_IN_ORG');
      const json = await runCli(['match', file, '--instance-url', org.url, '--json'], tokenEnv(org.token));
      expect(json.json).toMatchObject({
        status: 0,
        result: {
          calls: 3,
          previewed: 3,
          results: [
            { modjoCallId: 'c-jane', contactId: '003000000000001AAA', source: file, line: 1 },
            { modjoCallId: 'c-lead', leadId: '00Q000000000001AAA', line: 2 },
            { modjoCallId: 'c-nobody', matchStatus: 'Unmatched', line: 3 }
          ],
          accounts: [{ Id: '001000000000001AAA', Name: 'Acme' }]
        }
      });
      expect(org.state.calls.size).toBe(0);
    } finally {
      await org.close();
    }
  });

  it('sends 200 calls per request (fewer when 1 MiB would be passed) and merges the answers in input order', async () => {
    const org = await startFakeOrg();
    const dir = tempDir();
    try {
      const payloads = Array.from({ length: 250 }, (_, i) => call(`many-${i}`, [rep]));
      const file = path.join(dir, 'many.ndjson');
      fs.writeFileSync(file, payloads.map((p) => JSON.stringify(p)).join('\n'));
      const out = await runCli(['match', file, '--instance-url', org.url, '--json'], tokenEnv(org.token));
      const result = out.json?.result as { calls: number; results: Array<{ index: number; modjoCallId: string }> };
      expect(result.calls).toBe(250);
      expect(result.results.map((r) => r.modjoCallId)).toEqual(payloads.map((p) => p.modjoCallId));
      expect(result.results[249].index).toBe(249);
      expect(org.state.requests).toBe(2);
    } finally {
      await org.close();
    }
  });

  it('exits 1 with the org errors of a rejected payload, a refused permission and hidden fields as warnings', async () => {
    const org = await startFakeOrg({ hiddenFields: [{ object: 'Contact', field: 'Title' }] });
    const denied = await startFakeOrg({ denyContext: true });
    const dir = tempDir();
    try {
      const file = path.join(dir, 'mixed.json');
      fs.writeFileSync(file, JSON.stringify({ calls: [call('ok', [rep]), { modjoCallId: 'bad', version: 1 }] }));
      const out = await runCli(['match', file, '--instance-url', org.url], tokenEnv(org.token));
      expect(out.code).toBe(1);
      expect(out.stdout).toMatch(/^2 +bad +Rejected/m);
      expect(out.stdout).toContain('$.calls[1].startedAt  REQUIRED_FIELD_MISSING');
      expect(out.stderr).toContain('Error (InvalidPayloads): 1 of 2 payload(s) rejected by the org');
      const jane = path.join(dir, 'jane.json');
      fs.writeFileSync(jane, JSON.stringify(call('j', [{ email: 'jane@acme.example', internal: false }])));
      const hidden = await runCli(['match', jane, '--instance-url', org.url, '--json'], tokenEnv(org.token));
      expect(hidden.json?.warnings).toContain('Contact.Title withheld: FIELD_NOT_READABLE');
      const refused = await runCli(['match', jane, '--instance-url', denied.url, '--json'], tokenEnv(denied.token));
      expect(refused.json).toMatchObject({ status: 1, name: 'MatchPreviewFailed', data: { httpStatus: 403 } });
      expect(refused.json?.message).toContain('Modjo_Read_Context');
    } finally {
      await org.close();
      await denied.close();
    }
  });

  it('refuses missing inputs and unreadable files before any request', async () => {
    const none = await runCli(['match', '--json']);
    expect(none.json).toMatchObject({ status: 2, name: 'UsageError' });
    const missing = await runCli(
      ['match', 'no-such-file.json', '--instance-url', 'http://127.0.0.1:9', '--json'],
      tokenEnv('x')
    );
    expect(missing.json).toMatchObject({ status: 1, name: 'InvalidInput' });
  });
});
