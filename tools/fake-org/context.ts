/**
 * The CRM context resources of the fake org (contract/openapi.yaml: GET /v1/lookup, POST /v1/match-preview;
 * answers shaped by contract/crm-context.schema.json) over a small in-memory set of fixture records.
 *
 * This is NOT the package's matcher: a simple deterministic stand-in, enough to test modjo-sf offline. People are
 * found by email (case-insensitive) and by phone (E.164 with tools/lib/phone.ts, the rule of the Apex PhoneNumbers),
 * Contact over Lead, a converted Lead answering its Contact; the Account is the primary Contact's; the Opportunity
 * the Account's most recently modified open one; the owner the User of the first Modjo user of the call; the activity
 * is always created (a Task for calls, an Event for meetings). The Apex (CallMatchingService.preview) decides for real.
 * Requests are checked like the package checks them: payloads with contract/validate.ts, lookup values with the
 * schema's email pattern and the phone rule, at most MAX_LOOKUP_VALUES.
 */
import payloadSchema from '../../contract/call-payload.schema.json';
import { checkRequest } from '../../contract/validate';
import { decodeUtf8, stripBom } from '../../contract/json-text';
import { normalizePhone } from '../lib/phone';
import type { Answer } from './calls';

/** Most values of one lookup (CrmContextService.MAX_LOOKUP_VALUES). */
export const MAX_LOOKUP_VALUES = 50;
const DEFAULT_COUNTRY = 'FR';
const EMAIL = new RegExp(payloadSchema.$defs.ParticipantInfo.properties.email.pattern);

type SfRecord = Record<string, unknown> & { Id?: string };

/** The fixture records of the fake org, each with exactly the fields of Modjo's imported-field tables. */
export interface FakeCrm {
  contacts: SfRecord[];
  leads: SfRecord[];
  accounts: SfRecord[];
  opportunities: SfRecord[];
  opportunityContactRoles: SfRecord[];
  activities: SfRecord[];
  /** Users of the org by email (the Modjo user of a call owns it). */
  users: Record<string, string>;
}

/** A field the caller may not read (field-level security), left out of every record and listed as withheld. */
export interface HiddenField {
  object: 'Contact' | 'Lead' | 'Account' | 'Opportunity' | 'OpportunityContactRole' | 'Task';
  field: string;
}

interface Withheld {
  object: string;
  field: string | null;
  reason: string;
}

/** The default fixture: Acme with Jane Doe (Contact), an open and a closed Opportunity, a Lead, a converted Lead. */
export function defaultCrm(): FakeCrm {
  const account = '001000000000001AAA';
  const jane = '003000000000001AAA';
  const open = '006000000000001AAA';
  const contact = (id: string, first: string, last: string, email: string, phone: string | null): SfRecord => ({
    Id: id,
    AccountId: account,
    LastName: last,
    FirstName: first,
    Name: `${first} ${last}`,
    Phone: phone,
    MobilePhone: null,
    Email: email,
    Title: 'CFO'
  });
  const lead = (id: string, last: string, email: string, phone: string, convertedTo: string | null): SfRecord => ({
    Id: id,
    LastName: last,
    FirstName: 'Lee',
    Name: `Lee ${last}`,
    Phone: phone,
    MobilePhone: null,
    Email: email,
    IsConverted: convertedTo !== null,
    ConvertedContactId: convertedTo,
    Status: convertedTo ? 'Closed - Converted' : 'Open - Not Contacted',
    Title: null
  });
  return {
    contacts: [contact(jane, 'Jane', 'Doe', 'jane@acme.example', '+33 1 55 55 00 00')],
    leads: [
      lead('00Q000000000001AAA', 'Prospect', 'lee@prospect.example', '+33 6 12 34 56 78', null),
      lead('00Q000000000002AAA', 'Converted', 'jane.doe@old-acme.example', '+33 6 99 99 99 99', jane)
    ],
    accounts: [{ Id: account, Name: 'Acme' }],
    opportunities: [
      opportunity(open, account, 'Acme renewal', false),
      opportunity('006000000000002AAA', account, 'Acme pilot', true)
    ],
    opportunityContactRoles: [{ ContactId: jane, OpportunityId: open, Role: 'Decision Maker' }],
    activities: [
      {
        Id: '00T000000000001AAA',
        Type: 'Call',
        TaskSubtype: 'Call',
        Description: 'Discussed pricing.',
        Subject: 'Call with Jane',
        AccountId: account,
        WhoId: jane,
        WhatId: open,
        OwnerId: '005000000000001AAA',
        ActivityDate: '2026-11-20',
        Status: 'Completed',
        CallDurationInSeconds: 1260,
        CallType: 'Outbound',
        CallObject: null
      }
    ],
    users: { 'rep@acme-sales.example': '005000000000002AAA' }
  };
}

