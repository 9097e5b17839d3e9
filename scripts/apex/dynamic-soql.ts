/**
 * The SOQL checker for dynamic queries (part of `analyze:apex`): the query text given to `Database.query`,
 * `Database.queryWithBinds`, `Database.countQuery…`, `Database.getQueryLocator…` and `Search.query` is rebuilt from
 * its constant fragments, then checked like a static query (soql-check.ts), against the full SObject tables (a
 * dynamic query may name a field of an optional feature, behind a describe check).
 *
 * What the rebuilding follows, in the class of the call and the project classes it reaches:
 * - string literals, `+`, `a ? b : c` (both branches: each variant is checked), parentheses, casts;
 * - local variables and parameters (every assignment), class constants (`static final`), `Class.CONSTANT`;
 * - calls of project methods (`method(…)`, `Class.method(…)`): the values of their `return` statements, with the
 *   arguments bound to the parameters;
 * - lists: `new List<String>{ … }`, `new List<String>(other)`, `.add(…)`, `.addAll(…)`, `String.join(list, sep)`
 *   (every element joined: the longest form of the query);
 * - `removeEnd`, `removeStart`, `trim` of a known string.
 * Anything else (a field name read from describe, a runtime value) is a hole: it stands for `Id` in a field
 * position, `1` after LIMIT or OFFSET, a bind name after `:`. Build field lists from `Schema.SObjectField` tokens
 * (apex-ls checks them) and the rest of the text from constants, so that every field name is checked by one or the
 * other. A query whose text cannot be read back as SOQL, or whose FROM is a hole, is reported.
 */
import {
  Arth2ExpressionContext,
  AssignExpressionContext,
  CastExpressionContext,
  CondExpressionContext,
  DotExpressionContext,
  LiteralPrimaryContext,
  LocalVariableDeclarationContext,
  MethodCallExpressionContext,
  NewExpressionContext,
  PrimaryExpressionContext,
  IdPrimaryContext,
  ReturnStatementContext,
  SubExpressionContext,
  ClassDeclarationContext,
  type ExpressionContext
} from '@apexdevtools/apex-parser';
import { classScope, walk, type ApexProject, type ClassModel, type MethodModel, type Node } from './apex-model';
import { checkApexSource } from './soql-check';
import type { SObjectSchema } from './schema';

/** Marks a part of a query text whose value is not known. */
export const HOLE = '\uE000';
/** Most variants of one query checked (a ternary doubles them). */
const MAX_VARIANTS = 32;
/** How deep calls are followed. */
const MAX_DEPTH = 6;
const QUERY_CALLS =
  /^(database\.(query|querywithbinds|countquery|countquerywithbinds|getquerylocator|getquerylocatorwithbinds)|search\.query)$/;
const STRING_METHODS = new Set(['removeend', 'removestart', 'trim']);

type Str = { kind: 'str'; variants: string[] };
type Lst = { kind: 'list'; items: string[]; open: boolean };
type Value = Str | Lst | { kind: 'null' } | undefined;

interface Scope {
  cls: ClassModel;
  method: MethodModel;
  bindings: Map<string, Value>;
  depth: number;
}

export interface DynamicSoqlProblem {
  file: string;
  line: number;
  message: string;
}

const str = (...variants: string[]): Str => ({ kind: 'str', variants });
const hole = (): Str => str(HOLE);

/** The text of an Apex string literal. */
function unquote(literal: string): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
  return literal
    .slice(1, -1)
    .replace(/\\u([0-9a-fA-F]{4})|\\(.)/g, (_m, code: string | undefined, c: string | undefined) =>
      code ? String.fromCharCode(parseInt(code, 16)) : (escapes[c ?? ''] ?? c ?? '')
    );
}

/** Every combination of the parts' variants, in order, capped at MAX_VARIANTS. */
function concat(left: string[], right: string[]): string[] {
  const out: string[] = [];
  for (const a of left) {
    for (const b of right) {
      if (out.length < MAX_VARIANTS) {
        out.push(a + b);
      }
    }
  }
  return out;
}

const asStrings = (value: Value): string[] =>
  value?.kind === 'str' ? value.variants : value?.kind === 'null' ? [] : value?.kind === 'list' ? [HOLE] : [HOLE];

