/**
 * House rule "tests touch package data as a factory-built user" (part of `analyze:apex`).
 *
 * `sf package version create --code-coverage` runs the tests where no permission set is assigned to the running
 * user and where fields deployed by the Metadata API are readable by no profile: a test that reads or writes package
 * data as that user passes in a scratch org whose admin holds the permission sets, and fails when the package is
 * built. So, in every `@IsTest` class, each test method (`@IsTest`, `testMethod`) and each `@TestSetup` method must
 * do the following only inside a `System.runAs(user) { … }` block whose user is not the running user
 * (`System.runAs(new User(Id = UserInfo.getUserId()))` does not count):
 *   1. a DML statement, a `Database` DML or query method, static SOQL or SOSL, on a package object (an object of the
 *      project, or any name ending in `__c`, `__mdt`, `__r`, …) or on an object the rule cannot tell (dynamic SOQL,
 *      `SObject`, an expression whose type is not declared);
 *   2. a call to a project method, production or test helper (TestDataFactory, …), that does 1, directly or through
 *      the project methods it calls, outside a runAs block of its own; a `new` of a project class whose constructor
 *      does; `System.enqueueJob`, `System.schedule` or `Database.executeBatch` of a job of a project class that
 *      does 1 in any of its methods.
 * Calls are resolved by declared types (Apex declares every variable): `Cls.method(…)`, `variable.method(…)`,
 * `method(…)` of the same class; a call the rule cannot resolve is not counted. Creating users and permission set
 * assignments, and reading or writing standard objects (static SOQL on Account, insert of Contacts, …), are allowed
 * outside runAs: the default admin of the packaging run has full access to them.
 */
import {
  CreatorContext,
  DotExpressionContext,
  ExpressionContext,
  FieldSpecContext,
  FromNameListContext,
  LiteralPrimaryContext,
  MethodCallExpressionContext,
  NewExpressionContext,
  PrimaryExpressionContext,
  RunAsStatementContext,
  SoqlLiteralContext,
  SoslLiteralAltContext,
  SoslLiteralContext,
  ArrayExpressionContext,
  CastExpressionContext,
  IdPrimaryContext,
  SoqlPrimaryContext,
  SubExpressionContext
} from '@apexdevtools/apex-parser';
import {
  ApexProject,
  classScope,
  DATABASE_DML_METHODS,
  dmlStatementTarget,
  elementType,
  projectObjects,
  walk,
  type ClassModel,
  type MethodModel,
  type Node
} from './apex-model';

export interface RunAsProblem {
  file: string;
  line: number;
  message: string;
}

/** Objects the rule could not tell. */
const UNKNOWN = '?';
const QUERY_METHODS =
  /^(query|querywithbinds|countquery|countquerywithbinds|getquerylocator|getquerylocatorwithbinds)$/;
const JOB_CALLS = new Set(['system.enqueuejob', 'system.schedule', 'database.executebatch', 'system.schedulebatch']);

/** One data access: the objects it reads or writes ('?' when unknown). */
interface Access {
  node: Node;
  objects: string[];
}

/** What one node of a method does: data accesses, calls to project methods, jobs of project classes. */
interface Effects {
  accesses: Access[];
  calls: { node: Node; methods: MethodModel[] }[];
  jobs: { node: Node; cls: ClassModel }[];
}

/** True for a runAs block whose user is another user than the running one. */
function isFactoryRunAs(node: Node): boolean {
  return (
    node instanceof RunAsStatementContext &&
    !/userinfo\.getuserid\(\)/.test(node.expressionList()?.getText().toLowerCase() ?? '')
  );
}

function fromNames(node: Node): string[] {
  const names: string[] = [];
  walk(node, (n) => {
    if (n instanceof FromNameListContext) {
      names.push(n.fieldName(0).getText());
    } else if (n instanceof FieldSpecContext) {
      names.push(n.soslId(0).getText());
    }
  });
  return names.length ? names : [UNKNOWN];
}

export class RunAsRule {
  private readonly touching = new Map<MethodModel, boolean>();

  constructor(
    private readonly project: ApexProject,
    private readonly packageObjects: Set<string>
  ) {}

  /** True for an object of the package, or one the rule could not tell. */
  isPackageObject(name: string): boolean {
    const key = name.toLowerCase().replace(/^modjo__/, '');
    return key === UNKNOWN || this.packageObjects.has(key) || /__(c|mdt|r|e|b|x)$/.test(key) || key === 'sobject';
  }

