/*
 * Small shared helpers of the call cards: durations and offsets in the user's locale, safe external links, the
 * Modjo player link at a moment of the call, label templates, search and error text; and of the setup page: missing
 * accesses grouped by feature. No DOM, no platform calls.
 */
export type {
  CallCardDto,
  CallCommentDto,
  CallDetailDto,
  CallHighlightDto,
  CallLinkDto,
  CallExplanationLineDto,
  CallPageDto,
  CallParticipantDto,
  CallTopicDto
} from './types';
import type { CallCardDto, CallPageDto } from './types';

/** Fills `{0}`, `{1}`… of a Custom Label with the given values. */
export function formatLabel(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match: string, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? match : String(value);
  });
}

/** A label template in its singular and plural forms (two Custom Labels, `…_One` and `…_Other`). */
export interface PluralForms {
  one: string;
  other: string;
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(store: Map<string, T>, locale: string, build: (locale: string | undefined) => T): T {
  let value = store.get(locale);
  if (!value) {
    try {
      value = build(locale);
    } catch {
      // An unknown locale string: the runtime's default locale still gives a readable text.
      value = build(undefined);
    }
    store.set(locale, value);
  }
  return value;
}

/**
 * The singular or plural form of a label for a count, chosen by `Intl.PluralRules` of the user's language (French
 * says "1 appel", "0 appel", "2 appels"; English "1 call", "0 calls"), `{0}` filled with the count in the locale.
 */
export function pluralLabel(forms: PluralForms, count: number, locale: string): string {
  const numbers = cached(numberFormats, locale, (l) => new Intl.NumberFormat(l));
  return formatLabel(pluralTemplate(forms, count, locale), numbers.format(count));
}

/**
 * The singular or plural template for a count, unfilled: for labels with several numbers ("{0} of {1} calls shown",
 * "1 sur 1 participant externe associé") where the count that governs the noun is not `{0}`.
 */
export function pluralTemplate(forms: PluralForms, count: number, locale: string): string {
  const rules = cached(pluralRules, locale, (l) => new Intl.PluralRules(l));
  return rules.select(count) === 'one' ? forms.one : forms.other;
}

const listFormats = new Map<string, Intl.ListFormat>();

/** Names joined the way the language joins them: "Zoé, Jörg and Li Wei" (en), "Zoé, Jörg et Li Wei" (fr). */
export function formatList(items: string[], locale: string): string {
  const format = cached(listFormats, locale, (l) => new Intl.ListFormat(l, { style: 'long', type: 'conjunction' }));
  return format.format(items);
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY]
];

/**
 * How long ago a moment was, in the user's language: "3 days ago", "yesterday", "il y a 3 jours", "hier".
 * `now` is a parameter so that tests and every card of one render share one clock. Empty for a missing value.
 */
export function formatRelative(iso: string | null | undefined, now: number, locale: string): string {
  const time = iso ? new Date(iso).getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    return '';
  }
  const format = cached(relativeFormats, locale, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  let value = (time - now) / 1000;
  for (const [unitName, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) {
      return format.format(Math.round(value), unitName);
    }
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

/** True when a click asks the browser for a new tab or window (Ctrl/Cmd/Shift/middle click): let it follow the href. */
export function isModifiedClick(event: Event): boolean {
  const mouse = event as MouseEvent;
  return !!(mouse.ctrlKey || mouse.metaKey || mouse.shiftKey || mouse.altKey || (mouse.button ?? 0) !== 0);
}

const unitFormats = new Map<string, Intl.NumberFormat>();

/** A number with a unit in the locale ("5 min", "5 min" in French); formatters are built once per locale and unit. */
function unit(locale: string, value: number, unitName: 'hour' | 'minute' | 'second'): string {
  const key = `${locale}|${unitName}`;
  let format = unitFormats.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions = { style: 'unit', unit: unitName, unitDisplay: 'short' };
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      // An unknown locale string: fall back to the runtime's default locale.
      format = new Intl.NumberFormat(undefined, options);
    }
    unitFormats.set(key, format);
  }
  return format.format(value);
}

/**
 * A call duration in the user's locale: "1 hr 5 min", "12 min", "45 sec" (en-US), "1 h 5 min" (fr-FR).
 * Seconds are shown only below one minute. Empty for a missing or negative value.
 */
