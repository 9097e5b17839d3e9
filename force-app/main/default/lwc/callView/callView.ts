/*
 * c/callView — what a call card shows, computed once per call: the template then reads plain properties only.
 * Order of the expanded card (issue 12, "what matters first"): next steps, key moments by category, topics with their
 * count and first moment, then the summary, the people (external first), tags, comments and the match explanation.
 */
import LOCALE from '@salesforce/i18n/locale';
import LANG from '@salesforce/i18n/lang';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import {
  formatDateTime,
  formatDuration,
  formatLabel,
  formatList,
  formatOffset,
  formatRelative,
  playerUrl,
  pluralLabel,
  safeUrl,
  type CallCardDto,
  type CallHighlightDto,
  type CallParticipantDto,
  type CallTopicDto
} from 'c/modjoFormat';
import { explanationLines, matchStatusLabel } from './matchLines';
import KIND_CALL from '@salesforce/label/c.Cards_Kind_Call';
import KIND_MEETING from '@salesforce/label/c.Cards_Kind_Meeting';
import DIRECTION_INBOUND from '@salesforce/label/c.Cards_Direction_Inbound';
import DIRECTION_OUTBOUND from '@salesforce/label/c.Cards_Direction_Outbound';
import DIRECTION_INTERNAL from '@salesforce/label/c.Cards_Direction_Internal';
import DIRECTION_UNKNOWN from '@salesforce/label/c.Cards_Direction_Unknown';
import PARTICIPANTS from '@salesforce/label/c.Cards_Participants';
import INTERNAL from '@salesforce/label/c.Cards_Internal';
import NOT_IN_SALESFORCE from '@salesforce/label/c.Cards_Not_In_Salesforce';
import OPEN_RECORD from '@salesforce/label/c.Cards_Open_Record';
import OPEN_CALL from '@salesforce/label/c.Cards_Open_Call';
import SUMMARY from '@salesforce/label/c.Cards_Summary';
import SHOW_MORE from '@salesforce/label/c.Cards_Show_More';
import SHOW_LESS from '@salesforce/label/c.Cards_Show_Less';
import SUMMARY_SHORTENED from '@salesforce/label/c.Cards_Summary_Shortened';
import TOPICS from '@salesforce/label/c.Cards_Topics';
import HIGHLIGHTS from '@salesforce/label/c.Cards_Highlights';
import NEXT_STEPS from '@salesforce/label/c.Cards_Next_Steps';
import PLAY_AT from '@salesforce/label/c.Cards_Play_At';
import PLAY_CALL from '@salesforce/label/c.Cards_Play_Call';
import MORE_HIGHLIGHTS_ONE from '@salesforce/label/c.Cards_More_Highlights_One';
import MORE_HIGHLIGHTS_OTHER from '@salesforce/label/c.Cards_More_Highlights';
import TAGS from '@salesforce/label/c.Cards_Tags';
import COMMENT_COUNT_ONE from '@salesforce/label/c.Cards_Comment_Count_One';
import COMMENT_COUNT_OTHER from '@salesforce/label/c.Cards_Comment_Count';
import TOPIC_COUNT from '@salesforce/label/c.Cards_Topic_Count';
import TOPIC_FIRST_AT from '@salesforce/label/c.Cards_Topic_First_At';
import FILTER_BY_TOPIC from '@salesforce/label/c.Cards_Filter_By_Topic';
import OPEN_IN_MODJO from '@salesforce/label/c.Cards_Open_In_Modjo';
import NEW_TAB from '@salesforce/label/c.Cards_New_Tab';
import MATCH_EXPLANATION from '@salesforce/label/c.Cards_Match_Explanation';
import DURATION from '@salesforce/label/c.Cards_Duration';
import PROVIDER from '@salesforce/label/c.Cards_Provider';
import MORE_PEOPLE_ONE from '@salesforce/label/c.Cards_More_People_One';
import MORE_PEOPLE_OTHER from '@salesforce/label/c.Cards_More_People';
import DETAILS_OF from '@salesforce/label/c.Cards_Details_Of';

