/**
 * CRM context contract (GET /v1/lookup, POST /v1/match-preview): the Apex DTOs the resources serialize
 * (force-app/main/default/classes/context/*Dto.cls, parsed with the real Apex parser) and the `$defs` of
 * contract/crm-context.schema.json hold the same properties with matching types, both ways (XDto ↔ $defs/X); the
 * records' properties are exactly the field lists of CrmContextFields.cls, in the same order; and those lists are
 * Modjo's published "Imported Fields" tables (copied below, with NextSteps read as the standard field NextStep).
 *
 * Type mapping (Apex → schema): String, Id → string; Integer → integer; Boolean → boolean; List<X> → array of X;
 * Map<String,Object> → a $ref to a record or Withheld; IngestionIssue → $defs/Issue; XDto → $defs/X. Every property
 * of a DTO is required in the schema (the resources serialize nulls).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApexParserFactory, type ClassBodyDeclarationContext } from '@apexdevtools/apex-parser';
import schema from '../../contract/crm-context.schema.json';
import { createAjv } from '../../contract/validate';

type Json = Record<string, unknown>;

const ROOT = path.join(__dirname, '../..');
const CONTEXT_DIR = path.join(ROOT, 'force-app/main/default/classes/context');
const defs = (schema as unknown as { $defs: Record<string, Json> }).$defs;

/** Modjo's "Imported Fields" tables ("How Modjo x Salesforce works", section 3.B), object by object. */
const IMPORTED_FIELDS: Record<string, string[]> = {
  Task: [
    'Id',
    'Type',
    'TaskSubtype',
    'Description',
    'Subject',
    'AccountId',
    'TaskWhoIds',
    'WhoId',
    'WhatId',
    'OwnerId',
    'ActivityDate',
    'Status',
    'CallDurationInSeconds',
    'CallType',
    'CallObject',
    'aircall__CallId__c',
    'VoiceCall__c',
    'CORE_FLEX_Audio_Record__c'
  ],
  Account: ['Id', 'Name'],
  Opportunity: [
    'Id',
    'IsDeleted',
    'IsClosed',
    'IsWon',
    'AccountId',
    'Name',
    'OwnerId',
    'CreatedDate',
    'StageName',
    'Amount',
    'CurrencyIsoCode',
    'CloseDate',
    'LeadSource',
    'Probability',
    'LastModifiedDate',
    'ForecastCategoryName',
    'NextStep',
    'Type'
  ],
  OpportunityContactRole: ['ContactId', 'OpportunityId', 'Role'],
  Lead: [
    'Id',
    'LastName',
    'FirstName',
    'Name',
    'Phone',
    'MobilePhone',
    'Email',
    'IsConverted',
    'ConvertedContactId',
    'Status',
    'Title'
  ],
  Contact: ['Id', 'AccountId', 'LastName', 'FirstName', 'Name', 'Phone', 'MobilePhone', 'Email', 'Title']
};

/** Apex constant name in CrmContextFields → object. */
const CONSTANTS: Record<string, string> = {
  TASK: 'Task',
  ACCOUNT: 'Account',
  OPPORTUNITY: 'Opportunity',
  OPPORTUNITY_CONTACT_ROLE: 'OpportunityContactRole',
  LEAD: 'Lead',
  CONTACT: 'Contact'
};

function parseClass(file: string) {
  const parser = ApexParserFactory.createParser(readFileSync(file, 'utf8'), true);
  return parser.compilationUnit().typeDeclaration().classDeclaration();
}

/** Public instance fields of a DTO: name → Apex type (whitespace removed). */
function readDto(file: string): { name: string; fields: Map<string, string> } {
  const declaration = parseClass(file);
  const fields = new Map<string, string>();
  for (const body of declaration.classBody().classBodyDeclaration_list() as ClassBodyDeclarationContext[]) {
    const field = body.memberDeclaration()?.fieldDeclaration();
    const modifiers = body.modifier_list().map((modifier) => modifier.getText().toLowerCase());
    if (!field || modifiers.includes('static') || !modifiers.includes('public')) {
      continue;
    }
    for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
      fields.set(declarator.id().getText(), field.typeRef().getText().replace(/\s+/g, ''));
    }
  }
  return { name: declaration.id().getText(), fields };
}

