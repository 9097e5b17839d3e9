/**
 * SOQL field checker: parses every Apex class and trigger with @apexdevtools/apex-parser, finds each static
 * query (`[SELECT … FROM …]`) and resolves its FROM object, every field, relationship path, child relationship
 * subquery, semi-join and TYPEOF branch against the SObject schema (schema.ts). Static SOSL is checked too:
 * each RETURNING object, its fields, WHERE and ORDER BY.
 * apex-ls does not look inside SOQL (an unknown field in a query compiles), so this closes that gap.
 * Dynamic SOQL (Database.query strings) is rebuilt from its constant fragments and checked with the same walk by
 * dynamic-soql.ts.
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
  const problems: SoqlProblem[] = [];
  const { tree } = parsed;
  for (const error of parsed.errors) {
    problems.push({ file, line: error.line, message: `Apex syntax error: ${error.message}` });
  }
  if (parsed.errors.length) {
    // A tree rebuilt by error recovery may lack the parts the walk below reads.
    return problems;
  }
  const report = (node: Node, message: string): void => {
    problems.push({ file, line: node.start.line, message });
  };

  /** Resolves a dotted path on an object; reports the first unknown segment. */
  const checkPath = (node: Node, object: SObjectDescription, segments: string[], alias?: string): void => {
    let current: SObjectDescription | undefined = object;
    const parts = alias && segments.length > 1 && segments[0].toLowerCase() === alias ? segments.slice(1) : segments;
    for (let i = 0; i < parts.length; i++) {
      const key = stripNamespace(parts[i]).toLowerCase();
      const isLast = i === parts.length - 1;
      if (!current) {
        return;
      }
      if (isLast) {
        if (!current.fields.has(key) && !current.parents.has(key)) {
          report(node, `unknown field ${parts[i]} on ${current.name} (in ${segments.join('.')})`);
        }
        return;
      }
      const target = current.parents.get(key);
      if (!target) {
        report(node, `unknown relationship ${parts[i]} on ${current.name} (in ${segments.join('.')})`);
        return;
      }
      current = schema.get(target);
      if (!current) {
        report(node, `relationship ${parts[i]} points to ${target}, which is not in the schema`);
        return;
      }
    }
  };

  /** Every field of a TYPEOF branch (`WHEN T THEN a, b` or `ELSE a, b`) against its object. */
  const checkFieldList = (node: WhenClauseContext | ElseClauseContext, object: SObjectDescription): void => {
    for (const field of node.fieldNameList().fieldName_list()) {
      checkPath(
        field,
        object,
        field.soqlId_list().map((id) => id.getText())
      );
    }
  };

  const fromOf = (node: QueryContext | SubQueryContext): { name: string; alias?: string; node: Node } => {
    const from = node.fromNameList();
    const alias = from.soqlId_list().length ? from.soqlId(0).getText().toLowerCase() : undefined;
    return { name: from.fieldName(0).getText(), alias, node: from };
  };

  /** Walks a query body with `object` as the scope for field names. */
  const walk = (node: Node, object: SObjectDescription | undefined, alias?: string): void => {
    if (
      node instanceof BoundExpressionContext ||
      node instanceof FromNameListContext ||
      node instanceof WithClauseContext
    ) {
      // Apex expressions and the FROM list are not field references of this scope; a bound expression
      // may hold a nested query: look for it.
      if (node instanceof BoundExpressionContext) {
        visit(node);
      }
      return;
    }
    if (node instanceof SubQueryContext) {
      const from = fromOf(node);
      const isChildRelationship =
        node.parentCtx instanceof SelectEntryContext || node.parentCtx instanceof SubFieldEntryContext;
      let scope: SObjectDescription | undefined;
      if (isChildRelationship) {
        if (object) {
          const child = object.children.get(stripNamespace(from.name).toLowerCase());
          scope = child ? schema.get(child) : undefined;
          if (!child) {
            report(from.node, `unknown child relationship ${from.name} on ${object.name}`);
          } else if (!scope) {
            report(from.node, `child relationship ${from.name} points to ${child}, which is not in the schema`);
          }
        }
      } else {
        scope = schema.get(from.name);
        if (!scope) {
          report(from.node, `unknown object ${from.name} in FROM`);
        }
      }
      childrenOf(node).forEach((c) => walk(c, scope, from.alias));
      return;
    }
    if (node instanceof QueryContext) {
      const from = fromOf(node);
      const scope = schema.get(from.name);
      if (!scope) {
        report(from.node, `unknown object ${from.name} in FROM`);
      }
      childrenOf(node).forEach((c) => walk(c, scope, from.alias));
      return;
    }
    if (node instanceof TypeOfContext) {
      const relationship = node.fieldName().getText();
      if (object && !object.parents.has(stripNamespace(relationship).toLowerCase())) {
        report(node, `unknown polymorphic relationship ${relationship} on ${object.name} (TYPEOF)`);
      }
      for (const when of node.whenClause_list()) {
        walk(when, object, alias);
      }
      const otherwise = node.elseClause();
      if (otherwise) {
        walk(otherwise, object, alias);
      }
      return;
    }
    if (node instanceof WhenClauseContext) {
      const typeName = node.fieldName().getText();
      const scope = schema.get(typeName);
      if (!scope) {
        report(node, `unknown object ${typeName} in TYPEOF … WHEN`);
        return;
      }
      checkFieldList(node, scope);
      return;
    }
    if (node instanceof ElseClauseContext) {
      const scope = schema.get(POLYMORPHIC);
      if (scope) {
        checkFieldList(node, scope);
      }
      return;
    }
    if (node instanceof FieldNameContext) {
      if (object) {
        checkPath(
          node,
          object,
          node.soqlId_list().map((s) => s.getText()),
          alias
        );
      }
      return;
    }
    childrenOf(node).forEach((c) => walk(c, object, alias));
  };

  /** Finds the top-level queries (outside any query) and checks each. */
  /** The field names of a SOSL RETURNING field list (nested lists included). */
  const soslFields = (list: FieldListContext | null): SoslIdContext[] =>
    list ? [...list.soslId_list(), ...list.fieldList_list().flatMap((inner) => soslFields(inner))] : [];

  /** One SOSL `Object(fields WHERE … ORDER BY …)` of a RETURNING clause. */
  const checkFieldSpec = (node: FieldSpecContext): void => {
    const objectName = node.soslId(0).getText();
    const object = schema.get(objectName);
    if (!object) {
      report(node, `unknown object ${objectName} in SOSL RETURNING`);
      return;
    }
    for (const field of soslFields(node.fieldList())) {
      checkPath(field, object, field.getText().split('.'));
    }
    for (const clause of [node.logicalExpression(), node.fieldOrderList()]) {
      if (clause) {
        walk(clause, object);
      }
    }
  };

  const visit = (node: Node): void => {
    if (node instanceof QueryContext) {
      walk(node, undefined);
      return;
    }
    if (node instanceof FieldSpecContext) {
      checkFieldSpec(node);
      return;
    }
    childrenOf(node).forEach(visit);
  };
  visit(tree);
  return problems;
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