function opportunity(id: string, accountId: string, name: string, closed: boolean): SfRecord {
  return {
    Id: id,
    IsDeleted: false,
    IsClosed: closed,
    IsWon: false,
    AccountId: accountId,
    Name: name,
    OwnerId: '005000000000001AAA',
    CreatedDate: '2026-10-01T09:00:00.000Z',
    StageName: closed ? 'Closed Lost' : 'Negotiation',
    Amount: 48000,
    CloseDate: '2026-12-15',
    LeadSource: 'Web',
    Probability: closed ? 0 : 60,
    LastModifiedDate: closed ? '2026-09-01T10:00:00.000Z' : '2026-11-20T16:30:00.000Z',
    ForecastCategoryName: closed ? 'Omitted' : 'Pipeline',
    NextStep: 'Send the proposal',
    Type: 'Existing Business'
  };
}

/** Fields of the seed lists a standard org without dialer packages, Shared Activities or currencies lacks. */
const NOT_IN_ORG: Withheld[] = [
  { object: 'Opportunity', field: 'CurrencyIsoCode', reason: 'FIELD_NOT_IN_ORG' },
  { object: 'Task', field: 'TaskWhoIds', reason: 'FIELD_NOT_IN_ORG' },
  { object: 'Task', field: 'aircall__CallId__c', reason: 'FIELD_NOT_IN_ORG' },
  { object: 'Task', field: 'VoiceCall__c', reason: 'FIELD_NOT_IN_ORG' },
  { object: 'Task', field: 'CORE_FLEX_Audio_Record__c', reason: 'FIELD_NOT_IN_ORG' }
];

type ListKey = 'contacts' | 'leads' | 'accounts' | 'opportunities' | 'opportunityContactRoles' | 'activities';

const OBJECT_OF: Record<ListKey, HiddenField['object']> = {
  contacts: 'Contact',
  leads: 'Lead',
  accounts: 'Account',
  opportunities: 'Opportunity',
  opportunityContactRoles: 'OpportunityContactRole',
  activities: 'Task'
};

type RecordLists = Record<ListKey, SfRecord[]>;

/** The CRM context resources over one fixture. */
export class ContextResources {
  constructor(
    private readonly crm: FakeCrm,
    private readonly hidden: HiddenField[] = []
  ) {}

  /** GET /v1/lookup?email=…&phone=… */
  lookup(params: URLSearchParams): Answer {
    const emails = values(params.get('email'));
    const phones = values(params.get('phone'));
    const errors = checkValues(emails, phones);
    if (errors.length > 0) return { status: 400, answer: { errors } };
    const found = [
      ...emails.map((value) => this.find('email', value, value.toLowerCase())),
      ...phones.map((value) => this.find('phone', value, normalizePhone(value, DEFAULT_COUNTRY) as string))
    ];
    const contactIds = new Set(found.flatMap((v) => v.contactIds));
    const leadIds = new Set(found.flatMap((v) => v.leadIds));
    const contacts = this.crm.contacts.filter((c) => contactIds.has(c.Id as string));
    const accountIds = new Set(contacts.map((c) => c.AccountId as string));
    const opportunities = this.crm.opportunities.filter(
      (o) => accountIds.has(o.AccountId as string) && o.IsClosed === false
    );
    const people = new Set([...contactIds, ...leadIds]);
    return {
      status: 200,
      answer: {
        values: found,
        ...this.shown({
          contacts,
          leads: this.crm.leads.filter((l) => leadIds.has(l.Id as string)),
          accounts: this.crm.accounts.filter((a) => accountIds.has(a.Id as string)),
          opportunities,
          opportunityContactRoles: this.rolesOf(opportunities),
          activities: this.crm.activities.filter(
            (t) => people.has(t.WhoId as string) || accountIds.has(t.AccountId as string)
          )
        })
      }
    };
  }

