import { validateJourney, type JourneyDocument } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { fieldLabel, problemText } from './problemText.ts';

const doc = (data: Record<string, unknown>): JourneyDocument => ({
  schemaVersion: 1,
  name: 'J',
  settings: { reentry: 'never' },
  nodes: [
    { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'signed_up' } },
    { id: 'o', type: 'offer', position: { x: 0, y: 0 }, data },
  ],
  edges: [{ id: 'e', source: 't', target: 'o', sourceHandle: 'next' }],
});

describe('problemText', () => {
  it('names the field a data problem is about, in plain words', () => {
    const [violation] = validateJourney(doc({ offer: 'X', channel: 'webhook', url: 'nope', template: '' })).filter((v) => v.code === 'invalid-data');
    expect(violation && problemText(violation, 'offer')).toBe('Webhook URL: Enter a full web address starting with https:// or http://.');
  });

  it('keeps messages that are already written for people', () => {
    const [violation] = validateJourney(doc({ offer: 'X', channel: 'webhook', template: '' })).filter((v) => v.code === 'missing-url');
    expect(violation && problemText(violation, 'offer')).toBe(violation?.message);
  });

  it('names filter rows by their number', () => {
    expect(fieldLabel('wait', 'until.where.1.value')).toBe('Filter 2');
    expect(fieldLabel('goal', 'where.0.property')).toBe('Filter 1');
  });

  it('names split variants by their number', () => {
    expect(fieldLabel('split', 'variants.1.weight')).toBe('Variant 2 weight');
    expect(fieldLabel('split', 'variants.0.id')).toBe('Variant 1 id');
    expect(fieldLabel('split', 'variants')).toBe('Variants');
    expect(fieldLabel('split', 'holdout')).toBe('Holdout');
  });
});
