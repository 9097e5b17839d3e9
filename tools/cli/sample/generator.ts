/**
 * Deterministic, realistic call payloads: same (seed, index, kind) → same payload. International names
 * (é, ß, 李), phone numbers in French, British, American and German formats, long summaries, many highlights,
 * and now and then a very large call, all within the contract's limits.
 */
import type {
  CrmAnswer,
  CallPayload,
  CommentInfo,
  HighlightInfo,
  ParticipantInfo,
  TopicInfo
} from '../../../contract/types/call-payload';
import { Prng, seedTag } from './prng';
import {
  CALL_PROVIDERS,
  CATEGORIES,
  COMPANIES,
  FREE_MAIL,
  LOCALES,
  MEETING_PROVIDERS,
  SELLER_DOMAIN,
  SENTENCES,
  TAGS,
  TOPICS,
  type Country,
  type Locale
} from './data';

export type SampleKind = 'call' | 'meeting' | 'mixed';

/** A generated payload: the contract's type, with the parts the generator always fills made required. */
export type SamplePayload = CallPayload &
  Required<Pick<CallPayload, 'schemaVersion' | 'updatedAt' | 'title' | 'direction' | 'language' | 'provider'>> & {
    participants: ParticipantInfo[];
    topics: TopicInfo[];
    highlights: HighlightInfo[];
    tags: string[];
    comments: CommentInfo[];
  };

/** Base instant of generated calls: 2026-01-05T08:00:00Z, then spread over 300 days. */
const BASE_MS = Date.UTC(2026, 0, 5, 8, 0, 0);

export interface GenerateOptions {
  seed: string;
  kind: SampleKind;
}

export function generatePayload(index: number, options: GenerateOptions): SamplePayload {
  // The order of the draws below is the payload: changing it changes every sample of every seed.
  const rng = new Prng(`${options.seed}#${index}`);
  const shape = callShape(rng, index, options);
  const participants = participantsOf(rng, shape);
  const sentences = SENTENCES[shape.lang] ?? SENTENCES.en;
  const topics = topicsOf(rng, shape);
  const highlights = highlightsOf(rng, shape, sentences, participants);
  const comments = commentsOf(rng, shape, sentences);
  const summaryParagraphs = shape.heavy ? rng.int(60, 200) : rng.int(2, 12);
  const summary = Array.from({ length: summaryParagraphs }, () => paragraph(rng, sentences, rng.int(3, 8))).join(
    '\n\n'
  );
  const tags = Array.from(new Set(Array.from({ length: rng.int(0, 5) }, () => rng.pick(TAGS))));
  const { kind, startMs, durationSeconds, version, modjoCallId, locale } = shape;
  const updatedMs = startMs + durationSeconds * 1000 + rng.int(5, 120) * 60_000 + version * 60_000;
  const payload: SamplePayload = {
    schemaVersion: '1.0',
    modjoCallId,
    version,
    updatedAt: isoWithOffset(updatedMs, 0),
    kind,
    title: title(rng, kind, shape.company.name, locale, shape.lang),
    startedAt: isoWithOffset(startMs, shape.offset),
    durationSeconds,
    direction: direction(rng, kind),
    language: locale.language,
    url: `https://app.modjo.ai/calls/${modjoCallId}`,
    provider: { name: shape.providerName, callId: providerCallId(rng, shape.providerName) },
    participants,
    summary,
    topics,
    highlights,
    tags,
    comments
  };
  addOptionalParts(rng, payload, sentences);
  return payload;
}

/** What the rest of a payload depends on: kind, size, locale, company, time, version, provider. */
interface CallShape {
  kind: 'call' | 'meeting';
  /** About one call in fifty is very large (hundreds of highlights, tens of participants). */
  heavy: boolean;
  locale: Locale;
  lang: string;
  company: (typeof COMPANIES)[number];
  startMs: number;
  durationSeconds: number;
  offset: number;
  version: number;
  providerName: string;
  modjoCallId: string;
}

function callShape(rng: Prng, index: number, options: GenerateOptions): CallShape {
  const kind: 'call' | 'meeting' = options.kind === 'mixed' ? (rng.chance(0.55) ? 'call' : 'meeting') : options.kind;
  const heavy = rng.chance(0.02);
  const locale = rng.weighted<Locale>(LOCALES.map((l) => [l, l.country === 'CN' ? 1 : 3] as const));
  const company = rng.pick(COMPANIES);
  const startMs = BASE_MS + rng.int(0, 300) * 86_400_000 + rng.int(0, 10 * 3600) * 1000;
  const durationSeconds = kind === 'call' ? rng.int(20, 1800) : rng.int(600, 5400);
  const version = rng.int(1, 6);
  const providerName = rng.pick(kind === 'call' ? CALL_PROVIDERS : MEETING_PROVIDERS);
  return {
    kind,
    heavy,
    locale,
    lang: locale.language.slice(0, 2),
    company,
    startMs,
    durationSeconds,
    offset: offsetFor(locale, startMs),
    version,
    providerName,
    modjoCallId: `smp-${seedTag(options.seed)}-${String(index).padStart(7, '0')}`
  };
}

