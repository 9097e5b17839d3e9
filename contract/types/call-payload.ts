/**
 * GENERATED from contract/call-payload.schema.json by `npm run contract:types` (json-schema-to-typescript).
 * Do not edit: change the schema and regenerate. tests/contract/types.test.ts fails when this file drifts.
 */

/**
 * One call or meeting sent by Modjo to POST /services/apexrest/modjo/v1/calls (contract v1). Source of truth of the payload: CallPayload.cls mirrors it and tests/contract keeps both equal. A null value counts as absent. Properties the contract does not know are ignored with an UNKNOWN_PROPERTY warning. x-salesforce-field names the field a property is stored in; x-overflow "truncate" marks free text cut to x-salesforce-maxLength with a TRUNCATED warning; every length counts UTF-16 code units, as Salesforce and Apex do (an emoji counts 2); identifiers, URLs, emails, phones and enums over maxLength are rejected with FIELD_TOO_LONG.
 */
export interface CallPayload {
  /**
   * Version of this contract. Absent means 1.0. 1.1 adds the typed crmFilling answers; a 1.0 or 1.1 payload may still send the old opaque crmFilling object (deprecated, refused from the next schema version).
   */
  schemaVersion?: '1.0' | '1.1';
  /**
   * Identifier of the call in Modjo: the upsert key (1 to 64 characters among A-Z a-z 0-9 _ . : -). Longer than 64 characters: FIELD_TOO_LONG; other characters: INVALID_FORMAT.
   */
  modjoCallId: string;
  /**
   * Version of the call in Modjo (for example a change counter or epoch milliseconds). Orders updates of one call: a payload whose version is lower than the stored one is acknowledged with outcome "stale" and ignored.
   */
  version: number;
  /**
   * When Modjo last changed the call (RFC 3339 date-time with offset). As a Salesforce Date/Time field stores it: hours 00-23, minutes and seconds 00-59, an offset of at most ±18:00, an instant from 1700-01-01T00:00:00Z to 4000-12-31T00:00:00Z; a fraction is kept to the millisecond.
   */
  updatedAt?: string;
  /**
   * call: a phone call from a dialer (logged as a Task); meeting: a video meeting (logged as an Event or a Task, per settings).
   */
  kind: 'call' | 'meeting';
  /**
   * Title of the call or meeting. Longer than 255 characters: truncated with a TRUNCATED warning.
   */
  title?: string;
  /**
   * Start of the call (RFC 3339 date-time with offset, such as 2026-11-27T09:30:00+01:00). As a Salesforce Date/Time field stores it: hours 00-23, minutes and seconds 00-59, an offset of at most ±18:00, an instant from 1700-01-01T00:00:00Z to 4000-12-31T00:00:00Z; a fraction is kept to the millisecond.
   */
  startedAt: string;
  /**
   * Length of the call in seconds, 0 to 86400.
   */
  durationSeconds: number;
  /**
   * Direction of the call; internal when only colleagues took part. Absent means unknown.
   */
  direction?: 'inbound' | 'outbound' | 'internal' | 'unknown';
  /**
   * Spoken language as a BCP 47 tag, such as fr-FR. Longer than 16 characters: rejected with FIELD_TOO_LONG.
   */
  language?: string;
  /**
   * HTTPS link to the call in Modjo ("Open in Modjo"; the highlight, topic and comment links are built from it). Kept only when it is https:// (any case) then a bare host allowed by the org's Allowed Link Hosts setting (default app.modjo.ai; the offline validators apply the default), with no user info, no port, no space, control character or backslash anywhere (contract/links.ts states the rule). Any other string (http, javascript:, data:, relative, empty, another host) is dropped: the call is accepted without a link, with a LINK_DROPPED warning. Longer than 255 characters: rejected with FIELD_TOO_LONG.
   */
  url: string;
  provider?: ProviderInfo;
  /**
   * People on the call, at most 100, in order (the order is kept in Call_Participant__c.Position__c).
   *
   * @maxItems 100
   */
  participants?: ParticipantInfo[];
  /**
   * Summary of the call. Longer than 131072 characters: truncated with a TRUNCATED warning.
   */
  summary?: string;
  /**
   * Topics detected on the call, at most 200 (one Call_Topic__c each).
   *
   * @maxItems 200
   */
  topics?: TopicInfo[];
  /**
   * Highlights of the call, at most 500 (one Call_Highlight__c each).
   *
   * @maxItems 500
   */
  highlights?: HighlightInfo[];
  /**
   * Tags of the call, at most 100, stored joined by "; " in Call__c.Tags__c.
   *
   * @maxItems 100
   */
  tags?: string[];
  /**
   * Comments left on the call in Modjo, at most 500, stored as JSON in Call__c.Comments_Json__c.
   *
   * @maxItems 500
   */
  comments?: CommentInfo[];
  /**
   * Notes taken in Modjo. Longer than 131072 characters: truncated with a TRUNCATED warning.
   */
  notes?: string;
  /**
   * CRM filling answers (schema 1.1): a list of at most 100 typed answers, each applied to a Salesforce field through the CRM_Filling_Mapping__mdt mapping of its key (docs/crm-filling.md). Deprecated alternative: the schema 1.0 opaque object, still accepted in 1.0 and 1.1 payloads, stored as received and never applied. Either shape is stored as JSON in Call__c.Crm_Filling_Json__c; serialized longer than 131072 characters: FIELD_TOO_LONG.
   *
   * @maxItems 100
   */
  crmFilling?:
    | CrmAnswer[]
    | {
        [k: string]: unknown | undefined;
      };
  salesforce?: SalesforceRefs;
}
/**
 * Dialer or meeting tool that recorded the call.
 */
