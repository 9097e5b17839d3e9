/**
 * House rule "custom metadata read through getInstance/getAll fits in 255 characters" (part of `analyze:apex`).
 *
 * `getAll()` and every `getInstance(…)` of a custom metadata type return only the first 255 characters of each field:
 * "Only the first 255 characters are returned for any field in a custom metadata type record, so longer text fields
 * get truncated. If you want all the field data from a custom metadata type record, use a SOQL query." (Apex
 * Reference Guide, Custom Metadata Type Methods:
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_custom_metadata_types.htm)
 * A shipped record whose Long Text Area value is longer, in a type the package reads that way, loses its end
 * silently. The rule fails on such a record; read the type with SOQL instead (or keep every value within 255).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DotExpressionContext } from '@apexdevtools/apex-parser';
import { walk, type ApexProject } from './apex-model';

export interface CmdtProblem {
  file: string;
  line: number;
  message: string;
}

/** What getInstance and getAll return of a field. */
export const CACHED_FIELD_LIMIT = 255;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => XML_ENTITIES[name]);

function findFolders(dir: string, name: string): string[] {
  const found: string[] = [];
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) {
        continue;
      }
      const full = path.join(folder, entry.name);
      if (entry.name === name) {
        found.push(full);
      } else {
        visit(full);
      }
    }
  };
  if (fs.existsSync(dir)) {
    visit(dir);
  }
  return found;
}

/** Lower-case custom metadata type name (`x__mdt`) to its Long Text Area fields (lower-case API names). */
function longTextFields(dirs: string[]): Map<string, Set<string>> {
  const types = new Map<string, Set<string>>();
  for (const objects of dirs.flatMap((d) => findFolders(d, 'objects'))) {
    for (const type of fs.readdirSync(objects).filter((t) => /__mdt$/i.test(t))) {
      const fields = path.join(objects, type, 'fields');
      const long = new Set<string>();
      for (const file of fs.existsSync(fields) ? fs.readdirSync(fields) : []) {
        const xml = fs.readFileSync(path.join(fields, file), 'utf8');
        if (/<type>\s*LongTextArea\s*<\/type>/.test(xml)) {
          long.add(file.replace(/\.field-meta\.xml$/, '').toLowerCase());
        }
      }
      types.set(type.toLowerCase(), long);
    }
  }
  return types;
}

/** Lower-case custom metadata types read through getInstance/getAll, with one place that does. */
function cachedReads(project: ApexProject): Map<string, string> {
  const reads = new Map<string, string>();
  for (const [file, parsed] of project.parsed) {
    walk(parsed.tree, (n) => {
      const call = n instanceof DotExpressionContext ? n.dotMethodCall() : null;
      if (call && /^(getinstance|getall)$/i.test(call.anyId().getText())) {
        const type = (n as DotExpressionContext)
          .expression()
          .getText()
          .toLowerCase()
          .replace(/^modjo__/, '');
        if (type.endsWith('__mdt') && !reads.has(type)) {
          reads.set(type, `${path.basename(file)}:${n.start?.line ?? 0}`);
        }
      }
    });
  }
  return reads;
}

/** The problems of the shipped custom metadata records of some source folders. */
export function checkCachedMetadata(dirs: string[], project: ApexProject): CmdtProblem[] {
  const types = longTextFields(dirs);
  const reads = cachedReads(project);
  const problems: CmdtProblem[] = [];
  for (const folder of dirs.flatMap((d) => findFolders(d, 'customMetadata'))) {
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.md-meta.xml'))) {
      const type = `${file.split('.')[0]}__mdt`.toLowerCase();
      const long = types.get(type);
      const readAt = reads.get(type);
      if (!long?.size || !readAt) {
        continue;
      }
      const xml = fs.readFileSync(path.join(folder, file), 'utf8');
      for (const match of xml.matchAll(/<values>\s*<field>([^<]+)<\/field>\s*<value[^>]*>([\s\S]*?)<\/value>/g)) {
        const value = unescapeXml(match[2]);
        if (long.has(match[1].trim().toLowerCase()) && value.length > CACHED_FIELD_LIMIT) {
          problems.push({
            file: path.join(folder, file),
            line: xml.slice(0, match.index).split('\n').length,
            message:
              `${match[1].trim()} holds ${value.length} characters, but ${file.split('.')[0]}__mdt is read with ` +
              `getInstance/getAll (${readAt}), which return only the first ${CACHED_FIELD_LIMIT}: read it with ` +
              'SOQL, or keep the value within 255 characters'
          });
        }
      }
    }
  }
  return problems;
}
