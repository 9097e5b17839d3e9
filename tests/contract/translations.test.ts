/**
 * French translations of what reps see besides the cards' Custom Labels (issue 12, "object, field and tab
 * translations in French"): every field of the call objects has a French label in objectTranslations/<Object>-fr/,
 * every picklist value of those fields a French translation, every lookup's related list label too, and each object
 * its singular, plural and name field. A field added without its translation fails here; so does a translation left
 * behind by a removed field or value. Format: CustomObjectTranslation / CustomFieldTranslation (Metadata API
 * Developer Guide); French takes gender Masculine|Feminine and startsWith Consonant|Vowel.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../../force-app/main/default');
const OBJECTS = ['Call__c', 'Call_Participant__c', 'Call_Topic__c', 'Call_Highlight__c'];

function tags(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1].trim());
}

function fieldsOf(object: string): Map<string, string> {
  const dir = path.join(ROOT, 'objects', object, 'fields');
  return new Map(
    readdirSync(dir).map((file) => [file.replace('.field-meta.xml', ''), readFileSync(path.join(dir, file), 'utf8')])
  );
}

/** Labels of the values of a picklist field (the `<label>` of each `<value>`). */
function picklistLabels(fieldXml: string): string[] {
  return tags(fieldXml, 'value').flatMap((value) => tags(value, 'label'));
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
    expect(tags(xml, 'nameFieldLabel')[0]).toMatch(/\S/);
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
    const wrong = labels.filter((label) => /(^|[^\u00a0\u202f])[;?!]|[^\u00a0\u202f/]:(?!\/\/)(\s|$)/.test(label));
    expect(wrong).toEqual([]);
  });
});
