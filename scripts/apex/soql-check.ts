/**
 * SOQL field checker: parses every Apex class and trigger with @apexdevtools/apex-parser, finds each static
 * query (`[SELECT … FROM …]`) and resolves its FROM object, every field, relationship path, child relationship
 * subquery, semi-join and TYPEOF branch against the SObject schema (schema.ts). Static SOSL is checked too:
 * each RETURNING object, its fields, WHERE and ORDER BY.
 * apex-ls does not look inside SOQL (an unknown field in a query compiles), so this closes that gap.
 * Dynamic SOQL (Database.query strings) is rebuilt from its constant fragments and checked with the same walk by
 * dynamic-soql.ts.
 * One runtime rule is checked on the text of each query: a WHERE that asks for explicit ids (`Id IN :ids`) OR other
 * candidates under one LIMIT fails, because the candidates can push the requested rows out of the result (see
 * sharedLimitProblem).
 */
import fs from 'node:fs';
import {
  BoundExpressionContext,
  FieldListContext,
  FieldNameContext,
  FieldSpecContext,
  FromNameListContext,
  QueryContext,
  SelectEntryContext,
  SoslIdContext,
  SubFieldEntryContext,
  SubQueryContext,
  TypeOfContext,
  WhenClauseContext,
  ElseClauseContext,
  WithClauseContext,
  type ApexParserRuleContext
} from '@apexdevtools/apex-parser';
import { POLYMORPHIC, SObjectSchema, stripNamespace, type SObjectDescription } from './schema';
import { rel } from '../lib/paths';
import { apexFiles, parseApex, type ApexProject, type ParsedApex } from './apex-model';

export { apexFiles };

export interface SoqlProblem {
  file: string;
  line: number;
  message: string;
}

type Node = ApexParserRuleContext;

function childrenOf(node: Node): Node[] {
  return (node.children ?? []).filter((c): c is Node => 'children' in c && 'start' in c);
}

/** Checks the static queries of one Apex source text (parsed here unless its parse is given). */
export function checkApexSource(
  file: string,
  source: string,
  schema: SObjectSchema,
  parsed: ParsedApex = parseApex(file, source)
): SoqlProblem[] {
  const checker = new QueryChecker(file, schema, source);
  for (const error of parsed.errors) {
    checker.problems.push({ file, line: error.line, message: `Apex syntax error: ${error.message}` });
  }
  if (!parsed.errors.length) {
    // A tree rebuilt by error recovery may lack the parts the walk reads: only a clean parse is walked.
    checker.visit(parsed.tree);
  }
  return checker.problems;
}