export { SHOW_LESS, SHOW_MORE };
/** A match status in the user's language, for the bundles that show statuses outside the card (callDetail). */
export { matchStatusLabel };

/** Texts the card template shows as they are. */
export const CARD_LABELS = {
  participants: PARTICIPANTS,
  internal: INTERNAL,
  notInSalesforce: NOT_IN_SALESFORCE,
  summary: SUMMARY,
  summaryShortened: SUMMARY_SHORTENED,
  topics: TOPICS,
  highlights: HIGHLIGHTS,
  nextSteps: NEXT_STEPS,
  tags: TAGS,
  openInModjo: OPEN_IN_MODJO,
  openCall: OPEN_CALL,
  newTab: NEW_TAB,
  matchExplanation: MATCH_EXPLANATION,
  duration: DURATION,
  provider: PROVIDER
};

/** Summaries longer than this start collapsed (a few lines) with a "Show more" button. */
export const SUMMARY_COLLAPSE_CHARS = 280;
/**
 * Characters of a collapsed summary put in the page: more than three lines of the widest card, so the CSS line clamp
 * still ends it with an ellipsis, while a 5,000-character summary is not laid out until "Show more".
 */
export const SUMMARY_PREVIEW_CHARS = 400;
/** Longest summary a card in a list carries (CallCardMapper.LIST_SUMMARY_LIMIT); longer ones were shortened. */
export const LIST_SUMMARY_LIMIT = 10000;
/** External people named on a compact row; the others are counted ("and 2 more"). */
export const ROW_PEOPLE = 2;
/** Highlight categories shown as the "Next steps" block (Highlight__c.Category__c as Modjo sends it). */
const NEXT_STEP_CATEGORY = /^next\s*steps?$/i;

const DIRECTIONS: Record<string, string> = {
  Inbound: DIRECTION_INBOUND,
  Outbound: DIRECTION_OUTBOUND,
  Internal: DIRECTION_INTERNAL,
  Unknown: DIRECTION_UNKNOWN
};

export interface ParticipantView {
  key: string;
  name: string;
  recordId?: string;
  objectApiName?: string;
  href?: string;
  linkTitle?: string;
  isInternal: boolean;
  isUnmatched: boolean;
}

export interface HighlightView {
  key: string;
  time: string;
  text: string;
  speaker: string;
  href?: string;
  playLabel: string;
}

export interface HighlightGroup {
  key: string;
  category: string;
  items: HighlightView[];
}

/** A block of moments: "Next steps" (one group) or "Key moments" (a group per category). */
export interface MomentSection {
  key: string;
  title: string;
  groups: HighlightGroup[];
  more: string;
}

export interface TopicView {
  key: string;
  name: string;
  count: string;
  firstAt: string;
  firstHref?: string;
  playLabel: string;
  filterLabel: string;
}

export interface MetaItem {
  key: string;
  text: string;
  assistive: string;
  /** A "·" after the item: a wrapped line then ends with the dot and never starts with one. */
  dot: boolean;
}

export interface CardView {
  title: string;
  iconName: string;
  kindLabel: string;
  startedAt: string;
  startedAtIso: string;
  relativeDate: string;
  duration: string;
  people: string;
  meta: MetaItem[];
  recordHref: string;
  toggleLabel: string;
  summary: string;
  summaryPreview: string;
  hasSummary: boolean;
  isLongSummary: boolean;
  isShortened: boolean;
  participants: ParticipantView[];
  hasParticipants: boolean;
  topics: TopicView[];
  hasTopics: boolean;
  nextSteps?: MomentSection;
  keyMoments?: MomentSection;
  highlightCount: number;
  tags: { key: string; name: string }[];
  hasTags: boolean;
  comments: string;
  modjoUrl?: string;
  playLabel: string;
  matchExplanation: { key: string; text: string }[];
  hasMatchExplanation: boolean;
}

