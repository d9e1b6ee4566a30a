import { describe, expect, it } from 'vitest';
import { friendlyIssue } from './issueWording.ts';

describe('friendlyIssue', () => {
  it('rewords messages that name document keys', () => {
    expect(friendlyIssue('expected one of "event", "inactiveFor" or "tagAdded"', 'trigger', 'event')).toBe(
      'Choose how users enter: an event, a stretch of silence, or a tag being added.',
    );
    expect(friendlyIssue('expected a duration such as "30m", "3d" or "90d" (units s, m, h, d; at most 365d)', 'wait', 'for')).toMatch(
      /minutes, hours or days/,
    );
  });

  it('turns the rest into sentences', () => {
    expect(friendlyIssue('expected a template of at most 20,000 characters', 'offer', 'template')).toBe('Expected a template of at most 20,000 characters.');
    expect(friendlyIssue('Already a sentence.')).toBe('Already a sentence.');
  });

  it('drops the step name from journey checks shown beside a field', () => {
    expect(friendlyIssue('The message of "Send X by email" cannot be read: unexpected token', 'offer', 'template')).toBe(
      'The message cannot be read: unexpected token',
    );
  });

  it('words split problems for the split form, not as a cost', () => {
    expect(friendlyIssue('Invalid input: expected number, received string', 'split', 'variants.1.weight')).toBe('Enter the weight as a number, such as 50.');
    expect(friendlyIssue('Invalid input: expected number, received string', 'split', 'holdout')).toBe('Enter the holdout as a number, such as 10.');
    expect(friendlyIssue('variant id "A" is used twice', 'split', 'variants.1.id')).toBe('Another variant is called A too; give each its own id.');
    expect(friendlyIssue('expected two variants, or one variant and a holdout', 'split', 'variants')).toMatch(/second variant/);
    expect(friendlyIssue('Invalid input: expected number, received string', 'offer', 'cost')).toBe('Enter the cost as a number, such as 2.50.');
  });
});