/** Walks one parse tree: finds the queries outside any query, then resolves each name in its object's scope. */
class QueryChecker {
  readonly problems: SoqlProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly schema: SObjectSchema,
    private readonly source: string
  ) {}

  /** Finds the top-level queries (SOQL, and SOSL RETURNING specs) and checks each. */
  visit(node: Node): void {
    if (node instanceof QueryContext) {
      const start = node.start?.start ?? 0;
      const stop = node.stop?.stop ?? start;
      const problem = sharedLimitProblem(this.source.slice(start, stop + 1));
      if (problem) this.report(node, problem);
      this.walk(node, undefined);
    } else if (node instanceof FieldSpecContext) {
      this.checkFieldSpec(node);
    } else {
      childrenOf(node).forEach((child) => this.visit(child));
    }
  }

  /** Walks a query body with `object` as the scope for field names. */
  private walk(node: Node, object: SObjectDescription | undefined, alias?: string): void {
    if (node instanceof BoundExpressionContext) {
      // An Apex expression, not a field reference of this scope; it may hold a nested query: look for it.
      this.visit(node);
    } else if (node instanceof FromNameListContext || node instanceof WithClauseContext) {
      // The FROM list and WITH clauses hold no field reference of this scope.
    } else if (node instanceof SubQueryContext) {
      this.walkSubQuery(node, object);
    } else if (node instanceof QueryContext) {
      const from = fromOf(node);
      const scope = this.schema.get(from.name);
      if (!scope) this.report(from.node, `unknown object ${from.name} in FROM`);
      childrenOf(node).forEach((child) => this.walk(child, scope, from.alias));
    } else if (node instanceof TypeOfContext) {
      this.walkTypeOf(node, object, alias);
    } else if (node instanceof WhenClauseContext) {
      const typeName = node.fieldName().getText();
      const scope = this.schema.get(typeName);
      if (scope) this.checkFieldList(node, scope);
      else this.report(node, `unknown object ${typeName} in TYPEOF … WHEN`);
    } else if (node instanceof ElseClauseContext) {
      const scope = this.schema.get(POLYMORPHIC);
      if (scope) this.checkFieldList(node, scope);
    } else if (node instanceof FieldNameContext) {
      if (object)
        this.checkPath(
          node,
          object,
          node.soqlId_list().map((s) => s.getText()),
          alias
        );
    } else {
      childrenOf(node).forEach((child) => this.walk(child, object, alias));
    }
  }

  /** A child relationship subquery (in the SELECT list) or a semi-join (in WHERE): its own scope. */
  private walkSubQuery(node: SubQueryContext, object: SObjectDescription | undefined): void {
    const from = fromOf(node);
    const isChildRelationship =
      node.parentCtx instanceof SelectEntryContext || node.parentCtx instanceof SubFieldEntryContext;
    let scope: SObjectDescription | undefined;
    if (!isChildRelationship) {
      scope = this.schema.get(from.name);
      if (!scope) this.report(from.node, `unknown object ${from.name} in FROM`);
    } else if (object) {
      const child = object.children.get(stripNamespace(from.name).toLowerCase());
      scope = child ? this.schema.get(child) : undefined;
      if (!child) {
        this.report(from.node, `unknown child relationship ${from.name} on ${object.name}`);
      } else if (!scope) {
        this.report(from.node, `child relationship ${from.name} points to ${child}, which is not in the schema`);
      }
    }
    childrenOf(node).forEach((child) => this.walk(child, scope, from.alias));
  }

  private walkTypeOf(node: TypeOfContext, object: SObjectDescription | undefined, alias?: string): void {
    const relationship = node.fieldName().getText();
    if (object && !object.parents.has(stripNamespace(relationship).toLowerCase())) {
      this.report(node, `unknown polymorphic relationship ${relationship} on ${object.name} (TYPEOF)`);
    }
    for (const when of node.whenClause_list()) this.walk(when, object, alias);
    const otherwise = node.elseClause();
    if (otherwise) this.walk(otherwise, object, alias);
  }

  /** Every field of a TYPEOF branch (`WHEN T THEN a, b` or `ELSE a, b`) against its object. */
  private checkFieldList(node: WhenClauseContext | ElseClauseContext, object: SObjectDescription): void {
    for (const field of node.fieldNameList().fieldName_list()) {
      this.checkPath(
        field,
        object,
        field.soqlId_list().map((id) => id.getText())
      );
    }
  }

  /** One SOSL `Object(fields WHERE … ORDER BY …)` of a RETURNING clause. */
  private checkFieldSpec(node: FieldSpecContext): void {
    const objectName = node.soslId(0).getText();
    const object = this.schema.get(objectName);
    if (!object) {
      this.report(node, `unknown object ${objectName} in SOSL RETURNING`);
      return;
    }
    for (const field of soslFields(node.fieldList())) {
      this.checkPath(field, object, field.getText().split('.'));
    }
    for (const clause of [node.logicalExpression(), node.fieldOrderList()]) {
      if (clause) this.walk(clause, object);
    }
  }

  /** Resolves a dotted path on an object; reports the first unknown segment. */
  private checkPath(node: Node, object: SObjectDescription, segments: string[], alias?: string): void {
    let current: SObjectDescription | undefined = object;
    const parts = alias && segments.length > 1 && segments[0].toLowerCase() === alias ? segments.slice(1) : segments;
    for (let i = 0; i < parts.length && current; i++) {
      const key = stripNamespace(parts[i]).toLowerCase();
      if (i === parts.length - 1) {
        if (!current.fields.has(key) && !current.parents.has(key)) {
          this.report(node, `unknown field ${parts[i]} on ${current.name} (in ${segments.join('.')})`);
        }
        return;
      }
      const target = current.parents.get(key);
      if (!target) {
        this.report(node, `unknown relationship ${parts[i]} on ${current.name} (in ${segments.join('.')})`);
        return;
      }
      current = this.schema.get(target);
      if (!current) this.report(node, `relationship ${parts[i]} points to ${target}, which is not in the schema`);
    }
  }

  private report(node: Node, message: string): void {
    this.problems.push({ file: this.file, line: node.start.line, message });
  }
}

