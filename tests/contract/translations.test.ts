/**
 * French translations of what reps and admins see besides the Custom Labels (issue 12, "object, field and tab
 * translations in French"): every custom object and custom metadata type of the package (read from objects/, so a new
 * one is covered without editing this file) has objectTranslations/<Object>-fr/; every field a French label, a French
 * help text when it has inline help, a French translation of each picklist value, and its related list label when it
 * is a lookup; each object its singular, plural and name field (custom metadata types have no name field). A field
 * added without its translation fails here; so does a translation left behind by a removed field or value. Every
 * validation rule (objects/<Object>/validationRules/) has a French error message in the object's translation, within
 * the 255 characters of an error message; a validation rule without one fails here. Format: CustomObjectTranslation /
 * CustomFieldTranslation / ValidationRuleTranslation (`<validationRules><errorMessage/><name/></validationRules>` in
 * the object's .objectTranslation-meta.xml; Metadata API Developer Guide,
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_customobjecttranslation.htm): French
 * takes gender Masculine|Feminine and startsWith Consonant|Vowel; the same type translates custom metadata types.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../../force-app/main/default');
const OBJECTS = readdirSync(path.join(ROOT, 'objects')).sort();
/** French typography: a non-breaking (or narrow) space before ";", "?", "!" and ":" (except in "://"). */
const MISSING_NBSP = /(^|[^\u00a0\u202f])[;?!]|[^\u00a0\u202f/]:(?!\/\/)(\s|$)/;

function tags(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1].trim());
}

function fieldsOf(object: string): Map<string, string> {
  const dir = path.join(ROOT, 'objects', object, 'fields');
  return new Map(
    readdirSync(dir).map((file) => [file.replace('.field-meta.xml', ''), readFileSync(path.join(dir, file), 'utf8')])
  );
}

/** An error message of a validation rule, and so its translation, holds at most 255 characters (ValidationRule). */
const ERROR_MESSAGE_MAX = 255;

/** The validation rules of an object: rule name to its validationRule-meta.xml (none: an empty map). */
function validationRulesOf(object: string): Map<string, string> {
  const dir = path.join(ROOT, 'objects', object, 'validationRules');
  if (!existsSync(dir)) return new Map();
  return new Map(
    readdirSync(dir).map((file) => [
      file.replace('.validationRule-meta.xml', ''),
      readFileSync(path.join(dir, file), 'utf8')
    ])
  );
}

/**
 * What the French translation of an object (`objectTranslation`, its .objectTranslation-meta.xml) lacks for the
 * validation rules of the object (`rules`: name to validationRule-meta.xml): a rule without a French error message,
 * an empty or too long one, and a translation left behind by a removed rule. One line per problem (empty: complete).
 */
function validationRuleGaps(rules: Map<string, string>, objectTranslation: string): string[] {
  const translated = new Map(
    tags(objectTranslation, 'validationRules').map((rule) => [tags(rule, 'name')[0], tags(rule, 'errorMessage')[0]])
  );
  const gaps = [...rules.keys()].flatMap((rule) => {
    const message = translated.get(rule);
    if (message === undefined) return [`${rule}: no French error message`];
    if (!/\S/.test(message)) return [`${rule}: empty French error message`];
    if (message.length > ERROR_MESSAGE_MAX)
      return [`${rule}: French error message over ${ERROR_MESSAGE_MAX} characters`];
    return [];
  });
  const removed = [...translated.keys()].filter((rule) => !rules.has(rule)).map((rule) => `${rule}: no such rule`);
  return [...gaps, ...removed];
}

/** Labels of the values of a picklist field (the `<label>` of each `<value>`). */
function picklistLabels(fieldXml: string): string[] {
  return tags(fieldXml, 'value').flatMap((value) => tags(value, 'label'));
}

/**
 * What a French translation lacks for the fields of one object: `fields` maps field name to its field-meta.xml,
 * `translations` field name to its fieldTranslation-meta.xml. Answers one line per problem (empty when complete).
 */