/** The seller first, then the customer side (one on a call, up to forty on a large meeting), maybe a colleague. */
function participantsOf(rng: Prng, shape: CallShape): ParticipantInfo[] {
  const { kind, heavy } = shape;
  const seller = person(rng, rng.pick(LOCALES.slice(0, 4)));
  const sellerEmail = `${emailLocal(seller.first, seller.last, seller.locale)}@${SELLER_DOMAIN}`;
  const participants: ParticipantInfo[] = [
    { name: seller.display, email: sellerEmail, internal: true, modjoUserEmail: sellerEmail }
  ];
  const externalCount = kind === 'call' ? 1 : rng.int(1, heavy ? 40 : 5);
  for (let i = 0; i < externalCount; i++) participants.push(externalParticipant(rng, shape, i));
  if (kind === 'meeting' && rng.chance(0.3)) {
    const colleague = person(rng, rng.pick(LOCALES.slice(0, 4)));
    participants.push({
      name: colleague.display,
      email: `${emailLocal(colleague.first, colleague.last, colleague.locale)}@${SELLER_DOMAIN}`,
      internal: true
    });
  }
  return participants;
}

function externalParticipant(rng: Prng, shape: CallShape, i: number): ParticipantInfo {
  const { kind, locale, company } = shape;
  const p = person(rng, rng.chance(0.8) ? locale : rng.pick(LOCALES));
  const entry: ParticipantInfo = { name: p.display, internal: false };
  const domain = rng.chance(0.15) ? rng.pick(FREE_MAIL) : company.domain;
  if (kind === 'meeting' || rng.chance(0.5))
    entry.email = `${emailLocal(p.first, p.last, p.locale)}${i || ''}@${domain}`;
  if (kind === 'call' || rng.chance(0.3)) entry.phone = phone(rng, p.locale.country === 'CN' ? 'FR' : p.locale.country);
  if (rng.chance(0.1)) entry.salesforceId = sfId(rng, rng.chance(0.5) ? '003' : '00Q');
  if (!entry.email && !entry.phone) entry.phone = phone(rng, 'US');
  return entry;
}

function topicsOf(rng: Prng, { heavy, durationSeconds }: CallShape): TopicInfo[] {
  const topicCount = heavy ? rng.int(40, 120) : rng.int(1, 8);
  const topics: TopicInfo[] = [];
  const usedTopics = new Set<string>();
  for (let i = 0; i < topicCount; i++) {
    let name = rng.pick(TOPICS);
    if (usedTopics.has(name)) name = `${name} ${i + 1}`;
    usedTopics.add(name);
    const moments = Array.from({ length: rng.int(1, 6) }, () => {
      const startSecond = rng.int(0, Math.max(0, durationSeconds - 1));
      return rng.chance(0.7)
        ? { startSecond, endSecond: Math.min(durationSeconds, startSecond + rng.int(1, 90)) }
        : { startSecond };
    }).sort((a, b) => a.startSecond - b.startSecond);
    topics.push({ name, moments });
  }
  return topics;
}

function highlightsOf(
  rng: Prng,
  { heavy, durationSeconds }: CallShape,
  sentences: string[],
  participants: ParticipantInfo[]
): HighlightInfo[] {
  const highlightCount = heavy ? rng.int(300, 500) : rng.int(3, 40);
  const speakers = participants.map((p) => p.name ?? p.email ?? 'Unknown');
  const highlights: HighlightInfo[] = [];
  for (let i = 0; i < highlightCount; i++) {
    const startSecond = Math.floor((durationSeconds * i) / highlightCount);
    const entry: HighlightInfo = {
      text: paragraph(rng, sentences, rng.int(1, heavy && i % 50 === 0 ? 40 : 3)),
      startSecond
    };
    if (rng.chance(0.8)) entry.endSecond = Math.min(durationSeconds, startSecond + rng.int(3, 60));
    if (rng.chance(0.9)) entry.speaker = rng.pick(speakers);
    if (rng.chance(0.7)) entry.category = rng.pick(CATEGORIES);
    highlights.push(entry);
  }
  return highlights;
}