export interface ProviderInfo {
  /**
   * Name of the tool, such as Aircall, Ringover, Zoom or Google Meet. Empty or blank (only spaces, tabs or line breaks): REQUIRED_FIELD_MISSING. Longer than 80 characters: rejected with FIELD_TOO_LONG.
   */
  name: string;
  /**
   * Identifier of the call in the dialer; used to reuse the Task the dialer already logged. Longer than 255 characters: rejected with FIELD_TOO_LONG.
   */
  callId?: string;
}
/**
 * One person on the call. Matching uses salesforceId, then email, then phone.
 */
export interface ParticipantInfo {
  /**
   * Name of the person. Longer than 80 characters: truncated with a TRUNCATED warning.
   */
  name?: string;
  /**
   * Email address, as a Salesforce Email field accepts it: before the @, letters, digits and ! # $ % & ' * + / = ? ^ _ ` { | } ~ . - (not starting with a dot; consecutive dots allowed, Salesforce knowledge article 000384328); after it, at least two dot-separated labels of letters, digits and inner hyphens. Not an address: INVALID_FORMAT. Longer than 80 characters: rejected with FIELD_TOO_LONG.
   */
  email?: string;
  /**
   * Phone number as the dialer knows it (any format; the matcher normalises it to E.164). Longer than 40 characters: rejected with FIELD_TOO_LONG.
   */
  phone?: string;
  /**
   * true for a colleague (a Modjo user), false for a customer or prospect.
   */
  internal: boolean;
  /**
   * Modjo login of a colleague, used to find the Salesforce user; the same rule as email. Not an address: INVALID_FORMAT. Longer than 80 characters: rejected with FIELD_TOO_LONG.
   */
  modjoUserEmail?: string;
  /**
   * Contact or Lead id Modjo already knows; used first by the matcher. A 15- or 18-character Salesforce id starting with 003 or 00Q. Longer than 18 characters: rejected with FIELD_TOO_LONG.
   */
  salesforceId?: string;
}
/**
 * One topic detected on the call.
 */
export interface TopicInfo {
  /**
   * Name of the topic, such as Pricing. Empty or blank (only spaces, tabs or line breaks): REQUIRED_FIELD_MISSING. Longer than 80 characters: truncated with a TRUNCATED warning.
   */
  name: string;
  /**
   * Moments where the topic came up, at most 500.
   *
   * @maxItems 500
   */
  moments?: MomentInfo[];
}
/**
 * One moment of a topic. endSecond before startSecond: OUT_OF_RANGE.
 */
export interface MomentInfo {
  /**
   * Second of the call where the moment starts, 0 to 86400.
   */
  startSecond: number;
  /**
   * Second of the call where the moment ends, 0 to 86400, not before startSecond.
   */
  endSecond?: number;
}
/**
 * One highlight of the call. endSecond before startSecond: OUT_OF_RANGE.
 */
