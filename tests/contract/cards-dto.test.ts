/**
 * Call cards contract: the Apex DTOs CallCardsController returns (force-app/main/default/classes/cards/*Dto.cls,
 * parsed with the real Apex parser) and the TypeScript interfaces the components read
 * (force-app/main/default/lwc/modjoFormat/types.ts, parsed with the TypeScript compiler API) declare the same
 * classes with the same fields and types, in both directions. The JSON fixtures the workbench and the Jest tests
 * mock the controller with (fixtures/cards/) must have exactly that shape. Every Custom Label the cards use exists,
 * in English and French.
 *
 * Type mapping (Apex → TypeScript): String, Id → string; Integer, Long, Decimal, Double → number; Boolean → boolean;
 * Datetime, Date → string (ISO 8601 on the wire); List<X> → X[]; another DTO → the interface of the same name.
 * TypeScript `?:` and `| null` are ignored (any Apex field may be null).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ApexParserFactory, ClassBodyDeclarationContext } from '@apexdevtools/apex-parser';

const ROOT = path.join(__dirname, '../..');
const DTO_DIR = path.join(ROOT, 'force-app/main/default/classes/cards');
const TYPES_FILE = path.join(ROOT, 'force-app/main/default/lwc/modjoFormat/types.ts');
const FIXTURES_DIR = path.join(ROOT, 'fixtures/cards');
const LWC_DIR = path.join(ROOT, 'force-app/main/default/lwc');
const LABELS_FILE = path.join(ROOT, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
const FRENCH_FILE = path.join(ROOT, 'force-app/main/default/translations/fr.translation-meta.xml');

type Shape = Map<string, string>;

/** `@AuraEnabled` instance fields of one Apex class: name → Apex type (whitespace removed). */
function readApexDto(file: string): { name: string; fields: Shape } {
  const parser = ApexParserFactory.createParser(readFileSync(file, 'utf8'), true);
  const declaration = parser.compilationUnit().typeDeclaration().classDeclaration();
  const fields: Shape = new Map();
  for (const body of declaration.classBody().classBodyDeclaration_list() as ClassBodyDeclarationContext[]) {
    const field = body.memberDeclaration()?.fieldDeclaration();
    const modifiers = body.modifier_list().map((modifier) => modifier.getText().toLowerCase());
    if (!field || modifiers.includes('static') || !modifiers.some((m) => m.startsWith('@auraenabled'))) {
      continue;
    }
    for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
      fields.set(declarator.id().getText(), field.typeRef().getText().replace(/\s+/g, ''));
    }
  }
  return { name: declaration.id().getText(), fields };
}

function readApexDtos(): Map<string, Shape> {
  const dtos = new Map<string, Shape>();
  for (const file of readdirSync(DTO_DIR).filter((name) => name.endsWith('Dto.cls'))) {
    const dto = readApexDto(path.join(DTO_DIR, file));
    dtos.set(dto.name, dto.fields);
  }
  return dtos;
}

/** Exported interfaces of types.ts: name → (property → TypeScript type without null/undefined). */
function readTsInterfaces(): Map<string, Shape> {
  const source = ts.createSourceFile(TYPES_FILE, readFileSync(TYPES_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, Shape>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) {
      return;
    }
    const fields: Shape = new Map();
    for (const member of node.members) {
      if (ts.isPropertySignature(member) && member.type) {
        const type = member.type.getText(source);
        const parts = type
          .split('|')
          .map((part) => part.trim())
          .filter((part) => part !== 'null' && part !== 'undefined');
        fields.set(member.name.getText(source), parts.join(' | '));
      }
    }
    interfaces.set(node.name.text, fields);
  });
  return interfaces;
}

const SCALARS: Record<string, string> = {
  String: 'string',
  Id: 'string',
  Integer: 'number',
  Long: 'number',
  Decimal: 'number',
  Double: 'number',
  Boolean: 'boolean',
  Datetime: 'string',
  Date: 'string'
};

/** The TypeScript type an Apex field type must have. */
function expectedTsType(apexType: string, dtoNames: Set<string>): string {
  const list = /^List<(.+)>$/i.exec(apexType);
  if (list) {
    return `${expectedTsType(list[1], dtoNames)}[]`;
  }
  if (SCALARS[apexType]) {
    return SCALARS[apexType];
  }
  if (dtoNames.has(apexType)) {
    return apexType;
  }
  throw new Error(`no TypeScript mapping for Apex type ${apexType}`);
}

const apex = readApexDtos();
const typescript = readTsInterfaces();

