/**
 * Values written twice in the package, kept equal:
 * - ModjoHealth.PACKAGE_VERSION (what the setup page and the health resource show, patch number included: Apex
 *   cannot read it from the org, Publisher and System.requestVersion stop at major.minor) and the release version of
 *   package.json / sfdx-project.json;
 * - the free-mail list ModjoSettings falls back to when the org has no Default record, and the shipped record's list;
 * - the countries the Default_Phone_Country_Known validation rule accepts, and the regions of PhoneNumbers;
 * - the default link hosts: LinkPolicy.DEFAULT_ALLOWED_HOSTS (Apex), DEFAULT_ALLOWED_LINK_HOSTS (contract/links.ts,
 *   which the offline validators and the conformance vectors apply) and the shipped record's Allowed_Link_Hosts__c.
 * - the re-matching defaults of ModjoSettings (used when a value is empty or out of range) and the shipped Default
 *   record's values, which the validation rules' ranges must accept.
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

  describe.each([
    ['Rematch_Lookback_Days__c', 'DEFAULT_REMATCH_LOOKBACK_DAYS', 'Rematch_Lookback_Days_Range'],
    ['Rematch_Interval_Hours__c', 'DEFAULT_REMATCH_INTERVAL_HOURS', 'Rematch_Interval_Hours_Range'],
    ['Rematch_Calls_Per_Run__c', 'DEFAULT_REMATCH_CALLS_PER_RUN', 'Rematch_Calls_Per_Run_Range']
  ])('re-matching setting %s', (field, constant, ruleName) => {
    const apexValue = (): number => {
      const match = new RegExp(`${constant}\\s*=\\s*(\\d+);`).exec(read(`${CLASSES}/matching/ModjoSettings.cls`));
      if (!match) {
        throw new Error(`constant ${constant} not found`);
      }
      return Number(match[1]);
    };
    const shippedValue = (): number => {
      const record = read('force-app/main/default/customMetadata/Modjo_Setting.Default.md-meta.xml');
      const value = new RegExp(`<field>${field}</field>\\s*<value[^>]*>([^<]*)</value>`).exec(record);
      if (!value) {
        throw new Error(`${field} not in the Default record`);
      }
      return Number(value[1]);
    };
    const range = (): [number, number] => {
      const rule = read(
        `force-app/main/default/objects/Modjo_Setting__mdt/validationRules/${ruleName}.validationRule-meta.xml`
      );
      const low = new RegExp(`${field}\\s*&lt;\\s*(\\d+)`).exec(rule);
      const high = new RegExp(`${field}\\s*&gt;\\s*(\\d+)`).exec(rule);
      if (!low || !high) {
        throw new Error(`range of ${ruleName} not found`);
      }
      return [Number(low[1]), Number(high[1])];
    };

    test('the Apex default is the shipped value', () => {
      expect(apexValue()).toBe(shippedValue());
    });

    test('the validation rule accepts the shipped value', () => {
      const [low, high] = range();
      expect(low).toBeLessThanOrEqual(shippedValue());
      expect(shippedValue()).toBeLessThanOrEqual(high);
    });
  });

  test('the per-run cap of the validation rule is the Apex cap', () => {
    const rule = read(
      'force-app/main/default/objects/Modjo_Setting__mdt/validationRules/Rematch_Calls_Per_Run_Range.validationRule-meta.xml'
    );
    const apex = /MAX_REMATCH_CALLS_PER_RUN\s*=\s*(\d+);/.exec(read(`${CLASSES}/matching/ModjoSettings.cls`));
    expect(apex).not.toBeNull();
    expect(rule).toContain(`Rematch_Calls_Per_Run__c &gt; ${apex![1]}`);
  });
});
