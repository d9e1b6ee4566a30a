import { offerNode, tagNode, waitNode, type Violation } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { errorsUnder, fieldErrors, withViolations } from './fieldErrors.ts';

describe('fieldErrors', () => {
  it('is empty for data the kind accepts', () => {
    expect(fieldErrors(waitNode.dataSchema, { for: '3d' })).toEqual({});
  });

  it('puts each problem under the dotted path of its field', () => {
    const errors = fieldErrors(waitNode.dataSchema, { until: { event: '', where: [{ property: 'plan', op: 'eq' }] } });
    expect(errors['until.event']).toBe('expected an event name');
    expect(errors['until.where.0.value']).toBe('expected a value for "eq"');
  });

  it('keeps the first message when a field has several', () => {
    const errors = fieldErrors(offerNode.dataSchema, { offer: '', channel: 'fax', template: 'Hi' });
    expect(errors.offer).toBe('expected an offer code such as "WINBACK20"');
    expect(errors.channel).toBe('expected a channel: webhook or email');
  });

  it('reports a rule about the whole node under the field it names', () => {
    expect(fieldErrors(tagNode.dataSchema, {})).toEqual({ add: 'expected at least one tag to add or remove' });
  });
});

describe('withViolations', () => {
  const missingUrl: Violation = { code: 'missing-url', nodeId: 'o1', field: 'data.url', message: '"Send X by webhook" needs the URL of the webhook to send the offer to.' };

  it('adds journey checks that name a data field', () => {
    expect(withViolations({}, [missingUrl])).toEqual({ url: missingUrl.message });
  });

  it('leaves schema problems, edges and graph checks alone', () => {
    const others: Violation[] = [
      { code: 'invalid-data', nodeId: 'o1', field: 'data.offer', message: 'Offer: expected an offer code' },
      { code: 'unconnected-handle', nodeId: 'o1', field: 'next', message: 'Connect it' },
    ];
    expect(withViolations({ url: 'first' }, [missingUrl, ...others])).toEqual({ url: 'first' });
  });
});

describe('errorsUnder', () => {
  it('keeps the paths under a prefix, relative to it', () => {
    expect(errorsUnder({ 'until.where.0.value': 'a', 'until.event': 'b', timeout: 'c' }, 'until.where')).toEqual({ '0.value': 'a' });
  });
});