  /** The object type an expression holds, as far as declarations tell (UNKNOWN otherwise). */
  private objectOf(expr: Node | null | undefined, method: MethodModel): string {
    if (!expr) {
      return UNKNOWN;
    }
    if (expr instanceof SubExpressionContext) {
      return this.objectOf(expr.expression(), method);
    }
    if (expr instanceof CastExpressionContext) {
      return elementType(expr.typeRef().getText());
    }
    if (expr instanceof NewExpressionContext) {
      return elementType(expr.creator().createdName().getText());
    }
    if (expr instanceof ArrayExpressionContext) {
      return elementType(this.objectOf(expr.expression(0), method));
    }
    if (expr instanceof PrimaryExpressionContext) {
      const primary = expr.primary();
      if (primary instanceof IdPrimaryContext) {
        const type = this.project.typeOf(primary.id().getText(), method, method.cls);
        return type ? elementType(type) : UNKNOWN;
      }
      if (primary instanceof SoqlPrimaryContext) {
        const names = fromNames(primary);
        return names[0];
      }
      return UNKNOWN;
    }
    const called = this.calledMethods(expr, method);
    return called.length ? elementType(called[0].returnType) : UNKNOWN;
  }

  /** Project methods a call expression may run (empty when it is not a call or cannot be resolved). */
  private calledMethods(expr: Node, method: MethodModel): MethodModel[] {
    if (expr instanceof MethodCallExpressionContext) {
      const call = expr.methodCall();
      const id = call.id();
      return id ? this.project.methodsNamed(method.cls, id.getText(), true) : [];
    }
    if (expr instanceof DotExpressionContext) {
      const call = expr.dotMethodCall();
      if (!call) {
        return [];
      }
      const receiver = expr.expression();
      const target = this.receiverClass(receiver, method);
      return target ? this.project.methodsNamed(target, call.anyId().getText()) : [];
    }
    return [];
  }

  /** The project class a call's receiver denotes: a class name, or a variable of a declared project type. */
  private receiverClass(receiver: ExpressionContext, method: MethodModel): ClassModel | undefined {
    const text = receiver.getText();
    if (!/^[A-Za-z_][\w.]*$/.test(text)) {
      return undefined;
    }
    const declared = text.includes('.') ? undefined : this.project.typeOf(text, method, method.cls);
    if (declared) {
      return this.project.resolveClass(declared, method.cls);
    }
    return this.project.resolveClass(text, method.cls);
  }

  /** Effects of the nodes of a method body, leaving out factory runAs blocks (and nested class bodies). */
  private effects(root: Node, method: MethodModel): Effects {
    const result: Effects = { accesses: [], calls: [], jobs: [] };
    walk(root, (n) => {
      if (isFactoryRunAs(n)) {
        return false;
      }
      this.nodeEffects(n, method, result);
      return true;
    });
    return result;
  }

  private nodeEffects(n: Node, method: MethodModel, result: Effects): void {
    const target = dmlStatementTarget(n);
    if (target) {
      result.accesses.push({ node: n, objects: [this.objectOf(target, method)] });
    } else if (
      n instanceof SoqlLiteralContext ||
      n instanceof SoslLiteralContext ||
      n instanceof SoslLiteralAltContext
    ) {
      result.accesses.push({ node: n, objects: fromNames(n) });
    } else if (n instanceof DotExpressionContext && n.dotMethodCall()) {
      this.dotCallEffects(n, method, result);
    } else if (n instanceof MethodCallExpressionContext) {
      const methods = this.calledMethods(n, method);
      if (methods.length) {
        result.calls.push({ node: n, methods });
      }
    } else if (n instanceof NewExpressionContext) {
      const cls = this.project.resolveClass(n.creator().createdName().getText(), method.cls);
      if (cls) {
        result.calls.push({ node: n, methods: this.project.methodsNamed(cls, '<init>') });
      }
    }
  }