export interface HighlightInfo {
  /**
   * What was said. Longer than 32768 characters: truncated with a TRUNCATED warning.
   */
  text: string;
  /**
   * Second of the call where the highlight starts, 0 to 86400.
   */
  startSecond: number;
  /**
   * Second of the call where the highlight ends, 0 to 86400, not before startSecond.
   */
  endSecond?: number;
  /**
   * Who said it. Longer than 255 characters: truncated with a TRUNCATED warning.
   */
  speaker?: string;
  /**
   * Kind of highlight in Modjo, such as next_step or objection. Longer than 80 characters: rejected with FIELD_TOO_LONG.
   */
  category?: string;
}
/**
 * One comment left on the call in Modjo.
 */
export interface CommentInfo {
  /**
   * Who wrote the comment. Longer than 255 characters: truncated with a TRUNCATED warning.
   */
  author: string;
  /**
   * The comment. Longer than 32768 characters: truncated with a TRUNCATED warning.
   */
  text: string;
  /**
   * When the comment was written (RFC 3339 date-time with offset). As a Salesforce Date/Time field stores it: hours 00-23, minutes and seconds 00-59, an offset of at most ±18:00, an instant from 1700-01-01T00:00:00Z to 4000-12-31T00:00:00Z; a fraction is kept to the millisecond.
   */
  createdAt: string;
  /**
   * Second of the call the comment is about, 0 to 86400.
   */
  atSecond?: number;
}
/**
 * One answer of Modjo's CRM filling: the question's key, the kind of value and the value in the property of that kind (textValue for text, longText and picklist; numberValue for number, currency and percent, with currencyIsoCode for currency; dateValue; dateTimeValue; booleanValue; picklistValues for multiPicklist), an optional confidence and the moment of the call that supports it. The property of the kind is required; the others are ignored. Property names avoid Apex reserved words (number, date, boolean are reserved: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_reserved_words.htm).
 */
export interface CrmAnswer {
  /**
   * Stable key of the question in Modjo, such as next_steps, budget, competitor or decision_date (1 to 80 characters among A-Z a-z 0-9 _ . : -). Matched against CRM_Filling_Mapping__mdt.Answer_Key__c.
   */
  key: string;
  /**
   * Kind of the value; names the property that holds it.
   */
  kind:
    | 'text'
    | 'longText'
    | 'number'
    | 'currency'
    | 'percent'
    | 'date'
    | 'dateTime'
    | 'boolean'
    | 'picklist'
    | 'multiPicklist';
  /**
   * Value of a text, longText or picklist answer (a picklist answer holds the picklist value's API name). Longer than 32768 characters: FIELD_TOO_LONG; text longer than the target field is skipped when applied.
   */
  textValue?: string;
  /**
   * Value of a number, currency or percent answer (a percent is in percent points: 25 means 25%).
   */
  numberValue?: number;
  /**
   * ISO 4217 code of a currency answer, such as EUR; required with kind currency.
   */
  currencyIsoCode?: string;
  /**
   * Value of a date answer (YYYY-MM-DD).
   */
  dateValue?: string;
  /**
   * Value of a dateTime answer (RFC 3339 date-time with offset).
   */
  dateTimeValue?: string;
  /**
   * Value of a boolean answer.
   */
  booleanValue?: boolean;
  /**
   * Values of a multiPicklist answer (API names), at most 100 of at most 255 characters.
   *
   * @maxItems 100
   */
  picklistValues?: string[];
  /**
   * How sure Modjo is of the answer, 0 to 1.
   */
  confidence?: number;
  moment?: CrmAnswerMoment;
}
/**
 * Moment of the call that supports the answer.
 */
export interface CrmAnswerMoment {
  /**
   * Second of the call where the supporting moment starts, 0 to 86400.
   */
  atSecond: number;
  /**
   * Who said it. Longer than 255 characters: truncated with a TRUNCATED warning.
   */
  speaker?: string;
  /**
   * What was said. Longer than 1000 characters: truncated with a TRUNCATED warning.
   */
  quote?: string;
}
/**
 * Salesforce ids Modjo already knows for this call.
 */
export interface SalesforceRefs {
  /**
   * Account id. A 15- or 18-character Salesforce id starting with 001. Longer than 18 characters: rejected with FIELD_TOO_LONG.
   */
  accountId?: string;
  /**
   * Opportunity id. A 15- or 18-character Salesforce id starting with 006. Longer than 18 characters: rejected with FIELD_TOO_LONG.
   */
  opportunityId?: string;
}
