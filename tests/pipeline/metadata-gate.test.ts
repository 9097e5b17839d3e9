import fs from 'node:fs';
import path from 'node:path';
import { checkContractVectors, checkMetadata, scratchDefinitions, validateJson } from '../../scripts/check-metadata';
import { BUNDLE_RESOURCE } from '../../contract/conformance';
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
  fs.cpSync(path.join(FIXTURES, 'lwc-package'), path.join(project, 'force-app', 'main', 'default'), {
    recursive: true
  });
  return { project, lwc };
}

describe('check:metadata gate', () => {
  it('converts a built project to Metadata API format without development files', async () => {
    const { project, lwc } = projectWithLwc();
    const template = path.join(lwc, 'sampleCard', 'sampleCard.html');
    fs.writeFileSync(
      template,
      fs
        .readFileSync(template, 'utf8')
        .replace('</lightning-card>', '    <c-sample-badge></c-sample-badge>\n    </lightning-card>')
    );
    expect(await transpileLwc(lwc)).toEqual([]);
    const out = tempDir('mdapi');
    const result = await checkMetadata(project, out);
    expect(result.errors).toEqual([
      expect.stringMatching(/sampleCard\.html:7: <c-sample-badge> names no component of the package \(sampleBadge\)$/)
    ]);
    expect(result.info[0]).toMatch(
      /: ApexClass 2, CustomLabels 1, CustomObject 1, CustomPermission 1, LightningComponentBundle 2$/
    );
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

  it('fails on a label, permission, Apex method, field or child component a component uses that the package lacks', async () => {
    const { project, lwc } = projectWithLwc();
    const source = path.join(lwc, 'sampleCard', 'sampleCard.ts');
    fs.writeFileSync(
      source,
      fs
        .readFileSync(source, 'utf8')
        .replace('c.Sample_Title', 'c.Sample_Titel')
        .replace('customPermission/Sample_View', 'customPermission/Sample_Edit')
        .replace('SampleController.getSample', 'SampleController.getSamples')
        .replace(
          "import locale from '@salesforce/i18n/locale';",
          "import locale from '@salesforce/i18n/locale';\nimport SIZE from '@salesforce/schema/Widget__c.Sise__c';\nvoid SIZE;"
        )
    );
    const template = path.join(lwc, 'sampleCard', 'sampleCard.html');
    fs.writeFileSync(
      template,
      fs
        .readFileSync(template, 'utf8')
        .replace('</lightning-card>', '    <c-sample-badge></c-sample-badge>\n    </lightning-card>')
    );
    expect(await transpileLwc(lwc)).toEqual([]);
    const out = tempDir('mdapi');
    const result = await checkMetadata(project, out);
    expect(result.errors).toEqual([
      expect.stringMatching(/sampleCard\.html:7: <c-sample-badge> names no component of the package \(sampleBadge\)$/),
      expect.stringMatching(/sampleCard\.ts:4: SampleController\.getSamples is not an @AuraEnabled method$/),
      expect.stringMatching(/sampleCard\.ts:5: custom label c\.Sample_Titel is not in the package's labels$/),
      expect.stringMatching(/sampleCard\.ts:6: custom permission Sample_Edit is not in the package$/),
      expect.stringMatching(/sampleCard\.ts:8: Sise__c is not a field of Widget__c$/)
    ]);
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

  it('accepts the repository project and every scratch definition (one per org shape the tests run on)', () => {
    const root = path.join(__dirname, '..', '..');
    expect(validateJson(path.join(root, 'sfdx-project.json'), path.join(SCHEMAS, 'sfdx-project.schema.json'))).toEqual(
      []
    );
    const definitions = scratchDefinitions(root);
    expect(definitions.map((f) => path.basename(f))).toEqual([
      'project-scratch-def.json',
      'person-accounts-scratch-def.json'
    ]);
    for (const file of definitions) {
      expect(validateJson(file, path.join(SCHEMAS, 'project-scratch-def.schema.json'))).toEqual([]);
    }
  });

  it('fails on a second scratch definition that does not match the schema (a misspelt feature)', async () => {
    const project = apexProject('good');
    fs.writeFileSync(
      path.join(project, 'config', 'other-scratch-def.json'),
      JSON.stringify({ edition: 'Developer', features: ['PersonAccount'] })
    );
    const out = tempDir('mdapi');
    const result = await checkMetadata(project, out);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/other-scratch-def\.json: \/features\/0 must/)])
    );
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('fails when the static resource ContractVectors drifts from contract/examples (planted fixture), passes when equal', () => {
    const planted = path.join(FIXTURES, 'contract-vectors', 'ContractVectors.drifted.json');
    expect(checkContractVectors(planted)).toEqual([
      expect.stringMatching(/ContractVectors\.drifted\.json differs from the vectors of contract\/examples/)
    ]);
    expect(checkContractVectors(BUNDLE_RESOURCE)).toEqual([]);
  });
});
