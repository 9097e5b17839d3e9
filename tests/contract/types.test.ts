/**
 * Generated TypeScript types: contract/types/call-payload.ts must be exactly what json-schema-to-typescript
 * produces from the schema today (run `npm run contract:types` after changing the schema), and must type-check
 * the examples. The generator runs in a child process: Prettier 3 loads native ES modules, which Jest's
 * CommonJS sandbox cannot.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallPayload, ParticipantInfo } from '../../contract/types/call-payload';
import call from '../../contract/examples/call.json';

const ROOT = path.join(__dirname, '../..');
const TYPES_FILE = path.join(ROOT, 'contract/types/call-payload.ts');

function check(file?: string): { status: number | null; output: string } {
  const args = [path.join(ROOT, 'contract/generate-types.ts'), '--check', ...(file ? [file] : [])];
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('contract/types/call-payload.ts', () => {
  it('is up to date with call-payload.schema.json (regenerate with npm run contract:types)', () => {
    const result = check();
    expect(result.output).toContain('contract types are up to date');
    expect(result.status).toBe(0);
  }, 60000);

  it('fails the check when the file drifts (negative control)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modjo-types-'));
    const drifted = path.join(dir, 'call-payload.ts');
    writeFileSync(drifted, readFileSync(TYPES_FILE, 'utf8').replace('modjoCallId: string;', 'modjoCallId: number;'));
    const result = check(drifted);
    rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.output).toContain('out of date');
  }, 60000);

  it('exports the payload and its parts', () => {
    const source = readFileSync(TYPES_FILE, 'utf8');
    for (const name of [
      'CallPayload',
      'ProviderInfo',
      'ParticipantInfo',
      'TopicInfo',
      'MomentInfo',
      'HighlightInfo',
      'CommentInfo',
      'SalesforceRefs'
    ]) {
      expect(source).toContain(`export interface ${name} {`);
    }
  });

  it('types the examples (checked by tsc)', () => {
    const typed: CallPayload = call as CallPayload;
    const participant: ParticipantInfo = { internal: false, email: 'jordan.lee@acme.example' };
    expect(typed.modjoCallId).toBe('c_8f14e45f');
    expect(participant.internal).toBe(false);
  });
});