function fromOf(node: QueryContext | SubQueryContext): { name: string; alias?: string; node: Node } {
  const from = node.fromNameList();
  const alias = from.soqlId_list().length ? from.soqlId(0).getText().toLowerCase() : undefined;
  return { name: from.fieldName(0).getText(), alias, node: from };
}

/** The field names of a SOSL RETURNING field list (nested lists included). */
function soslFields(list: FieldListContext | null): SoslIdContext[] {
  return list ? [...list.soslId_list(), ...list.fieldList_list().flatMap((inner) => soslFields(inner))] : [];
}

export interface SoqlCheckOptions {
  /** SObject tables to resolve standard objects against (default: apex-ls's full tables). */
  jar?: string;
  /** The project already parsed (its trees are reused). */
  project?: ApexProject;
}

/** Checks every static query under `sourceDir` against the project's objects there plus the standard tables. */
export function checkSoql(sourceDir: string, options: SoqlCheckOptions = {}): { problems: string[]; files: number } {
  const schema = new SObjectSchema([sourceDir], options.jar);
  const files = apexFiles(sourceDir);
  const problems = files.flatMap((file) => {
    const source = fs.readFileSync(file, 'utf8');
    const parsed = options.project?.parsed.get(file);
    return checkApexSource(file, source, schema, parsed).map((p) => `${rel(p.file)}:${p.line}: ${p.message}`);
  });
  return { problems, files: files.length };
}

/**
 * The shared-LIMIT rule: a query whose WHERE asks for explicit ids (`Id IN :x`) OR for other candidates, under a
 * LIMIT, returns at most LIMIT rows of both together, in the ORDER BY of the candidates: the records asked for by id
 * (a call's own Task, a requested Opportunity) are the ones pushed out, and the code then takes them for gone. Query
 * the ids apart (their count bounds the rows). Subqueries are left out of the text checked.
 * @returns the problem, or undefined
 */
export function sharedLimitProblem(query: string): string | undefined {
  const outer = withoutSubqueries(query);
  const where = /\bWHERE\b([\s\S]*)/i.exec(outer)?.[1] ?? '';
  const condition = where.split(/\b(?:ORDER\s+BY|GROUP\s+BY|LIMIT)\b/i)[0];
  const asksForIds = /\bId\s+IN\s*:/i.test(condition);
  const orElse = /\bOR\b/i.test(condition);
  if (asksForIds && orElse && /\bLIMIT\b/i.test(where)) {
    return 'query asks for explicit ids (Id IN :…) OR other candidates under one LIMIT: the candidates can push the requested rows out; query the ids apart';
  }
  return undefined;
}

/** The query text with every parenthesised subquery `(SELECT …)` blanked. */
function withoutSubqueries(query: string): string {
  let result = '';
  let depth = 0;
  let subquery = -1;
  for (let i = 0; i < query.length; i += 1) {
    const c = query[i];
    if (c === '(') {
      depth += 1;
      if (subquery < 0 && /^\(\s*SELECT\b/i.test(query.slice(i, i + 20))) subquery = depth;
    }
    result += subquery > 0 ? ' ' : c;
    if (c === ')') {
      if (depth === subquery) subquery = -1;
      depth -= 1;
    }
  }
  return result;
}
