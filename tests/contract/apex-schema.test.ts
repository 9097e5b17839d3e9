/**
 * Apex ↔ schema contract: CallPayload.cls (parsed with the real Apex parser) and call-payload.schema.json hold the
 * same properties with the same types and the same required-ness, in both directions. The root class mirrors the
 * schema root; each inner class mirrors the `$defs` entry of the same name.
 *
 * Type mapping: string → String (with `@format date-time` when the schema says format date-time); integer →
 * Integer when its maximum fits 2^31-1, else Long; boolean → Boolean; object without properties →
 * Map<String,Object>; `$ref` → the inner class; array → List<item type>.
 * Required-ness: the ApexDoc tag `@required` on a field ⇔ the property is in the schema's `required` list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ApexLexer,
  ApexParserFactory,
  ClassBodyDeclarationContext,
  ClassDeclarationContext,
  type ApexTokenStream
} from '@apexdevtools/apex-parser';
import schema from '../../contract/call-payload.schema.json';

type JsonSchema = Record<string, unknown>;

interface ApexField {
  type: string;
  required: boolean;
  format?: string;
  doc: string;
}

interface ApexClassShape {
  fields: Map<string, ApexField>;
  inner: Map<string, ApexClassShape>;
}

const APEX_FILE = path.join(__dirname, '../../force-app/main/default/classes/ingestion/CallPayload.cls');
const INT_MAX = 2147483647;
const root = schema as unknown as JsonSchema;
const defs = root.$defs as Record<string, JsonSchema>;

function docCommentBefore(tokens: ApexTokenStream, tokenIndex: number): string {
  const hidden = tokens.getHiddenTokensToLeft(tokenIndex, ApexLexer.COMMENT_CHANNEL) ?? [];
  const docs = hidden.filter((t) => t.type === ApexLexer.DOC_COMMENT);
  return docs.length > 0 ? docs[docs.length - 1].text : '';
}

function readClass(declaration: ClassDeclarationContext, tokens: ApexTokenStream): ApexClassShape {
  const shape: ApexClassShape = { fields: new Map(), inner: new Map() };
  for (const body of declaration.classBody().classBodyDeclaration_list() as ClassBodyDeclarationContext[]) {
    const member = body.memberDeclaration();
    if (!member) {
      continue;
    }
    const modifiers = body.modifier_list().map((m) => m.getText().toLowerCase());
    const inner = member.classDeclaration();
    if (inner) {
      shape.inner.set(inner.id().getText(), readClass(inner, tokens));
      continue;
    }
    const field = member.fieldDeclaration();
    if (!field || modifiers.includes('static')) {
      continue;
    }
    const doc = docCommentBefore(tokens, body.start.tokenIndex);
    const format = /@format\s+(\S+)/.exec(doc)?.[1];
    for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
      shape.fields.set(declarator.id().getText(), {
        type: field.typeRef().getText().replace(/\s+/g, ''),
        required: /@required\b/.test(doc),
        format,
        doc
      });
    }
  }
  return shape;
}

function parseApex(): ApexClassShape {
  const source = readFileSync(APEX_FILE, 'utf8');
  const tokens = ApexParserFactory.createTokenStream(source);
  const parser = ApexParserFactory.createParser(tokens, true);
  const unit = parser.compilationUnit();
  return readClass(unit.typeDeclaration().classDeclaration(), tokens);
}

function refName(node: JsonSchema): string | undefined {
  const ref = node.$ref as string | undefined;
  return ref?.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
}

/**
 * A property of type `["array", "object"]`: the typed list plus, for one schema version, the old opaque object.
 * Apex holds the list in the field of the same name and the object in `<name>Legacy` (`@legacyShapeOf <name>`).
 */
function isLegacyUnion(node: JsonSchema): boolean {
  return (
    Array.isArray(node.type) && node.type.length === 2 && node.type.includes('array') && node.type.includes('object')
  );
}

