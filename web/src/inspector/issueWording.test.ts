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
});
