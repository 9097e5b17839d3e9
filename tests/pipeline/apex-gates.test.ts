import fs from 'node:fs';
import path from 'node:path';
import { analyzeApex } from '../../scripts/analyze-apex';
import { checkApexSource, checkSoql } from '../../scripts/apex/soql-check';
import { SObjectSchema } from '../../scripts/apex/schema';
import { apexProject, cleanup } from './helpers';

jest.setTimeout(120_000);
afterAll(cleanup);

describe('analyze:apex gate (apex-ls + SOQL field checker)', () => {
  it('passes a correct project', () => {
    const result = analyzeApex(apexProject('good'));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fails on an unknown field on an SObject in Apex code (apex-ls)', () => {
    const result = analyzeApex(apexProject('unknown-field-apex'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([expect.stringMatching(/^apex-ls: .*WidgetService\.cls:40: .*Colour__c/)]);
  });

  it('fails on an unknown field inside a static query (SOQL checker), which apex-ls does not see', () => {
    const result = analyzeApex(apexProject('unknown-field-soql'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^soql: .*WidgetService\.cls:13: unknown field Colour__c on Widget__c \(in Colour__c\)$/)
    ]);
  });

  it('passes the queries of the correct class to the SOQL checker alone', () => {
    expect(checkSoql(path.join(apexProject('good'), 'force-app')).problems).toEqual([]);
  });
});

describe('SOQL field checker — resolution rules', () => {
  const project = apexProject('good');
  const schema = new SObjectSchema([path.join(project, 'force-app')]);
  const check = (query: string): string[] =>
    checkApexSource(
      'X.cls',
      `public with sharing class X { void m(Set<Id> ids) { Object o = ${query}; } }`,
      schema
    ).map((p) => p.message);

  it.each([
    [
      'standard fields and parent paths',
      '[SELECT Id, Name, Owner.Name, CreatedBy.Email, Account__r.Owner.Email FROM Widget__c]'
    ],
    ['namespaced names', '[SELECT Id, modjo__Size__c FROM modjo__Widget__c]'],
    ['child relationship of a project lookup', '[SELECT Id, (SELECT Id, Size__c FROM Widgets__r) FROM Account]'],
    [
      'semi-join and bound variables',
      '[SELECT Id FROM Widget__c WHERE Account__c IN (SELECT AccountId FROM Contact) AND Id IN :ids]'
    ],
    [
      'aggregates, aliases and date functions',
      '[SELECT COUNT(Id) total, CALENDAR_YEAR(CreatedDate) y FROM Widget__c GROUP BY CALENDAR_YEAR(CreatedDate)]'
    ],
    [
      'polymorphic TYPEOF',
      '[SELECT TYPEOF What WHEN Account THEN Name, Industry WHEN Opportunity THEN StageName END FROM Task]'
    ],
    ['objects missing from the apex-ls tables (supplement)', '[SELECT Id, Title, TextPreview FROM ContentNote]'],
    ['junction objects of shared activities', '[SELECT RelationId, TaskId FROM TaskWhoRelation WHERE TaskId IN :ids]'],
    [
      'SOSL RETURNING objects, fields, WHERE and ORDER BY',
      "[FIND 'x' IN PHONE FIELDS RETURNING Contact(Id, Account.Name WHERE Email != null ORDER BY Name LIMIT 5), Widget__c(Size__c)]"
    ]
  ])('accepts %s', (_name, query) => {
    expect(check(query)).toEqual([]);
  });

  it.each([
    ['an unknown FROM object', '[SELECT Id FROM Gadget__c]', 'unknown object Gadget__c in FROM'],
    [
      'an unknown relationship',
      '[SELECT Id, Acount__r.Name FROM Widget__c]',
      'unknown relationship Acount__r on Widget__c'
    ],
    [
      'an unknown field behind a relationship',
      '[SELECT Account__r.Nme FROM Widget__c]',
      'unknown field Nme on Account'
    ],
    [
      'an unknown field in WHERE',
      "[SELECT Id FROM Widget__c WHERE Colour__c = 'red']",
      'unknown field Colour__c on Widget__c'
    ],
    [
      'an unknown field in ORDER BY',
      '[SELECT Id FROM Widget__c ORDER BY Colour__c]',
      'unknown field Colour__c on Widget__c'
    ],
    [
      'an unknown child relationship',
      '[SELECT Id, (SELECT Id FROM Gadgets__r) FROM Account]',
      'unknown child relationship Gadgets__r on Account'
    ],
    [
      'an unknown field in a subquery',
      '[SELECT Id, (SELECT Colour__c FROM Widgets__r) FROM Account]',
      'unknown field Colour__c on Widget__c'
    ],
    [
      'an unknown field in a semi-join',
      '[SELECT Id FROM Account WHERE Id IN (SELECT Acc__c FROM Widget__c)]',
      'unknown field Acc__c on Widget__c'
    ],
    ['an unknown field in SOSL', "[FIND 'x' RETURNING Contact(Id, Emial)]", 'unknown field Emial on Contact'],
    ['an unknown SOSL object', "[FIND 'x' RETURNING Gadget__c(Id)]", 'unknown object Gadget__c in SOSL RETURNING'],
    [
      'an unknown field in a SOSL WHERE',
      "[FIND 'x' RETURNING Lead(Id WHERE Compny = 'y')]",
      'unknown field Compny on Lead'
    ],
    [
      'an unknown field in a TYPEOF branch',
      '[SELECT TYPEOF What WHEN Account THEN Nme END FROM Task]',
      'unknown field Nme on Account'
    ]
  ])('reports %s', (_name, query, message) => {
    expect(check(query)).toEqual([expect.stringContaining(message)]);
  });

  it('reads the SObject tables from the jar apex-ls ships', () => {
    expect(fs.existsSync(require.resolve('@salesforce/code-analyzer-pmd-engine'))).toBe(true);
    expect(schema.get('Opportunity')?.fields.has('stagename')).toBe(true);
    expect(schema.get('Account')?.children.get('contacts')).toBe('Contact');
    expect(schema.get('Account')?.children.get('widgets__r')).toBe('Widget__c');
  });
});
