/**
 * A light model of the project's Apex, built with @apexdevtools/apex-parser, for the checks that need more than one
 * file: classes (top-level and inner), their fields with declared types and initialisers, their methods with
 * annotations, parameters, return types and the declared types of every local variable. Names are kept in lower
 * case, as Apex compares them. No type inference beyond declarations: Apex declares every variable's type.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ApexErrorListener,
  ApexParserFactory,
  BlockContext,
  CatchClauseContext,
  ClassBodyDeclarationContext,
  ClassDeclarationContext,
  CompilationUnitContext,
  ConstructorDeclarationContext,
  DeleteStatementContext,
  EnhancedForControlContext,
  FieldDeclarationContext,
  FormalParameterContext,
  InsertStatementContext,
  LocalVariableDeclarationContext,
  MergeStatementContext,
  MethodDeclarationContext,
  ModifierContext,
  PropertyDeclarationContext,
  TypeDeclarationContext,
  TypeRefContext,
  TriggerUnitContext,
  UndeleteStatementContext,
  UpdateStatementContext,
  UpsertStatementContext,
  type ApexParserRuleContext,
  type ExpressionContext
} from '@apexdevtools/apex-parser';

export type Node = ApexParserRuleContext;

/** Every `.cls` and `.trigger` below a folder. */
export function apexFiles(dir: string): string[] {
  const out: string[] = [];
  const walkDir = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
          walkDir(full);
        }
      } else if (/\.(cls|trigger)$/.test(entry.name)) {
        out.push(full);
      }
    }
  };
  if (fs.existsSync(dir)) {
    walkDir(dir);
  }
  return out.sort();
}

/** The rule children of a node (terminal tokens left out). */
export function childrenOf(node: Node): Node[] {
  return (node.children ?? []).filter((c): c is Node => 'children' in c && 'start' in c);
}

/** Depth-first walk; `visit` returns false to skip a node's children. */
export function walk(node: Node, visit: (n: Node) => boolean | void): void {
  if (visit(node) === false) {
    return;
  }
  for (const child of childrenOf(node)) {
    walk(child, visit);
  }
}

/** The methods of the `Database` class that do DML, in lower case (`Database.insert(…)`, …). */
export const DATABASE_DML_METHODS: ReadonlySet<string> = new Set([
  'insert',
  'update',
  'upsert',
  'delete',
  'undelete',
  'merge'
]);

/**
 * The records a DML statement (`insert`, `update`, `upsert`, `delete`, `undelete`, `merge`) works on: its expression
 * (for `merge`, the master record); undefined for any other node.
 */
export function dmlStatementTarget(n: Node): ExpressionContext | undefined {
  if (
    n instanceof InsertStatementContext ||
    n instanceof UpdateStatementContext ||
    n instanceof UpsertStatementContext ||
    n instanceof DeleteStatementContext ||
    n instanceof UndeleteStatementContext
  ) {
    return n.expression();
  }
  return n instanceof MergeStatementContext ? n.expression(0) : undefined;
}

/** A type as written, without spaces: `List<Call__c>` (compare it ignoring case, as Apex does). */
export function typeText(type: TypeRefContext | null | undefined): string {
  return type ? type.getText() : '';
}

/** The element type of a collection type (`list<x>`, `set<x>`, `x[]`: x; `map<k,v>`: v), else the type itself. */
export function elementType(type: string): string {
  const generic = /^(?:list|set)<(.+)>$/i.exec(type);
  if (generic) {
    return generic[1];
  }
  const map = /^map<[^,]+,(.+)>$/i.exec(type);
  if (map) {
    return map[1];
  }
  return type.endsWith('[]') ? type.slice(0, -2) : type;
}

export interface FieldModel {
  type: string;
  init?: ExpressionContext;
  isStatic: boolean;
}

export interface MethodModel {
  /** Lower-case name; `<init>` for a constructor. */
  name: string;
  /** The name as written (the class name for a constructor). */
  label: string;
  cls: ClassModel;
  node: MethodDeclarationContext | ConstructorDeclarationContext | null;
  annotations: Set<string>;
  /** `@IsTest` or `testMethod`. */
  isTest: boolean;
  returnType: string;
  params: { name: string; type: string }[];
  /** Declared type of every parameter and local variable, by lower-case name. */
  locals: Map<string, string>;
  body: BlockContext | null;
}

