/**
 * Objects and fields that exist only in orgs where a feature is on. A compiled reference to one of them (a field
 * token, static SOQL/SOSL, `new SObject(Field = …)`, `record.Field`, the type name) makes the package fail to
 * install or compile where the feature is off, so the package reaches them only through describe and dynamic access
 * (`Schema.describeSObjects`, `fields.getMap()`, `record.get('Field')`, `Database.query`).
 *
 * The `analyze:apex` gate checks the package against an org with every feature below off: apex-ls runs on SObject
 * tables without these objects and fields (baseline-jar.ts), the SOQL checker resolves static queries against the
 * same tables. Dynamic queries are checked against the full tables (they may name these fields, behind a describe).
 *
 * Each entry names where the Salesforce documentation says so. Add a feature or a field here with its page.
 */
export interface OptionalFeature {
  /** Name of the feature, as the gate reports it. */
  name: string;
  /** Pages of the Salesforce documentation that say the objects and fields depend on the feature. */
  sources: string[];
  /** Objects that exist only with the feature (their relationship fields on other objects go with them). */
  objects: string[];
  /** Object (or `*` for every object) to field names; `Prefix*` stands for every field starting with Prefix. */
  fields: Record<string, string[]>;
}

const OBJECT_REFERENCE = 'https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects';

export const OPTIONAL_FEATURES: OptionalFeature[] = [
  {
    name: 'Shared Activities',
    sources: [
      // "TaskRelation is only available if you've enabled Shared Activities in your organization."
      `${OBJECT_REFERENCE}/object-taskrelation.html`,
      // TaskWhoRelation, EventWhoRelation: "Available only if you've enabled Shared Activities".
      `${OBJECT_REFERENCE}/object-taskwhorelation.html`,
      `${OBJECT_REFERENCE}/object-eventwhorelation.html`,
      // EventRelation: without Shared Activities its rows are invitees only; "AccountId is visible when Shared
      // Activities is enabled", "IsInvitee is visible when Shared Activities is enabled" (IsParent, IsWhat alike).
      `${OBJECT_REFERENCE}/object-eventrelation.html`,
      'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_eventattendee.htm'
    ],
    objects: ['TaskRelation', 'TaskWhoRelation', 'EventWhoRelation'],
    fields: { EventRelation: ['IsParent', 'IsInvitee', 'IsWhat', 'AccountId', 'Account'] }
  },
  {
    name: 'Person Accounts',
    sources: [
      // "Record types are person account record types if the Account field IsPersonAccount is set to true";
      // the person contact's fields appear on Account with the Person prefix.
      'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_guidelines_personaccounts.htm',
      `${OBJECT_REFERENCE}/object-account.html`,
      // RecordType.IsPersonType: "Visible only if the organization has the person account feature enabled."
      `${OBJECT_REFERENCE}/object-recordtype.html`
    ],
    objects: [],
    fields: {
      Account: ['IsPersonAccount', 'Person*', 'FirstName', 'LastName', 'MiddleName', 'Suffix', 'Salutation'],
      Contact: ['IsPersonAccount'],
      RecordType: ['IsPersonType']
    }
  },
  {
    name: 'Multiple currencies',
    sources: [
      // CurrencyIsoCode: "Available only for organizations with the multicurrency feature enabled."
      `${OBJECT_REFERENCE}/object-opportunity.html`,
      // CurrencyType: "This object is not available in single-currency organizations."
      `${OBJECT_REFERENCE}/object-currencytype.html`,
      `${OBJECT_REFERENCE}/object-datedconversionrate.html`
    ],
    objects: ['CurrencyType', 'DatedConversionRate'],
    fields: { '*': ['CurrencyIsoCode'] }
  },
  {
    name: 'Enterprise Territory Management',
    sources: [
      // Territory2, ObjectTerritory2Association, …: "Available only if Enterprise Territory Management has been
      // enabled for your organization."
      `${OBJECT_REFERENCE}/object-territory2.html`,
      `${OBJECT_REFERENCE}/object-objectterritory2association.html`,
      `${OBJECT_REFERENCE}/object-opportunity.html`
    ],
    objects: [
      'Territory2',
      'Territory2Model',
      'Territory2Type',
      'ObjectTerritory2Association',
      'UserTerritory2Association',
      'RuleTerritory2Association',
      'ObjectTerritory2AssignmentRule',
      'ObjectTerritory2AssignmentRuleItem',
      'Territory2ObjectExclusion',
      'AccountUserTerritory2View'
    ],
    fields: { Opportunity: ['Territory2Id', 'IsExcludedFromTerritory2Filter'] }
  },
  {
    name: 'Data Protection and Privacy',
    sources: [
      // Individual: "This object is available if Data Protection and Privacy is enabled." Contact.IndividualId,
      // Lead.IndividualId and Account.PersonIndividualId point to it.
      `${OBJECT_REFERENCE}/object-individual.html`
    ],
    objects: ['Individual'],
    fields: {}
  },
  {
    name: 'Salesforce to Salesforce',
    sources: [
      // ConnectionReceivedId, ConnectionSentId: "only available if you have enabled Salesforce to Salesforce".
      `${OBJECT_REFERENCE}/object-task.html`
    ],
    objects: [],
    fields: { '*': ['ConnectionReceivedId', 'ConnectionSentId', 'ConnectionReceived', 'ConnectionSent'] }
  },
  {
    name: 'Record types',
    sources: [
      // An object has RecordTypeId only once it has a record type: "No such column 'RecordType' on entity
      // 'Opportunity'" in orgs without one; community-documented, no object reference page states it.
      'https://github.com/SFDO-Community/GrassrootsMobileSurveyApp/wiki/Survey-Record-Types',
      'https://github.com/SFDO-Community/declarative-lookup-rollup-summaries/issues/626'
    ],
    objects: [],
    fields: { '*': ['RecordTypeId', 'RecordType'] }
  }
];