export function recordHref(recordId: string): string {
  return `/lightning/r/${recordId}/view`;
}

function participantView(participant: CallParticipantDto, index: number): ParticipantView {
  const name = participant.name || participant.recordName || participant.email || participant.phone || '—';
  const recordId = participant.recordId ?? undefined;
  return {
    key: participant.id || `participant-${index}`,
    name,
    recordId,
    objectApiName: participant.recordObjectApiName ?? undefined,
    href: recordId ? recordHref(recordId) : undefined,
    linkTitle: recordId ? formatLabel(OPEN_RECORD, participant.recordName || name) : undefined,
    isInternal: participant.isInternal === true,
    isUnmatched: !recordId && participant.isInternal !== true
  };
}

/** The start of a long summary, cut on a word boundary, for the collapsed list card. */
function preview(summary: string, detail: boolean): string {
  if (detail || summary.length <= SUMMARY_PREVIEW_CHARS) {
    return summary;
  }
  const cut = summary.slice(0, SUMMARY_PREVIEW_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > SUMMARY_PREVIEW_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

function highlightView(call: CallCardDto, highlight: CallHighlightDto, index: number): HighlightView {
  const time = formatOffset(highlight.startSecond);
  return {
    key: highlight.id || `highlight-${index}`,
    time,
    text: highlight.text ?? '',
    speaker: highlight.speaker ?? '',
    href: playerUrl(call.modjoUrl, highlight.startSecond, call.allowedLinkHosts),
    playLabel: `${formatLabel(PLAY_AT, time)} ${NEW_TAB}`
  };
}

/** Next steps apart; the other highlights grouped by category, categories in order of first appearance. */
function highlightParts(call: CallCardDto): { nextSteps: HighlightView[]; groups: HighlightGroup[] } {
  const nextSteps: HighlightView[] = [];
  const groups = new Map<string, HighlightGroup>();
  (call.highlights ?? []).forEach((highlight, index) => {
    const view = highlightView(call, highlight, index);
    const category = (highlight.category ?? '').trim();
    if (NEXT_STEP_CATEGORY.test(category)) {
      nextSteps.push(view);
      return;
    }
    const name = category || HIGHLIGHTS;
    let group = groups.get(name);
    if (!group) {
      group = { key: `group-${groups.size}`, category: name, items: [] };
      groups.set(name, group);
    }
    group.items.push(view);
  });
  return { nextSteps, groups: [...groups.values()] };
}

function topicView(call: CallCardDto, topic: CallTopicDto, index: number): TopicView {
  const name = topic.name as string;
  const firstAt = formatOffset(topic.firstSecond);
  const occurrences = topic.occurrences ?? 0;
  return {
    key: topic.id || `topic-${index}`,
    name,
    count: occurrences > 1 ? formatLabel(TOPIC_COUNT, occurrences) : '',
    firstAt: firstAt ? formatLabel(TOPIC_FIRST_AT, firstAt) : '',
    firstHref: firstAt ? playerUrl(call.modjoUrl, topic.firstSecond, call.allowedLinkHosts) : undefined,
    playLabel: firstAt ? `${formatLabel(PLAY_AT, firstAt)} ${NEW_TAB}` : '',
    filterLabel: formatLabel(FILTER_BY_TOPIC, name)
  };
}

/** External people first (matched or not), then internal ones, each group in the order Modjo sent. */
function orderedParticipants(call: CallCardDto): ParticipantView[] {
  const views = (call.participants ?? []).map(participantView);
  return [...views.filter((p) => !p.isInternal), ...views.filter((p) => p.isInternal)];
}

/** "Zoé Lefèvre, Jörg Straße and 2 more": the external people of a compact row. */
function peopleLine(participants: ParticipantView[]): string {
  const external = participants.filter((p) => !p.isInternal).map((p) => p.name);
  if (external.length <= ROW_PEOPLE + 1) {
    return external.length ? formatList(external, LANG) : '';
  }
  const rest = pluralLabel({ one: MORE_PEOPLE_ONE, other: MORE_PEOPLE_OTHER }, external.length - ROW_PEOPLE, LANG);
  return formatList([...external.slice(0, ROW_PEOPLE), rest], LANG);
}

function metaItems(parts: Array<[string, string, string]>): MetaItem[] {
  const present = parts.filter(([, text]) => !!text);
  return present.map(([key, text, assistive], index) => ({ key, text, assistive, dot: index < present.length - 1 }));
}

/** Builds everything the template shows, once per call (templates only read plain properties). */
export function buildView(call: CallCardDto, detail: boolean, now: number): CardView {
  const isMeeting = call.kind === 'Meeting';
  const summary = call.summary ?? '';
  const title = call.title || '—';
  const { nextSteps, groups } = highlightParts(call);
  const shown = nextSteps.length + groups.reduce((n, g) => n + g.items.length, 0);
  const hiddenHighlights = Math.max(0, (call.highlightCount ?? shown) - shown);
  const participants = orderedParticipants(call);
  const topics = (call.topics ?? []).filter((t) => !!t.name).map((t, i) => topicView(call, t, i));
  const tags = (call.tags ?? []).filter((tag) => !!tag).map((tag, index) => ({ key: `tag-${index}`, name: tag }));
  const duration = formatDuration(call.durationSeconds, LOCALE);
  const relativeDate = formatRelative(call.startedAt, now, LANG);
  const people = peopleLine(participants);
  const explanation = explanationLines(call);
  return {
    title,
    iconName: isMeeting ? 'standard:event' : 'standard:call',
    kindLabel: isMeeting ? KIND_MEETING : KIND_CALL,
    startedAt: formatDateTime(call.startedAt, LOCALE, TIME_ZONE),
    startedAtIso: call.startedAt ?? '',
    relativeDate,
    duration,
    people,
    meta: metaItems([
      ['duration', duration, DURATION],
      ['people', people, PARTICIPANTS],
      ['provider', detail ? (call.provider ?? '') : '', PROVIDER],
      ['direction', detail && call.direction ? (DIRECTIONS[call.direction] ?? call.direction) : '', '']
    ]),
    recordHref: recordHref(call.id),
    toggleLabel: formatLabel(DETAILS_OF, title),
    summary,
    summaryPreview: preview(summary, detail),
    hasSummary: summary.length > 0,
    isLongSummary: !detail && summary.length > SUMMARY_COLLAPSE_CHARS,
    isShortened: !detail && summary.length >= LIST_SUMMARY_LIMIT,
    participants,
    hasParticipants: participants.length > 0,
    topics,
    hasTopics: topics.length > 0,
    nextSteps: nextSteps.length
      ? { key: 'next-steps', title: NEXT_STEPS, groups: [{ key: 'next', category: '', items: nextSteps }], more: '' }
      : undefined,
    keyMoments: groups.length
      ? {
          key: 'highlights',
          title: HIGHLIGHTS,
          groups,
          more:
            !detail && hiddenHighlights > 0
              ? pluralLabel({ one: MORE_HIGHLIGHTS_ONE, other: MORE_HIGHLIGHTS_OTHER }, hiddenHighlights, LANG)
              : ''
        }
      : undefined,
    highlightCount: shown,
    tags,
    hasTags: tags.length > 0,
    comments: pluralLabel({ one: COMMENT_COUNT_ONE, other: COMMENT_COUNT_OTHER }, call.commentCount ?? 0, LANG),
    modjoUrl: safeUrl(call.modjoUrl, call.allowedLinkHosts),
    playLabel: `${formatLabel(PLAY_CALL, title)} ${NEW_TAB}`,
    matchExplanation: explanation.map((text, index) => ({ key: `line-${index}`, text })),
    hasMatchExplanation: explanation.length > 0
  };
}
