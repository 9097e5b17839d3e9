import path from 'node:path';
import { analyzeApex } from '../../scripts/analyze-apex';
import { ApexProject } from '../../scripts/apex/apex-model';
import { DynamicSoqlChecker, fillHoles, HOLE } from '../../scripts/apex/dynamic-soql';
import { SObjectSchema } from '../../scripts/apex/schema';
import { apexProject, cleanup } from './helpers';

jest.setTimeout(120_000);
afterAll(cleanup);

describe('analyze:apex: the SOQL checker reads the constant fragments of dynamic queries', () => {
  it('fails on misspelt fields in the constant fragments of a dynamic query (planted fixture)', () => {
    const result = analyzeApex(apexProject('dynamic-soql-misspelt'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^soql: .*WidgetQueries\.cls:16: dynamic query: unknown field Nme on Account/),
      expect.stringMatching(/^soql: .*WidgetQueries\.cls:16: dynamic query: unknown field LastModifiedDat on Widget__c/)
    ]);
  });

  it('passes the same query spelt right, with columns from field tokens', () => {
    const result = analyzeApex(apexProject('dynamic-soql-ok'));
    expect(result.errors).toEqual([]);
  });

  const schema = new SObjectSchema([path.join(apexProject('good'), 'force-app')]);
  const check = (...classes: string[]): string[] => {
    const project = new ApexProject();
    classes.forEach((source, i) => project.add(`C${i}.cls`, source));
    return new DynamicSoqlChecker(project).check(schema).map((p) => `${p.file}:${p.line}: ${p.message}`);
  };
  const query = (expression: string, members = ''): string =>
    [
      'public with sharing class Q {',
      members,
      '  public static List<SObject> run(Set<Id> ids, String term, Integer n) {',
      `    return Database.queryWithBinds(${expression}, new Map<String, Object>(), AccessLevel.USER_MODE);`,
      '  }',
      '}'
    ].join('\n');

  it.each([
    ['a literal', "'SELECT Id, Size__c FROM Widget__c WHERE Id IN :ids'", ''],
    [
      'constants of the class and of another class',
      "'SELECT ' + FIELDS + ' FROM Widget__c LIMIT ' + Limits2.ROWS",
      "  static final String FIELDS = 'Id, Name';"
    ],
    [
      'a helper with a parameter, removeEnd, and a list joined with adds',
      "'SELECT ' + cols('Account__c') + ' FROM Widget__c'",
      [
        '  static String cols(String lookup) {',
        "    List<String> c = new List<String>{ 'Id' };",
        "    c.add(lookup.removeEnd('__c') + '__r.Name');",
        "    return String.join(c, ', ');",
        '  }'
      ].join('\n')
    ],
    ['holes for runtime values: a bind, a LIMIT, a field', "'SELECT ' + term + ' FROM Widget__c LIMIT ' + n", ''],
    [
      'dynamic SOSL with a search term',
      "'FIND {' + term + '} IN ALL FIELDS RETURNING Widget__c(Id, Size__c), Contact(Email)'",
      ''
    ]
  ])('accepts %s', (_name, expression, members) => {
    const limits = 'public with sharing class Limits2 { public static final Integer ROWS = 5; }';
    expect(check(query(expression, members), limits)).toEqual([]);
  });

  it.each([
    [
      'a misspelt field in one branch of a ternary',
      "'SELECT Id FROM Widget__c ORDER BY ' + (n > 0 ? 'Size__c' : 'Sise__c')",
      'unknown field Sise__c on Widget__c'
    ],
    ['an unknown object', "'SELECT Id FROM Gadget__c'", 'unknown object Gadget__c in FROM'],
    ['a FROM the checker cannot tell', "'SELECT Id FROM ' + term", 'FROM object the checker cannot tell'],
    ['a text the checker cannot rebuild', 'term', 'whose text the checker cannot rebuild'],
    ['a text that is not SOQL', "'SELECT Id, FROM Widget__c'", 'cannot read as SOQL'],
    ['a misspelt field in dynamic SOSL', "'FIND {x} RETURNING Contact(Emial)'", 'unknown field Emial on Contact']
  ])('reports %s', (_name, expression, message) => {
    expect(check(query(expression))).toEqual([expect.stringContaining(message)]);
  });

  describe('share objects of Private and Public Read Only custom objects', () => {
    const withShares = new SObjectSchema([path.join(apexProject('share-object'), 'force-app')]);
    const checkWith = (expression: string): string[] => {
      const project = new ApexProject();
      project.add('S.cls', query(expression));
      return new DynamicSoqlChecker(project).check(withShares).map((p) => p.message);
    };

    it('knows the share object of a Private custom object and its fields', () => {
      expect(
        checkWith(
          "'SELECT Id, ParentId, UserOrGroupId, AccessLevel, RowCause, Parent.Name FROM Secret__Share WHERE RowCause = :term'"
        )
      ).toEqual([]);
      expect(checkWith("'SELECT Id, (SELECT UserOrGroupId FROM Shares) FROM Secret__c'")).toEqual([]);
    });

    it.each([
      [
        'a field no share object has',
        "'SELECT Id, UserId FROM Secret__Share'",
        'unknown field UserId on Secret__Share'
      ],
      [
        'the share object of a Public Read/Write object (Salesforce keeps none)',
        "'SELECT Id FROM Widget__Share'",
        'unknown object Widget__Share in FROM'
      ]
    ])('reports %s', (_name, expression, message) => {
      expect(checkWith(expression)).toEqual([expect.stringContaining(message)]);
    });
  });

  it('fills holes so that the text stays SOQL', () => {
    expect(fillHoles(`SELECT ${HOLE} FROM Widget__c WHERE Id IN :${HOLE} LIMIT ${HOLE}`)).toBe(
      'SELECT Id FROM Widget__c WHERE Id IN :x LIMIT 1'
    );
    expect(fillHoles(`FIND {${HOLE}} IN PHONE FIELDS RETURNING Contact(Id)`)).toBe(
      "FIND 'x' IN PHONE FIELDS RETURNING Contact(Id)"
    );
  });
});