function frenchGaps(fields: Map<string, string>, translations: Map<string, string>): string[] {
  return [...fields].flatMap(([field, source]) => {
    const xml = translations.get(field);
    if (xml === undefined) return [`${field}: no French translation`];
    const gaps: string[] = [];
    if (!/\S/.test(tags(xml, 'label')[0] ?? '')) gaps.push(`${field}: no French label`);
    if (tags(source, 'inlineHelpText').length > 0 && !/\S/.test(tags(xml, 'help')[0] ?? '')) {
      gaps.push(`${field}: inline help without a French help text`);
    }
    return gaps;
  });
}

describe.each(OBJECTS)('French translation of %s', (object) => {
  const dir = path.join(ROOT, 'objectTranslations', `${object}-fr`);
  const fields = fieldsOf(object);

  it('names the object in the singular and plural, with its gender, first letter and name field', () => {
    const xml = readFileSync(path.join(dir, `${object}-fr.objectTranslation-meta.xml`), 'utf8');
    const cases = tags(xml, 'caseValues');
    expect(cases.map((c) => tags(c, 'plural')[0]).sort()).toEqual(['false', 'true']);
    cases.forEach((c) => expect(tags(c, 'value')[0]).toMatch(/\S/));
    expect(tags(xml, 'gender')[0]).toMatch(/^(Masculine|Feminine)$/);
    expect(tags(xml, 'startsWith')[0]).toMatch(/^(Consonant|Vowel)$/);
    const source = readFileSync(path.join(ROOT, 'objects', object, `${object}.object-meta.xml`), 'utf8');
    const hasNameField = source.includes('<nameField>');
    expect(tags(xml, 'nameFieldLabel').filter((label) => /\S/.test(label)).length).toBe(hasNameField ? 1 : 0);
  });

  it('gives every field a French label, and a French help text when the field has inline help', () => {
    const translations = new Map(
      [...fields.keys()]
        .filter((field) => existsSync(path.join(dir, `${field}.fieldTranslation-meta.xml`)))
        .map((field) => [field, readFileSync(path.join(dir, `${field}.fieldTranslation-meta.xml`), 'utf8')])
    );
    expect(frenchGaps(fields, translations)).toEqual([]);
  });

  it('gives every validation rule a French error message, and translates no other rule', () => {
    const xml = readFileSync(path.join(dir, `${object}-fr.objectTranslation-meta.xml`), 'utf8');
    expect(validationRuleGaps(validationRulesOf(object), xml)).toEqual([]);
  });

  it('puts a non-breaking space before ":", ";", "?" and "!" in labels, help texts, values and error messages', () => {
    const texts = readdirSync(dir).flatMap((file) => {
      const xml = readFileSync(path.join(dir, file), 'utf8');
      return ['label', 'help', 'translation', 'value', 'nameFieldLabel', 'relationshipLabel', 'errorMessage'].flatMap(
        (tag) => tags(xml, tag)
      );
    });
    expect(texts.filter((text) => MISSING_NBSP.test(text))).toEqual([]);
  });

  it('translates every field, and nothing else', () => {
    const translated = readdirSync(dir)
      .filter((file) => file.endsWith('.fieldTranslation-meta.xml'))
      .map((file) => file.replace('.fieldTranslation-meta.xml', ''));
    expect(translated.sort()).toEqual([...fields.keys()].sort());
  });

  it.each([...fieldsOf(object).keys()])('translates %s: label, picklist values, related list', (field) => {
    const file = path.join(dir, `${field}.fieldTranslation-meta.xml`);
    expect(existsSync(file)).toBe(true);
    const xml = readFileSync(file, 'utf8');
    const source = fields.get(field)!;
    expect(tags(xml, 'name')).toEqual([field]);
    expect(tags(xml, 'label')[0]).toMatch(/\S/);
    const values = tags(xml, 'picklistValues');
    expect(values.map((v) => tags(v, 'masterLabel')[0])).toEqual(picklistLabels(source));
    values.forEach((v) => expect(tags(v, 'translation')[0]).toMatch(/\S/));
    expect(tags(xml, 'relationshipLabel').length).toBe(tags(source, 'relationshipLabel').length);
  });
});