export class DynamicSoqlChecker {
  private readonly evaluating = new Set<string>();

  constructor(private readonly project: ApexProject) {}

  private evaluate(node: Node | null | undefined, scope: Scope): Value {
    if (!node) {
      return undefined;
    }
    if (node instanceof SubExpressionContext || node instanceof CastExpressionContext) {
      return this.evaluate(node.expression(), scope);
    }
    if (node instanceof PrimaryExpressionContext) {
      return this.primary(node, scope);
    }
    if (node instanceof Arth2ExpressionContext && node.ADD()) {
      const left = this.evaluate(node.expression(0), scope);
      const right = this.evaluate(node.expression(1), scope);
      return str(...concat(asStrings(left), asStrings(right)));
    }
    if (node instanceof CondExpressionContext) {
      return this.union([this.evaluate(node.expression(1), scope), this.evaluate(node.expression(2), scope)]);
    }
    if (node instanceof NewExpressionContext) {
      return this.newList(node, scope);
    }
    if (node instanceof MethodCallExpressionContext) {
      const id = node.methodCall().id();
      const args = node.methodCall().expressionList()?.expression_list() ?? [];
      return id ? this.call(this.project.methodsNamed(scope.cls, id.getText(), true), args, scope) : undefined;
    }
    if (node instanceof DotExpressionContext) {
      return this.dot(node, scope);
    }
    return undefined;
  }

  private primary(node: PrimaryExpressionContext, scope: Scope): Value {
    const primary = node.primary();
    if (primary instanceof LiteralPrimaryContext) {
      const literal = primary.literal();
      if (literal.NULL()) {
        return { kind: 'null' };
      }
      return str(literal.StringLiteral() ? unquote(literal.getText()) : literal.getText());
    }
    if (primary instanceof IdPrimaryContext) {
      return this.name(primary.id().getText(), scope);
    }
    return undefined;
  }

  private union(values: Value[]): Value {
    if (values.length === 0) {
      return undefined;
    }
    const known = values.filter((v) => v?.kind !== 'null');
    if (known.some((v) => v?.kind === 'list')) {
      const lists = known.filter((v): v is Lst => v?.kind === 'list');
      const open = lists.some((l) => l.open) || known.some((v) => v === undefined);
      return { kind: 'list', items: lists.flatMap((l) => l.items), open };
    }
    if (known.length === 0 && values.length > 0) {
      return { kind: 'null' };
    }
    return str(...[...new Set(known.flatMap((v) => asStrings(v)))].slice(0, MAX_VARIANTS));
  }

  /** The value of a name: a binding (parameter), a local variable, a field of the class or its outer class. */
  private name(name: string, scope: Scope): Value {
    const key = name.toLowerCase();
    if (scope.bindings.has(key)) {
      return scope.bindings.get(key);
    }
    if (scope.method.locals.has(key) && scope.method.body) {
      return this.local(key, scope);
    }
    const field = this.project.fieldOf(scope.cls, key);
    return field ? this.field(field.owner, key) : undefined;
  }

  private field(owner: ClassModel, key: string): Value {
    const field = owner.fields.get(key);
    const guard = `${owner.key}.${key}`;
    if (!field?.init || this.evaluating.has(guard)) {
      return undefined;
    }
    this.evaluating.add(guard);
    try {
      return this.evaluate(field.init, { cls: owner, method: classScope(owner), bindings: new Map(), depth: 0 });
    } finally {
      this.evaluating.delete(guard);
    }
  }