/** The Apex type a schema property must have. */
function expectedApexType(node: JsonSchema): string {
  if (isLegacyUnion(node)) {
    return expectedApexType({ ...node, type: 'array' });
  }
  const ref = refName(node);
  if (ref) {
    return ref;
  }
  switch (node.type) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'number':
      return 'Decimal';
    case 'integer':
      return typeof node.maximum === 'number' && node.maximum <= INT_MAX ? 'Integer' : 'Long';
    case 'array':
      return `List<${expectedApexType(node.items as JsonSchema)}>`;
    case 'object':
      if (node.properties) {
        throw new Error('inline objects with properties must be $defs');
      }
      return 'Map<String,Object>';
    default:
      throw new Error(`no Apex mapping for schema type ${JSON.stringify(node.type)}`);
  }
}

function compare(label: string, node: JsonSchema, apex: ApexClassShape): string[] {
  const problems: string[] = [];
  const properties = node.properties as Record<string, JsonSchema>;
  const required = new Set((node.required as string[] | undefined) ?? []);
  for (const [name, property] of Object.entries(properties)) {
    const field = apex.fields.get(name);
    if (!field) {
      problems.push(`${label}.${name}: in the schema, missing in Apex`);
      continue;
    }
    const expected = expectedApexType(property);
    if (field.type !== expected) {
      problems.push(`${label}.${name}: Apex type ${field.type}, schema wants ${expected}`);
    }
    if (field.required !== required.has(name)) {
      problems.push(`${label}.${name}: @required is ${field.required}, schema required is ${required.has(name)}`);
    }
    const format = property.format as string | undefined;
    if (field.format !== format) {
      problems.push(`${label}.${name}: @format ${field.format ?? 'none'}, schema format ${format ?? 'none'}`);
    }
    if (!/@description\s+\S/.test(field.doc)) {
      problems.push(`${label}.${name}: no ApexDoc @description`);
    }
  }
  for (const [name, property] of Object.entries(properties)) {
    if (isLegacyUnion(property)) {
      const legacy = apex.fields.get(`${name}Legacy`);
      if (legacy?.type !== 'Map<String,Object>' || !new RegExp(`@legacyShapeOf\\s+${name}\\b`).test(legacy.doc)) {
        problems.push(
          `${label}.${name}Legacy: the old object shape needs Map<String,Object> with @legacyShapeOf ${name}`
        );
      }
    }
  }
  for (const name of apex.fields.keys()) {
    const legacyOf = /^(.+)Legacy$/.exec(name)?.[1];
    if (legacyOf !== undefined && legacyOf in properties && isLegacyUnion(properties[legacyOf])) {
      continue;
    }
    if (!(name in properties)) {
      problems.push(`${label}.${name}: in Apex, missing in the schema`);
    }
  }
  return problems;
}

describe('CallPayload.cls mirrors call-payload.schema.json', () => {
  const apex = parseApex();

  it('parses the Apex class and finds its fields', () => {
    expect(apex.fields.size).toBeGreaterThan(10);
    expect(apex.fields.get('modjoCallId')).toMatchObject({ type: 'String', required: true });
  });

  it('has the root properties with the same names, types and required-ness', () => {
    expect(compare('CallPayload', root, apex)).toEqual([]);
  });

  it.each(Object.keys(defs))('has an inner class %s equal to $defs entry', (name) => {
    const inner = apex.inner.get(name);
    expect(inner).toBeDefined();
    expect(compare(name, defs[name], inner as ApexClassShape)).toEqual([]);
  });

  it('has no inner class without a $defs entry', () => {
    expect([...apex.inner.keys()].filter((name) => !(name in defs))).toEqual([]);
  });

  it('detects a difference (negative control)', () => {
    const broken: ApexClassShape = { fields: new Map(apex.fields), inner: apex.inner };
    broken.fields.delete('url');
    broken.fields.set('extra', { type: 'String', required: false, doc: '@description x' });
    broken.fields.set('version', { type: 'Integer', required: true, doc: '@description x' });
    const problems = compare('CallPayload', root, broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'CallPayload.url: in the schema, missing in Apex',
        'CallPayload.extra: in Apex, missing in the schema',
        'CallPayload.version: Apex type Integer, schema wants Long'
      ])
    );
  });
});