describe('call cards DTO contract (Apex ↔ TypeScript)', () => {
  it('finds the DTOs on both sides', () => {
    expect(apex.size).toBeGreaterThanOrEqual(8);
    expect([...apex.keys()]).toEqual(expect.arrayContaining(['CallCardDto', 'CallPageDto', 'CallDetailDto']));
  });

  it('declares the same classes on both sides', () => {
    expect([...typescript.keys()].sort()).toEqual([...apex.keys()].sort());
  });

  it('declares the same fields with matching types, both ways', () => {
    const names = new Set(apex.keys());
    const problems: string[] = [];
    for (const [dto, fields] of apex) {
      const tsFields = typescript.get(dto) ?? new Map<string, string>();
      for (const [field, apexType] of fields) {
        const tsType = tsFields.get(field);
        if (tsType === undefined) {
          problems.push(`${dto}.${field}: in Apex, missing in TypeScript`);
        } else if (tsType !== expectedTsType(apexType, names)) {
          problems.push(`${dto}.${field}: Apex ${apexType} wants ${expectedTsType(apexType, names)}, TS has ${tsType}`);
        }
      }
      for (const field of tsFields.keys()) {
        if (!fields.has(field)) {
          problems.push(`${dto}.${field}: in TypeScript, missing in Apex (or not @AuraEnabled)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/** Checks a JSON value against a TypeScript type of the contract; returns the problems with their JSON path. */
function checkValue(value: unknown, type: string, at: string): string[] {
  if (value === null) {
    return [];
  }
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) {
      return [`${at}: expected an array`];
    }
    return value.flatMap((item, index) => checkValue(item, type.slice(0, -2), `${at}[${index}]`));
  }
  if (type === 'string' || type === 'number' || type === 'boolean') {
    return typeof value === type ? [] : [`${at}: expected ${type}, got ${typeof value}`];
  }
  const shape = typescript.get(type);
  if (!shape) {
    return [`${at}: unknown type ${type}`];
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return [`${at}: expected a ${type} object`];
  }
  const problems: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const fieldType = shape.get(key);
    if (!fieldType) {
      problems.push(`${at}.${key}: not a field of ${type}`);
    } else {
      problems.push(...checkValue(item, fieldType, `${at}.${key}`));
    }
  }
  return problems;
}

describe('call cards fixtures have exactly the DTO shape', () => {
  const fixtureType: Record<string, string> = {
    'account-page-1.json': 'CallPageDto',
    'account-page-2.json': 'CallPageDto',
    'empty-page.json': 'CallPageDto',
    'fifty-calls.json': 'CallPageDto',
    'call-detail.json': 'CallDetailDto',
    'meeting-detail.json': 'CallDetailDto',
    'unmatched-detail.json': 'CallDetailDto'
  };
  const read = (name: string): Record<string, unknown> =>
    JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), 'utf8')) as Record<string, unknown>;

  it.each(Object.entries(fixtureType))('%s is a %s', (file, type) => {
    expect(checkValue(read(file), type, file)).toEqual([]);
  });

  it('covers what the issue asks for', () => {
    const page = read('account-page-1.json') as unknown as {
      calls: { summary: string; highlightCount: number; kind: string; participants: { recordId: string | null }[] }[];
    };
    expect(page.calls.some((call) => call.summary.length === 5000)).toBe(true);
    expect(page.calls.some((call) => call.kind === 'Meeting' && call.participants.length === 12)).toBe(true);
    const all = JSON.stringify(page);
    for (const name of ['é', 'ß', '李']) {
      expect(all).toContain(name);
    }
    const detail = read('call-detail.json') as unknown as { call: { highlights: unknown[] } };
    expect(detail.call.highlights).toHaveLength(40);
    const unmatched = read('unmatched-detail.json') as unknown as { call: { participants: { recordId: unknown }[] } };
    expect(unmatched.call.participants.every((participant) => participant.recordId === null)).toBe(true);
    expect((read('fifty-calls.json') as { calls: unknown[] }).calls).toHaveLength(50);
  });
});

describe('call cards labels', () => {
  const names = (xml: string, tag: string): Set<string> =>
    new Set([...xml.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((match) => match[1]));
  const english = names(readFileSync(LABELS_FILE, 'utf8'), 'fullName');
  // Only the <customLabels> of the French file: it also translates tabs (tests/contract/translations.test.ts).
  const frenchLabels = [...readFileSync(FRENCH_FILE, 'utf8').matchAll(/<customLabels>[\s\S]*?<\/customLabels>/g)];
  const french = names(frenchLabels.map((match) => match[0]).join('\n'), 'name');

  function sources(dir: string, extension: string): string[] {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(extension) && !entry.name.endsWith('.test.ts'))
      .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
  }

  const used = new Set<string>();
  for (const text of sources(LWC_DIR, '.ts')) {
    for (const match of text.matchAll(/@salesforce\/label\/c\.(\w+)/g)) {
      used.add(match[1]);
    }
  }
  for (const text of sources(DTO_DIR, '.cls')) {
    for (const match of text.matchAll(/System\.Label\.(\w+)/g)) {
      used.add(match[1]);
    }
  }

  it('every label the cards use exists in English', () => {
    expect([...used].filter((label) => !english.has(label))).toEqual([]);
  });

  it('every label has a French translation and every translation a label', () => {
    expect([...english].filter((label) => !french.has(label))).toEqual([]);
    expect([...french].filter((label) => !english.has(label))).toEqual([]);
  });
});