/** The `List<String>` constants of CrmContextFields.cls: constant → string literals in order. */
function readFieldLists(): Map<string, string[]> {
  const declaration = parseClass(path.join(CONTEXT_DIR, 'CrmContextFields.cls'));
  const lists = new Map<string, string[]>();
  for (const body of declaration.classBody().classBodyDeclaration_list() as ClassBodyDeclarationContext[]) {
    const field = body.memberDeclaration()?.fieldDeclaration();
    if (!field) {
      continue;
    }
    for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
      const text = declarator.expression()?.getText() ?? '';
      lists.set(
        declarator.id().getText(),
        [...text.matchAll(/'([^']*)'/g)].map((m) => m[1])
      );
    }
  }
  return lists;
}

const types = (property: Json): string[] =>
  Array.isArray(property.type) ? (property.type as string[]) : [property.type as string];

/** Problems of one DTO field against its schema property ('' when they match). */
function mismatch(apexType: string, property: Json | undefined): string {
  if (!property) {
    return 'missing in the schema';
  }
  const list = /^List<(.+)>$/.exec(apexType);
  if (list) {
    if (!types(property).includes('array')) {
      return `Apex ${apexType}, schema not an array`;
    }
    return mismatch(list[1], property.items as Json);
  }
  const ref = property.$ref as string | undefined;
  if (apexType === 'Map<String,Object>') {
    return ref && /^#\/\$defs\/(Contact|Lead|Account|Opportunity|OpportunityContactRole|Task|Withheld)$/.test(ref)
      ? ''
      : `Apex ${apexType}, schema ${ref ?? 'no record $ref'}`;
  }
  if (apexType === 'IngestionIssue') {
    return ref === '#/$defs/Issue' ? '' : `Apex IngestionIssue, schema ${ref}`;
  }
  if (apexType.endsWith('Dto')) {
    return ref === `#/$defs/${apexType.replace(/Dto$/, '')}` ? '' : `Apex ${apexType}, schema ${ref}`;
  }
  const scalar: Record<string, string> = { String: 'string', Id: 'string', Integer: 'integer', Boolean: 'boolean' };
  if (!scalar[apexType]) {
    return `no schema mapping for Apex type ${apexType}`;
  }
  return types(property).includes(scalar[apexType]) ? '' : `Apex ${apexType}, schema ${types(property).join('|')}`;
}

const dtos = readdirSync(CONTEXT_DIR)
  .filter((name) => name.endsWith('Dto.cls'))
  .map((name) => readDto(path.join(CONTEXT_DIR, name)));

describe('CRM context DTOs ↔ contract/crm-context.schema.json', () => {
  it('finds the five DTOs', () => {
    expect(dtos.map((dto) => dto.name).sort()).toEqual([
      'LookupResponseDto',
      'LookupValueDto',
      'MatchPreviewParticipantDto',
      'MatchPreviewResponseDto',
      'MatchPreviewResultDto'
    ]);
  });

  it.each(dtos.map((dto) => [dto.name, dto] as const))('%s has the properties of its $defs entry', (_n, dto) => {
    const def = defs[dto.name.replace(/Dto$/, '')];
    expect(def).toBeDefined();
    const properties = def.properties as Record<string, Json>;
    const problems = [...dto.fields].flatMap(([field, apexType]) => {
      const problem = mismatch(apexType, properties[field]);
      return problem ? [`${dto.name}.${field}: ${problem}`] : [];
    });
    problems.push(
      ...Object.keys(properties)
        .filter((key) => !dto.fields.has(key))
        .map((key) => `${dto.name}.${key}: in the schema, not in Apex`)
    );
    expect(problems).toEqual([]);
    expect([...(def.required as string[])].sort()).toEqual([...dto.fields.keys()].sort());
    expect(def.additionalProperties).toBe(false);
  });
});

describe('records carry exactly the fields Modjo reads', () => {
  const lists = readFieldLists();

  it.each(Object.entries(CONSTANTS))('CrmContextFields.%s is the %s table', (constant, object) => {
    expect(lists.get(constant)).toEqual(IMPORTED_FIELDS[object]);
  });

  it.each(Object.keys(IMPORTED_FIELDS))('$defs/%s lists the same fields, in order, and nothing else', (object) => {
    const def = defs[object];
    expect(Object.keys(def.properties as Json)).toEqual(IMPORTED_FIELDS[object]);
    expect(def.additionalProperties).toBe(false);
    expect(def.required).toBeUndefined();
  });

  it('rejects a record holding a field Modjo does not read (negative control)', () => {
    const ajv = createAjv();
    ajv.addSchema(schema);
    const contact = ajv.getSchema(`${schema.$id}#/$defs/Contact`);
    expect(contact?.({ Id: '003000000000001AAA', Name: 'Jane Doe' })).toBe(true);
    expect(contact?.({ Id: '003000000000001AAA', Birthdate: '1980-01-01' })).toBe(false);
  });
});