export interface ClassModel {
  name: string;
  /** Lower-case key: `outer` or `outer.inner`. */
  key: string;
  file: string;
  isTest: boolean;
  outer?: ClassModel;
  node: ClassDeclarationContext;
  fields: Map<string, FieldModel>;
  methods: MethodModel[];
}

function modifiersOf(node: Node | null | undefined): ModifierContext[] {
  if (node instanceof ClassBodyDeclarationContext || node instanceof TypeDeclarationContext) {
    return node.modifier_list();
  }
  return [];
}

function annotationsOf(modifiers: ModifierContext[]): Set<string> {
  return new Set(
    modifiers
      .map((m) => m.annotation())
      .filter((a) => a !== null)
      .map((a) => a.id().getText().toLowerCase())
  );
}

function localTypes(node: Node): Map<string, string> {
  const locals = new Map<string, string>();
  walk(node, (n) => {
    if (n instanceof ClassDeclarationContext) {
      return false;
    }
    if (n instanceof LocalVariableDeclarationContext) {
      for (const d of n.variableDeclarators().variableDeclarator_list()) {
        locals.set(d.id().getText().toLowerCase(), typeText(n.typeRef()));
      }
    } else if (n instanceof FormalParameterContext || n instanceof EnhancedForControlContext) {
      locals.set(n.id().getText().toLowerCase(), typeText(n.typeRef()));
    } else if (n instanceof CatchClauseContext) {
      locals.set(n.id().getText().toLowerCase(), n.qualifiedName().getText());
    }
    return true;
  });
  return locals;
}

function methodModel(
  cls: ClassModel,
  node: MethodDeclarationContext | ConstructorDeclarationContext,
  modifiers: ModifierContext[]
): MethodModel {
  const annotations = annotationsOf(modifiers);
  const isConstructor = node instanceof ConstructorDeclarationContext;
  const params = node
    .formalParameters()
    .formalParameterList()
    ?.formalParameter_list()
    .map((p) => ({ name: p.id().getText().toLowerCase(), type: typeText(p.typeRef()) }));
  return {
    name: isConstructor ? '<init>' : node.id().getText().toLowerCase(),
    label: isConstructor ? cls.name : node.id().getText(),
    cls,
    node,
    annotations,
    isTest: annotations.has('istest') || modifiers.some((m) => m.TESTMETHOD() !== null),
    returnType: isConstructor ? cls.name : typeText(node.typeRef()) || 'void',
    params: params ?? [],
    locals: localTypes(node),
    body: node.block()
  };
}

function classModel(
  node: ClassDeclarationContext,
  file: string,
  modifiers: ModifierContext[],
  outer?: ClassModel
): ClassModel[] {
  const name = node.id().getText();
  const cls: ClassModel = {
    name,
    key: outer ? `${outer.key}.${name.toLowerCase()}` : name.toLowerCase(),
    file,
    isTest: outer ? outer.isTest : annotationsOf(modifiers).has('istest'),
    outer,
    node,
    fields: new Map(),
    methods: []
  };
  const inner: ClassModel[] = [];
  for (const declaration of node.classBody().classBodyDeclaration_list()) {
    const member = declaration.memberDeclaration();
    const mods = declaration.modifier_list();
    const isStatic = mods.some((m) => m.STATIC() !== null);
    if (!member) {
      continue;
    }
    const method = member.methodDeclaration();
    const constructor = member.constructorDeclaration();
    const field = member.fieldDeclaration();
    const property = member.propertyDeclaration();
    const innerClass = member.classDeclaration();
    if (method || constructor) {
      cls.methods.push(methodModel(cls, (method ?? constructor)!, mods));
    } else if (field instanceof FieldDeclarationContext) {
      for (const d of field.variableDeclarators().variableDeclarator_list()) {
        cls.fields.set(d.id().getText().toLowerCase(), {
          type: typeText(field.typeRef()),
          init: d.expression() ?? undefined,
          isStatic
        });
      }
    } else if (property instanceof PropertyDeclarationContext) {
      cls.fields.set(property.id().getText().toLowerCase(), { type: typeText(property.typeRef()), isStatic });
    } else if (innerClass) {
      inner.push(...classModel(innerClass, file, mods, cls));
    }
  }
  return [cls, ...inner];
}