  /** A local variable: its initialiser and assignments, plus `.add`/`.addAll` for a list. */
  private local(key: string, scope: Scope): Value {
    const guard = `${scope.cls.key}.${scope.method.name}.${key}.${scope.depth}`;
    if (this.evaluating.has(guard)) {
      return undefined;
    }
    this.evaluating.add(guard);
    try {
      const values: Value[] = [];
      const added: Value[] = [];
      let open = false;
      walk(scope.method.body!, (n) => {
        if (n instanceof ClassDeclarationContext) {
          return false;
        }
        if (n instanceof LocalVariableDeclarationContext) {
          for (const d of n.variableDeclarators().variableDeclarator_list()) {
            if (d.id().getText().toLowerCase() === key && d.expression()) {
              values.push(this.evaluate(d.expression(), scope));
            }
          }
        } else if (n instanceof AssignExpressionContext && n.expression(0).getText().toLowerCase() === key) {
          values.push(n.ASSIGN() ? this.evaluate(n.expression(1), scope) : undefined);
        } else if (n instanceof DotExpressionContext && n.expression().getText().toLowerCase() === key) {
          const call = n.dotMethodCall();
          const method = call?.anyId().getText().toLowerCase();
          const arg = call?.expressionList()?.expression(0);
          if (method === 'add') {
            added.push(this.evaluate(arg, scope));
          } else if (method === 'addall') {
            const list = this.evaluate(arg, scope);
            added.push(list);
            open ||= list?.kind !== 'list' || list.open;
          }
        }
        return true;
      });
      const value = this.union(values);
      if (value?.kind !== 'list') {
        return value;
      }
      const items = [...value.items];
      for (const a of added) {
        items.push(...(a?.kind === 'list' ? a.items : a?.kind === 'null' ? [] : asStrings(a)));
      }
      return { kind: 'list', items: [...new Set(items)], open: value.open || open };
    } finally {
      this.evaluating.delete(guard);
    }
  }

  private newList(node: NewExpressionContext, scope: Scope): Value {
    const creator = node.creator();
    if (!/^(list|set)</i.test(creator.createdName().getText())) {
      return undefined;
    }
    const literal = creator.setCreatorRest();
    if (literal) {
      const items = literal.expression_list().flatMap((e) => asStrings(this.evaluate(e, scope)));
      return { kind: 'list', items, open: false };
    }
    const copied = creator.classCreatorRest()?.arguments().expressionList()?.expression(0);
    if (!copied) {
      return { kind: 'list', items: [], open: false };
    }
    const source = this.evaluate(copied, scope);
    return source?.kind === 'list' ? source : { kind: 'list', items: [], open: true };
  }

  private dot(node: DotExpressionContext, scope: Scope): Value {
    const receiver = node.expression();
    const call = node.dotMethodCall();
    if (!call) {
      const cls = this.project.resolveClass(receiver.getText(), scope.cls);
      return cls ? this.field(cls, node.anyId()!.getText().toLowerCase()) : undefined;
    }
    const name = call.anyId().getText().toLowerCase();
    const args = call.expressionList()?.expression_list() ?? [];
    if (receiver.getText().toLowerCase() === 'string' && name === 'join') {
      return this.join(args, scope);
    }
    if (STRING_METHODS.has(name)) {
      return this.stringMethod(this.evaluate(receiver, scope), name, args, scope);
    }
    const declared = /^\w+$/.test(receiver.getText())
      ? this.project.typeOf(receiver.getText(), scope.method, scope.cls)
      : undefined;
    const cls = declared ? undefined : this.project.resolveClass(receiver.getText(), scope.cls);
    return cls ? this.call(this.project.methodsNamed(cls, name), args, scope) : undefined;
  }

  private join(args: ExpressionContext[], scope: Scope): Value {
    const list = this.evaluate(args[0], scope);
    const separator = asStrings(this.evaluate(args[1], scope));
    if (list?.kind !== 'list' || separator.length !== 1) {
      return hole();
    }
    if (list.items.length === 0) {
      return str(list.open ? HOLE : '');
    }
    return str(list.items.join(separator[0]));
  }

  private stringMethod(value: Value, name: string, args: ExpressionContext[], scope: Scope): Value {
    const arg = asStrings(this.evaluate(args[0], scope));
    if (value?.kind !== 'str' || value.variants.some((v) => v.includes(HOLE))) {
      return hole();
    }
    return str(
      ...value.variants.map((v) => {
        if (name === 'trim') {
          return v.trim();
        }
        const part = arg.length === 1 ? arg[0] : '';
        if (name === 'removeend') {
          return v.endsWith(part) ? v.slice(0, v.length - part.length) : v;
        }
        return v.startsWith(part) ? v.slice(part.length) : v;
      })
    );
  }

