import { parseJourney } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { newJourneyDocument, untitledName } from './newJourneyDocument.ts';

describe('newJourneyDocument', () => {
  it('is a document the API accepts, with one trigger', () => {
    const parsed = parseJourney(newJourneyDocument([]));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.nodes.map((n) => n.type)).toEqual(['trigger']);
  });

  it('numbers untitled journeys so names stay distinct', () => {
    expect(untitledName(['Win back'])).toBe('Untitled journey');
    expect(untitledName(['Untitled journey', 'Untitled journey 2'])).toBe('Untitled journey 3');
  });
});