/** One parsed Apex file: its parse tree and its syntax errors. */
export interface ParsedApex {
  tree: CompilationUnitContext | TriggerUnitContext;
  errors: { line: number; message: string }[];
}

/** Parses a class (`.cls`) or trigger (`.trigger`) source. */
export function parseApex(file: string, source: string): ParsedApex {
  const errors: { line: number; message: string }[] = [];
  class Listener extends ApexErrorListener {
    apexSyntaxError(line: number, _column: number, message: string): void {
      errors.push({ line, message });
    }
  }
  const { parser } = ApexParserFactory.createLexerAndParser(source, new Listener());
  const tree = file.endsWith('.trigger') ? parser.triggerUnit() : parser.compilationUnit();
  return { tree, errors };
}

export class ApexProject {
  readonly classes = new Map<string, ClassModel>();
  /** Every parsed file (classes and triggers), by path. */
  readonly parsed = new Map<string, ParsedApex>();

  /** Every class and trigger under the given folders. */
  static load(dirs: string[]): ApexProject {
    const project = new ApexProject();
    for (const dir of dirs) {
      for (const file of apexFiles(dir)) {
        project.add(file, fs.readFileSync(file, 'utf8'));
      }
    }
    return project;
  }

  /** Parses one class or trigger file into the model. */
  add(file: string, source: string): void {
    const parsed = parseApex(file, source);
    this.parsed.set(file, parsed);
    const unit = parsed.tree;
    if (!(unit instanceof CompilationUnitContext)) {
      return;
    }
    const declaration = unit.typeDeclaration();
    const node = declaration?.classDeclaration();
    if (!declaration || !node) {
      return;
    }
    for (const cls of classModel(node, file, modifiersOf(declaration))) {
      this.classes.set(cls.key, cls);
    }
  }

  /** A class by the name used in code, seen from a class (its inner classes first, then top level). */
  resolveClass(name: string, from?: ClassModel): ClassModel | undefined {
    const key = name.toLowerCase().replace(/^modjo\./, '');
    let scope = from;
    while (scope) {
      const inner = this.classes.get(`${scope.key}.${key}`);
      if (inner) {
        return inner;
      }
      scope = scope.outer;
    }
    return this.classes.get(key);
  }

  /** Methods of a class (and its outer classes, for unqualified calls from an inner class) with a name. */
  methodsNamed(cls: ClassModel, name: string, includeOuter = false): MethodModel[] {
    const key = name.toLowerCase();
    const own = cls.methods.filter((m) => m.name === key);
    return own.length || !includeOuter || !cls.outer ? own : this.methodsNamed(cls.outer, key, true);
  }

  /** The declared type of a name seen from a method: local or parameter, then field of the class or outer class. */
  typeOf(name: string, method: MethodModel | undefined, cls: ClassModel): string | undefined {
    const key = name.toLowerCase();
    const local = method?.locals.get(key);
    if (local) {
      return local;
    }
    let scope: ClassModel | undefined = cls;
    while (scope) {
      const field = scope.fields.get(key);
      if (field) {
        return field.type;
      }
      scope = scope.outer;
    }
    return undefined;
  }

  /** The field of a class (or its outer classes) with a name. */
  fieldOf(cls: ClassModel, name: string): { field: FieldModel; owner: ClassModel } | undefined {
    let scope: ClassModel | undefined = cls;
    while (scope) {
      const field = scope.fields.get(name.toLowerCase());
      if (field) {
        return { field, owner: scope };
      }
      scope = scope.outer;
    }
    return undefined;
  }
}

/** A method model for code outside any method (field initialisers) of a class. */
export function classScope(cls: ClassModel): MethodModel {
  return {
    name: '<field>',
    label: cls.name,
    cls,
    node: null,
    annotations: new Set(),
    isTest: false,
    returnType: 'void',
    params: [],
    locals: new Map(),
    body: null
  };
}

/** Lower-case names of the objects defined under `objects/` folders of the given source folders. */
export function projectObjects(dirs: string[]): Set<string> {
  const names = new Set<string>();
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) {
        continue;
      }
      const full = path.join(folder, entry.name);
      if (entry.name === 'objects') {
        fs.readdirSync(full).forEach((o) => names.add(o.toLowerCase()));
      } else {
        visit(full);
      }
    }
  };
  dirs.filter((d) => fs.existsSync(d)).forEach(visit);
  return names;
}