describe('French translation of the tabs', () => {
  it('translates every tab that is not an object tab (object tabs take the object label)', () => {
    const translations = readFileSync(path.join(ROOT, 'translations', 'fr.translation-meta.xml'), 'utf8');
    const tabNames = tags(translations, 'customTabs').flatMap((tab) => tags(tab, 'name'));
    const componentTabs = readdirSync(path.join(ROOT, 'tabs'))
      .filter((file) => !readFileSync(path.join(ROOT, 'tabs', file), 'utf8').includes('<customObject>true'))
      .map((file) => file.replace('.tab-meta.xml', ''));
    expect(tabNames.sort()).toEqual(componentTabs.sort());
  });
});

describe('French typography of the Custom Labels', () => {
  it('puts a non-breaking space before ":", ";", "?" and "!" (a normal space would let the sign wrap alone)', () => {
    const translations = readFileSync(path.join(ROOT, 'translations', 'fr.translation-meta.xml'), 'utf8');
    const labels = tags(translations, 'customLabels').flatMap((label) => tags(label, 'label'));
    const wrong = labels.filter((label) => MISSING_NBSP.test(label));
    expect(wrong).toEqual([]);
  });
});

describe('the French completeness check bites (planted in-memory cases)', () => {
  const field = (help: string) =>
    `<CustomField><fullName>New_Field__c</fullName><label>New Field</label>${help}<type>Text</type></CustomField>`;
  const translation = (label: string, help = '') =>
    `<CustomFieldTranslation>${help}<label>${label}</label><name>New_Field__c</name></CustomFieldTranslation>`;

  it('reports a new field without a French translation', () => {
    expect(frenchGaps(new Map([['New_Field__c', field('')]]), new Map())).toEqual([
      'New_Field__c: no French translation'
    ]);
  });

  it('reports an empty French label', () => {
    const gaps = frenchGaps(new Map([['New_Field__c', field('')]]), new Map([['New_Field__c', translation(' ')]]));
    expect(gaps).toEqual(['New_Field__c: no French label']);
  });

  it('reports inline help left untranslated, and accepts a complete translation', () => {
    const source = new Map([['New_Field__c', field('<inlineHelpText>Why.</inlineHelpText>')]]);
    expect(frenchGaps(source, new Map([['New_Field__c', translation('Nouveau champ')]]))).toEqual([
      'New_Field__c: inline help without a French help text'
    ]);
    const complete = new Map([['New_Field__c', translation('Nouveau champ', '<help>Pourquoi.</help>')]]);
    expect(frenchGaps(source, complete)).toEqual([]);
  });

  const rule = (name: string) =>
    `<ValidationRule><fullName>${name}</fullName><errorMessage>Enter 1 to 10.</errorMessage></ValidationRule>`;
  const objectTranslation = (...rules: Array<[string, string]>) =>
    `<CustomObjectTranslation><gender>Masculine</gender>${rules
      .map(
        ([name, message]) =>
          `<validationRules><errorMessage>${message}</errorMessage><name>${name}</name></validationRules>`
      )
      .join('')}</CustomObjectTranslation>`;

  it('reports a validation rule without a French error message, and accepts one with it', () => {
    const rules = new Map([
      ['Range', rule('Range')],
      ['New_Rule', rule('New_Rule')]
    ]);
    expect(validationRuleGaps(rules, objectTranslation(['Range', 'Saisissez de 1 à 10.']))).toEqual([
      'New_Rule: no French error message'
    ]);
    expect(
      validationRuleGaps(rules, objectTranslation(['Range', 'Saisissez de 1 à 10.'], ['New_Rule', 'Autre règle.']))
    ).toEqual([]);
  });

  it('reports an empty or too long French error message, and one left behind by a removed rule', () => {
    const rules = new Map([
      ['Range', rule('Range')],
      ['Long', rule('Long')]
    ]);
    expect(
      validationRuleGaps(
        rules,
        objectTranslation(['Range', ' '], ['Long', 'x'.repeat(256)], ['Gone', 'Règle retirée.'])
      )
    ).toEqual([
      'Range: empty French error message',
      'Long: French error message over 255 characters',
      'Gone: no such rule'
    ]);
  });

  it('flags a plain space before ":" and accepts a non-breaking one', () => {
    expect(MISSING_NBSP.test('Réassociation : période')).toBe(true);
    expect(MISSING_NBSP.test('Réassociation\u00a0: période')).toBe(false);
    expect(MISSING_NBSP.test('Sans https://, port')).toBe(false);
  });
});
