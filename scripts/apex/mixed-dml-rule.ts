/**
 * House rule "no mixed setup and non-setup DML in a test outside System.runAs" (part of `analyze:apex`).
 *
 * DML on setup objects (PermissionSet, PermissionSetAssignment, FieldPermissions, ObjectPermissions, Group,
 * GroupMember, UserRole, …) cannot be mixed with DML on other objects in one transaction; in a test method the mix
 * is allowed only inside `System.runAs` blocks, otherwise the test fails with MIXED_DML_OPERATION. Sources:
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_dml_non_mix_sobjects_test_methods.htm
 * and https://developer.salesforce.com/docs/platform/apex-dev/references/apex-dev/apex-dml-non-mix-sobjects.html
 * (a User inserted without a role may be mixed with other records, so User counts as neither kind here).
 *
 * In each `@IsTest` method, the rule fails when a statement outside every `System.runAs` block does setup DML and a
 * later statement outside every `System.runAs` block does non-setup DML. It is conservative: it looks only at the
 * statements of the method body and the named factory helpers below, never into other helpers the method calls, and
 * a DML statement whose object type the declarations do not tell counts as neither kind.
 */
import {
  DotExpressionContext,
  ExpressionContext,
  IdPrimaryContext,
  NewExpressionContext,
  PrimaryExpressionContext,
  RunAsStatementContext
} from '@apexdevtools/apex-parser';
import {
  ApexProject,
  DATABASE_DML_METHODS,
  dmlStatementTarget,
  elementType,
  walk,
  type ClassModel,
  type MethodModel,
  type Node
} from './apex-model';

export interface MixedDmlProblem {
  file: string;
  line: number;
  message: string;
}

const DOC =
  'https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_dml_non_mix_sobjects_test_methods.htm';
const SETUP_OBJECTS = new Set([
  'permissionset',
  'permissionsetassignment',
  'fieldpermissions',
  'objectpermissions',
  'setupentityaccess',
  'group',
  'groupmember',
  'queuesobject',
  'userrole'
]);
/** Neither kind: a User without a role may be inserted with other records; unknown types are not counted. */
const NEITHER = new Set(['user', 'sobject', '?']);
/** Test helpers that insert permission sets or assign them (AccessTestData, TestDataFactory). */
const SETUP_HELPERS = new Set([
  'accesstestdata.grant',
  'accesstestdata.user',
  'accesstestdata.fullaccessuser',
  'testdatafactory.createuser',
  'testdatafactory.createusers',
  'testdatafactory.createuserwithoutcrmaccess',
  'testdatafactory.createintegrationuser',
  'testdatafactory.createintegrationuserasdocumented'
]);
/** TestDataFactory helpers that insert ordinary records. */
const RECORD_HELPERS = new Set([
  'testdatafactory.createaccounts',
  'testdatafactory.createcontacts',
  'testdatafactory.createleads',
  'testdatafactory.createopportunities',
  'testdatafactory.createcontactroles',
  'testdatafactory.createcalls',
  'testdatafactory.createcallswithchildren'
]);

type Kind = 'setup' | 'records';

interface Dml {
  line: number;
  kind: Kind;
  what: string;
}

export class MixedDmlRule {
  constructor(private readonly project: ApexProject) {}

  /** The object type an expression holds, as far as declarations tell ('?' otherwise). */
  private objectOf(expr: ExpressionContext | null | undefined, method: MethodModel): string {
    if (expr instanceof NewExpressionContext) {
      return elementType(expr.creator().createdName().getText()).toLowerCase();
    }
    if (expr instanceof PrimaryExpressionContext) {
      const primary = expr.primary();
      if (primary instanceof IdPrimaryContext) {
        const type = this.project.typeOf(primary.id().getText(), method, method.cls);
        return type ? elementType(type).toLowerCase() : '?';
      }
    }
    return '?';
  }

  private kindOf(object: string): Kind | undefined {
    if (NEITHER.has(object)) {
      return undefined;
    }
    return SETUP_OBJECTS.has(object) ? 'setup' : 'records';
  }

  /** The DML one node does, if it is a DML statement, a Database DML call or a named factory helper. */
  private dmlOf(n: Node, method: MethodModel): Dml | undefined {
    const line = n.start?.line ?? 0;
    let object: string | undefined;
    const target = dmlStatementTarget(n);
    if (target) {
      object = this.objectOf(target, method);
    } else if (n instanceof DotExpressionContext && n.dotMethodCall()) {
      const call = `${n.expression().getText()}.${n.dotMethodCall()!.anyId().getText()}`.toLowerCase();
      if (SETUP_HELPERS.has(call)) {
        return { line, kind: 'setup', what: call };
      }
      if (RECORD_HELPERS.has(call)) {
        return { line, kind: 'records', what: call };
      }
      const [receiver, name] = call.split('.');
      if (receiver === 'database' && DATABASE_DML_METHODS.has(name)) {
        object = this.objectOf(n.dotMethodCall()!.expressionList()?.expression(0), method);
      }
    }
    const kind = object === undefined ? undefined : this.kindOf(object);
    return kind ? { line, kind, what: `DML on ${object}` } : undefined;
  }

  /** The DML of a method body outside every System.runAs block, in source order. */
  private dmlOutsideRunAs(method: MethodModel): Dml[] {
    const found: Dml[] = [];
    walk(method.body!, (n) => {
      if (n instanceof RunAsStatementContext) {
        return false;
      }
      const dml = this.dmlOf(n, method);
      if (dml) {
        found.push(dml);
      }
      return true;
    });
    return found.sort((a, b) => a.line - b.line);
  }

  /** The problems of one test class: one per test method that mixes. */
  checkClass(cls: ClassModel): MixedDmlProblem[] {
    if (!cls.isTest) {
      return [];
    }
    const problems: MixedDmlProblem[] = [];
    for (const method of cls.methods) {
      if (!method.body || !method.isTest) {
        continue;
      }
      const dml = this.dmlOutsideRunAs(method);
      const setup = dml.find((d) => d.kind === 'setup');
      const records = setup && dml.find((d) => d.kind === 'records' && d.line > setup.line);
      if (setup && records) {
        problems.push({
          file: cls.file,
          line: records.line,
          message:
            `${method.label}: ${records.what} at line ${records.line} after setup DML (${setup.what}) at line ` +
            `${setup.line}, both outside System.runAs: MIXED_DML_OPERATION (${DOC}); ` +
            'do the setup inside System.runAs(new User(Id = UserInfo.getUserId())) { … }'
        });
      }
    }
    return problems;
  }

  /** The problems of every test class of the project. */
  check(): MixedDmlProblem[] {
    return [...this.project.classes.values()].flatMap((cls) => this.checkClass(cls));
  }
}