  /** The values a call of project methods may return, its arguments bound to their parameters. */
  private call(methods: MethodModel[], args: ExpressionContext[], scope: Scope): Value {
    const candidates = methods.filter((m) => m.body && m.params.length === args.length);
    if (candidates.length === 0 || scope.depth >= MAX_DEPTH) {
      return undefined;
    }
    const argValues = args.map((a) => this.evaluate(a, scope));
    const values: Value[] = [];
    for (const method of candidates) {
      const bindings = new Map<string, Value>(method.params.map((p, i) => [p.name, argValues[i]]));
      const inner: Scope = { cls: method.cls, method, bindings, depth: scope.depth + 1 };
      walk(method.body!, (n) => {
        if (n instanceof ClassDeclarationContext) {
          return false;
        }
        if (n instanceof ReturnStatementContext && n.expression()) {
          values.push(this.evaluate(n.expression(), inner));
        }
        return true;
      });
    }
    return values.length ? this.union(values) : undefined;
  }

  /** The query texts a call may pass, holes replaced by what keeps SOQL readable. */
  queryTexts(arg: ExpressionContext, method: MethodModel): string[] {
    const value = this.evaluate(arg, { cls: method.cls, method, bindings: new Map(), depth: 0 });
    return [...new Set(asStrings(value))];
  }

  /** Checks every dynamic query of the project against a schema. */
  check(schema: SObjectSchema): DynamicSoqlProblem[] {
    const problems: DynamicSoqlProblem[] = [];
    for (const cls of this.project.classes.values()) {
      for (const method of [...cls.methods, classScope(cls)]) {
        if (!method.body) {
          continue;
        }
        walk(method.body, (n) => {
          if (n instanceof ClassDeclarationContext) {
            return false;
          }
          const call = n instanceof DotExpressionContext ? n.dotMethodCall() : null;
          const callee = call ? `${(n as DotExpressionContext).expression().getText()}.${call.anyId().getText()}` : '';
          const arg = call?.expressionList()?.expression(0);
          if (arg && QUERY_CALLS.test(callee.toLowerCase())) {
            problems.push(...this.checkCall(cls.file, n.start?.line ?? 0, this.queryTexts(arg, method), schema));
          }
          return true;
        });
      }
    }
    return problems;
  }

  private checkCall(file: string, line: number, texts: string[], schema: SObjectSchema): DynamicSoqlProblem[] {
    const messages = new Set<string>();
    for (const text of texts) {
      if (text === HOLE) {
        messages.add('dynamic query whose text the checker cannot rebuild: build it from constants and field tokens');
        continue;
      }
      if (new RegExp(`\\bFROM\\s*${HOLE}`, 'i').test(text)) {
        messages.add('dynamic query whose FROM object the checker cannot tell: name it with a constant');
        continue;
      }
      const soql = fillHoles(text);
      const source = `public class DynamicQuery { void m() { Object o = [${soql}]; } }`;
      for (const problem of checkApexSource(file, source, schema)) {
        messages.add(
          problem.message.startsWith('Apex syntax error')
            ? `dynamic query the checker cannot read as SOQL (${problem.message}): ${soql.slice(0, 160)}`
            : `dynamic query: ${problem.message}`
        );
      }
    }
    return [...messages].map((message) => ({ file, line, message }));
  }
}

/** A query text with its holes replaced by what keeps it readable as static SOQL or SOSL. */
export function fillHoles(text: string): string {
  let filled = text.replace(/^\s*FIND\s*\{[^}]*\}/i, "FIND 'x'");
  filled = filled.replace(new RegExp(`${HOLE}+`, 'g'), (_m, offset: number) => {
    const before = filled.slice(0, offset).trimEnd();
    if (/\b(LIMIT|OFFSET)$/i.test(before)) {
      return '1';
    }
    return before.endsWith(':') ? 'x' : 'Id';
  });
  return filled;
}

/** Checks the dynamic queries of a parsed project against a schema. */
export function checkDynamicSoql(project: ApexProject, schema: SObjectSchema): DynamicSoqlProblem[] {
  return new DynamicSoqlChecker(project).check(schema);
}