  private dotCallEffects(n: DotExpressionContext, method: MethodModel, result: Effects): void {
    const call = n.dotMethodCall()!;
    const receiver = n.expression().getText().toLowerCase();
    const name = call.anyId().getText().toLowerCase();
    const args = call.expressionList()?.expression_list() ?? [];
    if (receiver === 'database' && DATABASE_DML_METHODS.has(name)) {
      result.accesses.push({ node: n, objects: [this.objectOf(args[0], method)] });
    } else if (receiver === 'database' && QUERY_METHODS.test(name)) {
      result.accesses.push({ node: n, objects: [this.dynamicQueryObject(args[0])] });
    } else if (receiver === 'database' && name === 'convertlead') {
      result.accesses.push({ node: n, objects: ['lead'] });
    } else if (receiver === 'search') {
      result.accesses.push({ node: n, objects: [UNKNOWN] });
    } else if (JOB_CALLS.has(`${receiver}.${name}`)) {
      for (const arg of args) {
        const creator = arg instanceof NewExpressionContext ? arg.creator() : undefined;
        const cls =
          creator instanceof CreatorContext
            ? this.project.resolveClass(creator.createdName().getText(), method.cls)
            : undefined;
        if (cls) {
          result.jobs.push({ node: n, cls });
        }
      }
    } else {
      const methods = this.calledMethods(n, method);
      if (methods.length) {
        result.calls.push({ node: n, methods });
      }
    }
  }

  /** The FROM object of a dynamic query given as a string literal; UNKNOWN for any other expression. */
  private dynamicQueryObject(arg: ExpressionContext | undefined): string {
    const primary = arg instanceof PrimaryExpressionContext ? arg.primary() : undefined;
    if (primary instanceof LiteralPrimaryContext) {
      return /\bfrom\s+(\w+)/i.exec(primary.getText())?.[1] ?? UNKNOWN;
    }
    return UNKNOWN;
  }

  /** Whether an access counts: package data, or data of an object the rule cannot tell. */
  private counts(access: Access): boolean {
    return access.objects.some((o) => this.isPackageObject(o));
  }

  /** Whether a method reads or writes package data (rule 1), itself or through the project methods it calls. */
  touches(method: MethodModel): boolean {
    const known = this.touching.get(method);
    if (known !== undefined) {
      return known;
    }
    this.touching.set(method, false); // a cycle adds nothing
    const effects = method.body ? this.effects(method.body, method) : { accesses: [], calls: [], jobs: [] };
    let result = effects.accesses.some((a) => this.counts(a));
    result ||= effects.calls.some((c) => c.methods.some((m) => this.touches(m)));
    result ||= effects.jobs.some((j) => this.classTouches(j.cls));
    if (!result && method.name === '<init>') {
      result = this.initializersTouch(method.cls);
    }
    this.touching.set(method, result);
    return result;
  }

  private classTouches(cls: ClassModel): boolean {
    return cls.methods.some((m) => this.touches(m)) || this.initializersTouch(cls);
  }

  private initializersTouch(cls: ClassModel): boolean {
    return [...cls.fields.values()].some((f) => {
      if (!f.init || f.isStatic) {
        return false;
      }
      const effects = this.effects(f.init, classScope(cls));
      return effects.calls.some((c) => c.methods.some((m) => this.touches(m)));
    });
  }

  /** The problems of one test class. */
  checkClass(cls: ClassModel): RunAsProblem[] {
    if (!cls.isTest) {
      return [];
    }
    const problems = new Map<number, RunAsProblem>();
    for (const method of cls.methods) {
      if (!method.body || !(method.isTest || method.annotations.has('testsetup'))) {
        continue;
      }
      const effects = this.effects(method.body, method);
      const report = (node: Node, message: string): void => {
        const line = node.start?.line ?? 0;
        if (!problems.has(line)) {
          problems.set(line, { file: cls.file, line, message: `${message} outside System.runAs(user)` });
        }
      };
      for (const access of effects.accesses.filter((a) => this.counts(a))) {
        const objects = access.objects.map((o) => (o === UNKNOWN ? 'an object the rule cannot tell' : o));
        report(access.node, `${method.label}: DML/SOQL on ${objects.join(', ')}`);
      }
      for (const call of effects.calls) {
        const touching = call.methods.find((m) => this.touches(m));
        if (touching) {
          report(
            call.node,
            `${method.label}: calls ${touching.cls.name}.${touching.label}, which reads or writes package data,`
          );
        }
      }
      for (const job of effects.jobs.filter((j) => this.classTouches(j.cls))) {
        report(job.node, `${method.label}: runs the job ${job.cls.name}, which reads or writes package data,`);
      }
    }
    return [...problems.values()].sort((a, b) => a.line - b.line);
  }

  /** The problems of every test class of the project. */
  check(): RunAsProblem[] {
    return [...this.project.classes.values()].flatMap((cls) => (cls.outer ? [] : this.checkClass(cls)));
  }
}

/** The rule over the Apex and objects of some source folders. */
export function checkRunAsIn(dirs: string[]): RunAsProblem[] {
  return new RunAsRule(ApexProject.load(dirs), projectObjects(dirs)).check();
}