export function formatDuration(seconds: number | null | undefined, locale: string): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '';
  }
  const total = Math.round(seconds);
  if (total < 60) {
    return unit(locale, total, 'second');
  }
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const parts: string[] = [];
  if (hours > 0) {
    parts.push(unit(locale, hours, 'hour'));
  }
  if (minutes > 0 || hours === 0) {
    parts.push(unit(locale, minutes, 'minute'));
  }
  return parts.join(' ');
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date and time in the user's locale and time zone (the values of `@salesforce/i18n/locale` and
 * `@salesforce/i18n/timeZone`), medium date and short time: "Nov 26, 2026, 7:30 AM" (en-US, America/Los_Angeles),
 * "26 nov. 2026, 16:30" (fr-FR, Europe/Paris) — what lightning-formatted-date-time shows, without a base component
 * per card. Empty for a missing or unreadable value.
 */
export function formatDateTime(iso: string | null | undefined, locale: string, timeZone: string): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const key = `${locale}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    } catch {
      // Unknown locale or time zone: the runtime's defaults still give a readable date.
      format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    }
    dateTimeFormats.set(key, format);
  }
  return format.format(date);
}

/** A moment of the call as a player shows it: "4:05", "1:02:03". Empty for a missing value. */
export function formatOffset(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '';
  }
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Modjo's link hosts: the default of the Allowed Link Hosts setting (LinkPolicy.DEFAULT_ALLOWED_HOSTS). */
export const DEFAULT_LINK_HOSTS: readonly string[] = ['app.modjo.ai'];

/** ASCII letters in either case, tested before lower-casing (no Unicode letter lower-cases into an allowed host). */
const HOST = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
const HTTPS = 'https://';

/** The lower-case host of a link of the allowed shape (https, bare ASCII host, no space, control or backslash). */
function linkHost(url: string): string | undefined {
  if (url.length <= HTTPS.length || url.slice(0, HTTPS.length).toLowerCase() !== HTTPS) {
    return undefined;
  }
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x5c) {
      return undefined;
    }
  }
  const rest = url.slice(HTTPS.length);
  const end = rest.search(/[/?#]/);
  const host = end === -1 ? rest : rest.slice(0, end);
  return HOST.test(host) ? host.toLowerCase() : undefined;
}

/** Whether a host matches an entry: exact (`app.modjo.ai`) or below a domain (`*.modjo.ai`). */
function hostAllowed(host: string, entry: string): boolean {
  const rule = entry.trim().toLowerCase();
  if (rule.startsWith('*.')) {
    const suffix = rule.slice(1);
    return (
      HOST.test(rule.slice(2)) && rule.slice(2).includes('.') && host.endsWith(suffix) && host.length > suffix.length
    );
  }
  return HOST.test(rule) && host === rule;
}

/**
 * The URL when it is an https link to an allowed host, otherwise undefined. Every link built from call data goes
 * through it, so a `javascript:`, `data:`, http, relative or foreign link stored in a field never becomes a link
 * (issue 15 item 6). The rule is LinkPolicy's (Apex) and contract/links.ts's, held to the same answers by the link
 * conformance vectors: `https://` in any case, a bare ASCII host (no user info, port or trailing dot), no space,
 * control character or backslash anywhere, the host exact or under a `*.` entry of the allowed hosts.
 * @param url the stored link
 * @param allowedHosts the Allowed Link Hosts entries the controller returns (CallCardDto.allowedLinkHosts); when
 *   absent (an older controller), Modjo's default hosts; an empty list (every entry of the setting invalid, so Apex
 *   keeps no link) allows none
 * @returns the URL as stored, or undefined
 */
export function safeUrl(url: string | null | undefined, allowedHosts?: readonly string[] | null): string | undefined {
  if (!url) {
    return undefined;
  }
  const host = linkHost(url);
  const hosts = allowedHosts ?? DEFAULT_LINK_HOSTS;
  return host !== undefined && hosts.some((entry) => hostAllowed(host, entry)) ? url : undefined;
}

/**
 * The Modjo player at a moment of the call. The payload gives the call's URL only (`url`, stored in `Modjo_Url__c`);
 * the player seeks to the `t` query parameter, in whole seconds: `https://app.modjo.ai/calls/123?t=95`. An existing
 * `t` is replaced, other parameters and the fragment are kept. Undefined when the call URL is not a safe URL.
 */
export function playerUrl(
  callUrl: string | null | undefined,
  seconds: number | null | undefined,
  allowedHosts?: readonly string[] | null
): string | undefined {
  const base = safeUrl(callUrl, allowedHosts);
  if (!base) {
    return undefined;
  }
  const url = new URL(base);
  if (seconds !== null && seconds !== undefined && Number.isFinite(seconds) && seconds >= 0) {
    url.searchParams.set('t', String(Math.floor(seconds)));
  }
  return url.href;
}

/** Lower case without accents, so "zoe" finds "Zoé" and "strasse" does not need "ß" (but "straße" finds it). */
export function normalizeText(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase();
}