  /** POST /v1/match-preview: preview defaults filled in, then validated like POST /v1/calls; nothing is stored. */
  matchPreview(contentType: string | undefined, received: Uint8Array): Answer {
    const body = withPreviewDefaults(received);
    const check = checkRequest(contentType, body);
    if (check.errors.length > 0) return { status: check.status, answer: { errors: check.errors } };
    if (!check.isBatch && check.items[0].errors.length > 0) {
      return { status: 400, answer: { errors: check.items[0].errors } };
    }
    const parsed = JSON.parse(stripBom(decodeUtf8(body) as string)) as Record<string, unknown>;
    const items = check.isBatch ? (parsed.calls as Array<Record<string, unknown>>) : [parsed];
    const results = check.items.map((itemCheck, index): Record<string, unknown> =>
      itemCheck.errors.length > 0
        ? rejected(index, itemCheck.modjoCallId ?? null, itemCheck.errors, itemCheck.warnings)
        : { ...this.decide(items[index], index), warnings: itemCheck.warnings }
    );
    const previewed = results.filter((r) => r.outcome === 'previewed');
    const pick = (key: string): Set<string> => new Set(previewed.map((r) => r[key] as string).filter(Boolean));
    const contactIds = new Set(previewed.flatMap((r) => participantIds(r, 'contactId')));
    const leadIds = new Set(previewed.flatMap((r) => participantIds(r, 'leadId')));
    const opportunityIds = pick('opportunityId');
    const opportunities = this.crm.opportunities.filter((o) => opportunityIds.has(o.Id as string));
    return {
      status: 200,
      answer: {
        received: results.length,
        previewed: previewed.length,
        rejected: results.length - previewed.length,
        results,
        ...this.shown({
          contacts: this.crm.contacts.filter((c) => contactIds.has(c.Id as string)),
          leads: this.crm.leads.filter((l) => leadIds.has(l.Id as string)),
          accounts: this.crm.accounts.filter((a) => pick('accountId').has(a.Id as string)),
          opportunities,
          opportunityContactRoles: this.rolesOf(opportunities),
          activities: []
        })
      }
    };
  }

  /** The people one value finds: Contacts first, then Leads; a converted Lead answers its Contact. */
  private find(type: 'email' | 'phone', value: string, normalized: string): Record<string, unknown> {
    const hit = (r: SfRecord): boolean =>
      type === 'email'
        ? String(r.Email ?? '').toLowerCase() === normalized
        : [r.Phone, r.MobilePhone].some((p) => normalizePhone(p as string | null, DEFAULT_COUNTRY) === normalized);
    const contactIds = this.crm.contacts.filter(hit).map((c) => c.Id as string);
    const leadIds: string[] = [];
    for (const lead of this.crm.leads.filter(hit)) {
      const converted = lead.ConvertedContactId as string | null;
      if (!lead.IsConverted) leadIds.push(lead.Id as string);
      else if (converted && !contactIds.includes(converted)) contactIds.push(converted);
    }
    return { type, value, normalized, contactIds, leadIds, note: null };
  }

  /** The fake matcher's decision for one valid payload (see the file comment). */
  private decide(item: Record<string, unknown>, index: number): Record<string, unknown> {
    const participants = (item.participants as Array<Record<string, unknown>> | undefined) ?? [];
    const lines: string[] = [];
    const decided = participants.map((p) => this.decideParticipant(p, lines));
    const external = decided.filter((p) => !p.internal);
    const matched = external.filter((p) => p.matchStatus !== 'Unmatched');
    const contactId = (matched.find((p) => p.contactId)?.contactId as string | undefined) ?? null;
    const leadId = contactId ? null : ((matched.find((p) => p.leadId)?.leadId as string | undefined) ?? null);
    const contact = this.crm.contacts.find((c) => c.Id === contactId);
    const accountId = (contact?.AccountId as string | undefined) ?? null;
    const opportunity = this.crm.opportunities
      .filter((o) => o.AccountId === accountId && o.IsClosed === false)
      .sort((a, b) => String(b.LastModifiedDate).localeCompare(String(a.LastModifiedDate)))[0];
    const ownerId = this.ownerOf(participants, lines);
    if (contact) lines.push(`Account ${this.accountName(accountId)} from Contact ${String(contact.Name)}`);
    if (opportunity) lines.push(`Opportunity '${String(opportunity.Name)}': the open one of the Account`);
    const activityType = item.kind === 'meeting' ? 'Event' : 'Task';
    lines.push(`A new ${activityType} would be created`);
    const status = statusOf(external.length, matched, accountId);
    lines.unshift(`${status}: ${matched.length} of ${external.length} external participants matched`);
    return {
      index,
      modjoCallId: item.modjoCallId,
      outcome: 'previewed',
      errors: [],
      salesforceId: null,
      matchStatus: status,
      explanation: lines,
      ownerId,
      accountId,
      contactId,
      leadId,
      opportunityId: (opportunity?.Id as string | undefined) ?? null,
      activityAction: 'create',
      activityType,
      activityId: null,
      participants: decided
    };
  }

