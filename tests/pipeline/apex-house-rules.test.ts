import { analyzeApex } from '../../scripts/analyze-apex';
import { checkHouseRules } from '../../scripts/apex/house-rules';
import { ApexProject } from '../../scripts/apex/apex-model';
import { MixedDmlRule } from '../../scripts/apex/mixed-dml-rule';
import { RunAsRule } from '../../scripts/apex/runas-rule';
import { apexProject, cleanup } from './helpers';

jest.setTimeout(120_000);
afterAll(cleanup);

const messages = (source: string): string[] => checkHouseRules('X.cls', source).map((p) => `${p.line}: ${p.message}`);

describe('analyze:apex house rules', () => {
  it('fails the gate on a system-mode write without a justification', () => {
    const result = analyzeApex(apexProject('good', 'system-mode-unjustified'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^rules: .*WidgetArchive\.cls:10: system-mode access without a comment saying why/)
    ]);
  });

  it('fails the gate on Test.isRunningTest() in production code', () => {
    const result = analyzeApex(apexProject('good', 'running-test-hook'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^rules: .*WidgetClock\.cls:10: Test\.isRunningTest\(\) in production code/)
    ]);
  });

  it('accepts a system-mode query justified above its statement, however long the query', () => {
    const source = [
      'public with sharing class X {',
      '    List<Account> m() {',
      '        // System mode: the job reads its own bookkeeping rows.',
      '        return [',
      '            SELECT Id',
      '            FROM Account',
      '            WITH SYSTEM_MODE',
      '        ];',
      '    }',
      '}'
    ].join('\n');
    expect(messages(source)).toEqual([]);
  });

  it('does not take a justification from another statement', () => {
    const source = [
      'public with sharing class X {',
      '    void m(List<Account> a) {',
      '        // System mode: justified write.',
      '        Database.update(a, true, AccessLevel.SYSTEM_MODE);',
      '        update a;',
      '        update a;',
      '        update a;',
      '        update a;',
      '        Database.insert(a, true, AccessLevel.SYSTEM_MODE);',
      '    }',
      '}'
    ].join('\n');
    expect(messages(source)).toEqual([expect.stringMatching(/^9: system-mode access/)]);
  });

  it('flags a without sharing class that says nothing, accepts one that says why', () => {
    expect(messages('public without sharing class X {}')).toEqual([expect.stringMatching(/^1: system-mode access/)]);
    expect(
      messages('// Without sharing: reads every row for the admin report.\npublic without sharing class X {}')
    ).toEqual([]);
  });

  it('ignores mentions in comments and strings, and test classes', () => {
    expect(
      messages("public with sharing class X {\n  // never Test.isRunningTest() here\n  String s = 'SYSTEM_MODE';\n}")
    ).toEqual([]);
    expect(
      messages('@IsTest\nprivate class XTest {\n  static void t() { Boolean b = Test.isRunningTest(); }\n}')
    ).toEqual([]);
  });
});

describe('analyze:apex house rule: overwrites of records people edit say how edits survive', () => {
  it('fails the gate on Subject, WhoId and WhatId rewritten on an existing Task (planted fixture)', () => {
    const result = analyzeApex(apexProject('good', 'overwrites-user-edits'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^rules: .*WidgetActivities\.cls:8: Subject written on a record that may already exist/),
      expect.stringMatching(/^rules: .*WidgetActivities\.cls:9: WhoId written/),
      expect.stringMatching(/^rules: .*WidgetActivities\.cls:10: WhatId written/)
    ]);
  });

  it('accepts the writes under a keeps-user-edits comment, and any put on a new record', () => {
    const guarded = [
      'public with sharing class X {',
      '  SObject m(SObject existing, Boolean still) {',
      '    SObject r = existing.getSObjectType().newSObject(existing.Id);',
      '    // keeps-user-edits: written only while the Task still holds what Modjo wrote.',
      '    if (still) {',
      "      r.put('Subject', 'x');",
      '    }',
      '    return r;',
      '  }',
      '}'
    ].join('\n');
    expect(messages(guarded)).toEqual([]);
    const fresh =
      "public with sharing class X {\n  SObject m() {\n    SObject r = Task.SObjectType.newSObject();\n    r.put('Subject', 'x');\n    return r;\n  }\n}";
    expect(messages(fresh)).toEqual([]);
  });
});