function commentsOf(
  rng: Prng,
  { heavy, startMs, durationSeconds, offset }: CallShape,
  sentences: string[]
): CommentInfo[] {
  const commentCount = rng.int(0, heavy ? 60 : 4);
  const comments: CommentInfo[] = [];
  for (let i = 0; i < commentCount; i++) {
    const c = person(rng, rng.pick(LOCALES.slice(0, 4)));
    const createdMs = startMs + durationSeconds * 1000 + rng.int(60, 7 * 86_400) * 1000;
    const comment: CommentInfo = {
      author: `${emailLocal(c.first, c.last, c.locale)}@${SELLER_DOMAIN}`,
      text: paragraph(rng, sentences, rng.int(1, 3)),
      createdAt: isoWithOffset(createdMs, offset)
    };
    if (rng.chance(0.6)) comment.atSecond = rng.int(0, durationSeconds);
    comments.push(comment);
  }
  return comments;
}

function direction(rng: Prng, kind: 'call' | 'meeting'): SamplePayload['direction'] {
  return kind === 'call'
    ? rng.weighted([
        ['outbound', 6],
        ['inbound', 3],
        ['unknown', 1]
      ] as const)
    : rng.weighted([
        ['outbound', 5],
        ['internal', 1],
        ['unknown', 2]
      ] as const);
}

/**
 * CRM filling answers (schema 1.1): all valid for the contract, some refused when applied, so that a seeded org
 * shows every audit status. Refused at run time (docs/crm-filling.md, "Conversion rules"): a picklist value the
 * sample mappings' fields do not have, a decision date before 1700 (outside Salesforce's date range), a budget in
 * a currency other than the record's (multi-currency orgs) and a key no mapping names.
 */
function crmAnswers(rng: Prng, sentences: string[]): CrmAnswer[] {
  const moment = (): CrmAnswer['moment'] => ({
    atSecond: rng.int(30, 1800),
    speaker: rng.pick(['Camille Durand', 'Alex Martin', 'Sam Lee']),
    quote: paragraph(rng, sentences, 1)
  });
  const answers: CrmAnswer[] = [
    { key: 'next_steps', kind: 'longText', textValue: paragraph(rng, sentences, 2), confidence: 0.9, moment: moment() },
    {
      key: 'budget',
      kind: 'currency',
      numberValue: rng.int(5, 500) * 1000,
      currencyIsoCode: rng.pick(['EUR', 'EUR', 'USD']),
      confidence: 0.75,
      moment: moment()
    },
    { key: 'decision_date', kind: 'date', dateValue: rng.chance(0.8) ? '2027-02-15' : '1650-01-01', moment: moment() },
    { key: 'competitor', kind: 'multiPicklist', picklistValues: rng.chance(0.7) ? ['Gong'] : ['Gong', 'Not A Value'] },
    { key: 'champion_identified', kind: 'boolean', booleanValue: rng.chance(0.5) }
  ];
  if (rng.chance(0.3)) answers.push({ key: 'custom_question_7', kind: 'text', textValue: 'Unmapped answer' });
  return answers;
}

/** Notes, CRM filling and Salesforce ids, each on some payloads only. */
function addOptionalParts(rng: Prng, payload: SamplePayload, sentences: string[]): void {
  if (rng.chance(0.4)) payload.notes = paragraph(rng, sentences, rng.int(2, 10));
  if (rng.chance(0.3)) payload.crmFilling = crmAnswers(rng, sentences);
  if (rng.chance(0.3)) {
    payload.salesforce = { accountId: sfId(rng, '001') };
    if (rng.chance(0.6)) payload.salesforce.opportunityId = sfId(rng, '006');
  }
}

/** Generates `count` payloads starting at `start` (for streaming output in chunks). */
export function* generatePayloads(count: number, options: GenerateOptions, start = 0): Generator<SamplePayload> {
  for (let i = start; i < start + count; i++) yield generatePayload(i, options);
}

interface Person {
  first: string;
  last: string;
  display: string;
  locale: Locale;
}

function person(rng: Prng, locale: Locale): Person {
  const first = rng.pick(locale.firstNames);
  const last = rng.pick(locale.lastNames);
  const display = locale.country === 'CN' ? `${last}${first}` : `${first} ${last}`;
  return { first, last, display, locale };
}

/** ASCII e-mail local part: accents stripped, ß → ss, Chinese names transliterated. */
export function emailLocal(first: string, last: string, locale: Locale): string {
  const toAscii = (s: string): string =>
    (locale.latin?.[s] ?? s)
      .replace(/ß/g, 'ss')
      .replace(/[Ææ]/g, 'ae')
      .replace(/[Øø]/g, 'o')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');
  return `${toAscii(first)}.${toAscii(last)}`;
}