  private decideParticipant(p: Record<string, unknown>, lines: string[]): Record<string, unknown> {
    const email = (p.email as string | undefined) ?? null;
    const phone = (p.phone as string | undefined) ?? null;
    const e164 = normalizePhone(phone, DEFAULT_COUNTRY);
    const base = { name: p.name ?? null, email, phone, normalizedPhone: e164, internal: p.internal === true };
    if (p.internal === true) {
      const userId = this.crm.users[String(p.modjoUserEmail ?? email ?? '').toLowerCase()] ?? null;
      const explanation = userId ? `User by email ${String(email)}` : 'Colleague: no active user with this email';
      return { ...base, matchStatus: 'Internal', explanation, contactId: null, leadId: null, userId };
    }
    const byEmail = email ? this.find('email', email, email.toLowerCase()) : undefined;
    const byPhone = e164 ? this.find('phone', phone as string, e164) : undefined;
    const contacts = [...new Set([...ids(byEmail, 'contactIds'), ...ids(byPhone, 'contactIds')])];
    const leads = [...new Set([...ids(byEmail, 'leadIds'), ...ids(byPhone, 'leadIds')])];
    const candidates = contacts.length + leads.length;
    const contactId = contacts[0] ?? null;
    const leadId = contactId ? null : (leads[0] ?? null);
    const explanation =
      candidates === 0
        ? `Unmatched: no visible Contact or Lead with ${[email && `email ${email}`, e164 && `phone ${e164}`].filter(Boolean).join(' or ')}`
        : `${contactId ? 'Contact' : 'Lead'} ${this.nameOf(contactId ?? leadId)}${candidates > 1 ? ` (${candidates} candidates)` : ''}`;
    lines.push(`Participant ${String(p.name ?? email ?? phone)}: ${explanation}`);
    const matchStatus = candidates === 0 ? 'Unmatched' : candidates > 1 ? 'Ambiguous' : 'Matched';
    return { ...base, matchStatus, explanation, contactId, leadId, userId: null };
  }

  private ownerOf(participants: Array<Record<string, unknown>>, lines: string[]): string | null {
    for (const p of participants) {
      const email = String(p.modjoUserEmail ?? '').toLowerCase();
      if (p.internal === true && this.crm.users[email]) {
        lines.push(`Owner: the Modjo user ${email}`);
        return this.crm.users[email];
      }
    }
    lines.push('Owner unchanged: no Modjo user matched an active user and no owner fallback is set');
    return null;
  }

  private nameOf(id: string | null): string {
    const all = [...this.crm.contacts, ...this.crm.leads];
    return String(all.find((r) => r.Id === id)?.Name ?? id);
  }

  private accountName(id: string | null): string {
    return String(this.crm.accounts.find((a) => a.Id === id)?.Name ?? id);
  }

  private rolesOf(opportunities: SfRecord[]): SfRecord[] {
    const ids = new Set(opportunities.map((o) => o.Id as string));
    return this.crm.opportunityContactRoles.filter((r) => ids.has(r.OpportunityId as string));
  }