describe('analyze:apex house rule: Task and Event queries read archived activities (ALL ROWS)', () => {
  it('fails the gate on a static and a dynamic activity query without ALL ROWS (planted fixture)', () => {
    const result = analyzeApex(apexProject('good', 'activity-query-archived'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^rules: .*WidgetActivityReader\.cls:14: Task queried without ALL ROWS/),
      expect.stringMatching(/^rules: .*WidgetActivityReader\.cls:17: Event queried without ALL ROWS/)
    ]);
  });

  it('accepts ALL ROWS in the statement, a marked exclusion, and ignores subqueries and comments', () => {
    const query = (clause: string): string =>
      `public with sharing class X {\n  List<Task> m(Set<Id> ids) {\n    return [SELECT Id FROM Task WHERE Id IN :ids ${clause}];\n  }\n}`;
    expect(messages(query('WITH SYSTEM_MODE ALL ROWS')).filter((m) => m.includes('ALL ROWS'))).toEqual([]);
    expect(messages(query('WITH USER_MODE'))).toEqual([expect.stringMatching(/^3: Task queried without ALL ROWS/)]);
    const marked =
      'public with sharing class X {\n  // archived-excluded: open Tasks only, never archived.\n  List<Task> m() {\n    return [SELECT Id FROM Task WITH USER_MODE];\n  }\n}';
    expect(messages(marked)).toEqual([]);
    const subquery =
      'public with sharing class X {\n  // read FROM Task in a comment\n  List<Contact> m() {\n    return [SELECT Id, (SELECT Id FROM Tasks) FROM Contact WITH USER_MODE];\n  }\n}';
    expect(messages(subquery)).toEqual([]);
  });
});

describe('analyze:apex house rule: reads of an ingestion request take their LIMIT from the query-row budget', () => {
  it('fails the gate on a selector read capped by its own LIMIT and one by ids that says nothing (planted fixture)', () => {
    const result = analyzeApex(apexProject('good', 'query-rows'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^rules: .*selectors\/WidgetCandidatesSelector\.cls:16: query whose LIMIT is not granted/),
      expect.stringMatching(/^rules: .*selectors\/WidgetCandidatesSelector\.cls:27: query whose LIMIT is not granted/)
    ]);
  });

  it('fails the gate on a read whose LIMIT is granted but whose rows never reach budget.read (planted fixture)', () => {
    const result = analyzeApex(apexProject('good', 'query-rows-unread'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^rules: .*selectors\/WidgetCandidatesSelector\.cls:18: query whose LIMIT is granted by the query-row budget but whose rows never reach budget\.read/
      )
    ]);
  });

  it('passes the same reads with a LIMIT granted by the budget and a justified read by ids (planted fixture)', () => {
    const result = analyzeApex(apexProject('good', 'query-rows-granted'));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  const selector = (body: string): string[] =>
    checkHouseRules(
      'force-app/main/default/classes/matching/X.cls',
      `public with sharing class X {\n  List<Account> m(Set<Id> ids) {\n${body}\n  }\n}`
    ).map((p) => `${p.line}: ${p.message}`);

  it('follows a granted LIMIT through a variable or a bind key to its read(), and applies only to the budgeted folders', () => {
    expect(
      selector(
        "    Integer n = QueryRowBudget.current().limitFor(10);\n    List<SObject> rows = Database.queryWithBinds('SELECT Id FROM Account LIMIT :m', new Map<String, Object>{ 'm' => n }, AccessLevel.USER_MODE);\n    QueryRowBudget.current().read(rows, n, 10);\n    return rows;"
      )
    ).toEqual([]);
    expect(
      selector(
        "    Integer n = QueryRowBudget.current().limitFor(10);\n    return Database.queryWithBinds('SELECT Id FROM Account LIMIT :m', new Map<String, Object>{ 'm' => n }, AccessLevel.USER_MODE);"
      )
    ).toEqual([expect.stringMatching(/^4: query whose LIMIT is granted by the query-row budget but whose rows never/)]);
    expect(selector('    Integer n = 10;\n    return [SELECT Id FROM Account WITH USER_MODE LIMIT :n];')).toEqual([
      expect.stringMatching(/^4: query whose LIMIT is not granted/)
    ]);
    expect(
      selector(
        '    // query-rows: by the ids of the batch.\n    return [SELECT Id FROM Account WHERE Id IN :ids WITH USER_MODE];'
      )
    ).toEqual([]);
    expect(
      messages(
        'public with sharing class X {\n  List<Account> m() { return [SELECT Id FROM Account WITH USER_MODE]; }\n}'
      )
    ).toEqual([]);
  });

  it('fails a grant floored by Math.max (a LIMIT above what the budget left), not one required first', () => {
    const read =
      "    List<SObject> rows = Database.queryWithBinds('SELECT Id, (SELECT Id FROM Contacts) FROM Account LIMIT :m', new Map<String, Object>{ 'm' => n }, AccessLevel.USER_MODE);\n    budget.read(rows, n, 10);\n    return rows;";
    expect(
      selector(
        `    QueryRowBudget budget = QueryRowBudget.current();\n    Integer n = Math.max(1, budget.limitFor(10 * 51) / 51);\n${read}`
      )
    ).toEqual([expect.stringMatching(/^4: LIMIT floored above what the query-row budget granted/)]);
    expect(
      selector(
        `    QueryRowBudget budget = QueryRowBudget.current();\n    Integer n = Math.max(\n      1,\n      budget.limitFor(10 * 51) / 51\n    );\n${read}`
      )
    ).toEqual([expect.stringMatching(/^4: LIMIT floored above/)]);
    expect(
      selector(
        `    QueryRowBudget budget = QueryRowBudget.current();\n    budget.require(51);\n    Integer n = budget.limitFor(10 * 51) / 51;\n${read}`
      )
    ).toEqual([]);
    expect(
      selector(
        `    QueryRowBudget budget = QueryRowBudget.current();\n    Integer n = Math.min(budget.limitFor(10), 5);\n${read}`
      )
    ).toEqual([]);
  });
});

