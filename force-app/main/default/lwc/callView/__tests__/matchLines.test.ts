/*
 * Match explanations rendered in French from their codes: the French values of the Custom Labels (read from
 * translations/fr.translation-meta.xml, as a French user gets them), the fr-FR locale and the Europe/Paris time zone.
 */
import { explanationLines, MATCH_LABELS, MATCH_STATUS_LABELS, matchStatusLabel } from '../matchLines';
import { matchStatusLabel as exported } from '../callView';
import type { CallCardDto } from 'c/modjoFormat';

/** The French value of a Custom Label (a function declaration: hoisted, so the jest.mock factories can call it). */
function mockFrench(name: string): string {
  const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
  const xml = readFileSync(`${__dirname}/../../../translations/fr.translation-meta.xml`, 'utf8');
  const entry = new RegExp(`<label>([^<]*)</label>\\s*<name>${name}</name>`).exec(xml);
  if (!entry) {
    throw new Error(`no French translation of ${name}`);
  }
  return entry[1];
}

jest.mock('@salesforce/i18n/locale', () => ({ default: 'fr-FR' }), { virtual: true });
jest.mock('@salesforce/i18n/timeZone', () => ({ default: 'Europe/Paris' }), { virtual: true });
jest.mock('@salesforce/label/c.Modjo_Match_TEXT', () => ({ default: mockFrench('Modjo_Match_TEXT') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Modjo_Match_SUMMARY', () => ({ default: mockFrench('Modjo_Match_SUMMARY') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Modjo_Match_SUMMARY_One', () => ({ default: mockFrench('Modjo_Match_SUMMARY_One') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Modjo_Match_ACCOUNT_KEPT', () => ({ default: mockFrench('Modjo_Match_ACCOUNT_KEPT') }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Modjo_Match_ACCOUNT_CLEARED',
  () => ({ default: mockFrench('Modjo_Match_ACCOUNT_CLEARED') }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Modjo_Match_OPPORTUNITY_KEPT',
  () => ({ default: mockFrench('Modjo_Match_OPPORTUNITY_KEPT') }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Modjo_Match_OPPORTUNITY_CLEARED',
  () => ({ default: mockFrench('Modjo_Match_OPPORTUNITY_CLEARED') }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Modjo_Match_CONTACT_KEPT', () => ({ default: mockFrench('Modjo_Match_CONTACT_KEPT') }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Modjo_Match_CONTACT_CLEARED',
  () => ({ default: mockFrench('Modjo_Match_CONTACT_CLEARED') }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Modjo_Match_LEAD_KEPT', () => ({ default: mockFrench('Modjo_Match_LEAD_KEPT') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Modjo_Match_LEAD_CLEARED', () => ({ default: mockFrench('Modjo_Match_LEAD_CLEARED') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Modjo_Match_OWNER_KEPT', () => ({ default: mockFrench('Modjo_Match_OWNER_KEPT') }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Modjo_Match_PARTICIPANT_KEPT',
  () => ({ default: mockFrench('Modjo_Match_PARTICIPANT_KEPT') }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Modjo_Match_PARTICIPANT_HAND_LOST',
  () => ({ default: mockFrench('Modjo_Match_PARTICIPANT_HAND_LOST') }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Modjo_Match_HAND_PARTICIPANT',
  () => ({ default: mockFrench('Modjo_Match_HAND_PARTICIPANT') }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Modjo_Match_HAND_ACCOUNT', () => ({ default: mockFrench('Modjo_Match_HAND_ACCOUNT') }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Modjo_Match_HAND_OPPORTUNITY',
  () => ({ default: mockFrench('Modjo_Match_HAND_OPPORTUNITY') }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Modjo_Match_REMATCHED', () => ({ default: mockFrench('Modjo_Match_REMATCHED') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Cards_Status_Pending', () => ({ default: mockFrench('Cards_Status_Pending') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Cards_Status_Matched', () => ({ default: mockFrench('Cards_Status_Matched') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Cards_Status_Partial', () => ({ default: mockFrench('Cards_Status_Partial') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Cards_Status_Ambiguous', () => ({ default: mockFrench('Cards_Status_Ambiguous') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Cards_Status_Unmatched', () => ({ default: mockFrench('Cards_Status_Unmatched') }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Cards_Status_Internal', () => ({ default: mockFrench('Cards_Status_Internal') }), {
  virtual: true
});

function callWith(lines: CallCardDto['matchExplanationLines'], text = ''): CallCardDto {
  return { id: 'a03Qy0000000001AAA', matchExplanationLines: lines, matchExplanation: text };
}

describe('match explanation lines', () => {
  it('renders every code Apex writes (MatchExplanation.CODE_*) through its label', () => {
    expect(Object.keys(MATCH_LABELS).sort()).toEqual(
      [
        'ACCOUNT_CLEARED',
        'ACCOUNT_KEPT',
        'CONTACT_CLEARED',
        'CONTACT_KEPT',
        'HAND_ACCOUNT',
        'HAND_OPPORTUNITY',
        'HAND_PARTICIPANT',
        'LEAD_CLEARED',
        'LEAD_KEPT',
        'OPPORTUNITY_CLEARED',
        'OPPORTUNITY_KEPT',
        'OWNER_KEPT',
        'PARTICIPANT_HAND_LOST',
        'PARTICIPANT_KEPT',
        'REMATCHED',
        'SUMMARY',
        'TEXT'
      ].sort()
    );
  });

  it('translates the status of the summary and formats the time of a fix in the user’s zone', () => {
    const lines = explanationLines(
      callWith([
        { code: 'SUMMARY', params: ['Partial', '1', '3'] },
        { code: 'TEXT', params: ['Account Lumière Retail from Contact Zoé Lefèvre'] },
        { code: 'OPPORTUNITY_KEPT', params: ['Expansion 2027'] },
        { code: 'HAND_ACCOUNT', params: ['Camille Martin', 'Lumière Retail', '2026-11-24T09:12:00Z'] }
      ])
    );
    expect(lines).toEqual([
      'Partiellement associé\u00a0: 1 sur 3 participants externes associés',
      'Account Lumière Retail from Contact Zoé Lefèvre',
      'Opportunité «\u00a0Expansion 2027\u00a0» conservée\u00a0: elle a été choisie à la main',
      `Camille Martin a choisi le compte Lumière Retail le ${new Intl.DateTimeFormat('fr-FR', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Paris'
      }).format(new Date('2026-11-24T09:12:00Z'))}`
    ]);
  });

  it('labels every match status of Call__c and Call_Participant__c once, for the card and the call detail', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const objects = `${__dirname}/../../../objects`;
    const values = (object: string): string[] =>
      [
        ...readFileSync(`${objects}/${object}/fields/Match_Status__c.field-meta.xml`, 'utf8').matchAll(
          /<fullName>([^<]+)<\/fullName>/g
        )
      ]
        .map((m) => m[1])
        .filter((name) => name !== 'Match_Status__c');
    const statuses = [...new Set([...values('Call__c'), ...values('Call_Participant__c')])].sort();
    expect(Object.keys(MATCH_STATUS_LABELS).sort()).toEqual(statuses);
    statuses.forEach((status) => expect(matchStatusLabel(status)).toBe(mockFrench(`Cards_Status_${status}`)));
    expect(matchStatusLabel('Someday')).toBe('Someday');
    expect(matchStatusLabel(undefined)).toBe('');
    // The call detail (another bundle) reads it through callView's main module: one map, not a copy.
    expect(exported).toBe(matchStatusLabel);
  });

  it('says participant in the singular when the call has one external participant, by the French plural rule', () => {
    const summary = (matched: string, total: string): string =>
      explanationLines(callWith([{ code: 'SUMMARY', params: ['Matched', matched, total] }]))[0];
    expect(summary('1', '1')).toBe('Associé\u00a0: 1 sur 1 participant externe associé');
    expect(summary('0', '1')).toBe('Associé\u00a0: 0 sur 1 participant externe associé');
    expect(summary('1', '2')).toBe('Associé\u00a0: 1 sur 2 participants externes associés');
    expect(summary('2', '12')).toBe('Associé\u00a0: 2 sur 12 participants externes associés');
  });

  it('renders a re-match line between the earlier and the new lines: status and time translated', () => {
    const lines = explanationLines(
      callWith([
        { code: 'SUMMARY', params: ['Unmatched', '0', '1'] },
        { code: 'REMATCHED', params: ['Unmatched', 'Camille Martin', '2026-12-01T03:00:00Z'] },
        { code: 'SUMMARY', params: ['Matched', '1', '1'] }
      ])
    );
    const at = new Intl.DateTimeFormat('fr-FR', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Paris'
    }).format(new Date('2026-12-01T03:00:00Z'));
    expect(lines).toEqual([
      'Non associé\u00a0: 0 sur 1 participant externe associé',
      `Associé à nouveau par Camille Martin le ${at} (le statut était\u00a0: Non associé)\u00a0; les lignes au-dessus viennent des associations précédentes`,
      'Associé\u00a0: 1 sur 1 participant externe associé'
    ]);
  });

  it('falls back to the stored English text for a code this version does not know, and for calls without codes', () => {
    const stored = 'Matched: 1 of 1 external participants matched\nContact kept: it was set by hand';
    expect(explanationLines(callWith([{ code: 'NEW_RULE', params: [] }], stored))).toEqual(stored.split('\n'));
    expect(explanationLines(callWith(null, stored))).toEqual(stored.split('\n'));
    expect(explanationLines(callWith([], ''))).toEqual([]);
  });
});
