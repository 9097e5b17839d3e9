/**
 * Part of `check:metadata`: every platform reference a component imports must exist in the package, because
 * neither TypeScript (the ambient declarations accept any name) nor the LWC compiler checks them — only a deploy
 * would. Checked: `@salesforce/label/c.<Name>` (custom labels), `@salesforce/customPermission/<Name>`,
 * `@salesforce/apex/<Class>.<method>` (a top-level class with an `@AuraEnabled` method of that name) and
 * `@salesforce/schema/<Object>[.<field path>]` (objects and fields, as the SOQL checker resolves them), and every
 * `<c-…>` tag of a template names a bundle of the package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { SObjectSchema } from './apex/schema';
import { apexFiles } from './apex/soql-check';
import { bundleSources, listBundles } from './lib/lwc-bundles';
import { rel } from './lib/paths';

class SilentListener extends ApexErrorListener {
  apexSyntaxError(): void {
    // Syntax errors are analyze:apex's business.
  }
}

function filesNamed(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : filesNamed(full, suffix);
    }
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

/** Lower-case names of the `@AuraEnabled` methods declared directly in each top-level class. */
export function auraEnabledMethods(packageDir: string): Map<string, Set<string>> {
  const classes = new Map<string, Set<string>>();
  for (const file of apexFiles(packageDir).filter((f) => f.endsWith('.cls'))) {
    const { parser } = ApexParserFactory.createLexerAndParser(fs.readFileSync(file, 'utf8'), new SilentListener());
    const unit = parser.compilationUnit();
    const methods = new Set<string>();
    const body = unit.typeDeclaration()?.classDeclaration()?.classBody();
    for (const declaration of body?.classBodyDeclaration_list() ?? []) {
      const method = declaration.memberDeclaration()?.methodDeclaration();
      const isAura = declaration
        .modifier_list()
        .some((m) => m.annotation()?.id().getText().toLowerCase() === 'auraenabled');
      if (method && isAura) {
        methods.add(method.id().getText().toLowerCase());
      }
    }
    classes.set(path.basename(file, '.cls').toLowerCase(), methods);
  }
  return classes;
}

/** What the components of a package may refer to: its labels, custom permissions, Apex and the SObject schema. */
interface PackageReferences {
  labels: Set<string>;
  permissions: Set<string>;
  /** Read on first use (parses every Apex class). */
  apex: () => Map<string, Set<string>>;
  schema: SObjectSchema;
}

/** Problems with the platform references of the components of a package folder. */
export function checkLwcReferences(packageDir: string, schema = new SObjectSchema([packageDir])): string[] {
  const refs = packageReferences(packageDir, schema);
  const problems: string[] = [];
  const lwcDirs = new Set(filesNamed(packageDir, '.js-meta.xml').map((f) => path.dirname(path.dirname(f))));
  for (const lwcDir of [...lwcDirs].filter((dir) => path.basename(dir) === 'lwc')) {
    const bundles = listBundles(lwcDir);
    const names = new Set(bundles.map((b) => b.name));
    for (const bundle of bundles) {
      for (const template of filesNamed(bundle.dir, '.html')) problems.push(...checkTemplate(template, names));
      for (const source of bundleSources(bundle)) problems.push(...checkSourceImports(source, refs));
    }
  }
  return problems;
}

function packageReferences(packageDir: string, schema: SObjectSchema): PackageReferences {
  const labels = new Set(
    filesNamed(packageDir, '.labels-meta.xml').flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/<labels>\s*<fullName>([^<]+)<\/fullName>/g)].map((m) =>
        m[1].trim().toLowerCase()
      )
    )
  );
  const permissions = new Set(
    filesNamed(packageDir, '.customPermission-meta.xml').map((f) =>
      path.basename(f, '.customPermission-meta.xml').toLowerCase()
    )
  );
  let apex: Map<string, Set<string>> | undefined;
  return { labels, permissions, apex: () => (apex ??= auraEnabledMethods(packageDir)), schema };
}

/** Every `<c-…>` of a template names a component of the package. */
function checkTemplate(template: string, names: Set<string>): string[] {
  const problems: string[] = [];
  const text = fs.readFileSync(template, 'utf8');
  for (const match of text.matchAll(/<c-([a-z0-9-]+)/g)) {
    const name = match[1].replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    if (!names.has(name)) {
      const line = text.slice(0, match.index).split('\n').length;
      problems.push(`${rel(template)}:${line}: <c-${match[1]}> names no component of the package (${name})`);
    }
  }
  return problems;
}

/** Every `@salesforce/label|customPermission|apex|schema` import of a source resolves in the package. */
function checkSourceImports(source: string, refs: PackageReferences): string[] {
  const problems: string[] = [];
  const text = fs.readFileSync(source, 'utf8');
  for (const match of text.matchAll(/from\s+['"]@salesforce\/(label|customPermission|apex|schema)\/([^'"]+)['"]/g)) {
    const [, kind, name] = match;
    const line = text.slice(0, match.index).split('\n').length;
    const problem = checkImport(kind, name, refs);
    if (problem) problems.push(`${rel(source)}:${line}: ${problem}`);
  }
  return problems;
}

function checkImport(kind: string, name: string, refs: PackageReferences): string | undefined {
  if (kind === 'label') {
    const label = name.replace(/^c\./, '');
    return !name.startsWith('c.') || !refs.labels.has(label.toLowerCase())
      ? `custom label ${name} is not in the package's labels`
      : undefined;
  }
  if (kind === 'customPermission') {
    return refs.permissions.has(name.toLowerCase()) ? undefined : `custom permission ${name} is not in the package`;
  }
  if (kind === 'apex') {
    const [className, method] = name.split('.');
    const methods = refs.apex().get((className ?? '').toLowerCase());
    if (!methods) return `Apex class ${className} is not in the package`;
    return !method || !methods.has(method.toLowerCase())
      ? `${className}.${method ?? ''} is not an @AuraEnabled method`
      : undefined;
  }
  return checkSchemaReference(name, refs.schema);
}

/** `Object.Field` or `Object.Relationship__r.Field`: each step known to the schema. */
function checkSchemaReference(name: string, schema: SObjectSchema): string | undefined {
  const [objectName, ...fieldPath] = name.split('.');
  let object = schema.get(objectName);
  if (!object) return `object ${objectName} (in @salesforce/schema/${name}) is unknown`;
  for (let i = 0; i < fieldPath.length && object; i++) {
    const key = fieldPath[i].toLowerCase();
    const isLast = i === fieldPath.length - 1;
    if (isLast ? !object.fields.has(key) && !object.parents.has(key) : !object.parents.has(key)) {
      return `${fieldPath[i]} is not a ${isLast ? 'field' : 'relationship'} of ${object.name}`;
    }
    object = isLast ? object : schema.get(object.parents.get(key) ?? '');
  }
  return undefined;
}