describe('analyze:apex house rule: tests touch package data inside System.runAs', () => {
  it('fails the gate on tests that write and read package data as the running user (planted fixture)', () => {
    const result = analyzeApex(apexProject('good', 'runas-missing'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^rules: .*WidgetServiceTest\.cls:9: setup: DML\/SOQL on Widget__c outside System\.runAs/),
      expect.stringMatching(/^rules: .*WidgetServiceTest\.cls:14: resizesAsTheRunningUser: DML\/SOQL on Widget__c/),
      expect.stringMatching(
        /^rules: .*WidgetServiceTest\.cls:15: .*calls WidgetService\.resize, which reads or writes/
      ),
      expect.stringMatching(/^rules: .*WidgetServiceTest\.cls:17: .*calls WidgetService\.resize/)
    ]);
  });

  it('passes the same tests run as a user they build, with users and standard objects written before runAs', () => {
    const result = analyzeApex(apexProject('good', 'runas-ok'));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  const problems = (...sources: string[]): string[] => {
    const project = new ApexProject();
    sources.forEach((source, i) => project.add(`C${i}.cls`, source));
    return new RunAsRule(project, new Set(['widget__c'])).check().map((p) => `${p.file}:${p.line}: ${p.message}`);
  };
  const prod = [
    'public with sharing class Store {',
    '  public static void save(List<Widget__c> w) { insert as user w; }',
    '  public static Integer pure(Integer i) { return i + 1; }',
    '  public static List<Account> accounts() { return [SELECT Id FROM Account WITH USER_MODE]; }',
    '  public static List<SObject> any(String q) { return Database.query(q); }',
    '}'
  ].join('\n');
  const job = [
    'public with sharing class Job implements Queueable {',
    '  public void execute(QueueableContext c) { Store.save(new List<Widget__c>()); }',
    '}'
  ].join('\n');
  const helper = [
    '@IsTest public class Helper {',
    '  public static Widget__c widget() { Widget__c w = new Widget__c(); Store.save(new List<Widget__c>{ w }); return w; }',
    '  public static User user() { User u = new User(); insert u; return u; }',
    '}'
  ].join('\n');
  const test = (body: string): string =>
    ['@IsTest private class T {', '  @IsTest static void t() {', body, '  }', '}'].join('\n');

  it('follows calls through test helpers and production classes, and jobs', () => {
    expect(problems(prod, job, helper, test('    Helper.widget();'))).toEqual([
      expect.stringMatching(/^C3\.cls:3: t: calls Helper\.widget/)
    ]);
    expect(problems(prod, job, test('    System.enqueueJob(new Job());'))).toEqual([
      expect.stringMatching(/^C2\.cls:3: t: runs the job Job/)
    ]);
    expect(problems(prod, test("    List<SObject> rows = Store.any('SELECT Id FROM Account');"))).toEqual([
      expect.stringMatching(/calls Store\.any/)
    ]);
  });

  it('accepts pure calls, standard objects and users outside runAs, and anything inside a factory runAs', () => {
    expect(
      problems(
        prod,
        helper,
        test(
          [
            '    Integer i = Store.pure(1);',
            '    List<Account> a = Store.accounts();',
            "    insert new Contact(LastName = 'x');",
            '    User u = Helper.user();',
            '    System.runAs(u) { Helper.widget(); delete [SELECT Id FROM Widget__c]; }'
          ].join('\n')
        )
      )
    ).toEqual([]);
  });

  it('counts an untyped or dynamic access as package data, and runAs of the running user as no runAs', () => {
    expect(
      problems(
        test(
          [
            "    SObject row = Schema.getGlobalDescribe().get('Account').newSObject();",
            '    insert row;',
            "    System.runAs(new User(Id = UserInfo.getUserId())) { List<SObject> r = Database.query('SELECT Id FROM Widget__c'); }"
          ].join('\n')
        )
      )
    ).toEqual([
      expect.stringMatching(/^C0\.cls:4: t: DML\/SOQL on SObject/),
      expect.stringMatching(/^C0\.cls:5: t: DML\/SOQL on Widget__c/)
    ]);
  });
});

describe('analyze:apex house rule: custom metadata read through getInstance/getAll fits in 255 characters', () => {
  it('fails on a shipped Long Text Area value over 255 characters in a type read with getInstance (planted fixture)', () => {
    const result = analyzeApex(apexProject('good', 'cmdt-long-text'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^rules: .*customMetadata\/Widget_Setting\.Default\.md-meta\.xml:5: Blocked_Words__c holds 358 characters, but Widget_Setting__mdt is read with getInstance\/getAll \(WidgetSettings\.cls:11\), which return only the first 255/
      )
    ]);
  });

  it('passes the same record when the type is read with SOQL', () => {
    const result = analyzeApex(apexProject('good', 'cmdt-long-text-soql'));
    expect(result.errors).toEqual([]);
  });
});

