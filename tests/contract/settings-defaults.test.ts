/**
 * Values written twice in the package, kept equal:
 * - ModjoHealth.PACKAGE_VERSION (what the setup page and the health resource show, patch number included: Apex
 *   cannot read it from the org, Publisher and System.requestVersion stop at major.minor) and the release version of
 *   package.json / sfdx-project.json;
 * - the free-mail list ModjoSettings falls back to when the org has no Default record, and the shipped record's list;
 * - the countries the Default_Phone_Country_Known validation rule accepts, and the regions of PhoneNumbers;
 * - the default link hosts: LinkPolicy.DEFAULT_ALLOWED_HOSTS (Apex), DEFAULT_ALLOWED_LINK_HOSTS (contract/links.ts,
 *   which the offline validators and the conformance vectors apply) and the shipped record's Allowed_Link_Hosts__c.
 */
import { DEFAULT_ALLOWED_LINK_HOSTS, hostEntries, isValidHostEntry } from '../../contract/links';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
const CLASSES = 'force-app/main/default/classes';

function apexString(source: string, constant: string): string {
  const match = new RegExp(`${constant}\\s*=\\s*((?:'[^']*'\\s*\\+?\\s*)+);`).exec(source);
  if (!match) {
    throw new Error(`constant ${constant} not found`);
  }
  return [...match[1].matchAll(/'([^']*)'/g)].map((part) => part[1]).join('');
}

function domains(list: string): string[] {
  return list
    .split(/[,;\s]+/)
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean)
    .sort();
}

describe('values the package writes twice', () => {
  test('ModjoHealth.PACKAGE_VERSION is the release version, with its patch number', () => {
    const apex = apexString(read(`${CLASSES}/setup/ModjoHealth.cls`), 'PACKAGE_VERSION');
    const pkg = JSON.parse(read('package.json')) as { version: string };
    const project = JSON.parse(read('sfdx-project.json')) as { packageDirectories: { versionNumber: string }[] };
    expect(apex).toMatch(/^\d+\.\d+\.\d+$/);
    expect(apex).toBe(pkg.version);
    expect(project.packageDirectories[0].versionNumber.startsWith(`${apex}.`)).toBe(true);
  });

  test("ModjoSettings' fallback free-mail list is the shipped Default record's list", () => {
    const apex = apexString(read(`${CLASSES}/matching/ModjoSettings.cls`), 'DEFAULT_FREE_MAIL');
    const record = read('force-app/main/default/customMetadata/Modjo_Setting.Default.md-meta.xml');
    const shipped = /<field>Free_Mail_Domains__c<\/field>\s*<value[^>]*>([\s\S]*?)<\/value>/.exec(record);
    expect(shipped).not.toBeNull();
    expect(domains(apex)).toEqual(domains(shipped![1]));
  });

  test('the country validation rule accepts exactly the regions the phone matching knows', () => {
    const table = apexString(read(`${CLASSES}/matching/PhoneNumbers.cls`), 'REGION_TABLE');
    const regions = [
      ...new Set(
        table
          .split(';')
          .filter(Boolean)
          .map((row) => row.split(':')[0])
      )
    ].sort();
    const rule = read(
      'force-app/main/default/objects/Modjo_Setting__mdt/validationRules/Default_Phone_Country_Known.validationRule-meta.xml'
    );
    const list = /CONTAINS\(\s*"(:[A-Z:]+:)"/.exec(rule);
    expect(list).not.toBeNull();
    expect(list![1].split(':').filter(Boolean).sort()).toEqual(regions);
    expect(regions).toContain('GB');
    expect(regions).not.toContain('UK');
  });

  test('the default link hosts are the same in Apex, in the contract and in the shipped Default record', () => {
    const apex = apexString(read(`${CLASSES}/ingestion/LinkPolicy.cls`), 'DEFAULT_ALLOWED_HOSTS');
    const record = read('force-app/main/default/customMetadata/Modjo_Setting.Default.md-meta.xml');
    const shipped = /<field>Allowed_Link_Hosts__c<\/field>\s*<value[^>]*>([\s\S]*?)<\/value>/.exec(record);
    expect(shipped).not.toBeNull();
    expect(apex).toBe(DEFAULT_ALLOWED_LINK_HOSTS);
    expect(shipped![1].trim()).toBe(DEFAULT_ALLOWED_LINK_HOSTS);
    expect(hostEntries(DEFAULT_ALLOWED_LINK_HOSTS).every(isValidHostEntry)).toBe(true);
  });
});
