import fs from 'node:fs';
import path from 'node:path';
import { checkMetadata, validateJson } from '../../scripts/check-metadata';
import { transpileLwc } from '../../scripts/build-lwc';
import { FIXTURES, apexProject, cleanup, tempDir } from './helpers';

jest.setTimeout(120_000);
afterAll(cleanup);

const SCHEMAS = path.join(__dirname, '..', '..', 'node_modules', '@salesforce', 'schemas');

/** The apex fixture project plus the LWC fixture bundles in force-app/main/default/lwc. */
function projectWithLwc(): { project: string; lwc: string } {
  const project = apexProject('good');
  const lwc = path.join(project, 'force-app', 'main', 'default', 'lwc');
  fs.cpSync(path.join(FIXTURES, 'lwc', 'good'), lwc, { recursive: true });
  return { project, lwc };
}

describe('check:metadata gate', () => {
  it('converts a built project to Metadata API format without development files', async () => {
    const { project, lwc } = projectWithLwc();
    expect(await transpileLwc(lwc)).toEqual([]);
    const out = tempDir('mdapi');
    const result = await checkMetadata(project, out);
    expect(result.errors).toEqual([]);
    expect(result.info[0]).toMatch(/: ApexClass 1, CustomObject 1, LightningComponentBundle 2$/);
    const bundle = path.join(out, 'force-app', 'lwc', 'sampleCard');
    expect(fs.readdirSync(bundle).sort()).toEqual([
      'sampleCard.css',
      'sampleCard.html',
      'sampleCard.js',
      'sampleCard.js-meta.xml'
    ]);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('fails when a component was not built (no .js would reach the org)', async () => {
    const { project } = projectWithLwc();
    const out = tempDir('mdapi');
    const result = await checkMetadata(project, out);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([expect.stringContaining('lwc/sampleCard: no sampleCard.js in the package')])
    );
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('validates sfdx-project.json against the Salesforce schema', () => {
    const dir = tempDir('schema');
    const file = path.join(dir, 'sfdx-project.json');
    fs.writeFileSync(file, JSON.stringify({ packageDirectories: [{ path: 'force-app' }], sourceApiVersion: 65 }));
    const errors = validateJson(file, path.join(SCHEMAS, 'sfdx-project.schema.json'));
    expect(errors).toEqual([expect.stringContaining('/sourceApiVersion must be string')]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accepts the repository project and scratch definition', () => {
    const root = path.join(__dirname, '..', '..');
    expect(validateJson(path.join(root, 'sfdx-project.json'), path.join(SCHEMAS, 'sfdx-project.schema.json'))).toEqual(
      []
    );
    expect(
      validateJson(
        path.join(root, 'config', 'project-scratch-def.json'),
        path.join(SCHEMAS, 'project-scratch-def.schema.json')
      )
    ).toEqual([]);
  });
});