  /** The records without the hidden fields, and what was withheld. */
  private shown(lists: RecordLists): RecordLists & { withheld: Withheld[] } {
    const out = {} as RecordLists;
    for (const [key, records] of Object.entries(lists) as Array<[ListKey, SfRecord[]]>) {
      const hiddenHere = this.hidden.filter((h) => h.object === OBJECT_OF[key]).map((h) => h.field);
      out[key] = records.map((r) => Object.fromEntries(Object.entries(r).filter(([f]) => !hiddenHere.includes(f))));
    }
    const withheld = [
      ...this.hidden.map((h) => ({ object: h.object, field: h.field, reason: 'FIELD_NOT_READABLE' })),
      ...NOT_IN_ORG
    ];
    return { ...out, withheld };
  }
}

/**
 * The defaults of CrmContextService.fillPreviewDefaults: modjoCallId `preview-<index>`, version 1, kind `call`,
 * durationSeconds 0, url, each when absent or null. A body that is not a JSON object is left as received (the
 * checks answer it).
 */
function withPreviewDefaults(body: Uint8Array): Uint8Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(decodeUtf8(body) ?? ''));
  } catch {
    return body;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
  const root = parsed as Record<string, unknown>;
  const items = Array.isArray(root.calls) ? (root.calls as unknown[]) : 'calls' in root ? [] : [root];
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
    const call = item as Record<string, unknown>;
    const defaults: Record<string, unknown> = {
      modjoCallId: `preview-${i}`,
      version: 1,
      kind: 'call',
      durationSeconds: 0,
      url: 'https://app.modjo.ai/calls/preview'
    };
    for (const [key, value] of Object.entries(defaults)) if (call[key] == null) call[key] = value;
  });
  return new TextEncoder().encode(JSON.stringify(root));
}

function rejected(index: number, modjoCallId: string | null, errors: unknown[], warnings: unknown[]) {
  const nothing = {
    salesforceId: null,
    matchStatus: null,
    ownerId: null,
    accountId: null,
    contactId: null,
    leadId: null,
    opportunityId: null,
    activityAction: null,
    activityType: null,
    activityId: null
  };
  return { index, modjoCallId, outcome: 'rejected', errors, warnings, ...nothing, explanation: [], participants: [] };
}

function statusOf(externalCount: number, matched: Array<Record<string, unknown>>, accountId: string | null): string {
  if (matched.some((p) => p.matchStatus === 'Ambiguous')) return 'Ambiguous';
  if (externalCount > 0 && matched.length === externalCount) return 'Matched';
  return matched.length > 0 || accountId ? 'Partial' : 'Unmatched';
}

function participantIds(result: Record<string, unknown>, key: 'contactId' | 'leadId'): string[] {
  const participants = (result.participants as Array<Record<string, unknown>>) ?? [];
  return participants.map((p) => p[key] as string | null).filter((id): id is string => Boolean(id));
}

function ids(found: Record<string, unknown> | undefined, key: 'contactIds' | 'leadIds'): string[] {
  return found ? (found[key] as string[]) : [];
}

/** Comma-separated values of a parameter, blanks left out. */
function values(param: string | null): string[] {
  return (param ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The checks of CrmContextService.checkLookup: count, email pattern, phone rule. */
function checkValues(emails: string[], phones: string[]): Array<Record<string, string>> {
  const count = emails.length + phones.length;
  if (count === 0) {
    const message = 'Give at least one email or phone: ?email=a@example.com,b@example.com&phone=%2B33612345678';
    return [{ code: 'REQUIRED_FIELD_MISSING', message, path: '$' }];
  }
  if (count > MAX_LOOKUP_VALUES) {
    const message = `Give at most ${MAX_LOOKUP_VALUES} values in email and phone together (comma-separated); this request has ${count}.`;
    return [{ code: 'TOO_MANY_VALUES', message, path: '$' }];
  }
  return [
    ...emails.flatMap((e, i) =>
      e.length <= 80 && EMAIL.test(e)
        ? []
        : [{ code: 'INVALID_FORMAT', message: `email "${e}" is not an email address.`, path: `$.email[${i}]` }]
    ),
    ...phones.flatMap((p, i) =>
      p.length <= 40 && normalizePhone(p, DEFAULT_COUNTRY)
        ? []
        : [
            {
              code: 'INVALID_FORMAT',
              message: `phone "${p}" is not a phone number (E.164, or national for default country ${DEFAULT_COUNTRY}).`,
              path: `$.phone[${i}]`
            }
          ]
    )
  ];
}
