import type { JourneySummary } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { eligibleJourneys, formProblems, initialForm, nextVariantId, serverProblem, toInput } from './experimentForm.ts';

const journey = (id: string, extra: Partial<JourneySummary> = {}): JourneySummary => ({
  id,
  name: `Journey ${id}`,
  status: 'active',
  publishedVersion: 1,
  updatedAt: 0,
  entered: 0,
  active: 0,
  converted: 0,
  conversionRate: 0,
  ...extra,
});

describe('the new experiment form', () => {
  it('offers only published, running journeys that are in no experiment', () => {
    const list = [journey('a'), journey('draft', { publishedVersion: null, status: 'draft' }), journey('paused', { status: 'paused' }), journey('busy', { experiment: { id: 'x', name: 'X', variant: 'A' } }), journey('b')];
    expect(eligibleJourneys(list).map((j) => j.id)).toEqual(['a', 'b']);
    expect(initialForm(list)).toEqual({
      name: 'Journey a: A/B test',
      variants: [
        { id: 'A', journeyId: 'a', weight: '50' },
        { id: 'B', journeyId: 'b', weight: '50' },
      ],
      holdout: '0',
    });
  });

  it('names variants A, B, C … skipping ids in use', () => {
    expect(nextVariantId(['A', 'B'])).toBe('C');
    expect(nextVariantId(['B'])).toBe('A');
  });

  it('checks the form with the server schema and names each field', () => {
    const form = initialForm([journey('a'), journey('b')]);
    expect(formProblems(form)).toEqual({});
    expect(toInput(form)).toEqual({ name: 'Journey a: A/B test', variants: [{ id: 'A', journeyId: 'a', weight: 50 }, { id: 'B', journeyId: 'b', weight: 50 }] });
    const bad = { ...form, name: ' ', holdout: '150', variants: [{ ...form.variants[0]!, weight: 'x' }, { ...form.variants[1]!, journeyId: '' }] };
    const problems = formProblems(bad);
    expect(problems.name).toMatch(/name/);
    expect(problems.holdout).toMatch(/0 to 99/);
    expect(problems['variants.0.weight']).toBeDefined();
    expect(problems['variants.1.journeyId']).toBe('Choose a journey for this variant.');
  });

  it('puts a server refusal on the field it names', () => {
    expect(serverProblem('body.variants.1.journeyId: journey "X" is not published')).toEqual({ field: 'variants.1.journeyId', message: 'journey "X" is not published' });
    expect(serverProblem('something else')).toEqual({ field: 'form', message: 'something else' });
  });
});
