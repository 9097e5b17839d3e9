/**
 * Apex ↔ schema contract, limits: every limit PayloadValidator enforces lives in PayloadLimits.cls (parsed with the
 * real Apex parser); each one that the contract also states must hold the same value as the schema (maxLength,
 * x-salesforce-maxLength, maxItems, maximum, pattern) and, for the request limits, as the reference validator and
 * the OpenAPI document. A limit changed on one side only fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApexParserFactory, type ClassBodyDeclarationContext } from '@apexdevtools/apex-parser';
import { parse as parseYaml } from 'yaml';
import schema from '../../contract/call-payload.schema.json';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../contract/validate';

type Json = Record<string, unknown>;

const LIMITS_FILE = path.join(__dirname, '../../force-app/main/default/classes/ingestion/PayloadLimits.cls');
const OPENAPI_FILE = path.join(__dirname, '../../contract/openapi.yaml');

/** `static final` constants of PayloadLimits with a literal value: name → number or string. */
function apexConstants(source = readFileSync(LIMITS_FILE, 'utf8')): Map<string, number | string> {
  const tokens = ApexParserFactory.createTokenStream(source);
  const parser = ApexParserFactory.createParser(tokens, true);
  const declaration = parser.compilationUnit().typeDeclaration().classDeclaration();
  const constants = new Map<string, number | string>();
  for (const body of declaration.classBody().classBodyDeclaration_list() as ClassBodyDeclarationContext[]) {
    const field = body.memberDeclaration()?.fieldDeclaration();
    const modifiers = body.modifier_list().map((m) => m.getText().toLowerCase());
    if (!field || !modifiers.includes('static') || !modifiers.includes('final')) {
      continue;
    }
    for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
      const text = declarator.expression()?.getText() ?? '';
      if (/^\d+L?$/.test(text)) {
        constants.set(declarator.id().getText(), Number(text.replace(/L$/, '')));
      } else if (/^'.*'$/.test(text)) {
        constants.set(declarator.id().getText(), text.slice(1, -1).replace(/\\\\/g, '\\'));
      }
    }
  }
  return constants;
}

/** The schema node at a JSON pointer such as `/$defs/TopicInfo/properties/name`. */
function at(pointer: string): Json {
  return pointer
    .split('/')
    .slice(1)
    .reduce<Json>((node, key) => node[key] as Json, schema as unknown as Json);
}

