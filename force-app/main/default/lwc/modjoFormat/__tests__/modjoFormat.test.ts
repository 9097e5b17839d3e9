import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  errorMessage,
  formatDateTime,
  formatDuration,
  formatLabel,
  formatOffset,
  matchesFilter,
  normalizeText,
  playerUrl,
  pluralLabel,
  pluralTemplate,
  safeUrl,
  searchableText,
  searchWarning,
  type CallCardDto
} from 'c/modjoFormat';

/** A script URL stored in a field: it must never become a link. Built so linters do not mistake it for code. */
const SCRIPT_URL = ['javascript', 'alert(1)'].join(':');
const call: CallCardDto = {
  id: 'a03Qy0000000001AAA',
  title: 'Pilot review',
  summary: 'Pricing and the works council',
  provider: 'Aircall',
  tags: ['Expansion 2027'],
  participants: [
    { id: 'p1', name: 'Zoé Lefèvre', email: 'zoe@example.com' },
    { id: 'p2', name: 'Jörg Straße' }
  ],
  topics: [{ id: 't1', name: 'Pricing' }],
  highlights: [{ id: 'h1', text: 'Mandarin support', startSecond: 10 }]
};

describe('modjoFormat', () => {
  it('fills label placeholders', () => {
    expect(formatLabel('{0} calls shown', 12)).toBe('12 calls shown');
    expect(formatLabel('{1} then {0}', 'a', 'b')).toBe('b then a');
    expect(formatLabel('{0} and {3}', 'x')).toBe('x and {3}');
  });

  it('formats durations in the user locale', () => {
    expect(formatDuration(45, 'en-US')).toBe('45 sec');
    expect(formatDuration(3420, 'en-US')).toBe('57 min');
    expect(formatDuration(3900, 'en-US')).toBe('1 hr 5 min');
    expect(formatDuration(7200, 'en-US')).toBe('2 hr');
    // French separates the unit with a (narrow) no-break space.
    expect(formatDuration(3900, 'fr-FR').replace(/\s/g, ' ')).toBe('1 h 5 min');
    expect(formatDuration(60, 'not a locale!')).toMatch(/1/);
    expect(formatDuration(null, 'en-US')).toBe('');
    expect(formatDuration(-1, 'en-US')).toBe('');
  });

  it('formats dates in the user locale and time zone', () => {
    expect(formatDateTime('2026-11-26T15:30:00.000Z', 'en-US', 'America/Los_Angeles')).toBe('Nov 26, 2026, 7:30 AM');
    expect(formatDateTime('2026-11-26T15:30:00.000Z', 'fr-FR', 'Europe/Paris').replace(/\s/g, ' ')).toBe(
      '26 nov. 2026, 16:30'
    );
    expect(formatDateTime('2026-11-26T15:30:00.000Z', 'en-US', 'Not/AZone')).not.toBe('');
    expect(formatDateTime('yesterday', 'en-US', 'UTC')).toBe('');
    expect(formatDateTime(undefined, 'en-US', 'UTC')).toBe('');
  });

  it('formats moments of a call like a player', () => {
    expect(formatOffset(0)).toBe('0:00');
    expect(formatOffset(905)).toBe('15:05');
    expect(formatOffset(3723)).toBe('1:02:03');
    expect(formatOffset(null)).toBe('');
  });

  it("keeps only https links to the allowed hosts (Modjo's by default)", () => {
    expect(safeUrl('https://app.modjo.ai/calls/1')).toBe('https://app.modjo.ai/calls/1');
    expect(safeUrl(SCRIPT_URL)).toBeUndefined();
    expect(safeUrl('data:text/html,hi')).toBeUndefined();
    expect(safeUrl('http://app.modjo.ai/calls/1')).toBeUndefined();
    expect(safeUrl('https://evil.example.com/calls/1')).toBeUndefined();
    expect(safeUrl('/relative')).toBeUndefined();
    expect(safeUrl('')).toBeUndefined();
    expect(safeUrl(null)).toBeUndefined();
  });

  it('applies the hosts the controller returns: exact entries and *. entries', () => {
    const hosts = ['app.modjo.ai', '*.example.com'];
    expect(safeUrl('https://eu.example.com/c/1', hosts)).toBe('https://eu.example.com/c/1');
    expect(safeUrl('https://example.com/c/1', hosts)).toBeUndefined();
    expect(safeUrl('https://x.app.modjo.ai/c/1', hosts)).toBeUndefined();
    expect(safeUrl('https://eu.example.com/c/1', ['*.ai', 'bad/entry'])).toBeUndefined();
    expect(safeUrl('https://app.modjo.ai/c/1', [])).toBeUndefined();
    expect(safeUrl('https://app.modjo.ai/c/1', null)).toBe('https://app.modjo.ai/c/1');
    expect(safeUrl('https://\u212Ait.example.com/', ['kit.example.com'])).toBeUndefined();
    expect(playerUrl('https://eu.example.com/c/1', 5, hosts)).toBe('https://eu.example.com/c/1?t=5');
    expect(playerUrl('https://eu.example.com/c/1', 5)).toBeUndefined();
  });

  // The link conformance vectors (contract/examples/conformance/links.json, default hosts) through safeUrl: the
  // cards render a link exactly when PayloadValidator and the reference validator keep it.
  const vectors = (
    JSON.parse(
      readFileSync(path.join(__dirname, '../../../../../../contract/examples/conformance/links.json'), 'utf8')
    ) as { vectors: { name: string; set: { url: unknown }; expect: { status: number; warnings?: unknown[] } }[] }
  ).vectors.filter((v) => typeof v.set.url === 'string' && v.expect.status === 200);

  it.each(vectors.map((v) => [v.name, v] as const))('agrees with the contract on %s', (_name, v) => {
    const kept = (v.expect.warnings ?? []).length === 0;
    expect(safeUrl(v.set.url as string)).toBe(kept ? v.set.url : undefined);
  });

  it('opens the player at a moment with ?t=seconds', () => {
    expect(playerUrl('https://app.modjo.ai/calls/42', 95)).toBe('https://app.modjo.ai/calls/42?t=95');
    expect(playerUrl('https://app.modjo.ai/calls/42?lang=fr&t=3#x', 95.7)).toBe(
      'https://app.modjo.ai/calls/42?lang=fr&t=95#x'
    );
    expect(playerUrl('https://app.modjo.ai/calls/42', null)).toBe('https://app.modjo.ai/calls/42');
    expect(playerUrl(SCRIPT_URL, 5)).toBeUndefined();
  });

  it('searches without accents across the call', () => {
    expect(normalizeText('Zoé LEFÈVRE')).toBe('zoe lefevre');
    expect(searchableText(call)).toContain('mandarin support');
    expect(matchesFilter(call, '', 'lefevre')).toBe(true);
    expect(matchesFilter(call, '', 'straße')).toBe(true);
    expect(matchesFilter(call, '', 'expansion 2027')).toBe(true);
    expect(matchesFilter(call, '', 'nothing like it')).toBe(false);
    expect(matchesFilter(call, 'Pricing', '')).toBe(true);
    expect(matchesFilter(call, 'Security', '')).toBe(false);
    expect(matchesFilter(call, '', '   ')).toBe(true);
  });

  it('says why a page of a search may miss calls, summaries read in part first, numbers in the locale', () => {
    const labels = { rowLimit: 'Over {0} rows: refine.', summaries: 'Only the {0} newest summaries were read.' };
    expect(searchWarning({ incomplete: false, searchLimit: 2000 }, labels, 'en-US')).toBe('');
    expect(searchWarning({}, labels, 'en-US')).toBe('');
    expect(searchWarning({ incomplete: true, searchLimit: 2000 }, labels, 'en-US')).toBe('Over 2,000 rows: refine.');
    const partial = { incomplete: true, searchLimit: 2000, summariesIncomplete: true, summariesRead: 2000 };
    expect(searchWarning(partial, labels, 'en-US')).toBe('Only the 2,000 newest summaries were read.');
    expect(searchWarning(partial, labels, 'fr-FR')).toBe('Only the 2\u202f000 newest summaries were read.');
    expect(searchWarning({ ...partial, summariesRead: 600 }, labels, 'en-US')).toBe(
      'Only the 600 newest summaries were read.'
    );
  });

  it('reads the message of Apex and wire errors', () => {
    expect(errorMessage({ body: { message: 'No access' } }, 'fallback')).toBe('No access');
    expect(errorMessage({ body: [{ message: 'One' }, { message: 'Two' }] }, 'fallback')).toBe('One Two');
    expect(errorMessage({ body: [] }, 'fallback')).toBe('fallback');
    expect(errorMessage(new Error('Network'), 'fallback')).toBe('Network');
    expect(errorMessage(undefined, 'fallback')).toBe('fallback');
  });

  it('produces text that reads accessibly on a page', async () => {
    const paragraph = document.createElement('p');
    paragraph.textContent = `${formatDuration(3900, 'en-US')} · ${formatOffset(905)}`;
    document.body.appendChild(paragraph);
    await expect(document.body).toBeAccessible();
    document.body.removeChild(paragraph);
  });
});

describe('plural forms', () => {
  const calls = { one: '{0} call', other: '{0} calls' };
  const appels = { one: '{0} appel', other: '{0} appels' };

  it('chooses the form by the plural rule of the language: French says 0 and 1 in the singular, English only 1', () => {
    expect([0, 1, 2].map((n) => pluralLabel(calls, n, 'en-US'))).toEqual(['0 calls', '1 call', '2 calls']);
    expect([0, 1, 2].map((n) => pluralLabel(appels, n, 'fr-FR'))).toEqual(['0 appel', '1 appel', '2 appels']);
    expect(pluralLabel(appels, 1500, 'fr-FR')).toBe('1\u202f500 appels');
  });

  it('gives the unfilled template for labels whose noun follows another number than {0}', () => {
    const forms = { one: '{0} of {1} participant', other: '{0} of {1} participants' };
    expect(pluralTemplate(forms, 1, 'en')).toBe(forms.one);
    expect(pluralTemplate(forms, 3, 'en')).toBe(forms.other);
    expect(pluralTemplate(forms, 0, 'fr')).toBe(forms.one);
    expect(pluralTemplate(forms, 2, 'not a locale!')).toBe(forms.other);
  });
});