/** The text a search looks into: title, summary, provider, participants, topics, tags, highlights. */
export function searchableText(call: CallCardDto): string {
  const parts: (string | null | undefined)[] = [call.title, call.summary, call.provider];
  for (const participant of call.participants ?? []) {
    parts.push(participant.name, participant.email, participant.recordName);
  }
  for (const topic of call.topics ?? []) {
    parts.push(topic.name);
  }
  for (const highlight of call.highlights ?? []) {
    parts.push(highlight.text);
  }
  parts.push(...(call.tags ?? []));
  return normalizeText(parts.filter((part) => !!part).join('\n'));
}

/** Whether a call matches a topic (empty: every topic) and a search term (empty: everything). */
export function matchesFilter(call: CallCardDto, topic: string, term: string, haystack?: string): boolean {
  if (topic && !(call.topics ?? []).some((candidate) => candidate.name === topic)) {
    return false;
  }
  const needle = normalizeText(term.trim());
  if (!needle) {
    return true;
  }
  return (haystack ?? searchableText(call)).includes(needle);
}

/** The two messages of a page that may miss calls (Custom Labels `{0}`: a number). */
export interface SearchWarningLabels {
  /** A look-up reached the row limit; `{0}` is `searchLimit` (Cards_Search_Incomplete). */
  rowLimit: string;
  /** Only the newest summaries were read; `{0}` is `summariesRead` (Cards_Search_Summaries_Incomplete). */
  summaries: string;
}

/**
 * Why a page of the filtered list may miss calls, or '' when it cannot: the summaries read only in part first (it
 * says what narrows the search: a topic), else a look-up over the row limit. Numbers in the user's locale.
 */
export function searchWarning(
  page: Pick<CallPageDto, 'incomplete' | 'searchLimit' | 'summariesIncomplete' | 'summariesRead'>,
  labels: SearchWarningLabels,
  locale: string
): string {
  const numbers = cached(numberFormats, locale, (l) => new Intl.NumberFormat(l));
  if (page.summariesIncomplete) {
    return formatLabel(labels.summaries, numbers.format(page.summariesRead ?? 0));
  }
  return page.incomplete ? formatLabel(labels.rowLimit, numbers.format(page.searchLimit ?? 0)) : '';
}

interface ErrorLike {
  body?: { message?: string } | { message?: string }[] | null;
  message?: string;
}

/** The readable message of an Apex / wire error (`AuraHandledException` message first). */
export function errorMessage(error: unknown, fallback: string): string {
  if (!error || typeof error !== 'object') {
    return fallback;
  }
  const { body, message } = error as ErrorLike;
  if (Array.isArray(body)) {
    const messages = body.map((entry) => entry?.message).filter((text): text is string => !!text);
    return messages.length ? messages.join(' ') : fallback;
  }
  if (body && typeof body.message === 'string' && body.message) {
    return body.message;
  }
  return message || fallback;
}

/** A record page to navigate to (the `standard__recordPage` page reference). */
export interface RecordPageReference {
  type: 'standard__recordPage';
  attributes: { recordId: string; objectApiName?: string; actionName: 'view' };
}

/**
 * The record page a clicked link stands for, read from its `data-record-id` and `data-object-api-name`;
 * undefined when the link carries no record id (the browser then follows its href).
 */
export function recordPageOf(event: Event): RecordPageReference | undefined {
  const target = event.currentTarget as HTMLElement | null;
  const recordId = target?.dataset.recordId;
  if (!recordId) {
    return undefined;
  }
  return {
    type: 'standard__recordPage',
    attributes: { recordId, objectApiName: target?.dataset.objectApiName || undefined, actionName: 'view' }
  };
}

/** One access a user lacks (Apex AccessCheck.missing). */
/** One access a user lacks: an object or field access, or a custom permission (no object, no field). */
export interface MissingAccess {
  object: string | null;
  field: string | null;
  permission?: string | null;
  access: 'read' | 'create' | 'edit' | 'permission';
  feature: string;
  fix: string;
}

export interface FeatureGroup {
  feature: string;
  fixes: { key: string; text: string }[];
}

/** Missing accesses grouped by the feature they break, in the order the Apex lists them. */
export function groupByFeature(missing: MissingAccess[] | null | undefined): FeatureGroup[] {
  const groups = new Map<string, FeatureGroup>();
  for (const entry of missing ?? []) {
    let group = groups.get(entry.feature);
    if (!group) {
      group = { feature: entry.feature, fixes: [] };
      groups.set(entry.feature, group);
    }
    group.fixes.push({
      key: `${entry.object ?? ''}.${entry.field ?? ''}.${entry.permission ?? ''}.${entry.access}`,
      text: entry.fix
    });
  }
  return [...groups.values()];
}
