import fs from 'node:fs';
import path from 'node:path';
import { checkItem } from '../../../contract/validate';
import type { CallPayload, CrmAnswer } from '../../../contract/types/call-payload';
import { bodySizeError, checkPayload } from '../schema';
import { generatePayload, isoWithOffset, type SampleKind } from './generator';

describe('sample generator', () => {
  it('gives the same payloads for the same seed and different ones for another seed', () => {
    const a = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify(generatePayload(i, { seed: 'alpha', kind: 'mixed' }))
    );
    const b = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify(generatePayload(i, { seed: 'alpha', kind: 'mixed' }))
    );
    const c = Array.from({ length: 20 }, (_, i) => JSON.stringify(generatePayload(i, { seed: 'beta', kind: 'mixed' })));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(new Set(a.map((p) => (JSON.parse(p) as CallPayload).modjoCallId)).size).toBe(20);
  });

  it('is stable across releases for a given seed (golden values)', () => {
    const call = generatePayload(0, { seed: 'golden', kind: 'call' });
    expect({
      id: call.modjoCallId,
      version: call.version,
      startedAt: call.startedAt,
      durationSeconds: call.durationSeconds,
      title: call.title,
      phone: call.participants[1].phone,
      highlights: call.highlights.length
    }).toEqual({
      id: 'smp-7be62d41-0000000',
      version: 3,
      startedAt: '2026-01-08T09:23:20+01:00',
      durationSeconds: 542,
      title: 'Découverte — 上海云帆科技',
      phone: '02 41 71 29 00',
      highlights: 16
    });
    const meeting = generatePayload(7, { seed: 'golden', kind: 'meeting' });
    expect([meeting.modjoCallId, meeting.startedAt, meeting.participants.length, meeting.provider.name]).toEqual([
      'smp-7be62d41-0000007',
      '2026-04-25T13:32:21-04:00',
      3,
      'Microsoft Teams'
    ]);
  });

  it('produces payloads valid against the contract for many seeds and every kind', () => {
    const kinds: SampleKind[] = ['call', 'meeting', 'mixed'];
    let checked = 0;
    for (let s = 0; s < 45; s++) {
      const kind = kinds[s % 3];
      for (let i = 0; i < 25; i++) {
        const payload: CallPayload = generatePayload(i, { seed: `seed-${s}`, kind });
        const asPushed = checkPayload(payload, '$');
        const reference = checkItem(payload);
        const tooLarge = bodySizeError(payload, '$');
        if (asPushed.errors.length > 0 || reference.errors.length > 0 || tooLarge) {
          throw new Error(`seed-${s} #${i} invalid: ${JSON.stringify([...reference.errors, tooLarge])}`);
        }
        if (kind !== 'mixed' && payload.kind !== kind) throw new Error(`seed-${s} #${i} is a ${payload.kind}`);
        checked++;
      }
    }
    expect(checked).toBe(1125);
  });

  it('covers international names, four phone formats, long summaries and many highlights', () => {
    const payloads = Array.from({ length: 400 }, (_, i) => generatePayload(i, { seed: 'coverage', kind: 'mixed' }));
    const text = JSON.stringify(payloads);
    for (const ch of ['é', 'ß', '李', 'ü']) expect(text).toContain(ch);
    const phones = payloads.flatMap((p) => (p.participants ?? []).map((x) => x.phone).filter(Boolean)) as string[];
    expect(phones.some((p) => /^(\+33|0033|0[1-9])/.test(p))).toBe(true);
    expect(phones.some((p) => /^(\+44|07700|020)/.test(p))).toBe(true);
    expect(phones.some((p) => /^(\+1|\(\d{3}\)|\d{3}-555)/.test(p))).toBe(true);
    expect(phones.some((p) => /^(\+49|0151|0160|0170|0176|030|089)/.test(p))).toBe(true);
    expect(Math.max(...payloads.map((p) => (p.summary ?? '').length))).toBeGreaterThan(10_000);
    expect(Math.max(...payloads.map((p) => (p.highlights ?? []).length))).toBeGreaterThanOrEqual(300);
    expect(payloads.some((p) => p.kind === 'call') && payloads.some((p) => p.kind === 'meeting')).toBe(true);
  });

  it('formats date-times with the offset of the local time', () => {
    expect(isoWithOffset(Date.UTC(2026, 2, 14, 9, 30), 60)).toBe('2026-03-14T10:30:00+01:00');
    expect(isoWithOffset(Date.UTC(2026, 2, 14, 9, 30), -300)).toBe('2026-03-14T04:30:00-05:00');
    expect(isoWithOffset(Date.UTC(2026, 2, 14, 9, 30), 0)).toBe('2026-03-14T09:30:00Z');
  });
});

describe('sample crmFilling answers', () => {
  /** Answer keys of the CRM filling mappings the package ships (custom metadata records, disabled). */
  function shippedMappingKeys(): Set<string> {
    const dir = path.join(__dirname, '..', '..', '..', 'force-app', 'main', 'default', 'customMetadata');
    const keys = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((name) => name.startsWith('CRM_Filling_Mapping.'))) {
      const xml = fs.readFileSync(path.join(dir, file), 'utf8');
      const key = /<field>Answer_Key__c<\/field>\s*<value[^>]*>([^<]+)<\/value>/.exec(xml);
      if (key) keys.add(key[1]);
    }
    return keys;
  }

  it('carry answers valid for the contract, some the shipped mappings apply and some the org skips with a reason', () => {
    const payloads = Array.from({ length: 300 }, (_, i) => generatePayload(i, { seed: 'crm', kind: 'mixed' }));
    const withAnswers = payloads.filter((p) => Array.isArray(p.crmFilling) && p.crmFilling.length > 0);
    expect(withAnswers.length).toBeGreaterThan(30);
    for (const payload of withAnswers) {
      expect(checkItem(payload).errors).toEqual([]);
    }
    const answers = withAnswers.flatMap((p) => p.crmFilling as CrmAnswer[]);
    const mapped = shippedMappingKeys();
    expect(mapped.size).toBeGreaterThan(0);
    // Answers the org applies once the shipped mappings are enabled: a mapped key with a value that fits.
    const applicable = answers.filter(
      (a) => mapped.has(a.key) && (a.kind !== 'date' || (a.dateValue ?? '') >= '1700-01-01')
    );
    // Answers the org skips with a reason (docs/crm-filling.md): no mapping, a date before 1700 (Salesforce's
    // range), a picklist value the field does not have.
    const unmapped = answers.filter((a) => !mapped.has(a.key));
    const outOfRange = answers.filter((a) => a.kind === 'date' && (a.dateValue ?? '') < '1700-01-01');
    const unknownValue = answers.filter((a) => (a.picklistValues ?? []).includes('Not A Value'));
    expect(applicable.length).toBeGreaterThan(0);
    expect(unmapped.length).toBeGreaterThan(0);
    expect(outOfRange.length).toBeGreaterThan(0);
    expect(unknownValue.length).toBeGreaterThan(0);
    // Currency answers in two currencies: in a single-currency org one of them is always skipped (CURRENCY_MISMATCH).
    const currencies = new Set(answers.filter((a) => a.kind === 'currency').map((a) => a.currencyIsoCode));
    expect(currencies.size).toBeGreaterThan(1);
  });
});