describe('analyze:apex house rule: no setup DML mixed with other DML outside System.runAs in a test', () => {
  it('fails on a permission set inserted before an Account outside runAs (planted fixture)', () => {
    const result = analyzeApex(apexProject('good', 'mixed-dml'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^rules: .*AccountAccessTest\.cls:12: grantsThenWritesAccounts: DML on account at line 12 after setup DML \(DML on permissionset\) at line 10, both outside System\.runAs: MIXED_DML_OPERATION \(https:\/\/developer\.salesforce\.com\/.*apex_dml_non_mix_sobjects_test_methods\.htm\)/
      )
    ]);
  });

  it('passes the same test with the setup inside System.runAs', () => {
    const result = analyzeApex(apexProject('good', 'mixed-dml-runas'));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  const mixed = (body: string): string[] => {
    const project = new ApexProject();
    project.add('T.cls', ['@IsTest private class T {', '  @IsTest static void t() {', body, '  }', '}'].join('\n'));
    return new MixedDmlRule(project).check().map((p) => `${p.line}: ${p.message}`);
  };

  it('knows the factory helpers that assign permission sets and those that insert records', () => {
    expect(
      mixed(
        [
          '    User u = TestDataFactory.createUser(new List<String>{ TestDataFactory.PERMSET_USER });',
          '    List<Account> a = TestDataFactory.createAccounts(2);'
        ].join('\n')
      )
    ).toEqual([
      expect.stringMatching(
        /^4: t: testdatafactory\.createaccounts at line 4 after setup DML \(testdatafactory\.createuser\) at line 3/
      )
    ]);
    expect(
      mixed(
        [
          "    PermissionSet ps = AccessTestData.grant('Account', new List<String>(), new List<String>());",
          '    List<PermissionSetAssignment> psa = new List<PermissionSetAssignment>();',
          '    Database.insert(psa);',
          "    Database.insert(new List<Contact>{ new Contact(LastName = 'x') });"
        ].join('\n')
      )
    ).toEqual([
      expect.stringMatching(/^6: t: DML on contact at line 6 after setup DML \(accesstestdata\.grant\) at line 3/)
    ]);
  });

  it('accepts records before setup, users with records, untyped DML, and setup inside runAs', () => {
    expect(
      mixed(
        [
          '    List<Account> a = TestDataFactory.createAccounts(2);',
          "    insert new User(LastName = 'x');",
          '    User u = TestDataFactory.createUser(new List<String>());',
          '    SObject row = a[0];',
          '    update row;',
          '    System.runAs(new User(Id = UserInfo.getUserId())) { insert new GroupMember(); }'
        ].join('\n')
      )
    ).toEqual([]);
  });
});
