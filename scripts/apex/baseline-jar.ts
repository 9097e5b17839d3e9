/**
 * SObject tables of an org with every optional feature off (optional-features.ts): a copy of apex-ls's
 * `sobject-types` jar without the optional objects, without the optional fields, and without the fields of other
 * objects that point to a removed object (relationship, its `…Id` field, child relationship).
 *
 * apex-ls reads SObject fields by reflection on these declaration-only classes, so a class without a field makes
 * every compiled reference to it an "Unknown field" error; the SOQL checker reads the same jar. The copy is built
 * once and kept under node_modules/.cache, keyed by the source jar and the feature list.
 *
 * The apex-ls jar names `sobject-types-65.0.0.jar` in its manifest Class-Path, which the JVM resolves next to the
 * apex-ls jar: the cache folder therefore holds a copy of the apex-ls jar beside the baseline tables under the same
 * file name, and apex-ls is started from there, so the full tables never reach its class path.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/paths';
import AdmZip from 'adm-zip';
import { readClassFields, SObjectTables, stripClassFields, type ClassField } from './sobject-tables';
import { OPTIONAL_FEATURES, optionalField, optionalObject } from './optional-features';

export const JAVA_LIB = path.join(ROOT, 'node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib');
export const SOBJECT_JAR_NAME = 'sobject-types-65.0.0.jar';
const APEX_LS_JAR = /^apex-ls_.*\.jar$/;
const CLASS_PREFIX = 'com/nawforce/runforce/SObjects/';
/** Bumped when the way the copy is built changes. */
const BUILD_VERSION = 3;

/** The SObject class an entry of the jar declares, or undefined for other entries. */
function sobjectClass(entry: string): string | undefined {
  if (!entry.startsWith(CLASS_PREFIX) || !entry.endsWith('.class')) {
    return undefined;
  }
  const name = entry.slice(CLASS_PREFIX.length, -'.class'.length);
  return name.includes('/') ? undefined : name;
}

/** The SObject class a field descriptor names (`Lcom/…/SObjects/X;` or an array of it), if any. */
function referencedClass(descriptor: string): string | undefined {
  return /SObjects\/([^/;$]+);$/.exec(descriptor)?.[1];
}

/** The fields of one class that an org without the optional features lacks. */
function fieldsToRemove(className: string, fields: ClassField[], removedClasses: Set<string>): Set<string> {
  const remove = new Set<string>();
  for (const field of fields) {
    if (field.isStatic) {
      continue;
    }
    const target = referencedClass(field.descriptor);
    if ((target && removedClasses.has(target)) || optionalField(className, field.name)) {
      remove.add(field.name);
    }
  }
  // A relationship removed with its object takes its id field along (Individual -> IndividualId).
  for (const field of fields) {
    if (remove.has(field.name) && referencedClass(field.descriptor) && !field.descriptor.startsWith('[')) {
      remove.add(`${field.name}Id`);
    }
  }
  return remove;
}

/** Builds the baseline copy of `source` into `target`; returns how many objects and fields were left out. */
export function buildBaselineJar(source: string, target: string): { objects: number; fields: number } {
  const jar = new SObjectTables(source);
  const removedClasses = new Set(
    jar
      .names()
      .map(sobjectClass)
      .filter((name): name is string => name !== undefined && !name.includes('$') && !!optionalObject(name))
  );
  let fieldCount = 0;
  const out = new AdmZip();
  for (const name of jar.names()) {
    const className = sobjectClass(name);
    const outer = className?.split('$')[0];
    if (outer && removedClasses.has(outer)) {
      continue;
    }
    if (name.endsWith('/')) {
      // Folder entries too: apex-ls finds its tables through Class.getResource on a folder.
      out.addFile(name, Buffer.alloc(0));
      continue;
    }
    const bytes = jar.read(name);
    if (!className || className.includes('$')) {
      out.addFile(name, bytes);
      continue;
    }
    const remove = fieldsToRemove(className, readClassFields(bytes), removedClasses);
    fieldCount += remove.size;
    out.addFile(name, remove.size ? stripClassFields(bytes, (f) => !f.isStatic && remove.has(f.name)) : bytes);
  }
  const temporary = `${target}.${process.pid}.tmp`;
  out.writeZip(temporary);
  fs.renameSync(temporary, target);
  return { objects: removedClasses.size, fields: fieldCount };
}

/** The cache folder of the baseline tables for the current feature list and apex-ls tables. */
function cacheFolder(): string {
  const source = path.join(JAVA_LIB, SOBJECT_JAR_NAME);
  const stat = fs.statSync(source);
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify({ BUILD_VERSION, OPTIONAL_FEATURES, size: stat.size, mtime: stat.mtimeMs }))
    .digest('hex')
    .slice(0, 16);
  return path.join(ROOT, 'node_modules/.cache/modjo-apex', key);
}

/**
 * The folder holding the baseline SObject tables (`sobject-types-65.0.0.jar`) and a copy of the apex-ls jar that
 * resolves its manifest Class-Path to them; built on first use.
 */
export function baselineFolder(): string {
  const folder = cacheFolder();
  const tables = path.join(folder, SOBJECT_JAR_NAME);
  if (!fs.existsSync(tables)) {
    fs.mkdirSync(folder, { recursive: true });
    buildBaselineJar(path.join(JAVA_LIB, SOBJECT_JAR_NAME), tables);
  }
  for (const jar of fs.readdirSync(JAVA_LIB).filter((f) => APEX_LS_JAR.test(f))) {
    if (!fs.existsSync(path.join(folder, jar))) {
      const temporary = path.join(folder, `${jar}.${process.pid}.tmp`);
      fs.copyFileSync(path.join(JAVA_LIB, jar), temporary);
      fs.renameSync(temporary, path.join(folder, jar));
    }
  }
  return folder;
}

/** The baseline SObject tables (for the SOQL checker). */
export function baselineSObjectJar(): string {
  return path.join(baselineFolder(), SOBJECT_JAR_NAME);
}

/**
 * The Java class path running apex-ls on the baseline tables: the cached apex-ls jar and tables first, then every
 * other jar of the PMD engine's java-lib.
 */
export function baselineClassPath(): string {
  const folder = baselineFolder();
  const cached = fs.readdirSync(folder).filter((f) => f.endsWith('.jar'));
  const others = fs
    .readdirSync(JAVA_LIB)
    .filter((f) => f.endsWith('.jar') && f !== SOBJECT_JAR_NAME && !APEX_LS_JAR.test(f))
    .map((f) => path.join(JAVA_LIB, f));
  return [...cached.map((f) => path.join(folder, f)), ...others].join(path.delimiter);
}
