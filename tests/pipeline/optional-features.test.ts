import path from 'node:path';
import { analyzeApex } from '../../scripts/analyze-apex';
import { baselineSObjectJar } from '../../scripts/apex/baseline-jar';
import {
  explainOptional,
  optionalField,
  optionalObject,
  OPTIONAL_FEATURES
} from '../../scripts/apex/optional-features';
import { checkApexSource } from '../../scripts/apex/soql-check';
import { SObjectSchema } from '../../scripts/apex/schema';
import { apexProject, cleanup } from './helpers';

jest.setTimeout(120_000);
afterAll(cleanup);

describe('analyze:apex: fields and objects of optional org features are reached only dynamically', () => {
  it('fails on compiled references: new SObject(Field = …), field token, static SOQL, record.Field (planted fixture)', () => {
    const result = analyzeApex(apexProject('optional-feature-compiled'));
    expect(result.ok).toBe(false);
    const note = (feature: string) => `exists only where ${feature} is on`;
    expect(result.errors).toEqual([
      expect.stringMatching(/^apex-ls: .*WidgetActivities\.cls:12: Unknown field 'IsParent' .*Shared Activities is on/),
      expect.stringMatching(/^apex-ls: .*WidgetActivities\.cls:13: Unknown field 'IsWhat' .*Shared Activities is on/),
      expect.stringMatching(
        /^apex-ls: .*WidgetActivities\.cls:20: Unknown field 'IsPersonAccount' .*Person Accounts is on/
      ),
      expect.stringMatching(/^soql: .*WidgetActivities\.cls:17: unknown field IsInvitee on EventRelation/)
    ]);
    expect(
      result.errors.every((e) => e.includes(note('Shared Activities')) || e.includes(note('Person Accounts')))
    ).toBe(true);
  });

  it('passes the same work done through describe and dynamic access', () => {
    const result = analyzeApex(apexProject('optional-feature-dynamic'));
    expect(result.errors).toEqual([]);
  });

  it('builds SObject tables without the optional objects and fields, keeping everything else', () => {
    const baseline = new SObjectSchema([], baselineSObjectJar());
    const full = new SObjectSchema([]);
    const has = (schema: SObjectSchema, object: string, field: string) =>
      schema.get(object)?.fields.has(field.toLowerCase()) ?? false;
    for (const [object, field] of [
      ['EventRelation', 'IsParent'],
      ['Account', 'IsPersonAccount'],
      ['Account', 'PersonEmail'],
      ['Contact', 'IndividualId'],
      ['Opportunity', 'CurrencyIsoCode'],
      ['Opportunity', 'Territory2Id'],
      ['Contact', 'RecordTypeId']
    ]) {
      expect({ object, field, full: has(full, object, field), baseline: has(baseline, object, field) }).toEqual({
        object,
        field,
        full: true,
        baseline: false
      });
    }
    expect(full.get('TaskRelation')).toBeDefined();
    expect(baseline.get('TaskRelation')).toBeUndefined();
    expect(baseline.get('Task')?.children.has('taskrelations')).toBe(false);
    expect(has(baseline, 'EventRelation', 'RelationId')).toBe(true);
    expect(has(baseline, 'Account', 'Name')).toBe(true);
    expect(has(baseline, 'Contact', 'Email')).toBe(true);
  });

  it('checks static SOQL against the baseline tables and says which feature a field needs', () => {
    const schema = new SObjectSchema([path.join(apexProject('good'), 'force-app')], baselineSObjectJar());
    const problems = checkApexSource(
      'X.cls',
      'public with sharing class X { void m(Set<Id> ids) { Object o = [SELECT RelationId FROM TaskWhoRelation WHERE TaskId IN :ids]; } }',
      schema
    ).map((p) => explainOptional(p.message));
    expect(problems).toEqual([
      expect.stringMatching(/^unknown object TaskWhoRelation in FROM — exists only where Shared Activities is on/)
    ]);
  });

  it('lists every feature with a source, and matches names ignoring case and by prefix', () => {
    for (const feature of OPTIONAL_FEATURES) {
      expect(feature.sources.length).toBeGreaterThan(0);
      expect(feature.sources.every((s) => s.startsWith('https://'))).toBe(true);
    }
    expect(optionalField('account', 'personmobilephone')?.name).toBe('Person Accounts');
    expect(optionalField('Call__c', 'CurrencyIsoCode')?.name).toBe('Multiple currencies');
    expect(optionalField('TaskRelation', 'TaskId')?.name).toBe('Shared Activities');
    expect(optionalField('Account', 'Name')).toBeUndefined();
    expect(optionalObject('EventRelation')).toBeUndefined();
    expect(explainOptional("Unknown field 'Nmae' on SObject 'Schema.Account'")).toBe(
      "Unknown field 'Nmae' on SObject 'Schema.Account'"
    );
  });
});