/** Local and international formats as people type them in CRMs and dialers. */
export function phone(rng: Prng, country: Country): string {
  switch (country) {
    case 'FR': {
      const mobile = rng.chance(0.6);
      const first = mobile ? rng.pick(['6', '7']) : rng.pick(['1', '2', '3', '4', '5', '9']);
      const rest = rng.digits(8);
      const pairs = `${rest.slice(0, 2)} ${rest.slice(2, 4)} ${rest.slice(4, 6)} ${rest.slice(6, 8)}`;
      return rng.pick([
        `+33 ${first} ${pairs}`,
        `0${first} ${pairs}`,
        `0033${first}${rest}`,
        `+33${first}${rest}`,
        `0${first}.${pairs.replace(/ /g, '.')}`
      ]);
    }
    case 'GB': {
      if (rng.chance(0.5)) {
        const rest = rng.digits(6);
        return rng.pick([`+44 7700 ${rest}`, `07700 ${rest}`, `+447700${rest}`]);
      }
      const a = rng.digits(4);
      const b = rng.digits(4);
      return rng.pick([`+44 20 ${a} ${b}`, `020 ${a} ${b}`, `+44 (0)20 ${a} ${b}`]);
    }
    case 'US': {
      const area = rng.pick(['212', '415', '312', '617', '206', '512']);
      const line = rng.digits(4);
      return rng.pick([
        `+1 (${area}) 555-${line}`,
        `(${area}) 555-${line}`,
        `${area}-555-${line}`,
        `+1${area}555${line}`,
        `1.${area}.555.${line}`
      ]);
    }
    case 'DE': {
      if (rng.chance(0.5)) {
        const net = rng.pick(['151', '160', '170', '176']);
        const rest = rng.digits(8);
        return rng.pick([`+49 ${net} ${rest}`, `0${net} ${rest}`, `+49 (0)${net} ${rest}`]);
      }
      const rest = rng.digits(8);
      return rng.pick([`+49 30 ${rest}`, `030 ${rest}`, `+49 89 ${rest.slice(0, 7)}`, `089/${rest.slice(0, 7)}`]);
    }
    default:
      return `+86 138 ${rng.digits(4)} ${rng.digits(4)}`;
  }
}

function sfId(rng: Prng, prefix: string): string {
  return `${prefix}${rng.alnum(15)}`;
}

function providerCallId(rng: Prng, provider: string): string {
  switch (provider) {
    case 'Aircall':
      return String(rng.int(100_000_000, 999_999_999));
    case 'Amazon Connect':
      return `${rng.alnum(8)}-${rng.alnum(4)}-${rng.alnum(4)}-${rng.alnum(4)}-${rng.alnum(12)}`.toLowerCase();
    case 'Twilio':
      return `CA${rng.alnum(32).toLowerCase()}`;
    case 'Zoom':
      return rng.digits(11);
    case 'Google Meet':
      return `${rng.alnum(3)}-${rng.alnum(4)}-${rng.alnum(3)}`.toLowerCase();
    default:
      return rng.alnum(20);
  }
}

function title(rng: Prng, kind: 'call' | 'meeting', company: string, locale: Locale, lang: string): string {
  const what =
    lang === 'fr'
      ? rng.pick(['Découverte', 'Démo produit', 'Point négociation', 'Suivi pilote', 'Appel de qualification'])
      : lang === 'de'
        ? rng.pick(['Erstgespräch', 'Produktdemo', 'Verhandlung', 'Pilot-Review'])
        : lang === 'zh'
          ? rng.pick(['产品演示', '需求沟通', '商务谈判'])
          : rng.pick(['Discovery call', 'Product demo', 'Negotiation', 'Pilot review', 'Qualification call']);
  const base = `${what} — ${company}`;
  if (rng.chance(0.03)) return `${base} ${'(follow-up) '.repeat(30)}`.trim();
  return kind === 'meeting' && locale.country !== 'CN'
    ? `${base} / ${rng.pick(['Q1', 'Q2', 'Q3', 'Q4'])} planning`
    : base;
}

function paragraph(rng: Prng, sentences: string[], count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(rng.pick(sentences));
  return parts.join(' ');
}

function offsetFor(locale: Locale, utcMs: number): number {
  const month = new Date(utcMs).getUTCMonth();
  const summer = month >= 3 && month <= 9;
  return summer ? locale.offsets[1] : locale.offsets[0];
}

/** ISO 8601 with an explicit offset, e.g. 2026-03-14T10:30:00+01:00 (Z for UTC). */
export function isoWithOffset(utcMs: number, offsetMinutes: number): string {
  const local = new Date(utcMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