/** PayloadLimits constant → the schema keyword(s) that must state the same value. */
const SCHEMA_LIMITS: [string, string, string][] = [
  ['MODJO_CALL_ID_MAX', '/properties/modjoCallId', 'maxLength'],
  ['MODJO_CALL_ID_PATTERN', '/properties/modjoCallId', 'pattern'],
  ['DURATION_MAX_SECONDS', '/properties/durationSeconds', 'maximum'],
  ['DURATION_MAX_SECONDS', '/$defs/MomentInfo/properties/startSecond', 'maximum'],
  ['DURATION_MAX_SECONDS', '/$defs/HighlightInfo/properties/startSecond', 'maximum'],
  ['DURATION_MAX_SECONDS', '/$defs/CommentInfo/properties/atSecond', 'maximum'],
  ['VERSION_MAX', '/properties/version', 'maximum'],
  ['TITLE_MAX', '/properties/title', 'x-salesforce-maxLength'],
  ['LANGUAGE_MAX', '/properties/language', 'maxLength'],
  ['URL_MAX', '/properties/url', 'maxLength'],
  ['PROVIDER_NAME_MAX', '/$defs/ProviderInfo/properties/name', 'maxLength'],
  ['PROVIDER_CALL_ID_MAX', '/$defs/ProviderInfo/properties/callId', 'maxLength'],
  ['LONG_TEXT_MAX', '/properties/summary', 'x-salesforce-maxLength'],
  ['LONG_TEXT_MAX', '/properties/notes', 'x-salesforce-maxLength'],
  ['MAX_PARTICIPANTS', '/properties/participants', 'maxItems'],
  ['PARTICIPANT_NAME_MAX', '/$defs/ParticipantInfo/properties/name', 'x-salesforce-maxLength'],
  ['EMAIL_MAX', '/$defs/ParticipantInfo/properties/email', 'maxLength'],
  ['EMAIL_MAX', '/$defs/ParticipantInfo/properties/modjoUserEmail', 'maxLength'],
  ['PHONE_MAX', '/$defs/ParticipantInfo/properties/phone', 'maxLength'],
  ['MAX_TOPICS', '/properties/topics', 'maxItems'],
  ['TOPIC_NAME_MAX', '/$defs/TopicInfo/properties/name', 'x-salesforce-maxLength'],
  ['MAX_MOMENTS', '/$defs/TopicInfo/properties/moments', 'maxItems'],
  ['MAX_HIGHLIGHTS', '/properties/highlights', 'maxItems'],
  ['HIGHLIGHT_TEXT_MAX', '/$defs/HighlightInfo/properties/text', 'x-salesforce-maxLength'],
  ['SPEAKER_MAX', '/$defs/HighlightInfo/properties/speaker', 'x-salesforce-maxLength'],
  ['CATEGORY_MAX', '/$defs/HighlightInfo/properties/category', 'maxLength'],
  ['MAX_TAGS', '/properties/tags', 'maxItems'],
  ['TAG_MAX', '/properties/tags/items', 'maxLength'],
  ['MAX_COMMENTS', '/properties/comments', 'maxItems'],
  ['COMMENT_AUTHOR_MAX', '/$defs/CommentInfo/properties/author', 'x-salesforce-maxLength'],
  ['COMMENT_TEXT_MAX', '/$defs/CommentInfo/properties/text', 'x-salesforce-maxLength'],
  ['CRM_FILLING_MAX', '/properties/crmFilling', 'x-maxSerializedLength'],
  ['MAX_CRM_ANSWERS', '/properties/crmFilling', 'maxItems'],
  ['CRM_ANSWER_KEY_MAX', '/$defs/CrmAnswer/properties/key', 'maxLength'],
  ['CRM_ANSWER_KEY_PATTERN', '/$defs/CrmAnswer/properties/key', 'pattern'],
  ['CRM_TEXT_VALUE_MAX', '/$defs/CrmAnswer/properties/textValue', 'maxLength'],
  ['CRM_CURRENCY_PATTERN', '/$defs/CrmAnswer/properties/currencyIsoCode', 'pattern'],
  ['MAX_CRM_PICKLIST_VALUES', '/$defs/CrmAnswer/properties/picklistValues', 'maxItems'],
  ['CRM_PICKLIST_VALUE_MAX', '/$defs/CrmAnswer/properties/picklistValues/items', 'maxLength'],
  ['DURATION_MAX_SECONDS', '/$defs/CrmAnswerMoment/properties/atSecond', 'maximum'],
  ['CRM_SPEAKER_MAX', '/$defs/CrmAnswerMoment/properties/speaker', 'x-salesforce-maxLength'],
  ['CRM_QUOTE_MAX', '/$defs/CrmAnswerMoment/properties/quote', 'x-salesforce-maxLength']
];

/** Every constant of SCHEMA_LIMITS whose value differs from the schema's (or that is missing). */
function mismatches(constants: Map<string, number | string>): string[] {
  return SCHEMA_LIMITS.filter(([constant, pointer, keyword]) => at(pointer)[keyword] !== constants.get(constant)).map(
    ([constant, pointer, keyword]) =>
      `${constant} = ${String(constants.get(constant))}, schema ${pointer} ${keyword} = ${String(at(pointer)[keyword])}`
  );
}

describe('PayloadLimits.cls and the contract state the same limits', () => {
  const constants = apexConstants();

  it('reads the constants of PayloadLimits with the Apex parser', () => {
    expect(constants.get('MAX_BATCH_SIZE')).toBe(200);
    expect(constants.get('MODJO_CALL_ID_PATTERN')).toBe('^[A-Za-z0-9_.:-]+$');
    expect(constants.size).toBeGreaterThan(30);
  });

  it('every schema limit equals its PayloadLimits constant', () => {
    expect(mismatches(constants)).toEqual([]);
  });

  it('the request limits equal the reference validator and the OpenAPI document', () => {
    expect(constants.get('MAX_BATCH_SIZE')).toBe(MAX_BATCH_SIZE);
    expect(constants.get('MAX_BODY_BYTES')).toBe(MAX_BODY_BYTES);
    expect(constants.get('MAX_JSON_DEPTH')).toBe(MAX_JSON_DEPTH);
    const openapi = parseYaml(readFileSync(OPENAPI_FILE, 'utf8')) as unknown;
    const found: number[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(walk);
      } else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node as Json)) {
          if (key === 'calls' && value && typeof value === 'object' && 'maxItems' in (value as Json)) {
            found.push((value as Json).maxItems as number);
          }
          walk(value);
        }
      }
    };
    walk(openapi);
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found)).toEqual(new Set([constants.get('MAX_BATCH_SIZE')]));
  });

  it('fails when a limit changes on the Apex side only', () => {
    const source = readFileSync(LIMITS_FILE, 'utf8').replace(/TAG_MAX = 80;/, 'TAG_MAX = 81;');
    expect(mismatches(apexConstants(source))).toEqual(['TAG_MAX = 81, schema /properties/tags/items maxLength = 80']);
  });
});
