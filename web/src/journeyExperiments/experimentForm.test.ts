import type { JourneySummary } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { addVariant, eligibleJourneys, formProblems, initialForm, removeVariant, serverProblems, toInput, type ExperimentForm } from './experimentForm.ts';

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

const form = (variants: Array<[string, string, string]>, extra: Partial<ExperimentForm> = {}): ExperimentForm => ({
  name: 'Welcome test',
  variants: variants.map(([id, journeyId, weight]) => ({ id, journeyId, weight })),
  holdout: '0',
  ...extra,
});

describe('the new experiment form', () => {
  it('offers only published, running journeys that are in no experiment', () => {
    const list = [
      journey('a'),
      journey('draft', { publishedVersion: null, status: 'draft' }),
      journey('paused', { status: 'paused' }),
      journey('archived', { status: 'archived' }),
      journey('busy', { experiment: { id: 'x', name: 'X', variant: 'A' } }),
      journey('b'),
    ];
    expect(eligibleJourneys(list).map((j) => j.id)).toEqual(['a', 'b']);
    expect(initialForm(list)).toEqual(form([['A', 'a', '50'], ['B', 'b', '50']], { name: 'Journey a: A/B test' }));
  });

  it('starts empty-handed when nothing can be tested, and says so on submit', () => {
    const empty = initialForm([journey('draft', { publishedVersion: null, status: 'draft' })]);
    expect(empty).toEqual(form([['A', '', '50'], ['B', '', '50']], { name: '' }));
    expect(formProblems(empty)).toMatchObject({ 'variants.0.journeyId': 'Choose a journey for this variant.', 'variants.1.journeyId': 'Choose a journey for this variant.' });
  });

  it('adds variants C, D … with a journey no other row has, and keeps the letters in order after a removal', () => {
    const journeys = [journey('a'), journey('b'), journey('c')];
    const three = addVariant(initialForm(journeys), journeys);
    expect(three.variants.at(-1)).toEqual({ id: 'C', journeyId: 'c', weight: '50' });
    expect(addVariant(three, journeys).variants.at(-1)).toEqual({ id: 'D', journeyId: '', weight: '50' });
    expect(removeVariant(three, 0).variants).toEqual([
      { id: 'A', journeyId: 'b', weight: '50' },
      { id: 'B', journeyId: 'c', weight: '50' },
    ]);
  });

  it('maps the form to the request body, numbers parsed and no holdout when it is 0 or empty', () => {
    expect(toInput(form([['A', 'a', '50'], ['B', 'b', '1.5']]))).toEqual({
      name: 'Welcome test',
      variants: [
        { id: 'A', journeyId: 'a', weight: 50 },
        { id: 'B', journeyId: 'b', weight: 1.5 },
      ],
    });
    expect(toInput(form([['A', 'a', '50']], { holdout: '' }))).not.toHaveProperty('holdout');
    expect(toInput(form([['A', 'a', '50']], { holdout: '10' })).holdout).toBe(10);
  });

  it('checks the form with the server schema and names each field', () => {
    expect(formProblems(form([['A', 'a', '50'], ['B', 'b', '50']]))).toEqual({});
    const problems = formProblems(form([['A', 'a', 'x'], ['B', '', '50']], { name: ' ', holdout: '150' }));
    expect(problems.name).toBe('Expected a name for the experiment');
    expect(problems.holdout).toBe('Expected a holdout percentage from 0 to 99');
    expect(problems['variants.0.weight']).toMatch(/number/);
    expect(problems['variants.1.journeyId']).toBe('Choose a journey for this variant.');
    expect(formProblems(form([['A', 'a', '50'], ['B', 'a', '50']]))).toEqual({ 'variants.1.journeyId': 'Journey "a" is already a variant of this experiment' });
    expect(formProblems(form([['A', 'a', '0'], ['B', 'b', '0']]))).toEqual({ variants: 'Expected at least one variant with a weight above 0' });
    expect(formProblems(form([['A', 'a', '50']]))).toEqual({ variants: 'Expected two variants, or one variant and a holdout' });
    expect(formProblems(form([['A', 'a', '50']], { holdout: '10' }))).toEqual({});
  });
});

describe('serverProblems', () => {
  const twoRows = form([['A', 'a', '50'], ['B', 'b', '50']]);

  it('puts each problem of a 400 on the field it names', () => {
    const error = new ApiError(400, 'invalid_input', 'body.variants.1.weight: expected a weight of zero or more; body.name: expected a name', {
      code: 'invalid_input',
      message: '…',
      problems: [
        { field: 'body.variants.1.weight', message: 'expected a weight of zero or more' },
        { field: 'body.name', message: 'expected a name' },
      ],
    });
    expect(serverProblems(error, twoRows)).toEqual({ 'variants.1.weight': 'Expected a weight of zero or more', name: 'Expected a name' });
  });

  it('puts a 422 refusal on the variant whose journey it is about', () => {
    const message = 'journey "Welcome B" must start on the same trigger as the control, so both arms see the same users';
    const error = new ApiError(422, 'experiment_refused', `body.variants.1.journeyId: ${message}`, {
      code: 'experiment_refused',
      message: `body.variants.1.journeyId: ${message}`,
      problems: [{ field: 'body.variants.1.journeyId', message }],
    });
    expect(serverProblems(error, twoRows)).toEqual({ 'variants.1.journeyId': `J${message.slice(1)}` });
  });

  it('reads the field from the message when there are no problems (a 404), and falls back to the whole form', () => {
    expect(serverProblems(new ApiError(404, 'not_found', 'body.variants.0.journeyId: no journey "gone"'), twoRows)).toEqual({ 'variants.0.journeyId': 'No journey "gone"' });
    expect(serverProblems(new ApiError(0, 'network_error', 'Could not reach the Waymark server.'), twoRows)).toEqual({ form: 'Could not reach the Waymark server.' });
    expect(serverProblems(new ApiError(400, 'invalid_input', 'body.variants.0.id: "holdout" is reserved'), twoRows)).toEqual({ form: '"holdout" is reserved (variants.0.id)' });
    expect(serverProblems(new ApiError(400, 'invalid_input', 'body.variants.5.weight: expected a number'), twoRows)).toEqual({ form: 'Expected a number (variants.5.weight)' });
  });
});