const matches = (pattern: string, name: string): boolean =>
  pattern.endsWith('*')
    ? name.toLowerCase().startsWith(pattern.slice(0, -1).toLowerCase())
    : pattern.toLowerCase() === name.toLowerCase();

/** The feature an object exists only with, if any. */
export function optionalObject(object: string): OptionalFeature | undefined {
  return OPTIONAL_FEATURES.find((f) => f.objects.some((o) => matches(o, object)));
}

/** The feature a field of an object exists only with, if any (the object's own feature included). */
export function optionalField(object: string, field: string): OptionalFeature | undefined {
  return (
    optionalObject(object) ??
    OPTIONAL_FEATURES.find((f) =>
      Object.entries(f.fields).some(
        ([o, names]) => (o === '*' || matches(o, object)) && names.some((n) => matches(n, field))
      )
    )
  );
}

/** "exists only where <feature> is on (<first source>)" for messages. */
export function featureNote(feature: OptionalFeature): string {
  return `exists only where ${feature.name} is on (${feature.sources[0]}): reach it through describe and dynamic access`;
}

/**
 * A checker message with the feature note added when it names a field or object of an optional feature: apex-ls
 * ("Unknown field 'IsParent' on SObject 'Schema.EventRelation'", "No type declaration found for 'TaskRelation'") and
 * the SOQL checker ("unknown field IsWhat on EventRelation", "unknown object TaskRelation in FROM").
 */
export function explainOptional(message: string): string {
  const field =
    /Unknown field '(\w+)' on SObject '(?:Schema\.)?(\w+)'/.exec(message) ??
    /unknown (?:field|relationship) (\w+) on (\w+)/.exec(message);
  const object =
    /No type declaration found for '(?:Schema\.)?(\w+)'/.exec(message) ?? /unknown object (\w+) in/.exec(message);
  const feature = field ? optionalField(field[2], field[1]) : object ? optionalObject(object[1]) : undefined;
  return feature ? `${message} — ${featureNote(feature)}` : message;
}
