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

/** Problems with the platform references of the components of a package folder. */
export function checkLwcReferences(packageDir: string, schema = new SObjectSchema([packageDir])): string[] {
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
  const problems: string[] = [];
  const lwcDirs = new Set(filesNamed(packageDir, '.js-meta.xml').map((f) => path.dirname(path.dirname(f))));
  for (const lwcDir of lwcDirs) {
    if (path.basename(lwcDir) !== 'lwc') {
      continue;
    }
    const bundles = listBundles(lwcDir);
    const names = new Set(bundles.map((b) => b.name));
    for (const bundle of bundles) {
      for (const template of filesNamed(bundle.dir, '.html')) {
        const text = fs.readFileSync(template, 'utf8');
        for (const match of text.matchAll(/<c-([a-z0-9-]+)/g)) {
          const name = match[1].replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
          if (!names.has(name)) {
            const line = text.slice(0, match.index).split('\n').length;
            problems.push(`${rel(template)}:${line}: <c-${match[1]}> names no component of the package (${name})`);
          }
        }
      }
      for (const source of bundleSources(bundle)) {
        const text = fs.readFileSync(source, 'utf8');
        for (const match of text.matchAll(
          /from\s+['"]@salesforce\/(label|customPermission|apex|schema)\/([^'"]+)['"]/g
        )) {
          const [, kind, name] = match;
          const line = text.slice(0, match.index).split('\n').length;
          const where = `${rel(source)}:${line}`;
          if (kind === 'label') {
            const label = name.replace(/^c\./, '');
            if (!name.startsWith('c.') || !labels.has(label.toLowerCase())) {
              problems.push(`${where}: custom label ${name} is not in the package's labels`);
            }
          } else if (kind === 'customPermission') {
            if (!permissions.has(name.toLowerCase())) {
              problems.push(`${where}: custom permission ${name} is not in the package`);
            }
          } else if (kind === 'apex') {
            apex ??= auraEnabledMethods(packageDir);
            const [className, method] = name.split('.');
            const methods = apex.get((className ?? '').toLowerCase());
            if (!methods) {
              problems.push(`${where}: Apex class ${className} is not in the package`);
            } else if (!method || !methods.has(method.toLowerCase())) {
              problems.push(`${where}: ${className}.${method ?? ''} is not an @AuraEnabled method`);
            }
          } else {
            const [objectName, ...fieldPath] = name.split('.');
            let object = schema.get(objectName);
            if (!object) {
              problems.push(`${where}: object ${objectName} (in @salesforce/schema/${name}) is unknown`);
              continue;
            }
            for (let i = 0; i < fieldPath.length && object; i++) {
              const key = fieldPath[i].toLowerCase();
              const isLast = i === fieldPath.length - 1;
              if (isLast ? !object.fields.has(key) && !object.parents.has(key) : !object.parents.has(key)) {
                problems.push(
                  `${where}: ${fieldPath[i]} is not a ${isLast ? 'field' : 'relationship'} of ${object.name}`
                );
                break;
              }
              object = isLast ? object : schema.get(object.parents.get(key) ?? '');
            }
          }
        }
      }
    }
  }
  return problems;
}
